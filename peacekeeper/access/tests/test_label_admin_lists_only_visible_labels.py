"""The label admin lists only the labels the administrator may see: a label exists because some record carries
it, so listing "NATO SECRET // USA ONLY" to an Italian would tell them such a record exists."""

import pytest
from django.test import Client

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/access/releaselabel/"


@pytest.fixture
def admin_client(organisations) -> Client:
    client = Client()
    client.force_login(make_user("ada", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.ADMIN,)))
    return client


def test_the_label_list_holds_only_labels_the_administrator_may_see(admin_client):
    label_from_marking("NATO SECRET // USA ONLY")
    label_from_marking("NATO RESTRICTED // REL TO KFOR")
    listing = admin_client.get(CHANGELIST).content.decode()
    assert "NATO RESTRICTED // REL TO KFOR" in listing
    assert "USA ONLY" not in listing


def test_a_hidden_label_answers_as_a_missing_one(admin_client):
    hidden = label_from_marking("NATO SECRET // USA ONLY")
    missing_id = hidden.pk + 1000
    answers = []
    for label_id in (hidden.pk, missing_id):
        response = admin_client.get(f"{CHANGELIST}{label_id}/change/", follow=True)
        answers.append((response.status_code, response.content.decode().replace(str(label_id), "<id>")))
    assert answers[0] == answers[1]
    assert "USA ONLY" not in answers[0][1]
