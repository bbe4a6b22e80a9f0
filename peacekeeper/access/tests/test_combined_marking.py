"""A page or file is marked with the combination of its labels, which never understates what it holds."""

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peacekeeper.access import policy
from peacekeeper.access.classification import REL_TO, Classification, Role, parse_classification
from peacekeeper.access.labels import (
    NOT_FOR_PARTNERS,
    LabelSpec,
    combine,
    expressible,
    label_from_marking,
    parse_marking,
)
from peacekeeper.access.marking import banner_css_class, highest_marking, marking_fields
from peacekeeper.access.tests.test_policy_agrees_with_database import GRANTS, labels

RESTRICTIVE_TAGS = {tag for tag, _ in GRANTS}
# Every kind of reader the rules tell apart: each organisation with and without a nation, in the mission or
# not, partner or not, cleared high or not, holding the restrictive values or not.
READERS = [
    policy.Subject(
        clearance=clearance,
        organisation=organisation,
        nation=nation,
        missions=missions,
        roles=frozenset({role}),
        grants=grants,
    )
    for organisation, nation, missions, role, clearance, grants in product(
        ["DEU", "ITA", "EULEX", "UNMIK"],
        [None, "DEU", "ITA"],
        [frozenset(), frozenset({"KFOR"})],
        [Role.WATCHKEEPER, Role.PARTNER],
        [Classification.NATO_RESTRICTED, Classification.NATO_SECRET],
        [frozenset(), frozenset(GRANTS)],
    )
]


def may_read_as_marked(subject: policy.Subject, marking: str) -> bool:
    """Whether a reader meets every condition the marking's words name, read as a person reads them."""
    level, *parts = marking.split(" // ")
    classification = parse_classification(level)
    if not subject.active or subject.clearance < classification:
        return False
    # As with stored labels, partners outside the mission read only what a REL TO releases to them, and
    # never a national-only record.
    national_only = any(part.endswith(" ONLY") for part in parts)
    released_by_name = (
        not national_only
        and NOT_FOR_PARTNERS not in parts
        and any(part.startswith(REL_TO + " ") for part in parts)
    )
    if subject.external and classification != Classification.PUBLIC and not released_by_name:
        return False
    for part in parts:
        if part == NOT_FOR_PARTNERS:
            continue
        if part.endswith(" ONLY"):
            if part[: -len(" ONLY")].split(" / ") != [subject.nation]:
                return False
        elif part.startswith(REL_TO + " "):
            if not set(part[len(REL_TO) + 1 :].split(", ")) & subject.release_tokens:
                return False
        else:
            tag, values = part.split(" ", 1)
            if tag in RESTRICTIVE_TAGS:
                if (tag, values) not in subject.grants:
                    return False
            elif not set(values.split(", ")) & subject.release_tokens:
                return False
    return True


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(labels(), min_size=1, max_size=5))
def test_whoever_may_see_the_combination_may_see_every_part(parts):
    combined = combine(parts)
    for subject in READERS:
        if expressible(combined) and policy.can_see(subject, combined):
            assert all(policy.can_see(subject, part) for part in parts), (combined.marking, subject)
        # Stored or not, the marking names every condition: a reader who meets them may see every part.
        if may_read_as_marked(subject, combined.marking):
            assert all(policy.can_see(subject, part) for part in parts), (combined.marking, subject)


@settings(max_examples=200, deadline=None)
@given(label=labels())
def test_the_combination_of_one_label_is_that_label(label):
    assert combine([label]) == label
    assert combine([label, label]) == label
    assert expressible(label)


def test_nothing_combines_to_nothing():
    assert combine([]) is None


def combined(*markings: str) -> LabelSpec:
    spec = combine(parse_marking(marking) for marking in markings)
    assert spec is not None
    return spec


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("markings", "expected", "storable"),
    [
        # A KFOR reader who is not German may not see the first; a German outside KFOR not the second.
        (
            ["NATO UNCLASSIFIED // DEU ONLY", "NATO RESTRICTED // REL TO KFOR"],
            "NATO RESTRICTED // DEU ONLY // REL TO KFOR",
            False,
        ),
        # Every German holds DEU: the release to KFOR and Germany adds nothing to DEU ONLY.
        (
            ["NATO UNCLASSIFIED // DEU ONLY", "NATO RESTRICTED // REL TO KFOR, DEU"],
            "NATO RESTRICTED // DEU ONLY",
            True,
        ),
        # Only the release to KFOR or Italy binds a German.
        (
            [
                "NATO UNCLASSIFIED // DEU ONLY",
                "NATO UNCLASSIFIED // REL TO KFOR, DEU",
                "NATO RESTRICTED // REL TO KFOR, ITA",
            ],
            "NATO RESTRICTED // DEU ONLY // REL TO ITA, KFOR",
            False,
        ),
        (
            ["NATO RESTRICTED // REL TO KFOR, EULEX", "NATO UNCLASSIFIED // REL TO KFOR, DEU"],
            "NATO RESTRICTED // REL TO KFOR",
            True,
        ),
        (
            ["NATO UNCLASSIFIED // REL TO EULEX", "NATO UNCLASSIFIED // REL TO KFOR"],
            "NATO UNCLASSIFIED // REL TO EULEX // REL TO KFOR",
            False,
        ),
        # EULEX's users outside the mission may see the second, not the first (released to no one by name).
        (
            ["NATO UNCLASSIFIED", "NATO UNCLASSIFIED // REL TO KFOR, EULEX"],
            f"NATO UNCLASSIFIED // REL TO EULEX, KFOR // {NOT_FOR_PARTNERS}",
            False,
        ),
        (
            ["PUBLIC", "NATO UNCLASSIFIED // REL TO KFOR, EULEX"],
            "NATO UNCLASSIFIED // REL TO KFOR, EULEX",
            True,
        ),
        (["NATO SECRET // ITA ONLY", "NATO RESTRICTED // DEU ONLY"], "NATO SECRET // DEU / ITA ONLY", False),
    ],
)
def test_combinations_say_each_condition(organisations, markings, expected, storable):
    spec = combined(*markings)

    assert spec.marking == expected
    assert expressible(spec) == storable


@pytest.mark.django_db
def test_a_page_is_marked_with_the_combination_of_its_labels_not_the_highest_one(
    organisations, italian_analyst
):
    kfor = label_from_marking("NATO RESTRICTED // REL TO KFOR")
    german = label_from_marking("NATO UNCLASSIFIED // DEU ONLY")

    marking = highest_marking([kfor, german, kfor])

    assert marking == "NATO RESTRICTED // DEU ONLY // REL TO KFOR"
    assert banner_css_class(marking) == "banner-nato-restricted"
    # The highest label alone would have released the page to an Italian in KFOR, who may not see the other.
    assert not policy.can_see(policy.subject_for(italian_analyst), parse_marking(german.marking))


@pytest.mark.django_db
def test_one_label_marks_a_page_with_its_own_marking_and_none_leaves_it_unmarked(organisations):
    label = label_from_marking("NATO RESTRICTED // REL TO KFOR, EULEX")

    assert highest_marking([label]) == label.marking
    assert highest_marking([]) is None
    assert marking_fields([]) == {"marking": None, "markings": []}


@pytest.mark.django_db
def test_a_body_lists_each_distinct_marking_beside_their_combination(organisations):
    kfor = label_from_marking("NATO RESTRICTED // REL TO KFOR")
    shared = label_from_marking("NATO UNCLASSIFIED // REL TO KFOR, EULEX")

    assert marking_fields([shared, kfor, shared]) == {
        "marking": "NATO RESTRICTED // REL TO KFOR",
        "markings": ["NATO RESTRICTED // REL TO KFOR", "NATO UNCLASSIFIED // REL TO KFOR, EULEX"],
    }
