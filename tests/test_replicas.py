"""Replicas behind nginx (scripts/replicas.py) and the load test's data-version check (scripts/load.py)."""
from __future__ import annotations

import subprocess
import sys
import threading
import urllib.request
from collections import Counter
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import load  # noqa: E402
from run_apart import run_apart  # noqa: E402
import replicas  # noqa: E402

needs_nginx = pytest.mark.skipif(replicas.nginx_binary() is None,
                                 reason="nginx is not installed (`make load-deps`): only `make load` needs it")


# ---------------------------------------------------------------- the generated configuration

def test_config_is_sticky_by_cookie_and_passes_websockets(tmp_path):
    conf = replicas.nginx_conf(8670, [8671, 8672], tmp_path)
    assert "hash $wmc_route consistent;" in conf and "ip_hash" not in conf
    assert "server 127.0.0.1:8671 max_fails=0;" in conf and "server 127.0.0.1:8672 max_fails=0;" in conf
    assert "listen 127.0.0.1:8670;" in conf
    for line in ("proxy_http_version 1.1;", "proxy_set_header Upgrade $http_upgrade;",
                 "proxy_set_header Connection $connection_upgrade;", "proxy_buffering off;"):
        assert line in conf
    # A first visit is routed by its request id, which becomes the cookie; a valid cookie routes after.
    assert '"~^[0-9a-f]{32}$" $cookie_wmc_replica;' in conf and "default         $request_id;" in conf
    assert 'wmc_replica=$request_id; Path=/; HttpOnly; SameSite=Lax' in conf
    assert str(tmp_path.resolve()) + "/nginx.pid" in conf and "/etc/" not in conf and "/var/" not in conf


@pytest.mark.parametrize("listen, upstreams", [(8670, []), (8670, [8670]), (0, [8671]), (8670, [70000]),
                                               (8670, [8671, 8671])])
def test_config_refuses_bad_ports(tmp_path, listen, upstreams):
    with pytest.raises(ValueError, match="ports"):
        replicas.nginx_conf(listen, upstreams, tmp_path)


@pytest.mark.parametrize("name", ["with space", "semi;colon", "brace{", "quote'", "dollar$x"])
def test_config_refuses_a_folder_nginx_would_misread(tmp_path, name):
    with pytest.raises(ValueError, match="may hold only"):
        replicas.nginx_conf(8670, [8671], tmp_path / name)


@needs_nginx
def test_nginx_accepts_the_generated_configuration(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(replicas.nginx_conf(8690, [8691, 8692], tmp_path), encoding="utf-8")
    done = subprocess.run([replicas.nginx_binary(), "-e", str(tmp_path / "err.log"), "-p", str(tmp_path), "-c",
                           str(conf), "-t"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


@needs_nginx
def test_browsers_stick_to_the_replica_of_their_first_visit(tmp_path):
    """Two plain HTTP servers saying who they are: each cookie-holding client always reaches the same
    one, first visits spread over both, and a forged cookie is replaced."""
    backends = []
    for name in ("A", "B"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "index.html").write_text(name)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        backends.append(server)
    from scripts.served_app import free_port

    nginx = replicas.Nginx(free_port(), [b.server_address[1] for b in backends], tmp_path / "front").start()
    try:
        first = Counter()
        for _ in range(16):
            with urllib.request.urlopen(nginx.url + "/", timeout=10) as response:
                body, cookie = response.read(), response.headers["Set-Cookie"].split(";")[0]
            first[body] += 1
            for _ in range(4):
                request = urllib.request.Request(nginx.url + "/", headers={"Cookie": cookie})
                with urllib.request.urlopen(request, timeout=10) as again:
                    assert again.read() == body
                    assert again.headers["Set-Cookie"] is None  # kept, not reissued
        assert set(first) == {b"A", b"B"}
        forged = urllib.request.Request(nginx.url + "/", headers={"Cookie": "wmc_replica=../../etc"})
        with urllib.request.urlopen(forged, timeout=10) as response:
            assert response.headers["Set-Cookie"].startswith("wmc_replica=")
            assert "etc" not in response.headers["Set-Cookie"]
    finally:
        nginx.stop()
        for server in backends:
            server.shutdown()
    assert nginx.proc.poll() is not None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# ---------------------------------------------------------------- one data version across a publish

PUBLISH = {"started": 10.0, "finished": 12.0, "returncode": 0}


def _runs(*rows):
    return [(session, started, tuple(versions), replica) for session, started, versions, replica in rows]


def test_a_clean_switch_is_no_breach():
    runs = _runs((1, 1.0, [1], "a"), (1, 11.0, [1], "a"), (1, 13.0, [2], "a"), (2, 13.5, [2], "b"),
                 (3, 5.0, [1], "b"))
    assert load.check_versions(runs, PUBLISH) == Counter()


@pytest.mark.parametrize("rows, breach", [
    ([(1, 1.0, [1, 2], "a")], "run mixing versions"),
    ([(1, 1.0, [], "a")], "run without exactly one version"),
    ([(1, 1.0, [1], "a"), (1, 11.0, [2], "a"), (1, 11.5, [1], "a")], "session went back to an older version"),
    ([(1, 1.0, [1], "a"), (1, 11.0, [2], "a"), (1, 11.5, [1], "a"), (1, 11.8, [2], "a")],
     "session switched more than once"),
    ([(1, 1.0, [2], "a"), (2, 13.0, [1], "a")], "old version after the publish"),
    ([(1, 1.0, [1], "a"), (1, 2.0, [1], "b")], "session moved between replicas"),
])
def test_each_breach_is_found(rows, breach):
    assert load.check_versions(_runs(*rows), PUBLISH)[breach] >= 1


# ---------------------------------------------------------------- the whole thing, briefly


@needs_nginx
@pytest.mark.replicas
def test_two_replicas_serve_sessions_through_a_publish(tmp_path):
    """`make load REPLICAS=2` in small: 4 sessions for 15 s, a publish 3 s in, every check of the
    load test (0 errors, stickiness, one version per run and session, new version after)."""
    db = tmp_path / "wmc.duckdb"
    subprocess.run([sys.executable, "-m", "loaders", "build", "--db", str(db)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, timeout=120)
    load._publish_file(tmp_path)
    front = load._start_front(db, tmp_path, 2, None)
    try:
        stats, _, peaks = run_apart(load._drive_ws(front, 4, 15, 1, 1, publish_at=3))
        logs = [server.log(tail=2_000_000) for server in front.servers]
    finally:
        load._stop_front(front)
    for log in logs:
        load._server_failures(log, stats)
    assert stats.publish["returncode"] == 0
    assert load.check_versions(stats.runs, stats.publish) == Counter()
    assert sum(stats.errors.values()) == 0, stats.examples
    assert len(stats.by_replica) == 2, stats.by_replica  # both replicas served sessions
    shown = {v for _, _, versions, _ in stats.runs for v in versions}
    after = [versions for _, started, versions, _ in stats.runs if started > stats.publish["finished"]]
    assert shown == {1, 2} and after and all(v == (2,) for v in after)
    assert all(peak > 0 for peak in peaks.values())


def test_the_load_script_explains_its_options():
    """`scripts/load.py --help` prints every option (a literal % in a help text once crashed it)."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "load.py"), "--help"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert all(option in done.stdout for option in ("--sessions", "--replicas", "--think", "--publish-at"))
