"""The README documents the tables exactly as loaders/schema.py defines them, and keeps two commands."""
import re
from pathlib import Path

from scripts.readme import README, generated


def test_readme_table_reference_matches_schema():
    assert generated() in README.read_text(encoding="utf-8"), "run: python scripts/readme.py"


def test_quickstart_has_exactly_the_two_commands():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quickstart.*?```bash\n(.*?)```", text, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


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


def test_readme_performance_section_is_one_generated_bench_run():
    from scripts.readme import BENCH_BEGIN, BENCH_END

    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Performance"):]
    block = section[section.index(BENCH_BEGIN):section.index(BENCH_END)]
    assert "load average" in block and "| figure | ratio | target | met |" in block
    assert block.index("| figure | ratio |") < block.index("| figure (absolute, same run) |")
