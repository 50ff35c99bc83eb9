"""The hashed locks agree with requirements*.txt, and this environment is what they describe.

`make lock` writes requirements*.lock from requirements*.txt; `make run` / `make test` install the locks.
These tests fail when someone edits a requirements file without re-locking, or edits a lock by hand."""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock"),
         ("requirements-tools.txt", "requirements-tools.lock")]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def requirements(name: str) -> list[Requirement]:
    """The requirements of one requirements file, following `-r` includes."""
    found = []
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found += requirements(line[3:].strip())
        elif line:
            found.append(Requirement(line))
    return found


def lock_entries(name: str) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, sha256 hashes) of one lock file."""
    entries: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        pinned = PIN.match(line)
        if pinned:
            current = canonicalize_name(pinned[1])
            entries[current] = (pinned[2], [])
        elif current and line.strip().startswith("--hash=sha256:"):
            entries[current][1].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
        elif line and not line.startswith((" ", "#")):
            current = None
    return entries


@pytest.mark.parametrize("requirements_file, lock_file", PAIRS)
def test_every_requirement_is_locked_at_its_pinned_version(requirements_file, lock_file):
    locked = lock_entries(lock_file)
    for req in requirements(requirements_file):
        pins = [s.version for s in req.specifier if s.operator == "=="]
        assert pins, f"{requirements_file}: {req} is not pinned with =="
        name = canonicalize_name(req.name)
        assert name in locked, f"{lock_file} lacks {name}: run `make lock`"
        assert locked[name][0] == pins[0], (
            f"{lock_file} has {name}=={locked[name][0]}, {requirements_file} pins {pins[0]}: run `make lock`")


@pytest.mark.parametrize("lock_file", [lock for _, lock in PAIRS])
def test_every_locked_package_is_pinned_and_hashed(lock_file):
    text = (ROOT / lock_file).read_text(encoding="utf-8")
    top_level = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert top_level, f"{lock_file} is empty"
    assert all(PIN.match(line) for line in top_level), [line for line in top_level if not PIN.match(line)]
    unhashed = [name for name, (_, hashes) in lock_entries(lock_file).items() if not hashes]
    assert not unhashed, f"{lock_file}: no hash for {unhashed}"
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for _, hashes in lock_entries(lock_file).values() for h in hashes)


def test_the_runtime_lock_is_the_dev_lock_less_the_test_tools():
    runtime, dev = lock_entries("requirements.lock"), lock_entries("requirements-dev.lock")
    assert set(runtime) < set(dev)
    assert {name: runtime[name][0] for name in runtime} == {name: dev[name][0] for name in runtime}


def dependency_closure(roots: list[Requirement]) -> set[str]:
    """Every distribution the roots need on this interpreter, from the installed packages' metadata."""
    env = default_environment()
    seen: set[str] = set()
    todo = [(req, "") for req in roots]
    while todo:
        req, extra = todo.pop()
        if req.marker and not req.marker.evaluate({**env, "extra": extra}):
            continue
        name = canonicalize_name(req.name)
        key = f"{name}[{','.join(sorted(req.extras))}]"
        if key in seen:
            continue
        seen.add(key)
        for dependency in metadata.requires(req.name) or []:
            dependency_req = Requirement(dependency)
            extras = req.extras or {""}
            todo += [(dependency_req, e) for e in extras]
    return {key.split("[")[0] for key in seen}


def test_the_dev_lock_is_exactly_what_the_requirements_need_here():
    """No package missing from the lock and none left over (a stale entry after a requirement is dropped)."""
    needed = dependency_closure(requirements("requirements-dev.txt"))
    locked = set(lock_entries("requirements-dev.lock"))
    assert needed - locked == set(), f"needed but not locked: {sorted(needed - locked)}"
    assert locked - needed == set(), f"locked but needed by nothing: {sorted(locked - needed)}"


def test_this_environment_runs_the_locked_versions():
    drift = {name: (version, metadata.version(name)) for name, (version, _) in lock_entries("requirements-dev.lock").items()
             if metadata.version(name) != version}
    assert drift == {}, f"installed versions differ from the lock (locked, installed): {drift}; run `make dev-deps`"
