"""Press-release extraction: number forms, number words, separators, qualifiers and units."""
from __future__ import annotations

import pytest

from loaders import press_release as pr
from press_release_helpers import LEAD, facts


@pytest.mark.parametrize("sentence, expected", [
    ("A total of 3,021 projects were signed at the convention.", ("projects_signed", 3021, "projects", "exact")),
    ("Projects worth 735.1 billion yuan were signed.", ("investment_signed", 735.1, "bn CNY", "exact")),
    ("Deals worth RMB 447 billion were signed.", ("investment_signed", 447, "bn CNY", "exact")),
    ("Investment signed reached one trillion yuan.", ("investment_signed", 1000, "bn CNY", "exact")),
    ("Investment signed reached 1.8 trillion yuan.", ("investment_signed", 1800, "bn CNY", "exact")),
    ("Projects worth 50,972 million yuan were signed at the convention.", ("investment_signed", 50.972, "bn CNY", "exact")),
    ("Projects worth U$150 billion were signed.", ("investment_signed_usd_reported", 150, "bn USD", "exact")),
    ("Projects worth US$70.19 billion were signed.", ("investment_signed_usd_reported", 70.19, "bn USD", "exact")),
    ("Projects worth 52.48 billion US dollars were signed.", ("investment_signed_usd_reported", 52.48, "bn USD", "exact")),
    ("The event welcomed 4,500+ participants.", ("attendees", 4500, "people", "more_than")),
    ("More than 430 projects were signed.", ("projects_signed", 430, "projects", "more_than")),
    ("Over 800 exhibitors took part in the exhibition.", ("exhibitors", 800, "companies", "more_than")),
    ("Investors signed projects worth above 400 billion yuan.", ("investment_signed", 400, "bn CNY", "more_than")),
    ("Investment exceeding 500 billion yuan was signed.", ("investment_signed", 500, "bn CNY", "more_than")),
    ("Signed investment surpassing 300 billion yuan was announced.", ("investment_signed", 300, "bn CNY", "more_than")),
    ("Nearly 40 events were held.", ("events", 40, "events", "nearly")),
    ("Almost 2,000 products were on display at the exhibition.", ("exhibits", 2000, "products", "nearly")),
    ("About 1,400 guests attended.", ("attendees", 1400, "people", "about")),
    ("Approximately 16,000 participants attended.", ("attendees", 16000, "people", "about")),
    ("Around 350,000 visits were recorded by the exhibition.", ("visitors", 350000, "visits", "about")),
    ("Some 25 events were held.", ("events", 25, "events", "about")),
    ("At least 30 events were held.", ("events", 30, "events", "at_least")),
    ("Over 2000 exhibits were on display.", ("exhibits", 2000, "products", "more_than")),
    ("The exhibition covers 59,000 square meters.", ("exhibition_area", 59000, "m2", "exact")),
    ("The site has a 20,000-square-meter hall.", ("exhibition_area_hall", 20000, "m2", "exact")),
    ("Guests came from 41 countries and regions.", ("countries_regions", 41, "countries and regions", "exact")),
    ("The convention drew 1,700 overseas guests.", ("overseas_guests", 1700, "people", "exact")),
    ("The convention drew 111 heads of Fortune 500 companies.", ("fortune500_executives", 111, "people", "exact")),
    ("The convention drew 50 Fortune Global 500 companies.", ("fortune500_companies", 50, "companies", "exact")),
    ("Funds in place reached 200 billion yuan.", ("funds_in_place", 200, "bn CNY", "exact")),
])
def test_phrasing(sentence, expected):
    assert facts(sentence) == [expected + (2023,)]


def test_hall_and_outdoor_areas_are_told_apart():
    got = facts("The hall covers 20,000 square meters and the outdoor showcase 60,000 square meters.")
    assert got == [("exhibition_area_hall", 20000, "m2", "exact", 2023),
                   ("exhibition_area_outdoor", 60000, "m2", "exact", 2023)]
    got = facts("It pairs a 20,000-square-meter hall with an additional 60,000 square meters given to a market showcase.")
    assert [g[0] for g in got] == ["exhibition_area_hall", "exhibition_area_outdoor"]


def test_usd_in_brackets_is_kept_as_reported_and_never_as_cny():
    got = facts("Projects worth RMB 447 billion (US$70.19 billion) were signed.")
    assert got == [("investment_signed", 447, "bn CNY", "exact", 2023),
                   ("investment_signed_usd_reported", 70.19, "bn USD", "exact", 2023)]
    assert all(f[0] != "investment_signed" for f in facts("Projects worth about 103.5 billion U.S. dollars were signed."))


def test_funds_in_place_is_not_investment_signed():
    got = facts("The projects signed earlier now have funds actually in place exceeding 150 billion yuan.")
    assert got == [("funds_in_place", 150, "bn CNY", "more_than", 2023)]


def test_funds_in_place_in_usd_has_no_metric():
    assert facts("Funds actually in place exceed 139.3 billion US dollars.") == []


def test_funds_put_in_place_after_the_amount_is_funds_in_place_never_investment_signed():
    ex = pr.extract(LEAD + "Across its first four editions, upwards of 900 billion yuan in funds had been put in place.")
    assert [(c.metric, c.value, c.qualifier, c.year_from, c.year_to) for c in ex.claims] == [
        ("funds_in_place", 900, "more_than", 2018, 2021)]
    for sentence, expected in [
        ("Projects worth 400 billion yuan were signed, and 120 billion yuan has already been deployed.",
         [("investment_signed", 400), ("funds_in_place", 120)]),
        ("Actual investment came to 75 billion yuan.", [("funds_in_place", 75)]),
        ("Some 30 billion yuan of the signed money was actually invested by June.", [("funds_in_place", 30)]),
        ("Of the deals, 2 trillion yuan has actually arrived in the province.", [("funds_in_place", 2000)]),
    ]:
        assert [(f[0], f[1]) for f in facts(sentence)] == expected, sentence


@pytest.mark.parametrize("sentence, projects", [
    ("Twenty-five projects in robotics, machine tools and industrial software were signed, worth 31 billion yuan "
     "in all.", 25),
    ("Forty two projects in biomedicine and new materials were signed, worth 31 billion yuan in all.", 42),
])
def test_spelled_out_numbers_are_whole_numbers(sentence, projects):
    ex = pr.extract(LEAD + "A total of 500 projects were signed. " + sentence)
    assert [(f.metric, f.value) for f in ex.facts] == [("projects_signed", 500)]
    assert [(b.dimension, b.projects, b.investment_cny_bn) for b in ex.breakdowns] == [("sector", projects, 31)]
    assert not any(w in b.category.split() for b in ex.breakdowns for w in pr._WORDS)


def test_number_words_are_never_split():
    assert [m.group() for m in pr.NUMBER_RE.finditer("ninety-nine guests, a three-day event and a one-stop shop")
            if m.group("word")] == ["ninety-nine"]
    assert pr.word_value("thirty-seven") == 37 and pr.word_value("eleven") == 11


@pytest.mark.parametrize("sentence, value", [
    ("Chief executives of 85 Fortune 500 firms took part in the talks.", 85),
    ("Leaders of more than 90 Fortune Global 500 enterprises were present.", 90),
])
def test_heads_of_fortune_500_companies_count_people(sentence, value):
    assert [(f[0], f[1]) for f in facts(sentence)] == [("fortune500_executives", value)]


@pytest.mark.parametrize("sentence, expected", [
    ("Exhibiting companies numbering 512 took part.", ("exhibitors", 512, "companies", "exact")),
    ("Visitors to the site totaled more than 90,000 over the weekend.", None),
    ("The number of visitors reached more than 90,000.", ("visitors", 90000, "visits", "more_than")),
    ("Side events came to 18 in all.", ("events", 18, "events", "exact")),
    ("Signed projects totalled 402, the organizers said.", ("projects_signed", 402, "projects", "exact")),
    ("Attendees of 5 forums shared ideas.", None),
    ("Participants numbering 300 companies arrived.", None),
    ("Exhibitors numbering 451 filled the halls.", None),  # an unknown verb after the number: not taken
])
def test_noun_before_the_number(sentence, expected):
    assert facts(sentence) == ([] if expected is None else [expected + (2023,)])


def test_spreads_over_is_not_more_than():
    assert facts("The exhibition spreads over 45,000 square meters.") == [("exhibition_area", 45000, "m2", "exact", 2023)]
    assert facts("The exhibition covers over 45,000 square meters.") == [
        ("exhibition_area", 45000, "m2", "more_than", 2023)]


@pytest.mark.parametrize("sentence, value", [
    ("The exhibition area covers 58 000 square meters.", 58000),
    ("The exhibition area covers 58\u00a0000 square meters.", 58000),
    ("The exhibition area covers 58\u202f000 square meters.", 58000),
    ("The exhibition area covers 1 058 000 square meters.", 1058000),
])
def test_space_thousands_separators(sentence, value):
    assert facts(sentence) == [("exhibition_area", value, "m2", "exact", 2023)]


def test_space_groups_must_be_three_digits_and_numbered_places_are_not_values():
    assert all(f[1] not in (5800, 580000) for f in facts("The exhibition area covers 58 00 square meters."))
    assert all(f[1] != 3200 for f in facts("Hall 3 200 exhibitors gathered."))
    assert all(f[1] != 1234 for f in facts("In 12 34 projects were signed."))


def test_html_no_break_space_separator(tmp_path):
    page = tmp_path / "r.html"
    page.write_text("<p>The 2026 World Manufacturing Convention opened.</p><p>Its exhibition spans "
                    "47&nbsp;000 square meters.</p>", encoding="utf-8")
    assert [(f.metric, f.value) for f in pr.extract_file(page).facts] == [("exhibition_area", 47000)]


def test_area_is_outdoor_only_when_the_text_says_so():
    assert facts("The exhibition will showcase drones and lathes across 25,000 square meters in 8 zones.") == [
        ("exhibition_area", 25000, "m2", "exact", 2023)]
    assert facts("An open-air area of 9,000 square meters hosts test drives.") == [
        ("exhibition_area_outdoor", 9000, "m2", "exact", 2023)]
    assert facts("Buyers can test machines in 9,000 square meters outside the hall.") == [
        ("exhibition_area_outdoor", 9000, "m2", "exact", 2023)]


@pytest.mark.parametrize("sentence, expected", [
    ("This year the event will spread its displays over 41,000 square meters.",
     ("exhibition_area", 41000, "m2", "exact", 2023)),
    ("The exhibition stretches over 41,000 square meters.", ("exhibition_area", 41000, "m2", "exact", 2023)),
    ("Exhibitors brought upward of 1,300 exhibits.", ("exhibits", 1300, "products", "more_than", 2023)),
    ("The event drew 3,300 participants, including 900 guests from abroad.",
     ("overseas_guests", 900, "people", "exact", 2023)),
])
def test_qualifiers_and_nouns(sentence, expected):
    assert expected in facts(sentence)


def test_qualifier_word_inside_a_claim():
    ex = pr.extract(LEAD + "Since 2018, funds actually put in place have passed 900 billion yuan.")
    assert [(c.metric, c.value, c.qualifier) for c in ex.claims] == [("funds_in_place", 900, "more_than")]


@pytest.mark.parametrize("sentence", [
    "A survey of the 2019 signings found that about one in five projects had slipped by a year.",
    "Roughly 3 out of 10 exhibitors at the 2024 World Manufacturing Convention came from abroad.",
])
def test_a_ratio_is_never_a_count(sentence):
    extraction = pr.extract("The 2024 World Manufacturing Convention closed in Hefei. " + sentence, year=2024)
    assert [(f.metric, f.value) for f in extraction.facts] == []
    assert extraction.breakdowns == []
