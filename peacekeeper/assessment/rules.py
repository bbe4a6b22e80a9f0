"""The threat-level rule set: loaded from JSON (rules.json, or the file the setting ASSESSMENT_RULES_FILE
names), checked strictly, and evaluated so that it explains itself: every rule, its figure, whether it fired.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from peacekeeper.assessment.figures import BASELINE_DAYS, METRIC_LABELS, METRICS, WINDOWS, Series
from peacekeeper.assessment.statistics import RateComparison, compare_rates

DEFAULT_RULES_FILE = Path(__file__).with_name("rules.json")
RISE_METRICS = frozenset(METRICS) - {"severity_sum"}  # a sum of severities is no Poisson count


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Rise:
    ratio_at_least: float
    p_below: float


@dataclass(frozen=True)
class Rule:
    id: str
    level: int
    metric: str
    window: int
    at_least: float
    why: str = ""
    categories: tuple[str, ...] = ()
    rise: Rise | None = None

    @property
    def condition(self) -> str:
        """The rule in words, e.g. 'at least 3 reports of severity 4-5 in 7 days'."""
        what = METRIC_LABELS[self.metric]
        if self.categories:
            what += " in categories " + ", ".join(prefix.rstrip(".") for prefix in self.categories)
        text = f"at least {self.at_least:g} {what} in {self.window} days"
        if self.rise:
            text += (
                f", at {self.rise.ratio_at_least:g}x or more the area's rate over the previous"
                f" {BASELINE_DAYS} days (exact Poisson test p < {self.rise.p_below:g})"
            )
        return text


def _rule(raw: dict, position: int) -> Rule:
    where = f"rule {position + 1} ({raw.get('id', 'no id')})"
    known = {"id", "level", "metric", "window", "at_least", "why", "categories", "rise"}
    if (
        not isinstance(raw, dict)
        or set(raw) - known
        or not {"id", "level", "metric", "window", "at_least"} <= set(raw)
    ):
        raise RuleError(f"{where}: needs id, level, metric, window, at_least; may have why, categories, rise")
    if raw["level"] not in (2, 3, 4, 5):
        raise RuleError(f"{where}: level must be 2 to 5 (1 is the level when no rule fires)")
    if raw["metric"] not in METRICS:
        raise RuleError(f"{where}: metric must be one of {', '.join(METRICS)}")
    if raw["window"] not in WINDOWS:
        raise RuleError(f"{where}: window must be one of {', '.join(map(str, WINDOWS))} days")
    if not isinstance(raw["at_least"], int | float) or raw["at_least"] <= 0:
        raise RuleError(f"{where}: at_least must be a positive number")
    rise = None
    if "rise" in raw:
        if raw["metric"] not in RISE_METRICS:
            raise RuleError(f"{where}: a rise can only be tested on a count, not on {raw['metric']}")
        try:
            rise = Rise(float(raw["rise"]["ratio_at_least"]), float(raw["rise"]["p_below"]))
        except (KeyError, TypeError, ValueError):
            raise RuleError(f"{where}: rise needs ratio_at_least and p_below numbers") from None
        if rise.ratio_at_least <= 1 or not 0 < rise.p_below < 1:
            raise RuleError(f"{where}: rise needs ratio_at_least > 1 and 0 < p_below < 1")
    categories = raw.get("categories", [])
    if not isinstance(categories, list) or not all(isinstance(c, str) and c for c in categories):
        raise RuleError(f"{where}: categories must be a list of category prefixes")
    return Rule(
        id=str(raw["id"]),
        level=raw["level"],
        metric=raw["metric"],
        window=raw["window"],
        at_least=raw["at_least"],
        why=str(raw.get("why", "")),
        categories=tuple(categories),
        rise=rise,
    )


def parse_rules(document: dict) -> tuple[Rule, ...]:
    if not isinstance(document, dict) or not isinstance(document.get("rules"), list):
        raise RuleError("the rules file needs a list under 'rules'")
    rules = tuple(_rule(raw, i) for i, raw in enumerate(document["rules"]))
    ids = [rule.id for rule in rules]
    if len(set(ids)) != len(ids):
        raise RuleError("rule ids must be unique")
    return rules


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
            before = last - rule.window
            reference = int(series.window(area=area, last=before, days=BASELINE_DAYS, mask=mask)[metric])
            change = compare_rates(
                count=value, exposure=rule.window, reference_count=reference, reference_exposure=BASELINE_DAYS
            )
            ratio = change.ratio
            rose = ratio is None or ratio >= rule.rise.ratio_at_least  # from nothing to anything is a rise
            fired = fired and rose and change.p_value < rule.rise.p_below
        results.append(RuleResult(rule=rule, value=value, fired=fired, change=change))
    return results


def level_of(results: list[RuleResult]) -> int:
    return max((result.rule.level for result in results if result.fired), default=1)
