"""Property: for random readers and random labels, the database filter and the Python rule agree."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peacekeeper.access import policy
from peacekeeper.access.classification import Classification, Role
from peacekeeper.access.labels import LabelSpec, intern_label, spec_of
from peacekeeper.access.models import ReleaseLabel

MISSIONS = ["KFOR"]
NATIONS = ["DEU", "ITA", "USA", "CHE"]
INTERNATIONAL = ["EULEX", "UNMIK"]
KIND_ORDER = dict.fromkeys(MISSIONS, 0) | dict.fromkeys(NATIONS, 1) | dict.fromkeys(INTERNATIONAL, 2)
GRANTS = [("SAP", "ORCHID"), ("SAP", "LILY"), ("CAVEAT", "ALPHA")]


@st.composite
def labels(draw) -> LabelSpec:
    classification = draw(st.sampled_from(list(Classification)))
    if classification == Classification.PUBLIC:
        return LabelSpec(classification=classification)
    national_only = draw(st.one_of(st.none(), st.sampled_from(NATIONS)))
    rel_to: tuple[str, ...] = ()
    if national_only is None:
        chosen = draw(st.sets(st.sampled_from(MISSIONS + NATIONS + INTERNATIONAL), max_size=4))
        rel_to = tuple(sorted(chosen, key=lambda code: (KIND_ORDER[code], code)))
    restrictive = frozenset(draw(st.sets(st.sampled_from(GRANTS), max_size=2)))
    extra = draw(st.sets(st.sampled_from(NATIONS + MISSIONS), max_size=2))
    permissive = (("COI", frozenset(extra)),) if extra else ()
    return LabelSpec(
        classification=classification,
        rel_to=rel_to,
        national_only=national_only,
        restrictive=restrictive,
        permissive=permissive,
    )


@st.composite
def subjects(draw) -> policy.Subject:
    organisation = draw(st.sampled_from(NATIONS + INTERNATIONAL))
    is_nation = organisation in NATIONS
    nation = organisation if is_nation else draw(st.one_of(st.none(), st.sampled_from(NATIONS)))
    roles = frozenset(draw(st.sets(st.sampled_from(list(Role.values)), min_size=1, max_size=2)))
    missions = frozenset(draw(st.sets(st.sampled_from(MISSIONS)))) if is_nation else frozenset()
    return policy.Subject(
        clearance=draw(st.sampled_from(list(Classification))),
        organisation=organisation,
        nation=nation,
        missions=missions,
        roles=roles,
        grants=frozenset(draw(st.sets(st.sampled_from(GRANTS), max_size=3))),
    )


def random_label(rng: random.Random) -> LabelSpec:
    classification = rng.choice(list(Classification))
    if classification == Classification.PUBLIC:
        return LabelSpec(classification=classification)
    national_only = rng.choice([None, None, *NATIONS])
    rel_to: tuple[str, ...] = ()
    if national_only is None:
        chosen = rng.sample(MISSIONS + NATIONS + INTERNATIONAL, rng.randint(0, 4))
        rel_to = tuple(sorted(chosen, key=lambda code: (KIND_ORDER[code], code)))
    restrictive = frozenset(rng.sample(GRANTS, rng.choice([0, 0, 0, 1, 2])))
    extra = frozenset(rng.sample(NATIONS + MISSIONS, rng.choice([0, 0, 0, 1, 2])))
    return LabelSpec(
        classification=classification,
        rel_to=rel_to,
        national_only=national_only,
        restrictive=restrictive,
        permissive=(("COI", extra),) if extra else (),
    )


@pytest.fixture
def stored_labels(organisations) -> list[ReleaseLabel]:
    # A broad, fixed population of labels to query against; hypothesis varies the readers.
    specs = {spec.marking: spec for spec in (random_label(random.Random(seed)) for seed in range(400))}
    stored = [intern_label(spec) for spec in specs.values()]
    return list(
        ReleaseLabel.objects.filter(pk__in=[label.pk for label in stored]).prefetch_related("categories")
    )


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(subject=subjects())
def test_database_filter_matches_the_rule_for_every_label(stored_labels, subject):
    in_database = set(
        policy.visible_labels(subject)
        .filter(pk__in=[label.pk for label in stored_labels])
        .values_list("pk", flat=True)
    )
    by_rule = {label.pk for label in stored_labels if policy.can_see(subject, spec_of(label))}
    assert in_database == by_rule


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(subject=subjects(), spec=labels())
def test_a_new_label_is_visible_in_the_database_exactly_when_the_rule_says_so(organisations, subject, spec):
    label = intern_label(spec)
    assert spec_of(label) == spec
    in_database = policy.visible_labels(subject).filter(pk=label.pk).exists()
    assert in_database == policy.can_see(subject, spec)


@settings(max_examples=250, deadline=None)
@given(outer=labels(), inner=labels(), readers=st.lists(subjects(), min_size=20, max_size=20))
def test_a_label_no_wider_than_another_shows_nothing_to_a_reader_of_the_first_only(outer, inner, readers):
    if policy.no_wider_than(outer, inner):
        for subject in readers:
            assert not policy.can_see(subject, outer) or policy.can_see(subject, inner), subject


def test_no_wider_than_refuses_a_write_down_and_allows_the_obvious_cases():
    secret_kfor = LabelSpec(Classification.NATO_SECRET, rel_to=("KFOR",))
    restricted_kfor = LabelSpec(Classification.NATO_RESTRICTED, rel_to=("KFOR",))
    restricted_kfor_eulex = LabelSpec(Classification.NATO_RESTRICTED, rel_to=("EULEX", "KFOR"))
    deu_only = LabelSpec(Classification.NATO_SECRET, national_only="DEU")
    assert policy.no_wider_than(secret_kfor, restricted_kfor)
    assert policy.no_wider_than(restricted_kfor, restricted_kfor_eulex)
    assert not policy.no_wider_than(restricted_kfor, secret_kfor)
    assert not policy.no_wider_than(restricted_kfor_eulex, restricted_kfor)
    assert not policy.no_wider_than(restricted_kfor, deu_only)
