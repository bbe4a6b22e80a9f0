"""The policy's rules, one behaviour per test, on the fixed cast of users."""

import pytest

from peacekeeper.access import policy
from peacekeeper.access.labels import make_label


def sees(user, marking_parts: dict) -> bool:
    return policy.can_see(policy.subject_for(user), make_label(**marking_parts))


@pytest.mark.django_db
def test_clearance_must_dominate_the_classification(german_watchkeeper, italian_analyst):
    secret = {"classification": "NATO SECRET", "rel_to": ["KFOR"]}
    assert not sees(german_watchkeeper, secret)
    assert sees(italian_analyst, secret)


@pytest.mark.django_db
def test_rel_to_the_mission_reaches_every_nation_serving_in_it(
    german_watchkeeper, italian_analyst, eulex_partner
):
    label = {"classification": "NATO RESTRICTED", "rel_to": ["KFOR"]}
    assert sees(german_watchkeeper, label)
    assert sees(italian_analyst, label)
    assert not sees(eulex_partner, label)


@pytest.mark.django_db
def test_a_partner_sees_what_is_released_to_its_organisation(eulex_partner):
    assert sees(eulex_partner, {"classification": "NATO RESTRICTED", "rel_to": ["KFOR", "EULEX"]})


@pytest.mark.django_db
def test_a_partner_does_not_see_unreleased_nato_information(eulex_partner):
    assert not sees(eulex_partner, {"classification": "NATO UNCLASSIFIED"})
    assert sees(eulex_partner, {"classification": "PUBLIC"})


@pytest.mark.django_db
def test_national_only_is_seen_by_that_nation_alone(german_watchkeeper, italian_analyst):
    label = {"classification": "NATO RESTRICTED", "national_only": "DEU"}
    assert sees(german_watchkeeper, label)
    assert not sees(italian_analyst, label)


@pytest.mark.django_db
def test_restrictive_categories_must_all_be_held(italian_analyst):
    from peacekeeper.access.models import UserProfile

    label = {"classification": "NATO SECRET", "restrictive": [("SAP", "ORCHID")]}
    assert not sees(italian_analyst, label)
    UserProfile.objects.filter(user=italian_analyst).update(restrictive_grants=["SAP:ORCHID"])
    italian_analyst.refresh_from_db()
    del italian_analyst._access_subject
    assert sees(italian_analyst, label)


@pytest.mark.django_db
def test_a_user_without_access_profile_sees_nothing(organisations, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "root-pass-123")
    assert not policy.subject_for(root).active
    assert not policy.can_see(policy.subject_for(root), make_label("PUBLIC"))


@pytest.mark.django_db
def test_an_inactive_user_sees_nothing(german_watchkeeper):
    german_watchkeeper.is_active = False
    german_watchkeeper.save()
    assert policy.subject_for(german_watchkeeper) is policy.NOBODY


@pytest.mark.django_db
def test_partners_cannot_edit_and_writers_cannot_label_above_themselves(eulex_partner, german_watchkeeper):
    assert not policy.can_edit(eulex_partner)
    assert policy.can_edit(german_watchkeeper)
    assert not policy.can_apply_label(german_watchkeeper, make_label("NATO SECRET", rel_to=["KFOR"]))
    assert policy.can_apply_label(german_watchkeeper, make_label("NATO RESTRICTED", rel_to=["KFOR"]))
