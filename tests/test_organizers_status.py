"""The Organizers page marks an edition whose figures are all expected or preliminary, as the Overview, Projects and
Exhibition pages do (issue #21, edition status), in both languages; with no such edition in range it says nothing."""

import pytest

from loaders.__main__ import main

PLAN = "2022世界制造业大会将于9月20日开幕。\n大会拟签约项目560个，预计投资3600亿元。\n"  # invented
NOTES = {"en": "Preliminary: results not yet reported (2022)", "zh": "初步数据：成果尚未公布（2022）"}


def organizers_captions(opener, **query):
    at = opener("pages/organizers.py", **query)
    assert not at.exception
    return [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_organizers_page_marks_a_preliminary_edition(db_copy, tmp_path, open_app_on, lang):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    assert main(["add", str(plan), "--db", str(db_copy), "--source-url", "https://example.org/plan",
                 "--publisher", "Plan Desk", "--create-editions"]) == 0
    captions = organizers_captions(open_app_on(db_copy), lang=lang)
    assert any(NOTES[lang] in c for c in captions), captions


def test_without_a_preliminary_edition_the_page_has_no_such_note(db_copy, open_app_on):
    captions = organizers_captions(open_app_on(db_copy), lang="en")
    assert captions and not any("Preliminary" in c for c in captions)
