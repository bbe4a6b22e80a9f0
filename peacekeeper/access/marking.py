"""The page banner: the highest marking among the records a page shows, or that what it shows derives from.

One ordering for "highest" everywhere (pages, layers, derived figures, exports): `_weight`. Bodies read by
the map's script also carry it as one number (`marking_rank`), so the script compares markings without
parsing them.
"""

from collections.abc import Iterable
from typing import TypedDict

from peacekeeper.access.classification import Classification
from peacekeeper.access.models import ReleaseLabel


def _weight_of(classification: int, national_only: bool, marking: str) -> tuple[int, int, int]:
    # Higher classification first; at the same level a national-only or a narrower release weighs more.
    rel_to_count = marking.count(",") + 1 if "REL TO" in marking else 99
    return (classification, 1 if national_only else 0, -rel_to_count)


def _weight(label: ReleaseLabel) -> tuple[int, int, int]:
    return _weight_of(label.classification, label.national_only_id is not None, label.marking)


def rank_of(*, classification: int, national_only: bool, marking: str) -> int:
    """`_weight` as one number, in the same order (for up to 999 REL TO values), from a label's parts: for
    rows read with `.values()`."""
    level, national, narrower = _weight_of(classification, national_only, marking)
    return (level * 2 + national) * 1000 + 1000 + max(narrower, -999)


def marking_rank(label: ReleaseLabel) -> int:
    return rank_of(
        classification=label.classification,
        national_only=label.national_only_id is not None,
        marking=label.marking,
    )


def highest_label(labels: Iterable[ReleaseLabel]) -> ReleaseLabel | None:
    return max(labels, key=_weight, default=None)


def highest_marking(labels: Iterable[ReleaseLabel]) -> str | None:
    label = highest_label(labels)
    return label.marking if label else None


class MarkingFields(TypedDict):
    marking: str | None
    marking_rank: int | None


def marking_fields(labels: Iterable[ReleaseLabel]) -> MarkingFields:
    """The highest marking and its rank, as a body that shows or derives from records of these labels
    carries them; both None when there are none."""
    label = highest_label(labels)
    if label is None:
        return {"marking": None, "marking_rank": None}
    return {"marking": label.marking, "marking_rank": marking_rank(label)}


def banner_css_class(marking: str | None) -> str:
    """A CSS class per level, coloured as classified systems colour their banners."""
    if not marking:
        return "banner-none"
    for level in sorted(Classification, reverse=True):
        if marking.startswith(level.label):
            return "banner-" + level.name.lower().replace("_", "-")
    return "banner-none"
