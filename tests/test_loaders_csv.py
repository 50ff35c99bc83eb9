"""CSV loader + normalize: encodings, delimiters, layouts, units, qualifiers and errors."""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.intake import read_rows_of
from loaders import normalize as norm
from loaders.errors import LoadError


def facts(frame) -> list[tuple]:
    """The figures of a loaded facts frame as (year, metric, value, unit, qualifier, scope)."""
    return [(r["year"], r["metric"], r["value"], r["unit"], r["qualifier"], r["scope"])
            for r in frame.to_dict("records")]


def write(tmp_path, text: str, name: str = "in.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def load_error(path, table="facts") -> LoadError:
    with pytest.raises(LoadError) as err:
        read_rows_of(path, table=table)
    return err.value


# ---------------------------------------------------------------- encodings and delimiters

WIDE_CN = "年份,签约项目,投资额（亿元）,展览面积（万平方米）\n2019,610,\"7,200\",3.2\n2020,,6500,\n"
WIDE_CN_FACTS = [
    (2019, "projects_signed", 610.0, "projects", "exact", "whole convention"),
    (2019, "investment_signed", 720.0, "bn CNY", "exact", "whole convention"),
    (2019, "exhibition_area", 32000.0, "m2", "exact", "exhibition"),
    (2020, "investment_signed", 650.0, "bn CNY", "exact", "whole convention"),
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings_with_chinese_headers(tmp_path, encoding):
    path = write(tmp_path, WIDE_CN, encoding=encoding)
    assert facts(read_rows_of(path)) == WIDE_CN_FACTS


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_sniffed(tmp_path, delimiter):
    text = "\n".join(delimiter.join(row) for row in [
        ["year", "metric", "value", "unit"],
        ["2021", "projects_signed", "515", ""],
        ["2021", "exhibitors", "more than 900", "companies"],
    ]) + "\n"
    path = write(tmp_path, text)
    assert facts(read_rows_of(path)) == [
        (2021, "projects_signed", 515.0, "projects", "exact", "whole convention"),
        (2021, "exhibitors", 900.0, "companies", "more_than", "exhibition"),
    ]


def test_quoted_thousands_with_comma_delimiter_and_semicolon_file(tmp_path):
    comma = write(tmp_path, 'year,attendees\n2019,"4,600"\n', "comma.csv")
    semi = write(tmp_path, "year;attendees\n2019;4,600\n", "semi.csv")
    assert facts(read_rows_of(comma)) == facts(read_rows_of(semi)) == [
        (2019, "attendees", 4600.0, "people", "exact", "whole convention")]


def test_tsv_extension_goes_through_read_file(tmp_path):
    path = write(tmp_path, "year\tprojects\n2022\t77\n", "in.tsv")
    assert facts(read_rows_of(path)) == [(2022, "projects_signed", 77.0, "projects", "exact", "whole convention")]


def test_representative_gbk_fixture(loader_fixtures):
    frame = read_rows_of(loader_fixtures / "wide_gbk.csv")
    assert facts(frame) == [
        (2019, "projects_signed", 600.0, "projects", "exact", "whole convention"),
        (2019, "investment_signed", 700.0, "bn CNY", "exact", "whole convention"),
        (2019, "exhibition_area", 45000.0, "m2", "exact", "exhibition"),
        (2019, "exhibitors", 700.0, "companies", "more_than", "exhibition"),
        (2020, "investment_signed", 600.0, "bn CNY", "about", "whole convention"),
    ]
    assert set(frame["convention"]) == {"WMC"}
    assert frame.attrs["source_rows"] == [2, 2, 2, 2, 3]


def test_representative_long_semicolon_fixture_keeps_source_columns(loader_fixtures):
    frame = read_rows_of(loader_fixtures / "long_semicolon.csv")
    assert facts(frame) == [
        (2021, "projects_signed", 500.0, "projects", "more_than", "whole convention"),
        (2021, "investment_signed", 900.0, "bn CNY", "exact", "whole convention"),
        (2021, "exhibition_area", 40000.0, "m2", "exact", "exhibition"),
    ]
    assert frame[["source_url", "publisher", "published_on"]].drop_duplicates().values.tolist() == [
        ["https://example.org/long", "Fixture Wire", "2021-11-25"]]


# ---------------------------------------------------------------- headers and layouts

@pytest.mark.parametrize("header, cell, expected", [
    ("Investment (bn CNY)", "447", ("investment_signed", 447.0, "bn CNY")),
    ("investment_cny_bn", "447", ("investment_signed", 447.0, "bn CNY")),
    ("投资额（亿元）", "4470", ("investment_signed", 447.0, "bn CNY")),
    ("签约金额(万元)", "44700000", ("investment_signed", 447.0, "bn CNY")),
    ("总投资 (trillion yuan)", "1.5", ("investment_signed", 1500.0, "bn CNY")),
    ("Investment (million yuan)", "447000", ("investment_signed", 447.0, "bn CNY")),
    ("Exhibition area (m²)", "43,000", ("exhibition_area", 43000.0, "m2")),
    ("展览面积（万平方米）", "4.3", ("exhibition_area", 43000.0, "m2")),
    ("area_m2", "43000", ("exhibition_area", 43000.0, "m2")),
    ("Exhibition-Area (sqm)", "43000", ("exhibition_area", 43000.0, "m2")),
    ("  PROJECTS  ", "12", ("projects_signed", 12.0, "projects")),
    ("项目数", "12", ("projects_signed", 12.0, "projects")),
    ("参展企业", "300", ("exhibitors", 300.0, "companies")),
    ("嘉宾", "0.5万人", ("attendees", 5000.0, "people")),
    ("国家和地区", "30", ("countries_regions", 30.0, "countries and regions")),
    ("investment_signed_usd_reported (USD bn)", "70.2", ("investment_signed_usd_reported", 70.2, "bn USD")),
])
def test_headers_and_units_in_headers(tmp_path, header, cell, expected):
    path = write(tmp_path, f'year,"{header}"\n2019,"{cell}"\n')
    metric, value, unit = expected
    assert [(f[1], f[2], f[3]) for f in facts(read_rows_of(path))] == [(metric, value, unit)]


@pytest.mark.parametrize("unit, cell, expected", [
    ("亿元", "4470", (447.0, "bn CNY")),
    ("万元", "44700000", (447.0, "bn CNY")),
    ("trillion yuan", "0.447", (447.0, "bn CNY")),
    ("billion RMB", "447", (447.0, "bn CNY")),
    ("bn CNY", "447", (447.0, "bn CNY")),
    ("", "447", (447.0, "bn CNY")),
])
def test_unit_column_in_long_layout(tmp_path, unit, cell, expected):
    path = write(tmp_path, f"year,metric,value,unit\n2018,investment,{cell},{unit}\n")
    assert [(f[2], f[3]) for f in facts(read_rows_of(path))] == [expected]


@pytest.mark.parametrize("unit, cell, expected", [
    ("万平方米", "4.3", 43000.0), ("m²", "43,000", 43000.0), ("m2", "43000", 43000.0),
    ("square meters", "43000", 43000.0), ("平方米", "43000", 43000.0),
])
def test_area_units(tmp_path, unit, cell, expected):
    path = write(tmp_path, f'year,metric,value,unit\n2018,exhibition_area,"{cell}",{unit}\n')
    assert [(f[2], f[3]) for f in facts(read_rows_of(path))] == [(expected, "m2")]


def test_unit_written_in_the_value_cell(tmp_path):
    path = write(tmp_path, "year,metric,value\n2020,investment_signed,618亿元\n2020,attendees,超过4000人\n")
    assert facts(read_rows_of(path)) == [
        (2020, "investment_signed", 61.8, "bn CNY", "exact", "whole convention"),
        (2020, "attendees", 4000.0, "people", "more_than", "whole convention"),
    ]


@pytest.mark.parametrize("cell, value, qualifier", [
    ("4,500+", 4500.0, "more_than"), ("more than 800", 800.0, "more_than"), ("Over 40", 40.0, "more_than"),
    ("about 600", 600.0, "about"), ("nearly 3000", 3000.0, "nearly"), ("at least 10", 10.0, "at_least"),
    ("超过800", 800.0, "more_than"), ("约6179", 6179.0, "about"), ("近100", 100.0, "nearly"),
    ("800余", 800.0, "more_than"), ("3,021", 3021.0, "exact"), ("12.5", 12.5, "exact"),
])
def test_qualifiers_from_text(tmp_path, cell, value, qualifier):
    path = write(tmp_path, f'year,attendees\n2019,"{cell}"\n')
    assert [(f[2], f[4]) for f in facts(read_rows_of(path))] == [(value, qualifier)]


def test_qualifier_column_wins_over_text(tmp_path):
    path = write(tmp_path, "year,metric,value,qualifier\n2019,attendees,4500+,about\n2019,exhibitors,800,\n")
    assert [f[4] for f in facts(read_rows_of(path))] == ["about", "exact"]


def test_wide_skips_blank_cells_and_keeps_row_numbers(tmp_path):
    path = write(tmp_path, "year,projects,attendees,exhibitors\n2018,n/a,-,\n\n2019,5,,—\n")
    frame = read_rows_of(path)
    assert facts(frame) == [(2019, "projects_signed", 5.0, "projects", "exact", "whole convention")]
    assert frame.attrs["source_rows"] == [4]


def test_defaults_and_explicit_columns(tmp_path):
    path = write(tmp_path, "convention,year,metric,value,scope,is_derived,note\n"
                           "XYZ,2019,exhibitors,10,hall B,true,made up\nXYZ,2019,projects,3,,,\n")
    rows = read_rows_of(path).to_dict("records")
    assert [(r["convention"], r["scope"], r["is_derived"], r["note"]) for r in rows] == [
        ("XYZ", "hall B", "true", "made up"), ("XYZ", "whole convention", False, None)]


def test_unknown_metric_is_left_for_the_reference_check(tmp_path):
    path = write(tmp_path, "year,widgets\n2019,3\n")
    assert facts(read_rows_of(path)) == [(2019, "widgets", 3.0, norm.NO_UNIT, "exact", "whole convention")]


def test_other_tables_get_header_normalization_and_stripped_cells(tmp_path):
    path = write(tmp_path, " Convention ,YEAR,Edition-No,City , Theme\n WMC ,2019, 2 , Hefei ,\n")
    frame = read_rows_of(path, table="editions")
    assert list(frame.columns) == ["convention", "year", "edition_no", "city", "theme"]
    assert frame.values.tolist() == [["WMC", "2019", "2", "Hefei", ""]]


def test_other_tables_may_be_header_only(tmp_path):
    path = write(tmp_path, "convention,year,dimension,category,source_id\n")
    assert read_rows_of(path, table="breakdowns").empty


# ---------------------------------------------------------------- errors

def test_empty_file(tmp_path):
    err = load_error(write(tmp_path, "", "empty.csv"))
    assert str(err) == f"{tmp_path / 'empty.csv'}: file is empty"


def test_whitespace_only_file(tmp_path):
    assert load_error(write(tmp_path, " \n\n", "blank.csv")).problem == "file is empty"


def test_header_only(tmp_path):
    err = load_error(write(tmp_path, "year,projects\n", "head.csv"))
    assert "head.csv" in str(err) and err.problem == "the file has a header but no data rows"


@pytest.mark.parametrize("payload, problem", [
    (bytes(range(256)) * 4, "binary file (it contains NUL bytes)"),
    (b"\x81\x01\x82\x02\xfe\x03" * 50, "cannot read the file as text"),
    (b"PK\x03\x04" + b"\x14" * 60, "zip archive (an .xlsx workbook?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60, "old Excel .xls file"),
])
def test_garbage_bytes_named_csv(tmp_path, payload, problem):
    path = tmp_path / "garbage.csv"
    path.write_bytes(payload)
    err = load_error(path)
    assert err.file == str(path) and problem in err.problem


@pytest.mark.parametrize("text, row, column, problem", [
    ("year,projects\n2019,5\n2020,-3\n", 3, "projects", "'-3' is negative"),
    ("year,projects\n2019,NaN\n", 2, "projects", "'NaN' is not a finite number"),
    ("year,projects\n2019,inf\n", 2, "projects", "'inf' is not a finite number"),
    ("year,projects\n2019,lots\n", 2, "projects", "'lots' is not a number"),
    ("year,investment\n2019,\"735,1\"\n", 2, "investment", "not a number (use '.' for decimals"),
    ("Year,projects\n2017,5\n", 2, "Year", "2017 is outside 2018..2100"),
    ("年份,项目数\n2101,5\n", 2, "年份", "2101 is outside 2018..2100"),
    ("year,projects\nsoon,5\n", 2, "year", "'soon' is not a year"),
    ("year,projects\n,5\n", 2, "year", "'' is not a year"),
    ("year,metric,value,unit\n2019,attendees,5,furlongs\n", 2, "unit",
     "unknown unit 'furlongs' for attendees (its unit is 'people')"),
    ("year,metric,value,unit\n2019,projects_signed,5,m2\n", 2, "unit",
     "unit 'm2' does not fit projects_signed (its unit is 'projects')"),
    ("year,metric,value,unit\n2019,investment_signed,70,bn USD\n", 2, "unit",
     "USD amounts are not CNY; use investment_signed_usd_reported"),
    ("year,Investment (USD bn)\n2019,70\n", 2, "Investment (USD bn)",
     "USD amounts are not CNY; use investment_signed_usd_reported"),
    ("year,projects (m2)\n2019,70\n", 2, "projects (m2)", "does not fit projects_signed"),
    ("year,metric,value\n2019,attendees,\n", 2, "value", "value is missing"),
    ("year,metric,value\n2019,attendees,n/a\n", 2, "value", "value is missing"),
    ("year,metric,value\n2019,,5\n", 2, "metric", "metric is missing"),
])
def test_cell_errors_name_file_row_column(tmp_path, text, row, column, problem):
    err = load_error(write(tmp_path, text, "bad.csv"))
    assert (err.file, err.row, err.column) == (str(tmp_path / "bad.csv"), row, column)
    assert problem in err.problem
    assert f"bad.csv, row {row}, column '{column}': " in str(err)


def test_row_numbers_count_blank_lines(tmp_path):
    err = load_error(write(tmp_path, "year,projects\n2019,5\n\n2020,-1\n"))
    assert (err.row, err.column) == (4, "projects")


def test_row_with_too_many_cells(tmp_path):
    err = load_error(write(tmp_path, "year,projects\n2019,5,6\n"))
    assert err.row == 2 and "row has 3 cells but the header has 2" in err.problem


def test_two_headers_meaning_the_same_column(tmp_path):
    err = load_error(write(tmp_path, "year,projects,项目数\n2019,5,5\n"))
    assert (err.row, err.column) == (1, "项目数") and "both mean 'projects_signed'" in err.problem


def test_values_without_a_header(tmp_path):
    err = load_error(write(tmp_path, "year,,projects\n2019,7,5\n"))
    assert (err.row, err.column) == (1, "#2") and "no header" in err.problem


def test_no_year_column(tmp_path):
    assert "no year column" in load_error(write(tmp_path, "projects\n5\n")).problem


def test_all_cells_blank(tmp_path):
    assert "no figures found" in load_error(write(tmp_path, "year,projects\n2019,n/a\n")).problem


# ---------------------------------------------------------------- round trip (property)

wide_tables = st.lists(
    st.tuples(
        st.integers(2018, 2030),
        st.lists(st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False), min_size=3, max_size=3),
    ),
    min_size=1, max_size=6, unique_by=lambda row: row[0],
)
METRICS = ("projects_signed", "investment_signed", "exhibition_area")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=wide_tables, encoding=st.sampled_from(["utf-8-sig", "gb18030"]),
       headers=st.sampled_from([("年份", "项目数", "投资额(bn CNY)", "展览面积(m2)"), ("year",) + METRICS]))
def test_wide_csv_round_trip(tmp_path, rows, encoding, headers):
    lines = [",".join(headers)] + [",".join([str(year)] + [repr(v) for v in values]) for year, values in rows]
    path = tmp_path / f"round-{encoding}.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    got = {(f[0], f[1]): f[2] for f in facts(read_rows_of(path))}
    expected = {(year, metric): value for year, values in rows for metric, value in zip(METRICS, values)}
    assert got == expected
    assert all(math.isfinite(v) for v in got.values())
