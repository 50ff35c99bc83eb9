"""Press releases (.txt, .md, .html) -> candidate figures, each tied to the sentence it came from.

`extract(text, year=None)` returns an `Extraction`: per-edition `facts`, multi-edition `claims`,
`breakdowns` (manufacturing subset, size bands, sectors), `participation` (organizers, hosts,
guests of honor) and `edition` fields (theme, dates). Every item carries the sentence it came
from, its start/end character offsets into the plain text, and a confidence in 0..1.

`load(path, year=None)` returns only the per-edition facts, as rows of the facts table, so
`python -m loaders add RELEASE --source-url ... --publisher ...` loads them like any other file.

The rules are deliberately strict (a wrong figure is worse than a missing one):
* a number only becomes a fact when its metric noun (or unit) is in the same clause, right after it;
* percentages, dates, years, speeds, tonnage, rankings ("Top 500") are masked before matching;
* USD amounts are kept as reported (`investment_signed_usd_reported`), never converted to CNY;
* "funds in place" is a different metric from investment signed;
* sub-totals (manufacturing projects, size bands, sectors, "of which", on-site signings,
  single projects, signing sessions) never become whole-convention totals;
* hard-wrapped plain text is read with its wrap newlines as spaces (`unwrap`, same length): offsets index
  the plain text, and `text[start:end]` differs from a sentence only by those newlines;
* cumulative statements ("since 2018", "since the first edition", "the first three editions", "in the past
  six years", "so far", "to date", "cumulatively") become claims, never per-edition facts; a total "since
  2018" in a release about a closed edition includes that edition, otherwise it stops the year before;
* parts ("of which", "including"), averages and per-unit amounts, a district's or zone's figures, one
  actor's deals and the figures of another event (a release or a sentence about a conference, expo, fair)
  never become whole-convention totals;
* the edition year comes only from the title and first paragraph (`year_evidence`): the full name with a year
  or an ordinal, then "the 2024 edition" or the convention's dates, then a dateline or publication date; two
  years at the deciding level, or none, leave it unknown (`load` asks for --year), never guessed;
* a sentence that opens on another edition's results ("The 2019 edition closed with ...") gives that edition's
  figures; any other sentence naming another year or edition ("signed at the 2019 edition", "last year's") gives
  no per-edition fact or participant; sentences about another event (an Expo, a Fair) are skipped;
* "59 000" (space, no-break or thin space between groups of exactly three digits) is 59000;
* a simple pipe table is read per row when a "Year" column gives each row's edition, or, when its header is
  years, only in the release's own edition's column;
* spelled-out numbers are read whole ("sixty-one" is 61) or not at all;
* joint organizers ("co-organized", "jointly hosted", "organized jointly by") are organizers; "co-organizer"
  only when the release also names organizers plainly; plain "hosted by" is host;
* a noun before its number ("Exhibitors numbering 451", "Signed projects: 703") counts only when nothing
  noun-like follows the number;
* page furniture never gives a figure: HTML <nav>, <aside>, <footer> and elements whose class or id says sidebar,
  related, most read, menu, footer ...; in plain text a "Related: ...", "Read more: ..." line, or a "Related" /
  "See also" heading and the link titles under it (`navigation_spans`);
* another edition named by ordinal ("Fifth convention opens"; "the inaugural edition" is 2018) or by "next year's",
  "the year before", "the next edition" is another edition: no per-edition fact;
* a multi-edition retrospective (sentences with figures naming three or more different single edition years,
  `is_retrospective`) has no edition year of its own: each figure takes the one edition year its own sentence names
  (`retrospective_year`), and a sentence with none, several, or a relative one ("That year's convention") gives
  nothing but claims;
* a record set against the convention's history ("41 countries and regions, the largest number in its history",
  "创历届之最", "..., the most since 2018") is not a cumulative claim (`is_claim`); "from 2018 to 2024" gives the
  claim's year range;
* a title restating a body figure in another scope ("opens with 568 projects in the pipeline" over "568 projects are
  expected to be signed") takes the body's reading; a breakdown repeated in two languages is kept once;
* an award's counts (winners, entries, award-winning products, firms or projects), a side account (volunteers or
  service crews or hotels at work, a school's visit), one actor's signing, one named zone or pavilion, one gathering
  inside the convention (symposium, roundtable, 座谈会 ...), a named group of investors as subject ("firms from
  Zhejiang", 台资企业), a Chinese page headed by another gathering and trade shows abroad never give a convention figure.
"""
from __future__ import annotations

# the package is split by role (see each module's docstring); every public name, and the private ones the tests
# use, is re-exported here so `from loaders.press_release import X` and `press_release.X` work as before
from loaders.press_release.model import (  # noqa: F401
    CLAIM_METRICS, CONVENTION, EXPECTED_SCOPE, FACT_KEYS, FIRST_YEAR, SCOPES, UNITS, Breakdown, Claim, EditionField,
    Extraction, Fact, Participation,
)
from loaders.press_release.text import (  # noqa: F401
    DATE_LINE, Sentence, html_to_text, markdown_to_text, navigation_spans, read_text, split_sentences, unwrap,
)
from loaders.press_release.numbers import (  # noqa: F401
    NUMBER_RE, QUALIFIER_BEFORE, WORD_NUMBER, _WORDS, mask, qualifier_of, word_value,
)
from loaders.press_release.context import (  # noqa: F401
    ANOTHER_EVENT_SUBJECT, BLOCKED_MODS, CLAIM_CTX, CONVENTION_NAME, DROP_CTX, EXHIBIT_CTX, EXPECTED_CTX,
    FUNDS_AFTER, FUNDS_CTX, GENERIC_MODS, INVEST_CTX, ORIGIN_CTX, OTHER_EVENT, OTHER_EVENT_TITLE, OTHER_YEAR_CTX,
    PERIOD_REF, PRESENT_CTX, RECORD_CTX, SINGLE_ACTOR_CTX, SUBSET_CTX, is_claim,
)
from loaders.press_release.edition import (  # noqa: F401
    FOUNDED_IN, OTHER_EDITION_RESULTS, is_retrospective, named_editions, ordinal_years, release_stage,
    retrospective_year, sentence_year, year_evidence,
)
from loaders.press_release.mentions import (  # noqa: F401
    FORTUNE_PEOPLE_BEFORE, IMPLICIT_PROJECTS, LABEL_NOUN, NOUN_BEFORE, Mention,
)
from loaders.press_release.figures import (  # noqa: F401
    AVERAGE_CTX, LARGEST_ONE, LOCAL_CTX, ONE_ACTOR_BEFORE, OUTDOOR_SHOWCASE, PER_UNIT_AFTER, SECTOR_WORDS, SHARE_OF,
    SUBSET_BEFORE, TOTAL_METRICS,
)
from loaders.press_release.statements import org_kind  # noqa: F401
from loaders.press_release.pipeline import (  # noqa: F401
    extract, extract_cli, extract_file, extraction_dict, fact_dicts,
)
from loaders.press_release.review import FLAGS, review_flags, review_items  # noqa: F401
