"""The charts' geometry is computed in charts.py and drawn by templates, which escape every text they
write."""

from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from django.template.loader import render_to_string

from peacekeeper.assessment import charts

PARTIALS = "assessment/partials/"
DAYS = [f"2026-11-{day:02d}" for day in range(1, 31)]


def drawn(template: str, **context: object) -> Element:
    return ElementTree.fromstring(render_to_string(PARTIALS + template, context))


def test_a_category_label_is_text_never_markup():
    svg = drawn("category_chart.html", chart=charts.category_bars([('<script>"x" & y</script>', 3)]))
    assert svg.get("aria-label") == "Reports by category"
    assert svg.find("title").text == "Reports by category"
    label, value = svg.findall("text")
    assert (label.text, value.text) == ('<script>"x" & y</script>', "3")


def test_no_counted_report_is_said_in_words():
    page = render_to_string(PARTIALS + "category_chart.html", {"chart": charts.category_bars([])})
    assert "<svg" not in page
    assert "No counted reports in the window." in page


def test_the_level_chart_titles_each_day_override_and_snapshot():
    history = [{"day": day, "level": 1 + index % 5} for index, day in enumerate(DAYS)]
    overrides = [{"created_at": "2026-11-10T08:00:00Z", "valid_until": "2026-11-12T08:00:00Z", "level": 5}]
    snapshots = [{"day": "2026-11-20", "level": 3, "reason": "<b>daily</b>"}]
    svg = drawn("level_chart.html", chart=charts.level_steps(history, overrides, snapshots))
    assert svg.get("role") == "img"
    assert svg.get("aria-label").startswith("Computed level per day from 2026-11-01 to 2026-11-30")
    titles = [rect.find("title").text for rect in svg.findall("rect")]
    assert titles[:2] == ["2026-11-01: level 1", "2026-11-02: level 2"]
    assert titles[-1] == "override to level 5 from 2026-11-10 to 2026-11-12"
    (ring,) = svg.findall("circle")
    assert ring.find("title").text == "2026-11-20: level 3 shown then (<b>daily</b>)"
    assert [rect.get("fill") for rect in svg.findall("rect")[:5]] == charts.LEVEL_COLOURS[1:6]


def test_no_history_draws_no_level_chart():
    page = render_to_string(PARTIALS + "level_chart.html", {"chart": charts.level_steps([], [], [])})
    assert page.strip() == ""


def test_the_daily_bars_draw_only_days_with_reports():
    counts = [0] * 28 + [2, 4]
    svg = drawn("daily_chart.html", chart=charts.daily_bars(counts, first_day=DAYS[0], last_day=DAYS[-1]))
    assert [rect.find("title").text for rect in svg.findall("rect")] == ["2", "4"]
    assert svg.get("aria-label") == "Reports per day from 2026-11-01 to 2026-11-30, at most 4 a day"
    assert [text.text for text in svg.findall("text")] == ["2026-11-01", "2026-11-30", "max 4/day"]


def test_the_sparkline_ends_on_the_newest_day():
    svg = drawn("spark_chart.html", spark=charts.sparkline([0, 2, 1]))
    assert svg.get("aria-label") == "Reports per day over 3 days: 3 in all, at most 2 a day"
    points = [tuple(map(float, point.split(","))) for point in svg.find("polyline").get("points").split()]
    assert points == [(0, 24), (60, 2), (120, 13)]
    assert (float(svg.find("circle").get("cx")), float(svg.find("circle").get("cy"))) == (120, 13)
