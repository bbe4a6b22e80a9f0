"""Release labels as values: build, validate, render as a marking string, parse, and intern.

A LabelSpec is the pure value the policy reasons about; ReleaseLabel rows are its stored form.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from peacekeeper.access.classification import REL_TO, CategoryKind, Classification, parse_classification
from peacekeeper.access.models import Organisation, ReleaseCategory, ReleaseLabel
from peacekeeper.access.request_labels import forget_request_answers

# Canonical order of REL TO values in a marking: the mission first, then nations, then the others.
_KIND_ORDER = {
    Organisation.Kind.MISSION: 0,
    Organisation.Kind.NATION: 1,
    Organisation.Kind.INTERNATIONAL: 2,
    Organisation.Kind.LOCAL: 3,
}
_CODE = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")
# What a combination says when it holds a non-public record released to no one by name, which partners
# outside the mission may not see (policy rule 5), beside REL TO values it names only as a condition.
NOT_FOR_PARTNERS = "NOT REL TO PARTNERS OUTSIDE THE MISSION"


class LabelError(ValueError):
    """A label that cannot exist: the message says which part is wrong."""


@dataclass(frozen=True)
class LabelSpec:
    classification: Classification
    rel_to: tuple[str, ...] = ()
    national_only: str | None = None
    # Restrictive categories: every (tag, value) must be held by the reader.
    restrictive: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    # Further permissive categories besides REL TO: tag -> values, at least one must match per tag.
    permissive: tuple[tuple[str, frozenset[str]], ...] = ()
    privacy_mark: str = ""
    policy: str = "NATO"

    def permissive_categories(self) -> dict[str, frozenset[str]]:
        categories = dict(self.permissive)
        if self.rel_to:
            categories[REL_TO] = frozenset(self.rel_to)
        return categories

    @property
    def marking(self) -> str:
        parts = [Classification(self.classification).label]
        if self.national_only:
            parts.append(f"{self.national_only} ONLY")
        for tag, value in sorted(self.restrictive):
            parts.append(f"{tag} {value}")
        for tag, values in sorted(self.permissive):
            parts.append(f"{tag} {', '.join(sorted(values))}")
        if self.rel_to:
            parts.append(f"{REL_TO} {', '.join(self.rel_to)}")
        elif not self.national_only and any(tag == REL_TO for tag, _ in self.permissive):
            parts.append(NOT_FOR_PARTNERS)  # REL TO values held as conditions only: see `combine`
        if self.privacy_mark:
            parts.append(self.privacy_mark)
        return " // ".join(parts)


def combine(specs: Iterable["LabelSpec"]) -> "LabelSpec | None":
    """The one label under which a set of records may be shown together (the high-water mark): the highest
    classification, every restrictive value, the national-only marking, and for each permissive category the
    values that every label carrying it allows. None for no labels.

    Whoever may see the combination may see each part: a banner or a file marked with it never understates
    what it holds. Where no single label says it (two nations' ONLY markings; REL TO lists with nothing in
    common; a national-only record with one released to others; a record released to no one by name with
    one released to partners), the combination says each condition ("DEU / ITA ONLY", "REL TO EULEX //
    REL TO KFOR", "DEU ONLY // REL TO KFOR", "REL TO EULEX, KFOR // NOT REL TO PARTNERS OUTSIDE THE
    MISSION"): a marking for people to read, which `expressible` tells apart from one that can be stored.
    """
    specs = list(specs)
    if not specs:
        return None
    nations = sorted({spec.national_only for spec in specs if spec.national_only})
    # A non-public record released to no one by name is hidden from partners outside the mission (policy
    # rule 5): with one in the set, REL TO values are conditions on the mission's readers, not a release.
    released = not nations and all(
        spec.rel_to or spec.classification == Classification.PUBLIC for spec in specs
    )
    conditions: dict[str, list[frozenset[str]]] = {}
    for spec in specs:
        for tag, values in spec.permissive_categories().items():
            conditions.setdefault(tag, []).append(values)
    permissive: list[tuple[str, frozenset[str]]] = []
    rel_to: tuple[str, ...] = ()
    order = {code: index for spec in specs for index, code in enumerate(spec.rel_to)}
    for tag, value_sets in conditions.items():
        if tag == REL_TO and len(nations) == 1:
            # A national holds their nation's REL TO value; a REL TO without it still binds them (DEU ONLY
            # and REL TO KFOR: a German outside KFOR sees only the first).
            value_sets = [values for values in value_sets if nations[0] not in values]
            if not value_sets:
                continue
        common = frozenset.intersection(*value_sets)
        kept = [common] if common else sorted(set(value_sets), key=sorted)
        if tag == REL_TO and released:
            *kept, last = kept
            rel_to = tuple(sorted(last, key=lambda code: (order.get(code, 99), code)))
        permissive += [(tag, values) for values in kept]
    return LabelSpec(
        classification=max(spec.classification for spec in specs),
        rel_to=rel_to,
        national_only=" / ".join(nations) or None,
        restrictive=frozenset().union(*(spec.restrictive for spec in specs)),
        permissive=tuple(sorted(permissive, key=lambda item: (item[0], sorted(item[1])))),
        privacy_mark=" ".join(sorted({spec.privacy_mark for spec in specs if spec.privacy_mark})),
    )


def expressible(spec: "LabelSpec") -> bool:
    """Whether a (combined) label is one a record can carry: one nation at most, each category once, REL TO
    values only as a release."""
    tags = [tag for tag, _ in spec.permissive]
    return (
        (spec.national_only is None or " " not in spec.national_only)
        and len(tags) == len(set(tags))
        and REL_TO not in tags
    )


def make_label(
    classification: Classification | int | str,
    *,
    rel_to: list[str] | tuple[str, ...] = (),
    national_only: str | None = None,
    restrictive: list[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
    privacy_mark: str = "",
    organisation_kinds: dict[str, str] | None = None,
) -> LabelSpec:
    """Validate the parts of a label and return it in canonical form.

    organisation_kinds maps codes to Organisation.Kind for ordering REL TO; when omitted the
    database is asked, and unknown codes are rejected.
    """
    level = parse_classification(classification) if isinstance(classification, str) else classification
    try:
        level = Classification(level)
    except ValueError:
        raise LabelError(f"classification {classification!r} is not a known level") from None
    codes = [code.strip().upper() for code in rel_to if code.strip()]
    for code in codes:
        if not _CODE.match(code):
            raise LabelError(f"REL TO value {code!r} is not an organisation code")
    if len(set(codes)) != len(codes):
        raise LabelError("REL TO lists the same organisation twice")
    nation = national_only.strip().upper() if national_only else None
    if level == Classification.PUBLIC and (codes or nation or restrictive):
        raise LabelError(
            "a PUBLIC label is released to everyone and cannot carry REL TO or national-only markings"
        )
    if nation and codes:
        raise LabelError(
            f"a {nation} ONLY record cannot also be released to others (REL TO {', '.join(codes)})"
        )
    if organisation_kinds is None:
        wanted = set(codes) | ({nation} if nation else set())
        organisation_kinds = dict(Organisation.objects.filter(code__in=wanted).values_list("code", "kind"))
    unknown = [code for code in codes if code not in organisation_kinds]
    if unknown:
        raise LabelError(f"REL TO names unknown organisation(s): {', '.join(unknown)}")
    if nation and organisation_kinds.get(nation) != Organisation.Kind.NATION:
        raise LabelError(f"national-only marking {nation!r} is not a known nation")
    ordered = tuple(sorted(codes, key=lambda code: (_KIND_ORDER.get(organisation_kinds[code], 9), code)))
    return LabelSpec(
        classification=level,
        rel_to=ordered,
        national_only=nation,
        restrictive=frozenset((tag.upper(), value.upper()) for tag, value in restrictive),
        privacy_mark=privacy_mark.strip().upper(),
    )


def parse_marking(marking: str) -> LabelSpec:
    """Parse a marking string such as 'NATO RESTRICTED // REL TO KFOR, EULEX' or 'NATO SECRET // DEU ONLY'."""
    segments = [segment.strip() for segment in marking.split("//")]
    if not segments or not segments[0]:
        raise LabelError("the marking is empty")
    try:
        level = parse_classification(segments[0])
    except ValueError as error:
        raise LabelError(str(error)) from None
    rel_to: list[str] = []
    national_only = None
    seen: set[str] = set()
    for segment in segments[1:]:
        upper = segment.upper()
        part = REL_TO if upper.startswith(REL_TO + " ") else "ONLY" if upper.endswith(" ONLY") else upper
        if part in seen:
            # Two REL TO lists (as a combined banner may show) are two conditions; kept as one, the label
            # would be released wider than the marking read.
            raise LabelError(f"marking part {segment!r} repeats a {part} part: a label has one")
        seen.add(part)
        if upper.startswith(REL_TO + " "):
            rel_to = [code.strip() for code in upper[len(REL_TO) + 1 :].split(",")]
        elif upper.endswith(" ONLY") and len(upper.split()) == 2:
            national_only = upper.split()[0]
        else:
            raise LabelError(
                f"marking part {segment!r} is not understood (expected 'REL TO ...' or 'XXX ONLY')"
            )
    return make_label(level, rel_to=rel_to, national_only=national_only)


# Stored labels never change (they are interned and read-only), so their specs can be remembered.
_SPECS: dict[tuple[int, str], LabelSpec] = {}


def spec_of(label: ReleaseLabel) -> LabelSpec:
    """The LabelSpec of a stored label (uses prefetched categories when present)."""
    key = (label.pk, label.marking)
    spec = _SPECS.get(key)
    if spec is None:
        if len(_SPECS) > 10_000:
            _SPECS.clear()
        spec = _SPECS[key] = _build_spec(label)
    return spec


def _build_spec(label: ReleaseLabel) -> LabelSpec:
    rel_to: list[str] = []
    restrictive: set[tuple[str, str]] = set()
    permissive: dict[str, set[str]] = {}
    for category in label.categories.all():
        if category.kind == CategoryKind.RESTRICTIVE:
            restrictive.add((category.tag, category.value))
        elif category.tag == REL_TO:
            rel_to.append(category.value)
        else:
            permissive.setdefault(category.tag, set()).add(category.value)
    # The stored marking keeps the canonical REL TO order; recover it from there.
    order = {code: index for index, code in enumerate(_rel_to_in_marking(label.marking))}
    rel_to.sort(key=lambda code: order.get(code, len(order)))
    return LabelSpec(
        classification=Classification(label.classification),
        rel_to=tuple(rel_to),
        national_only=label.national_only.code if label.national_only_id else None,
        restrictive=frozenset(restrictive),
        permissive=tuple(sorted((tag, frozenset(values)) for tag, values in permissive.items())),
        privacy_mark=label.privacy_mark,
        policy=label.policy,
    )


def _rel_to_in_marking(marking: str) -> list[str]:
    for segment in marking.split("//"):
        segment = segment.strip()
        if segment.startswith(REL_TO + " "):
            return [code.strip() for code in segment[len(REL_TO) + 1 :].split(",")]
    return []


def intern_label(spec: LabelSpec) -> ReleaseLabel:
    """Return the stored label equal to spec, creating it (with its categories) once.

    The request's kept label answers are forgotten either way: a label another process stored since they
    were read is one this request may now write with (and whose records it must then find)."""
    forget_request_answers()
    existing = ReleaseLabel.objects.filter(marking=spec.marking).first()
    if existing:
        return existing
    with transaction.atomic():
        national = Organisation.objects.get(code=spec.national_only) if spec.national_only else None
        label, created = ReleaseLabel.objects.get_or_create(
            marking=spec.marking,
            defaults={
                "classification": spec.classification,
                "national_only": national,
                "privacy_mark": spec.privacy_mark,
                "policy": spec.policy,
            },
        )
        if created:
            rows = [
                ReleaseCategory(label=label, kind=CategoryKind.PERMISSIVE, tag=REL_TO, value=c)
                for c in spec.rel_to
            ]
            rows += [
                ReleaseCategory(label=label, kind=CategoryKind.PERMISSIVE, tag=tag, value=value)
                for tag, values in spec.permissive
                for value in values
            ]
            rows += [
                ReleaseCategory(label=label, kind=CategoryKind.RESTRICTIVE, tag=tag, value=value)
                for tag, value in spec.restrictive
            ]
            ReleaseCategory.objects.bulk_create(rows)
    return label


def label_from_marking(marking: str) -> ReleaseLabel:
    return intern_label(parse_marking(marking))
