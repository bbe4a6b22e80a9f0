"""A task is released wider through its form only by a release authority, with a reason, audited."""

import pytest

from peacekeeper.access.classification import Role
from peacekeeper.access.models import AuditEntry
from peacekeeper.conftest import make_user
from peacekeeper.posture.tests.factories import a_task
from peacekeeper.posture.tests.test_task_form_and_api import _form

pytestmark = pytest.mark.django_db
RESTRICTED = "NATO RESTRICTED // REL TO KFOR"
UNCLASSIFIED = "NATO UNCLASSIFIED // REL TO KFOR"


def edit(client, task, **changes):
    return client.post(f"/posture/tasks/{task.pk}/edit", _form(name=task.name, **changes))


def test_a_planner_may_narrow_a_task_but_not_release_it_wider(theatre, planner, client):
    task = a_task("Gate Camp Film City", marking=RESTRICTED)
    client.force_login(planner)
    refused = edit(client, task, marking=UNCLASSIFIED, release_reason="why not")
    assert refused.status_code == 200
    assert "only a release authority may do that" in refused.content.decode()
    task.refresh_from_db()
    assert task.label.marking == RESTRICTED
    assert edit(client, task, marking="NATO SECRET // REL TO KFOR").status_code == 302
    task.refresh_from_db()
    assert task.label.marking == "NATO SECRET // REL TO KFOR"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.RELEASED).exists()


def test_a_release_authority_releases_a_task_wider_with_a_reason(theatre, organisations, client):
    task = a_task("Gate Camp Film City", marking=RESTRICTED)
    client.force_login(
        make_user("rita", "USA", "USA", ("KFOR",), "NATO SECRET", (Role.PLANNER, Role.RELEASE_AUTHORITY))
    )
    assert "Reason for releasing it wider" in client.get(f"/posture/tasks/{task.pk}/edit").content.decode()
    assert "must give the reason" in edit(client, task, marking=UNCLASSIFIED).content.decode()
    assert edit(client, task, marking=UNCLASSIFIED, release_reason="for the OSCE liaison").status_code == 302
    task.refresh_from_db()
    assert task.label.marking == UNCLASSIFIED
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RELEASED)
    assert (entry.record_type, entry.marking, entry.detail) == (
        "posture.task",
        UNCLASSIFIED,
        "for the OSCE liaison",
    )
