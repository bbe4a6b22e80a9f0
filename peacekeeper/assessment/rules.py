"""The threat-level rule set: loaded from JSON (rules.json, or the file the setting ASSESSMENT_RULES_FILE
names), checked strictly, and evaluated so that it explains itself: every rule, its figure, whether it fired.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from django.conf import settings
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from peacekeeper.assessment.figures import (
    BASELINE_DAYS,
    METRIC_LABELS,
    METRICS,
    WINDOWS,
    Series,
    change_against_baseline,
)
from peacekeeper.assessment.statistics import RateComparison
from peacekeeper.events.taxonomy import CATEGORIES

DEFAULT_RULES_FILE = Path(__file__).with_name("rules.json")
RISE_METRICS = frozenset(METRICS) - {"severity_sum"}  # a sum of severities is no Poisson count

# Strict: a rules file is written by hand, so "5" or true for a number, or 7 for a text, is a mistake to
# name, not a value to convert. Not finite (NaN, Infinity: json.loads reads them) is refused too.
Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Text = Annotated[str, Strict()]


def _a_list(value: object) -> object:
    # A JSON list is what a reader writes; a tuple is what the rule keeps (it keys the category masks).
    if not isinstance(value, list):
        raise PydanticCustomError("list_type", 'Input should be a list of category prefixes, e.g. ["riots."]')
    return value


class RuleError(ValueError):
    pass


class _Checked(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Rise(_Checked):
    ratio_at_least: Annotated[Number, Field(gt=1)]
    p_below: Annotated[Number, Field(gt=0, lt=1)]


class Rule(_Checked):
    id: Annotated[Text, Field(min_length=1)]
    level: Literal[2, 3, 4, 5]  # 1 is the level when no rule fires
    metric: Literal[*METRICS]  # type: ignore[valid-type]
    window: Literal[*WINDOWS]  # type: ignore[valid-type]
    at_least: Annotated[Number, Field(gt=0)]
    why: Text = ""
    categories: Annotated[tuple[Annotated[Text, Field(min_length=1)], ...], BeforeValidator(_a_list)] = ()
    rise: Rise | None = None

    @model_validator(mode="after")
    def _rise_on_a_count(self) -> "Rule":
        if self.rise and self.metric not in RISE_METRICS:
            raise PydanticCustomError(
                "rise_metric",
                "a rise can only be tested on a count, not on {metric}",
                {"metric": self.metric},
            )
        return self

    @property
    def condition(self) -> str:
        """The rule in words, e.g. 'at least 3 reports of severity 4-5 in 7 days'."""
        what = METRIC_LABELS[self.metric]
        if self.categories:
            counted = what if what.startswith("reports") else f"{what} in reports"
            what = f"{counted} categorised as {categories_in_words(self.categories)}"
        text = f"at least {self.at_least:g} {what} in {self.window} days"
        if self.rise:
            text += (
                f", at {self.rise.ratio_at_least:g}x or more the area's rate over the previous"
                f" {BASELINE_DAYS} days, or the part of them the log covers (exact Poisson test"
                f" p < {self.rise.p_below:g})"
            )
        return text


def _in_sentence(label: str) -> str:
    # "Roadblock or barricade" -> "roadblock or barricade"; "EULEX operation" stays as written.
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def categories_in_words(prefixes: tuple[str, ...]) -> str:
    """Category prefixes as a reader says them: "fom." -> "freedom-of-movement restriction, roadblock or
    barricade, or crossing-point incident"; "riots." -> "riots (violent demonstration, mob violence)"."""
    parts = []
    for prefix in prefixes:
        matching = [category for code, category in CATEGORIES.items() if code.startswith(prefix)]
        labels = [_in_sentence(category.label) for category in matching]
        event_types = {category.acled_event_type for category in matching}
        if not matching:
            parts.append(prefix.rstrip("."))
        elif len(matching) > 1 and len(event_types) == 1 and not any(c.peace_support for c in matching):
            parts.append(f"{event_types.pop().lower()} ({', '.join(labels)})")
        else:
            parts += labels
    if len(parts) < 3:
        return " or ".join(parts)
    return ", ".join(parts[:-1]) + ", or " + parts[-1]


class _RuleSet(BaseModel):
    # Other keys ("about") are the file's own notes.
    rules: list[Rule]

    @model_validator(mode="after")
    def _unique_ids(self) -> "_RuleSet":
        ids = [rule.id for rule in self.rules]
        if repeated := sorted({name for name in ids if ids.count(name) > 1}):
            raise PydanticCustomError(
                "unique", "rule ids must be unique: {ids}", {"ids": ", ".join(repeated)}
            )
        return self


def parse_rules(document: object) -> tuple[Rule, ...]:
    """The rules of a rules file's JSON document. A bad one is refused with every problem, each named by
    its rule (position and id) and field: `rule 3 (surge-7d), rise.p_below: Input should be less than 1`."""
    if not isinstance(document, dict):
        raise RuleError("the rules file should be a JSON object with a list under 'rules'")
    try:
        return tuple(_RuleSet.model_validate(document).rules)
    except ValidationError as error:
        problems = (_where(document, problem["loc"]) + problem["msg"] for problem in error.errors())
        raise RuleError("; ".join(problems)) from None


def _where(document: dict, loc: tuple[int | str, ...]) -> str:
    """Where a problem is, for a reader of the file: ('rules', 2, 'rise', 'p_below') is
    'rule 3 (surge-7d), rise.p_below: '."""
    where = "the rules file"
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        raw = document["rules"][loc[1]]
        name = f" ({raw['id']})" if isinstance(raw, dict) and isinstance(raw.get("id"), str) else ""
        where, loc = f"rule {loc[1] + 1}{name}", loc[2:]
    return f"{where}, {'.'.join(map(str, loc))}: " if loc else f"{where}: "


def rules_file() -> Path:
    return Path(getattr(settings, "ASSESSMENT_RULES_FILE", None) or DEFAULT_RULES_FILE)


@cache
def _load(path: Path, modified: float) -> tuple[Rule, ...]:
    return parse_rules(json.loads(path.read_text(encoding="utf-8")))


def active_rules() -> tuple[Rule, ...]:
    """The rule set in force; re-read when the file changes, so an edit applies without a restart."""
    path = rules_file()
    return _load(path, path.stat().st_mtime)


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    value: int
    fired: bool
    change: RateComparison | None = None


def evaluate(rules: tuple[Rule, ...], series: Series, *, area: int, last: int) -> list[RuleResult]:
    """Every rule against one area's figures on the day index `last`."""
    results = []
    masks: dict[tuple[str, ...], object] = {}
    for rule in rules:
        mask = masks.setdefault(rule.categories, series.category_mask(rule.categories))
        metric = METRICS.index(rule.metric)
        value = int(series.window(area=area, last=last, days=rule.window, mask=mask)[metric])
        fired = value >= rule.at_least
        change = None
        if rule.rise:
            # The same comparison the pages show for a window (figures.change_against_baseline): the
            # baseline is the part of the BASELINE_DAYS before the window that the log covers.
            change = change_against_baseline(
                series, area=area, last=last, days=rule.window, metric=rule.metric, mask=mask
            )
            ratio = change.ratio
            rose = ratio is None or ratio >= rule.rise.ratio_at_least  # from nothing to anything is a rise
            fired = fired and rose and change.p_value < rule.rise.p_below
        results.append(RuleResult(rule=rule, value=value, fired=fired, change=change))
    return results


def level_of(results: list[RuleResult]) -> int:
    return max((result.rule.level for result in results if result.fired), default=1)
