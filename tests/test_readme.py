"""The README stays short and keeps two commands; the generated documents (docs/tables.md from
loaders/schema.py, the docs/ index, the bench figures in docs/performance.md) are current; links resolve."""
import re
from pathlib import Path

from scripts.readme import INDEX, PERFORMANCE, README, TABLES, generated, index

ROOT = Path(__file__).resolve().parents[1]
README_MAX_BYTES = 10 * 1024


def test_table_reference_matches_schema():
    assert TABLES.read_text(encoding="utf-8") == generated(), "run: python scripts/readme.py (make docs)"


def test_docs_index_lists_every_document():
    assert INDEX.read_text(encoding="utf-8") == index(), "a document in docs/ is not in the index: run make docs"


def test_readme_is_a_five_minute_read():
    assert len(README.read_bytes()) <= README_MAX_BYTES


def test_quickstart_has_exactly_the_two_commands():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quickstart.*?```bash\n(.*?)```", text, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


def test_relative_links_resolve():
    for page in [README, ROOT / "data" / "README.md", *sorted(INDEX.parent.glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to missing {target}"


def test_data_readme_points_to_the_generated_reference_instead_of_repeating_it():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "docs/tables.md" in text
    assert not re.search(r"^\| *(sources|facts|editions|metrics)\.csv *\|", text, re.M)


def test_ci_calls_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "make test" in ci


def _sample_report() -> dict:
    ratios = {
        "cold_start_first_kpi": {"what": "cold start / toy", "value": 1.5, "target": "<= 1.2", "met": False,
                                 "ours_median_s": 6.0, "baseline_median_s": 4.0},
        "register_page_ms": {"what": "register page work, median ms", "value": 42.0, "target": "<= 100", "met": True},
        "register_page_rss": {"what": "our RSS / pandas RSS", "value": 0.1, "target": "<= 0.25", "met": True,
                              "ours_mb": 300.0, "baseline_mb": 3000.0},
    }
    return {"settings": {"rows": 10_000_000, "load_rows": 1_000_000, "runs": 10, "pairs": 5}, "ratios": ratios,
            "machine": "Test CPU, 2 cpus", "started_at": "2026-12-01 17:00:00 UTC",
            "load_average_start": [1.5, 1.2, 1.0], "load_average_end": [2.5, 2.0, 1.5]}


def test_bench_section_gives_ratios_first_then_absolute_times_with_machine_and_load():
    from scripts.readme import BENCH_BEGIN, BENCH_END, bench_markdown

    text = bench_markdown(_sample_report())
    assert text.startswith(BENCH_BEGIN) and text.endswith(BENCH_END)
    assert "Test CPU, 2 cpus" in text and "1.5 / 1.2 / 1.0 at the start" in text and "2.5 / 2.0 / 1.5 at the end" in text
    ratio_row, absolute_row = text.index("| cold start / toy | 1.50× | <= 1.2 | **no** |"), text.index("| 6.00 s | 4.00 s |")
    assert ratio_row < absolute_row
    assert "| register page work, median ms | 42 ms | <= 100 | yes |" in text
    assert "| 300 MB | 3000 MB |" in text


def test_performance_page_is_one_generated_bench_run():
    from scripts.readme import BENCH_BEGIN, BENCH_END

    text = PERFORMANCE.read_text(encoding="utf-8")
    block = text[text.index(BENCH_BEGIN):text.index(BENCH_END)]
    assert "load average" in block and "| figure | ratio | target | met |" in block
    assert block.index("| figure | ratio |") < block.index("| figure (absolute, same run) |")


def test_every_environment_variable_is_documented():
    """Every WMC_ setting the app, the loaders and the tools read (tests' own switches aside)."""
    code = "".join(p.read_text(encoding="utf-8") for pattern in ("*.py", "*/*.py", "*/*/*.py", "Makefile")
                   for p in ROOT.glob(pattern) if not {".venv", "tests"} & set(p.relative_to(ROOT).parts))
    settings = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    undocumented = sorted(set(re.findall(r"WMC_[A-Z0-9_]+", code)) - set(re.findall(r"WMC_[A-Z0-9_]+", settings)))
    assert undocumented == [], "add them to the table in docs/settings.md"
