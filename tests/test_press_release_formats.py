"""Press-release extraction: HTML, Markdown, hard-wrapped text, tables and bulletin lines; offsets into the plain text."""
from __future__ import annotations

import pytest

from loaders import press_release as pr
from press_release_helpers import LEAD, WRAPPED


def test_bulletin_lines():
    ex = pr.extract(LEAD + "\n• Signed projects: 640\n• Total investment: 410 billion yuan\n"
                           "• Of which manufacturing: 600 projects, 380 billion yuan\n"
                           "• Projects above 5 billion yuan each: 12, with 95 billion yuan in total\n"
                           "• Aerospace equipment: 14 projects, 20 billion yuan\n"
                           "• Signed on site: 200 projects, 150 billion yuan\n"
                           "• Guests: about 2,000\n• Countries and regions represented: 30\n• Exhibitors: over 350\n")
    assert [(f.metric, f.value, f.qualifier) for f in ex.facts] == [
        ("projects_signed", 640, "exact"), ("investment_signed", 410, "exact"), ("attendees", 2000, "about"),
        ("countries_regions", 30, "exact"), ("exhibitors", 350, "more_than")]
    assert [(b.dimension, b.category, b.projects, b.investment_cny_bn) for b in ex.breakdowns] == [
        ("subset", "manufacturing", 600, 380), ("size_band", "above 5 bn CNY", 12, 95),
        ("sector", "aerospace equipment", 14, 20)]


def test_sentence_offsets_point_into_the_plain_text():
    text = "date 2019-09-28\nHEFEI -- The World Manufacturing Convention closed. More than 4,500 participants attended.\n"
    ex = pr.extract(text)
    (fact,) = ex.facts
    assert ex.year == 2019 and ex.year_source == "date line"
    assert text[fact.start:fact.end] == fact.sentence == "More than 4,500 participants attended."


def test_html_strips_scripts_styles_and_unescapes(tmp_path):
    page = tmp_path / "r.html"
    page.write_text("<html><head><title>x</title><style>p{width:900px}</style><script>var n = '999 projects';"
                    "</script></head><body><p>The 2021 World Manufacturing Convention&rsquo;s exhibition covers "
                    "43,000 square meters &amp; more.</p></body></html>", encoding="utf-8")
    text = pr.read_text(page)
    assert "999" not in text and "width" not in text and "’s" in text and "&amp;" not in text
    assert [(f.metric, f.value, f.year) for f in pr.extract_file(page).facts] == [("exhibition_area", 43000, 2021)]


def test_markdown_is_flattened(tmp_path):
    page = tmp_path / "r.md"
    page.write_text("# 2024 World Manufacturing Convention\n\n- **A total of 718 projects** were signed.\n",
                    encoding="utf-8")
    assert [(f.metric, f.value) for f in pr.extract_file(page).facts] == [("projects_signed", 718)]


def test_html_page_furniture_gives_no_figures():
    page = ("<html><body><header class='site-header'><nav><a href='/'>Home</a></nav></header><main><article>"
            "<h1>Convention closes</h1><p>The 2021 World Manufacturing Convention closed with 512 projects signed."
            "</p></article><aside class='rail'><h3>Related</h3><ul><li><a href='/a'>2019 convention signs 700 "
            "projects</a></li></ul></aside><div class='related-news'><p>Fourth convention opens with 300 projects "
            "expected to be signed</p></div><div class='col side-bar'><p>Expo draws 90,000 visitors</p></div>"
            "<footer><p>The WMC has signed 3,000 projects since 2018.</p></footer></main></body></html>")
    text = pr.html_to_text(page)
    assert "512 projects" in text and "Home" not in text
    assert "700" not in text and "300 projects" not in text and "90,000" not in text and "3,000" not in text
    ex = pr.extract(text)
    assert [(f.metric, f.value, f.year) for f in ex.facts] == [("projects_signed", 512, 2021)]
    assert not ex.claims


def test_related_and_read_more_lines_give_no_figures():
    text = ("The 2023 World Manufacturing Convention closed in Hefei with 455 projects signed.\n\n"
            "Related: Fifth convention opens, 300 projects expected to be signed\n\n"
            "Read more: WMC draws 9,000 guests\n\n"
            "See also\n"
            "Opening day brings 120 projects\n"
            "Convention counts 2,100 exhibitors\n\n"
            "Organizers said the exhibition would reopen to the public next weekend for a trade day.\n")
    ex = pr.extract(text)
    assert [(f.metric, f.value) for f in ex.facts] == [("projects_signed", 455)]
    spans = pr.navigation_spans(text)
    assert len(spans) == 5 and not any(a <= text.index("Organizers") < b for a, b in spans)
    # a sentence that merely starts with the word is prose
    assert not pr.navigation_spans("Related industries signed 40 projects at the 2023 WMC.\n")




def test_hard_wrapped_lines_are_joined_and_offsets_still_index_the_text():
    ex = pr.extract(WRAPPED)
    names = [(p.organization, p.role) for p in ex.participation]
    assert names == [("Ministry of Industry and Information Technology", "organizer"),
                     ("People's Government of Anhui Province", "organizer")]
    item = ex.participation[0]
    assert WRAPPED[item.start:item.end].replace("\n", " ") == item.sentence
    assert pr.unwrap(WRAPPED) .count("\n") == WRAPPED.count("\n") - 1 and len(pr.unwrap(WRAPPED)) == len(WRAPPED)


@pytest.mark.parametrize("text, joined", [
    ("Title Of A Release About The World Manufacturing Convention\nThe convention opened.\n", False),
    ("Signed projects: 703\nExhibitors: 400\n", False),
    ("A long line of text that wraps around at the end and goes on over the\nnext line here.\n", True),
    ("Short line that ends on a comma,\nAnd goes on.\n", True),
    ("- first bullet of a list that is fairly long and wrapped text goes on\n- second bullet\n", False),
])
def test_unwrap_joins_only_wrapped_lines(text, joined):
    assert ("\n" not in pr.unwrap(text).rstrip("\n")) == joined


def test_markdown_table_with_a_year_column_is_read_per_row(tmp_path):
    page = tmp_path / "r.md"
    page.write_text("# WMC 2026 looks back\n\nThe 2026 World Manufacturing Convention published a history table.\n\n"
                    "| Edition | Year | Projects signed | Investment signed | Change |\n"
                    "|---|---|---|---|---|\n"
                    "| 7th | 2024 | 300+ | 210.5 bn yuan | -- |\n"
                    "| 8th | 2025 | 412 | 15 bn dollars | +37% |\n"
                    "| 9th | 2026 | see note | n/a | -- |\n", encoding="utf-8")
    got = {(f.metric, f.value, f.qualifier, f.year) for f in pr.extract_file(page).facts}
    assert got == {("projects_signed", 300, "more_than", 2024), ("investment_signed", 210.5, "exact", 2024),
                   ("projects_signed", 412, "exact", 2025)}


def test_markdown_table_with_year_columns_reads_only_the_editions_column(tmp_path):
    page = tmp_path / "r.md"
    page.write_text("# WMC 2026 in figures\n\nThe 2026 World Manufacturing Convention closed.\n\n"
                    "| Indicator | 2026 | 2025 |\n|---|---|---|\n"
                    "| Exhibitors | 610 | 580 |\n| Exhibition area (square meters) | 52,000 | 50,000 |\n"
                    "| Share of foreign exhibitors | 12% | 10% |\n", encoding="utf-8")
    got = {(f.metric, f.value, f.year) for f in pr.extract_file(page).facts}
    assert got == {("exhibitors", 610, 2026), ("exhibition_area", 52000, 2026)}
