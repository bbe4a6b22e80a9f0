"""The page banner and a file's marking: the combined marking (`access.labels.combine`) of the labels of the
records a page or file shows, or that what it shows derives from.

Whoever may see the combined marking may see every record under it, so a banner or a file never understates
what it holds. The map's script, which draws several layers, sends the markings of the labels on screen to
`GET /api/access/banner` (access/api.py) and shows the answer: the rule is stated once, here.
"""

from collections.abc import Iterable
from functools import lru_cache
from typing import TypedDict

from peacekeeper.access.classification import Classification
from peacekeeper.access.labels import LabelSpec, combine, spec_of
from peacekeeper.access.models import ReleaseLabel


@lru_cache(maxsize=4096)
def _combined_marking(specs: frozenset[LabelSpec]) -> str | None:
    # In one order, so that equal sets always read alike.
    combined = combine(sorted(specs, key=lambda spec: spec.marking))
    return combined.marking if combined else None


def highest_marking(labels: Iterable[ReleaseLabel]) -> str | None:
    """The combined marking of these labels (the high-water mark); None when there are none."""
    return _combined_marking(frozenset(spec_of(label) for label in _distinct(labels)))


class MarkingFields(TypedDict):
    marking: str | None
    markings: list[str]


def marking_fields(labels: Iterable[ReleaseLabel]) -> MarkingFields:
    """What a body that shows or derives from records of these labels carries: their combined marking, and
    each label's own marking, which the map's script combines with other layers' through the server."""
    distinct = _distinct(labels)
    return {"marking": highest_marking(distinct), "markings": sorted(label.marking for label in distinct)}


def banner(labels: Iterable[ReleaseLabel]) -> dict:
    """The base template's banner over the records a page shows: their combined marking, and each label's
    own (a page whose script draws more raises the banner over these through `GET /api/access/banner`,
    never below them)."""
    fields = marking_fields(labels)
    return {**marking_banner(fields["marking"]), "page_markings": fields["markings"]}


def marking_banner(marking: str | None) -> dict:
    """The banner of a page whose marking is known without its labels (a form's as typed, a file's)."""
    return {"page_marking": marking, "banner_class": banner_css_class(marking)}


def _distinct(labels: Iterable[ReleaseLabel]) -> list[ReleaseLabel]:
    return list({label.pk: label for label in labels}.values())


def banner_css_class(marking: str | None) -> str:
    """A CSS class per level, coloured as classified systems colour their banners."""
    if not marking:
        return "banner-none"
    for level in sorted(Classification, reverse=True):
        if marking.startswith(level.label):
            return "banner-" + level.name.lower().replace("_", "-")
    return "banner-none"
