"""Press-release extraction: organizers, hosts, guests of honor, theme and dates."""
from __future__ import annotations

import pytest

from loaders import press_release as pr
from press_release_helpers import LEAD, facts


@pytest.mark.parametrize("phrase, role", [
    ("was co-organized by", "organizer"), ("is jointly organized by", "organizer"),
    ("was organized jointly by", "organizer"), ("was jointly hosted by", "organizer"),
    ("is co-hosted by", "organizer"), ("was hosted by", "host"), ("is supported by", "supporting"),
])
def test_joint_organizer_phrasings(phrase, role):
    ex = pr.extract(LEAD + f"The meeting {phrase} the Ministry of Commerce and the Chinese Academy of Engineering.")
    assert [(p.organization, p.role) for p in ex.participation] == [
        ("Ministry of Commerce", role), ("Chinese Academy of Engineering", role)]


def test_participle_organizer_list_ends_at_the_main_clause():
    ex = pr.extract(LEAD + "Co-hosted by the Ministry of Science and Technology and the Global Alliance of SMEs, "
                           "the two-day summit drew a large crowd.")
    assert [(p.organization, p.role) for p in ex.participation] == [
        ("Ministry of Science and Technology", "organizer"), ("Global Alliance of SMEs", "organizer")]


def test_co_organizer_kept_when_the_text_tells_the_tiers_apart():
    ex = pr.extract(LEAD + "It was organized by the Ministry of Commerce, co-organized by the China Association of "
                           "Small and Medium Enterprises and supported by the Hefei Municipal Government.")
    assert [(p.organization, p.role) for p in ex.participation] == [
        ("Ministry of Commerce", "organizer"), ("China Association of Small and Medium Enterprises", "co-organizer"),
        ("Hefei Municipal Government", "supporting")]


def test_counted_organizer_list_and_label_line():
    ex = pr.extract(LEAD + "The summit was jointly organised by three bodies: the Ministry of Commerce, the Chinese "
                           "Academy of Engineering and the Global Alliance of SMEs.\nHosts: Ministry of Commerce; "
                           "People's Government of Anhui Province.")
    assert [(f.metric, f.value) for f in ex.facts] == [("organizers", 3)]
    assert [(p.organization, p.role) for p in ex.participation] == [
        ("Ministry of Commerce", "organizer"), ("Chinese Academy of Engineering", "organizer"),
        ("Global Alliance of SMEs", "organizer"), ("Ministry of Commerce", "host"),
        ("People's Government of Anhui Province", "host")]
    ex = pr.extract(LEAD + "It was jointly organised by four bodies: the Ministry of Commerce and the Global Alliance "
                           "of SMEs.")
    assert ex.facts == []  # the count does not match the names: not taken


@pytest.mark.parametrize("sentence, org, role", [
    ("The Kingdom of Thailand took part as the guest country of honour.", "Kingdom of Thailand", "guest country of honor"),
    ("Italy attended as Guest Country of Honor.", "Italy", "guest country of honor"),
    ("Guest province of honor: Jiangxi", "Jiangxi Province", "guest province of honor"),
    ("Chile is the guest country of honor and Hubei the guest province of honor.", "Hubei Province",
     "guest province of honor"),
])
def test_guest_of_honor_forms(sentence, org, role):
    ex = pr.extract(LEAD + sentence)
    assert (org, role) in [(p.organization, p.role) for p in ex.participation]
    assert all(p.organization not in ("The Kingdom of Thailand", "The") for p in ex.participation)


def test_generic_subject_is_not_a_guest_of_honor():
    assert pr.extract(LEAD + "The Convention served as the guest country of honor's showcase.").participation == []


def test_overseas_guests_of_whom():
    got = facts("The forum gathered some 3,200 delegates, 900 of whom travelled from abroad.")
    assert ("overseas_guests", 900, "people", "exact", 2023) in got
    assert ("attendees", 3200, "people", "about", 2023) in got
    assert all(g[0] != "overseas_guests" for g in facts("The fair drew 500 exhibitors, 120 of which came from abroad."))


def test_organizer_list_with_kinds():
    ex = pr.extract(LEAD + "It is jointly organized by the Ministry of Industry and Information Technology, the "
                           "State-owned Assets Supervision and Administration Commission of the State Council, the "
                           "Chinese Academy of Engineering, the China Association of Small and Medium Enterprises, "
                           "the Global Alliance of SMEs and the People's Government of Anhui Province.")
    assert [(p.organization, p.kind, p.role) for p in ex.participation] == [
        ("Ministry of Industry and Information Technology", "ministry", "organizer"),
        ("State-owned Assets Supervision and Administration Commission of the State Council", "commission", "organizer"),
        ("Chinese Academy of Engineering", "academy", "organizer"),
        ("China Association of Small and Medium Enterprises", "association", "organizer"),
        ("Global Alliance of SMEs", "international", "organizer"),
        ("People's Government of Anhui Province", "local government", "organizer"),
    ]


def test_hosts_list_stops_at_the_main_clause():
    ex = pr.extract(LEAD + "Hosted by the National Advisory Committee on Building a Manufacturing Power and the "
                           "People's Government of Anhui Province, the event ran for four days.")
    assert [(p.organization, p.kind, p.role) for p in ex.participation] == [
        ("National Advisory Committee on Building a Manufacturing Power", "advisory body", "host"),
        ("People's Government of Anhui Province", "local government", "host"),
    ]


def test_guests_of_honor():
    ex = pr.extract(LEAD + "Slovakia took part as the guest country of honor, while Henan served as the guest "
                           "province of honor. The event has chosen the Republic of Korea as its guest country of honour.")
    assert [(p.organization, p.kind, p.role) for p in ex.participation] == [
        ("Slovakia", "country", "guest country of honor"),
        ("Henan Province", "province", "guest province of honor"),
        ("Republic of Korea", "country", "guest country of honor"),
    ]


def test_theme_and_dates():
    ex = pr.extract(LEAD + 'The convention runs from September 20 to 23 under the theme "Intelligent Manufacturing '
                           'for a Better Future."')
    assert {(e.field, e.value) for e in ex.edition} == {
        ("theme", "Intelligent Manufacturing for a Better Future"),
        ("start_date", "2023-09-20"), ("end_date", "2023-09-23")}


def test_guest_country_taking_part_as():
    ex = pr.extract(LEAD + "It ended with the Republic of Korea taking part as the guest country of honor.")
    assert [(p.organization, p.role) for p in ex.participation] == [("Republic of Korea", "guest country of honor")]


def test_organizer_count_after_the_list():
    ex = pr.extract(LEAD + "The convention was jointly organized by the Ministry of Commerce, the Chinese Academy of "
                           "Engineering and the People's Government of Anhui Province, totally 3 units.")
    assert [(f.metric, f.value) for f in ex.facts] == [("organizers", 3)]
    ex = pr.extract(LEAD + "The convention was jointly organized by the Ministry of Commerce and the Chinese Academy "
                           "of Engineering, totally 5 units.")
    assert ex.facts == []  # the count does not match the names listed
