"""Shared filters bound to the URL: the range keeps its ends, links with bad values say so,
links from before the binding still open the same view."""
from __future__ import annotations

import pytest

from ui.filters import check_link

YEARS = [2018, 2019, 2020, 2021]


def test_changing_from_keeps_to_where_it_was(open_app):
    at = open_app("pages/projects.py")
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == (2018, 2021)
    at.selectbox(key="from").set_value(2020).run()
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == (2020, 2021)
    at.selectbox(key="from").set_value(2019).run()  # lowering From again keeps To too
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == (2019, 2021)


def test_setting_to_first_then_from_keeps_both(open_app):
    at = open_app("pages/projects.py")
    at.selectbox(key="to").set_value(2020).run()
    at.selectbox(key="from").set_value(2019).run()
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == (2019, 2020)


def test_a_from_past_to_moves_to_along_instead_of_reversing_the_range(open_app):
    at = open_app("pages/projects.py")
    at.selectbox(key="to").set_value(2019).run()
    at.selectbox(key="from").set_value(2021).run()
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == (2021, 2021)


def test_a_reversed_range_in_a_link_is_put_in_order_and_said(open_app):
    at = open_app(**{"from": "2021", "to": "2019"})
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == (2019, 2021)
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "from 2021 is after to 2019" in captions


@pytest.mark.parametrize("query, named", [
    ({"cur": "usd"}, "cur: currency"),
    ({"from": "2030"}, "from: not an edition year"),
    ({"derived": "maybe"}, "derived: must be true or false"),
    ({"conv": "XYZ"}, "conv: no such convention"),
])
def test_an_unusable_link_value_is_named_in_a_caption(open_app, query, named):
    at = open_app(**query)
    assert not at.exception
    captions = [c.value for c in at.sidebar.caption]
    assert any(named in c for c in captions), captions


def test_a_clean_link_shows_no_note(open_app):
    at = open_app(cur="USD", **{"from": "2019"})
    assert not [c.value for c in at.sidebar.caption if "Ignored from the link" in c.value]


def test_an_unusable_page_choice_is_named(open_app):
    at = open_app(edition="1999")
    assert any("edition is not one of the choices" in c.value for c in at.caption)
    assert at.selectbox(key="edition").value == 2021  # the page's default


def test_the_note_goes_once_the_user_changes_a_filter(open_app):
    at = open_app(cur="usd")
    at.radio(key="cur").set_value("USD").run()
    assert not [c.value for c in at.sidebar.caption if "Ignored from the link" in c.value]


def test_legacy_derived_links_still_switch_derived_on(open_app):
    at = open_app(derived="1")
    assert at.toggle(key="derived").value is True
    assert not [c.value for c in at.sidebar.caption if "Ignored from the link" in c.value]


def test_check_link_never_echoes_a_value():
    notes, _ = check_link({"cur": "<b>x</b>", "from": "=1+1"}, ["WMC"], YEARS)
    assert notes and not any("<b>" in n or "=1+1" in n for n in notes)
