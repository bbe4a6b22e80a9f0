"""The rule set: strictly checked, evaluated on the figures, and explaining which rules set the level."""

import json
import re
from datetime import date

import numpy as np
import pytest

from peacekeeper.assessment import rules as rules_module
from peacekeeper.assessment.figures import METRICS, Series
from peacekeeper.assessment.rules import RuleError, active_rules, evaluate, level_of, parse_rules

FIRST = date(2025, 1, 1)
DAYS = 455


def series_with(daily: dict[tuple[str, str], list[tuple[int, int]]]) -> Series:
    """One area; daily[(category, metric)] = [(day index, value), ...]."""
    categories = sorted({category for category, _ in daily})
    values = np.zeros((1, len(categories), DAYS, len(METRICS)), dtype=np.int64)
    for (category, metric), points in daily.items():
        for day, value in points:
            values[0, categories.index(category), day, METRICS.index(metric)] += value
    return Series(area_ids=[1], categories=categories, first_day=FIRST, values=values)


def rule(**fields) -> dict:
    return {"id": "r", "level": 3, "metric": "count", "window": 7, "at_least": 2} | fields


def test_the_shipped_rules_parse_and_cover_levels_two_to_five():
    assert {r.level for r in active_rules()} == {2, 3, 4, 5}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (rule(level=1), "rule 1 (r), level: Input should be 2, 3, 4 or 5"),
        (rule(metric="mood"), "rule 1 (r), metric: Input should be 'count', 'severity_sum', 'severe'"),
        (rule(window=14), "rule 1 (r), window: Input should be 7, 30 or 90"),
        (rule(at_least=0), "rule 1 (r), at_least: Input should be greater than 0"),
        (
            rule(metric="severity_sum", rise={"ratio_at_least": 2, "p_below": 0.05}),
            "rule 1 (r): a rise can only be tested on a count, not on severity_sum",
        ),
        (
            rule(rise={"ratio_at_least": 0.5, "p_below": 0.05}),
            "rule 1 (r), rise.ratio_at_least: Input should be greater than 1",
        ),
        (
            rule(rise={"ratio_at_least": 2, "p_below": 1}),
            "rule 1 (r), rise.p_below: Input should be less than 1",
        ),
        (rule(rise={"ratio_at_least": 2}), "rule 1 (r), rise.p_below: Field required"),
        (rule(categories="riots."), "rule 1 (r), categories: Input should be a list of category prefixes"),
        (
            rule(categories=["riots.", ""]),
            "rule 1 (r), categories.1: String should have at least 1 character",
        ),
        (rule(colour="red"), "rule 1 (r), colour: Extra inputs are not permitted"),
        ({"id": "r", "level": 2}, "rule 1 (r), metric: Field required"),
    ],
)
def test_a_bad_rule_is_refused_with_its_reason(raw, reason):
    with pytest.raises(RuleError, match=re.escape(reason)):
        parse_rules({"rules": [raw]})


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        # NaN fires no rule (every comparison with it is false); json.loads reads it from a file.
        (rule(at_least=float("nan")), "at_least: Input should be a finite number"),
        (
            rule(rise={"ratio_at_least": float("nan"), "p_below": 0.05}),
            "ratio_at_least: Input should be a finite",
        ),
        (rule(at_least=True), "at_least: Input should be a valid number"),
        (rule(at_least="5"), "at_least: Input should be a valid number"),
        (
            rule(rise={"ratio_at_least": "2", "p_below": 0.05}),
            "ratio_at_least: Input should be a valid number",
        ),
        (rule(id=7), "rule 1, id: Input should be a valid string"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_not_converted(raw, reason):
    with pytest.raises(RuleError, match=re.escape(reason)):
        parse_rules({"rules": [raw]})


def test_every_problem_is_named_at_once_by_its_rule_and_field():
    with pytest.raises(RuleError) as refused:
        parse_rules({"rules": [rule(id="fine"), rule(id="two", level=9, window=14), ["not", "a", "rule"]]})
    assert str(refused.value).split("; ") == [
        "rule 2 (two), level: Input should be 2, 3, 4 or 5",
        "rule 2 (two), window: Input should be 7, 30 or 90",
        "rule 3: Input should be a valid dictionary or instance of Rule",
    ]


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ([], "the rules file should be a JSON object with a list under 'rules'"),
        ({"rule": []}, "the rules file, rules: Field required"),
        ({"rules": {}}, "the rules file, rules: Input should be a valid list"),
    ],
)
def test_a_file_without_a_list_of_rules_is_refused(document, reason):
    with pytest.raises(RuleError, match=re.escape(reason)):
        parse_rules(document)


def test_duplicate_ids_are_refused_and_named():
    with pytest.raises(RuleError, match="rule ids must be unique: a, r"):
        parse_rules({"rules": [rule(), rule(), rule(id="a"), rule(id="a"), rule(id="b")]})


def test_the_files_notes_beside_the_rules_are_allowed():
    assert [r.id for r in parse_rules({"about": "what the levels mean", "rules": [rule()]})] == ["r"]


def test_the_level_is_the_highest_fired_rule_and_each_result_carries_its_figure():
    rules = parse_rules(
        {
            "rules": [
                rule(id="any", level=2, at_least=1),
                rule(id="riots", level=4, categories=["riots."], at_least=2),
                rule(id="deaths", level=5, metric="fatalities", window=30, at_least=1),
            ]
        }
    )
    last = DAYS - 1
    series = series_with(
        {
            ("riots.mob_violence", "count"): [(last, 1), (last - 3, 1)],
            ("fom.roadblock", "count"): [(last, 5)],
        }
    )
    results = evaluate(rules, series, area=0, last=last)
    assert [(r.rule.id, r.value, r.fired) for r in results] == [
        ("any", 7, True),
        ("riots", 2, True),
        ("deaths", 0, False),
    ]
    assert level_of(results) == 4
    # Eight days later the riots have left the 7-day window.
    assert level_of(evaluate(rules, series, area=0, last=last - 8)) == 1


def test_a_rise_rule_fires_only_on_a_significant_rise_above_the_ratio():
    rules = parse_rules(
        {"rules": [rule(id="surge", level=4, at_least=5, rise={"ratio_at_least": 3, "p_below": 0.01})]}
    )
    last = DAYS - 1
    usual = [(day, 1) for day in range(last - 7 - 364, last - 6)]  # one a day for the year before the week
    busy_week = [(day, 4) for day in range(last - 6, last + 1)]  # four a day this week
    quiet_rise = [(day, 1) for day in range(last - 6, last + 1)]  # one a day: no rise
    fired = evaluate(rules, series_with({("x.y", "count"): usual + busy_week}), area=0, last=last)[0]
    assert fired.fired
    assert fired.change.ratio == pytest.approx(4.0)
    assert fired.change.p_value < 0.01
    steady = evaluate(rules, series_with({("x.y", "count"): usual + quiet_rise}), area=0, last=last)[0]
    assert steady.value == 7
    assert not steady.fired


def test_the_conditions_read_as_sentences():
    text = parse_rules(
        {"rules": [rule(categories=["riots."], rise={"ratio_at_least": 1.5, "p_below": 0.05}, window=30)]}
    )[0].condition
    assert text == (
        "at least 2 reports categorised as riots (violent demonstration, mob violence) in 30 days, at 1.5x "
        "or more the area's rate over the "
        "previous 365 days, or the part of them the log covers (exact Poisson test p < 0.05)"
    )


def test_an_administrators_rules_file_replaces_the_shipped_one(tmp_path, settings):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"rules": [rule(id="only-one", level=5, at_least=1)]}))
    settings.ASSESSMENT_RULES_FILE = str(path)
    assert [r.id for r in active_rules()] == ["only-one"]
    path.write_text(json.dumps({"rules": [rule(id="edited", level=5, at_least=1)]}))
    import os

    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 10))
    assert [r.id for r in rules_module.active_rules()] == ["edited"]


def test_a_rules_categories_are_named_by_their_labels():
    from peacekeeper.assessment.rules import categories_in_words

    assert categories_in_words(("fom.",)) == (
        "freedom-of-movement restriction, roadblock or barricade, or crossing-point incident"
    )
    assert categories_in_words(("riots.", "force.attack")) == (
        "riots (violent demonstration, mob violence) or attack on the force"
    )
    assert categories_in_words(("rule_of_law.",)) == "police or EULEX operation"
