"""Releasing a record wider is a release decision: policy.widens says when a relabel is one (property-tested
against can_see), access.releasing says who may make it (a release authority, with a reason) and audits it."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peacekeeper.access import policy
from peacekeeper.access.classification import Classification, Role
from peacekeeper.access.labels import LabelSpec, label_from_marking
from peacekeeper.access.models import AuditEntry
from peacekeeper.access.releasing import ReleaseRefused, decide_release, record_release
from peacekeeper.access.tests.test_policy_agrees_with_database import labels, subjects
from peacekeeper.conftest import make_user
from peacekeeper.posture.tests.factories import a_camp

KFOR_UNCLASSIFIED = LabelSpec(Classification.NATO_UNCLASSIFIED, rel_to=("KFOR",))
KFOR_RESTRICTED = LabelSpec(Classification.NATO_RESTRICTED, rel_to=("KFOR",))
DEU_ONLY = LabelSpec(Classification.NATO_RESTRICTED, national_only="DEU")
PUBLIC = LabelSpec(Classification.PUBLIC)


@settings(max_examples=200, deadline=None)
@given(old=labels(), new=labels(), readers=st.lists(subjects(), min_size=20, max_size=20))
def test_a_relabel_that_does_not_widen_shows_the_record_to_no_reader_who_could_not_read_it(old, new, readers):
    if not policy.widens(old, new):
        for subject in readers:
            assert not policy.can_see(subject, new) or policy.can_see(subject, old), subject


@settings(max_examples=200, deadline=None)
@given(old=labels(), new=labels(), subject=subjects())
def test_a_relabel_that_shows_the_record_to_a_new_reader_widens(old, new, subject):
    if policy.can_see(subject, new) and not policy.can_see(subject, old):
        assert policy.widens(old, new)


@given(label=labels())
def test_keeping_a_label_widens_nothing(label):
    assert not policy.widens(label, label)


def test_widens_names_the_obvious_cases():
    assert policy.widens(KFOR_UNCLASSIFIED, PUBLIC)
    assert policy.widens(KFOR_RESTRICTED, KFOR_UNCLASSIFIED)
    assert policy.widens(DEU_ONLY, KFOR_RESTRICTED)
    assert not policy.widens(PUBLIC, KFOR_UNCLASSIFIED)
    assert not policy.widens(KFOR_UNCLASSIFIED, KFOR_RESTRICTED)
    assert not policy.widens(
        LabelSpec(Classification.NATO_RESTRICTED, rel_to=("KFOR", "EULEX")), KFOR_RESTRICTED
    )
    # A German outside KFOR reads DEU ONLY but not REL TO KFOR: national-only is no narrowing of REL TO KFOR.
    assert policy.widens(KFOR_RESTRICTED, DEU_ONLY)


@pytest.fixture
def kfor_label(organisations):
    return label_from_marking(KFOR_UNCLASSIFIED.marking)


@pytest.fixture
def release_authority(organisations):
    return make_user("rhea", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.ANALYST, Role.RELEASE_AUTHORITY))


@pytest.mark.django_db
def test_an_editor_without_the_role_may_not_release_wider(german_watchkeeper, kfor_label):
    with pytest.raises(ReleaseRefused, match="only a release authority may do that"):
        decide_release(user=german_watchkeeper, old=kfor_label, new=PUBLIC, reason="press release")


@pytest.mark.django_db
def test_the_role_alone_does_not_make_an_editor(organisations, kfor_label):
    bystander = make_user("rob", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.RELEASE_AUTHORITY,))
    with pytest.raises(ReleaseRefused, match="only a release authority"):
        decide_release(user=bystander, old=kfor_label, new=PUBLIC, reason="press release")


@pytest.mark.django_db
def test_a_release_authority_must_say_why(release_authority, kfor_label):
    with pytest.raises(ReleaseRefused, match="must give the reason"):
        decide_release(user=release_authority, old=kfor_label, new=PUBLIC, reason="  ")


@pytest.mark.django_db
def test_narrowing_or_keeping_a_label_is_no_release(german_watchkeeper, kfor_label):
    assert decide_release(user=german_watchkeeper, old=kfor_label, new=KFOR_RESTRICTED, reason="") is None
    assert decide_release(user=german_watchkeeper, old=kfor_label, new=kfor_label, reason="") is None


@pytest.mark.django_db
def test_a_release_is_audited_under_the_new_label_with_its_reason(theatre, release_authority, kfor_label):
    camp = a_camp("Camp Open Day")
    release = decide_release(user=release_authority, old=camp.label, new=PUBLIC, reason=" agreed with PAO ")
    camp.label = label_from_marking("PUBLIC")
    camp.save()
    entry = record_release(user=release_authority, record=camp, release=release)
    assert AuditEntry.objects.get() == entry
    assert (entry.action, entry.marking, entry.label.marking, entry.detail) == (
        AuditEntry.Action.RELEASED,
        "PUBLIC",
        "PUBLIC",
        "agreed with PAO",
    )
    assert (entry.record_type, entry.record_id) == ("theatre.site", str(camp.pk))
