"""Caveats and units released wider (through the caveat API and form, or the admin) only by a release
authority, with a reason, audited; narrowing stays open to their editors."""

import pytest
from django.test import Client

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import AuditEntry
from peacekeeper.conftest import make_user
from peacekeeper.forces.tests.test_admin_release import _unit_form
from peacekeeper.posture.tests.factories import a_caveat, a_unit

pytestmark = pytest.mark.django_db
RESTRICTED = "NATO RESTRICTED // REL TO KFOR"
UNCLASSIFIED = "NATO UNCLASSIFIED // REL TO KFOR"
CAVEAT = {"kind": "min_notice_hours", "nation": "CHE", "params": {"hours": 72}}


def releases() -> list[tuple]:
    return list(
        AuditEntry.objects.filter(action=AuditEntry.Action.RELEASED).values_list(
            "record_type", "marking", "detail"
        )
    )


def logged_in(*roles: str, nation: str = "USA") -> Client:
    client = Client()
    name = f"user-{nation}-{'-'.join(roles)}"
    client.force_login(make_user(name, nation, nation, ("KFOR",), "NATO SECRET", roles))
    return client


def put_caveat(client: Client, caveat, **changes):
    return client.put(f"/api/forces/caveats/{caveat.pk}", CAVEAT | changes, content_type="application/json")


def test_a_planner_may_not_release_a_caveat_wider(theatre, organisations):
    caveat = a_caveat("min_notice_hours", {"hours": 72}, nation="CHE", marking=RESTRICTED)
    response = put_caveat(logged_in(Role.PLANNER), caveat, marking=UNCLASSIFIED, release_reason="why not")
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [
        {
            "field": "marking",
            "reason": f"{UNCLASSIFIED} releases the record wider than {RESTRICTED}: "
            "only a release authority may do that",
        }
    ]
    caveat.refresh_from_db()
    assert caveat.label.marking == RESTRICTED


def test_a_release_authority_releases_a_caveat_wider_with_a_reason(theatre, organisations):
    caveat = a_caveat("min_notice_hours", {"hours": 72}, nation="CHE", marking=RESTRICTED)
    # A Swiss caveat is Switzerland's to release: another nation's authority may not.
    foreign = put_caveat(
        logged_in(Role.PLANNER, Role.RELEASE_AUTHORITY), caveat, marking=UNCLASSIFIED, release_reason="mine"
    )
    assert foreign.status_code == 422
    assert "only a release authority of CHE" in foreign.content.decode()
    client = logged_in(Role.PLANNER, Role.RELEASE_AUTHORITY, nation="CHE")
    assert put_caveat(client, caveat, marking=UNCLASSIFIED).status_code == 422
    response = put_caveat(client, caveat, marking=UNCLASSIFIED, release_reason="shared with the contingents")
    assert response.status_code == 200, response.content
    assert releases() == [("forces.caveat", UNCLASSIFIED, "shared with the contingents")]


def test_a_planner_may_narrow_a_caveat(theatre, organisations):
    caveat = a_caveat("min_notice_hours", {"hours": 72}, nation="CHE", marking=UNCLASSIFIED)
    assert put_caveat(logged_in(Role.PLANNER), caveat, marking=RESTRICTED).status_code == 200
    assert releases() == []


def test_the_admin_releases_a_unit_wider_only_as_a_release_authority_with_a_reason(theatre, organisations):
    unit = a_unit("Visible company", marking=RESTRICTED)
    wider = label_from_marking(UNCLASSIFIED)
    change = f"/admin/forces/unit/{unit.pk}/change/"

    refused = logged_in(Role.ADMIN).post(change, _unit_form(unit, label=wider.pk, release_reason="why not"))
    assert refused.status_code == 200
    assert "only a release authority may do that" in refused.content.decode()
    unit.refresh_from_db()
    assert unit.label.marking == RESTRICTED

    foreign = logged_in(Role.ADMIN, Role.RELEASE_AUTHORITY)
    refused = foreign.post(change, _unit_form(unit, label=wider.pk, release_reason="not mine"))
    assert "only a release authority of DEU" in refused.content.decode()
    authority = logged_in(Role.ADMIN, Role.RELEASE_AUTHORITY, nation="DEU")
    assert "must give the reason" in authority.post(change, _unit_form(unit, label=wider.pk)).content.decode()
    saved = authority.post(change, _unit_form(unit, label=wider.pk, release_reason="placemat for the donors"))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    unit.refresh_from_db()
    assert unit.label.marking == UNCLASSIFIED
    assert releases() == [("forces.unit", UNCLASSIFIED, "placemat for the donors")]
