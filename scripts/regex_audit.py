"""A small structural check for regexes that backtrack badly (ReDoS), used on the release extractor's patterns.

Python's `re` backtracks. Three shapes make it super-linear on a long run of one character, and they are what the
check looks for in a parsed pattern (`re._parser`):
* a leading unbounded repeat (`\\d[\\d,]*...`, `(?:约|超)*\\d`) that a run can enter at every position: each start
  scans to the run's end, O(n^2). Guarded when a lookbehind or a word boundary before it refuses a start inside
  the run, or when the repeat is bounded (`{0,24}`);
* two unbounded repeats side by side (only optional items between them) that can read the same character
  (`\\s*,?\\s*`): O(n^2) ways to split one run, O(n^3) with the first shape;
* an unbounded repeat inside an unbounded repeat (`(\\d+,?)*`): exponential.
A possessive repeat (`*+`) or an atomic group never gives characters back, so the second and third shapes do not
apply to it; the first still does (a possessive scan from every start is still O(n^2)).

`python scripts/regex_audit.py` records every pattern the extractor compiles while it reads the test releases and
prints the findings; `audit(pattern, flags)` returns them for one pattern.
"""
from __future__ import annotations

import re
import sys
from re import _constants as C  # noqa: N812 (the parser's opcode names)
from re import _parser

UNBOUNDED = C.MAXREPEAT
# characters a run can be made of: ASCII, the spaces and the CJK words the patterns use (filled in per pattern)
_BASE_ALPHABET = {chr(c) for c in range(32, 127)} | set("\t\n\u00a0\u2009\u202f\u3000，。；、：！？（）％")
_WORD_CATEGORIES = {C.CATEGORY_WORD: True, C.CATEGORY_NOT_WORD: False}


def _literals(parsed, out: set[str]) -> None:
    for op, av in parsed:
        if op in (C.LITERAL, C.NOT_LITERAL):
            out.add(chr(av))
        elif op == C.IN:
            for kind, value in av:
                if kind == C.LITERAL:
                    out.add(chr(value))
                elif kind == C.RANGE:
                    out.update({chr(value[0]), chr(value[1])})
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _literals(av[2], out)
        elif op == C.SUBPATTERN:
            _literals(av[3], out)
        elif op in (C.ATOMIC_GROUP,):
            _literals(av, out)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _literals(av[1], out)
        elif op == C.BRANCH:
            for branch in av[1]:
                _literals(branch, out)


def _category(category, ch: str) -> bool:
    checks = {
        C.CATEGORY_DIGIT: ch.isdigit(), C.CATEGORY_NOT_DIGIT: not ch.isdigit(),
        C.CATEGORY_SPACE: ch.isspace(), C.CATEGORY_NOT_SPACE: not ch.isspace(),
        C.CATEGORY_WORD: ch.isalnum() or ch == "_", C.CATEGORY_NOT_WORD: not (ch.isalnum() or ch == "_"),
    }
    return checks.get(category, False)


class _Sets:
    def __init__(self, alphabet: set[str], ignore_case: bool):
        self.alphabet = alphabet
        self.ignore_case = ignore_case

    def one(self, op, av) -> set[str] | None:
        """The characters a single-character item matches; None when the item is not one character."""
        if op == C.LITERAL:
            chars = {chr(av)}
        elif op == C.NOT_LITERAL:
            chars = {ch for ch in self.alphabet if ch != chr(av)}
        elif op == C.ANY:
            chars = {ch for ch in self.alphabet if ch != "\n"}
        elif op == C.IN:
            negate = any(kind == C.NEGATE for kind, _ in av)
            chars = {ch for ch in self.alphabet if self._in(av, ch) != negate}
        else:
            return None
        if self.ignore_case:
            chars |= {ch.swapcase() for ch in chars}
        return chars

    def _in(self, items, ch: str) -> bool:
        for kind, value in items:
            if kind == C.LITERAL and chr(value) == ch:
                return True
            if kind == C.RANGE and value[0] <= ord(ch) <= value[1]:
                return True
            if kind == C.CATEGORY and _category(value, ch):
                return True
        return False

    def first(self, parsed) -> set[str]:
        """Characters that can start a match of the sequence `parsed` (empty items are skipped over)."""
        out: set[str] = set()
        for op, av in parsed:
            chars = self.one(op, av)
            if chars is not None:
                return out | chars
            if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                out |= self.first(av[2])
                if av[0] > 0 and not _nullable(av[2]):
                    return out
            elif op == C.SUBPATTERN:
                out |= self.first(av[3])
                if not _nullable(av[3]):
                    return out
            elif op == C.ATOMIC_GROUP:
                out |= self.first(av)
                if not _nullable(av):
                    return out
            elif op == C.BRANCH:
                for branch in av[1]:
                    out |= self.first(branch)
                if not any(_nullable(b) for b in av[1]):
                    return out
            # assertions and anchors are zero-width: go on
        return out

    def chars(self, parsed) -> set[str]:
        """Every character any part of `parsed` can match (for the overlap of two repeats)."""
        out: set[str] = set()
        for op, av in parsed:
            chars = self.one(op, av)
            if chars is not None:
                out |= chars
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                out |= self.chars(av[2])
            elif op == C.SUBPATTERN:
                out |= self.chars(av[3])
            elif op == C.ATOMIC_GROUP:
                out |= self.chars(av)
            elif op == C.BRANCH:
                for branch in av[1]:
                    out |= self.chars(branch)
        return out


def _nullable(parsed) -> bool:
    for op, av in parsed:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return False
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            if av[0] > 0 and not _nullable(av[2]):
                return False
        elif op == C.SUBPATTERN:
            if not _nullable(av[3]):
                return False
        elif op == C.ATOMIC_GROUP:
            if not _nullable(av):
                return False
        elif op == C.BRANCH:
            if not any(_nullable(b) for b in av[1]):
                return False
        elif op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return False
    return True


def _is_repeat(op) -> bool:
    return op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def _unbounded(op, av) -> bool:
    return _is_repeat(op) and av[1] == UNBOUNDED


def _walk(parsed, sets: _Sets, problems: list[str], inside_unbounded: bool = False) -> None:
    """The second and third shapes, anywhere in the pattern."""
    items = list(parsed)
    for i, (op, av) in enumerate(items):
        if _unbounded(op, av) and op != C.POSSESSIVE_REPEAT:
            if inside_unbounded:
                problems.append("an unbounded repeat inside an unbounded repeat (exponential)")
            # the next unbounded repeat after only optional items: can the two share a run?
            for op2, av2 in items[i + 1:]:
                if _unbounded(op2, av2) and op2 != C.POSSESSIVE_REPEAT:
                    common = {ch for ch in sets.chars(av[2]) & sets.first(av2[2]) if not ch.isspace()}
                    if common:
                        problems.append("two unbounded repeats side by side can read the same run of "
                                        + _show(common))
                    break
                if op2 in (C.ASSERT, C.ASSERT_NOT, C.AT):
                    continue
                if _is_repeat(op2) and av2[0] == 0 or op2 == C.SUBPATTERN and _nullable(av2[3]):
                    continue
                if op2 == C.BRANCH and any(_nullable(b) for b in av2[1]):
                    continue
                break
        if _is_repeat(op):
            _walk(av[2], sets, problems, inside_unbounded or (av[1] == UNBOUNDED and op != C.POSSESSIVE_REPEAT))
        elif op == C.SUBPATTERN:
            _walk(av[3], sets, problems, inside_unbounded)
        elif op == C.BRANCH:
            for branch in av[1]:
                _walk(branch, sets, problems, inside_unbounded)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _walk(av[1], sets, problems, inside_unbounded)
        # an atomic group gives nothing back: what is inside cannot be retried


def _leading(parsed, sets: _Sets, problems: list[str], before: set[str], boundary: bool = False,
             reads: tuple = (), tail_can_fail: bool = False) -> bool:
    """The first shape: can a match start inside a run and scan it without bound?

    `before` holds the characters that may stand just before the start (lookbehinds narrow it), `boundary` says a
    word boundary is required there, and `reads` are the character sets of the single characters read since the
    start. At an unbounded repeat reading the set R, a start inside a run of R is possible when some character of
    R may stand before the start, the first character read is in R, every character read since can be in R, and
    the word boundary (if any) can fall between the two. Returns False once the walk must stop.
    """
    items = list(parsed)
    for i, (op, av) in enumerate(items):
        rest_can_fail = tail_can_fail or _can_fail(items[i + 1:])
        if op in (C.ASSERT_NOT, C.ASSERT) and av[0] == -1:
            if not reads:
                inside = sets.chars(av[1])
                before = before - inside if op == C.ASSERT_NOT else before & inside
            continue
        if op == C.AT:
            if av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING) and not reads:
                return False  # anchored (with re.M, at a line start: a run would be of "\n" only)
            if av == C.AT_BOUNDARY and not reads:
                boundary = True
            continue
        if op in (C.ASSERT, C.ASSERT_NOT):
            continue  # a lookahead does not guard the start
        if op == C.BRANCH:
            if not reads and all(_zero_width(branch) for branch in av[1]):
                # "(?:^|(?<=[\s(]))": the characters any branch lets stand before the start
                before = set().union(*(_narrowed(branch, sets, before) for branch in av[1]))
                continue
            for branch in av[1]:
                _leading(branch, sets, problems, before, boundary, reads, rest_can_fail)
            if not any(_nullable(b) for b in av[1]):
                return False
            continue
        if op in (C.SUBPATTERN, C.ATOMIC_GROUP):
            inner = av[3] if op == C.SUBPATTERN else av
            if not _leading(inner, sets, problems, before, boundary, reads, rest_can_fail):
                return False
            continue
        if _is_repeat(op):
            repeated = sets.chars(av[2])
            if av[1] == UNBOUNDED:
                if rest_can_fail and _run_start(before, boundary, reads, repeated):
                    problems.append("a leading unbounded repeat can start inside a run of " + _show(repeated))
                return False
            if av[0] > 0 and not _nullable(av[2]):
                reads = reads + (repeated,)
                continue
            _leading(av[2], sets, problems, before, boundary, reads, rest_can_fail)
            continue
        chars = sets.one(op, av)
        if chars is None:
            return False
        reads = reads + (chars,)
    return True


def _run_start(before: set[str], boundary: bool, reads: tuple, repeated: set[str]) -> bool:
    if reads and not all(chars & repeated for chars in reads):
        return False
    previous = before & repeated
    first = (reads[0] if reads else repeated) & repeated
    if not boundary:
        return bool(previous and first)
    return any(_word(p) != _word(s) for p in previous for s in first)


def _can_fail(parsed) -> bool:
    """Can the sequence fail to match (a required character, or an assertion)?"""
    return not _nullable(parsed) or any(op in (C.AT, C.ASSERT, C.ASSERT_NOT) for op, _ in parsed)


def _zero_width(parsed) -> bool:
    return all(op in (C.AT, C.ASSERT, C.ASSERT_NOT) for op, _ in parsed)


def _narrowed(parsed, sets: _Sets, before: set[str]) -> set[str]:
    for op, av in parsed:
        if op == C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            return set()
        if op in (C.ASSERT_NOT, C.ASSERT) and av[0] == -1:
            inside = sets.chars(av[1])
            before = before - inside if op == C.ASSERT_NOT else before & inside
    return before


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _show(chars: set[str]) -> str:
    sample = "".join(sorted(chars))[:12]
    return repr(sample) + ("..." if len(chars) > 12 else "")


def audit(pattern: str, flags: int = 0) -> list[str]:
    """The backtracking shapes found in one pattern (an empty list when none)."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    parsed = _parser.parse(pattern, flags)
    alphabet = set(_BASE_ALPHABET)
    _literals(parsed, alphabet)
    sets = _Sets(alphabet, bool(flags & re.IGNORECASE))
    problems: list[str] = []
    # the text the rules read has no run of spaces (`release_text` collapses them) and at most one blank line
    _leading(parsed, sets, problems, {ch for ch in alphabet if not ch.isspace()})
    _walk(parsed, sets, problems)
    return list(dict.fromkeys(problems))


def recorded_patterns(run, where: str) -> set[tuple[str, int]]:
    """Every (pattern, flags) that code in files whose path contains `where` compiles (or uses through re.search
    and the like) while `run()` runs, including the module-level ones compiled at import."""
    seen: set[tuple[str, int]] = set()
    original = re._compile
    re_file = re.__file__.rsplit("/", 1)[0]

    def recording(pattern, flags):
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename.startswith(re_file):
            frame = frame.f_back
        if isinstance(pattern, str) and frame is not None and where in frame.f_code.co_filename:
            seen.add((pattern, int(flags)))
        return original(pattern, flags)

    re._compile = recording
    try:
        run()
    finally:
        re._compile = original
    return seen


def extractor_patterns() -> set[tuple[str, int]]:
    """The extractor's patterns: those compiled when its package is imported and while it reads every test release."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent

    def run():
        import importlib

        sys.path.insert(0, str(root))
        for name in [m for m in sys.modules if m.startswith("loaders.press_release")]:
            del sys.modules[name]
        re.purge()
        press_release = importlib.import_module("loaders.press_release")
        for path in sorted((root / "tests" / "releases").glob("*.*")):
            if path.suffix in (".txt", ".md", ".html"):
                press_release.extract(press_release.read_text(path))

    return recorded_patterns(run, str(Path("loaders") / "press_release"))


def main() -> int:
    patterns = extractor_patterns()
    found = 0
    for pattern, flags in sorted(patterns):
        problems = audit(pattern, flags)
        if problems:
            found += 1
            print(f"{pattern[:110]!r}\n    " + "\n    ".join(problems))
    print(f"{found} of {len(patterns)} patterns have a backtracking shape")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
