"""The page banner: the highest marking among the records a page shows."""

from collections.abc import Iterable

from peacekeeper.access.classification import Classification
from peacekeeper.access.models import ReleaseLabel


def _weight(label: ReleaseLabel) -> tuple[int, int, int]:
    # Higher classification first; at the same level a national-only or a narrower release weighs more.
    rel_to_count = label.marking.count(",") + 1 if "REL TO" in label.marking else 99
    return (label.classification, 1 if label.national_only_id else 0, -rel_to_count)


def highest_marking(labels: Iterable[ReleaseLabel]) -> str | None:
    labels = list(labels)
    if not labels:
        return None
    return max(labels, key=_weight).marking


def banner_css_class(marking: str | None) -> str:
    """A CSS class per level, coloured as classified systems colour their banners."""
    if not marking:
        return "banner-none"
    for level in sorted(Classification, reverse=True):
        if marking.startswith(level.label):
            return "banner-" + level.name.lower().replace("_", "-")
    return "banner-none"
