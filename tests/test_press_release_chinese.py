"""Chinese and mixed-script press releases as they are really written (issue #12), in sentences written for these
tests: traditional script and pinyin debris, people counted with 位/名/人次, exhibitors and exhibits both ways round,
areas without 面积, bare 超 and trailing 以上/左右, stage per clause, claims over 前N届, parts taken for the whole."""
from __future__ import annotations

from loaders import press_release as pr
from loaders.press_release.fold import fold

LEAD_ZH = "2021世界制造业大会在合肥闭幕。"


def zh_facts(body: str, lead: str = LEAD_ZH) -> set[tuple]:
    ex = pr.extract(lead + body)
    return {(f.metric, f.value, f.qualifier, f.year) for f in ex.facts}


# ---------------------------------------------------------------- script folding

def test_fold_maps_traditional_to_simplified_one_to_one():
    folded = fold("世界製造業大會簽約項目")
    assert folded.text == "世界制造业大会签约项目"
    assert folded.origin == list(range(12))


def test_fold_drops_pinyin_debris_and_maps_offsets_back():
    original = "本屆製造業(yè)大會共簽約項目512個"
    folded = fold(original)
    assert "(yè)" not in folded.text and "制造业大会" in folded.text
    i = folded.text.index("512")
    assert original[folded.start(i):folded.end(i + 3)] == "512"


def test_traditional_release_gives_figures_with_offsets_into_the_original():
    text = "2021世界製造業大會在合肥閉幕。本屆大會簽約項目512個,投資總額3456億元。"
    ex = pr.extract(text)
    got = {(f.metric, f.value, f.year) for f in ex.facts}
    assert ("projects_signed", 512, 2021) in got
    assert ("investment_signed", 345.6, 2021) in got
    fact = next(f for f in ex.facts if f.metric == "projects_signed")
    assert "512" in text[fact.start:fact.end] and "簽約" in fact.sentence


def test_pinyin_debris_inside_the_name_still_names_the_convention():
    text = "2021世界制造業(yè)大會在合肥閉幕。本屆大會簽約項目512個。"
    ex = pr.extract(text)
    assert [(f.metric, f.value) for f in ex.facts] == [("projects_signed", 512)]
    assert text[ex.facts[0].start:ex.facts[0].end].startswith("本屆")
