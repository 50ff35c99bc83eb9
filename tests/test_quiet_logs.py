"""KPI sparklines drawn as pictures (issue #23 N31, issue #24): the line keeps to its own frame, the
picture is numbers and palette colours only, and it says its points in words."""
import pytest

from ui import kpis
from ui.kpis import KpiCard, sparkline_svg


def card(points, **kwargs) -> KpiCard:
    return KpiCard("projects_signed", "Projects signed", "638", None, "", points, **kwargs)


def test_a_sparkline_with_gaps_keeps_every_point_inside_its_frame():
    points = kpis.sparkline_points(card([(2018, 436.0), (2019, None), (2020, 678.0)], year=2020))
    ys = [p["y"] for p in points if p["y"] is not None]
    # the highest figure is drawn highest, both inside the picture with room for the large point (r 6.4)
    assert points[2]["y"] < points[0]["y"]
    assert all(6.4 <= y <= kpis.SPARK_HEIGHT - 6.4 for y in ys)
    xs = [p["x"] for p in points]
    assert xs == sorted(xs) and xs[0] >= 6.4 and xs[-1] <= kpis.SPARK_WIDTH - 6.4


def test_a_flat_or_lone_figure_still_gets_a_height():
    for points in ([(2018, 5.0), (2019, 5.0)], [(2018, None), (2019, 7.0)]):
        ys = [p["y"] for p in kpis.sparkline_points(card(points)) if p["y"] is not None]
        assert all(0 < y < kpis.SPARK_HEIGHT for y in ys)


def test_only_a_palette_colour_goes_into_the_markup():
    with pytest.raises(ValueError, match="not a colour"):
        sparkline_svg(card([(2018, 1.0), (2019, 2.0)], color='red"/><script>'))
    assert "<script" not in sparkline_svg(card([(2018, 1.0), (2019, 2.0)]))
