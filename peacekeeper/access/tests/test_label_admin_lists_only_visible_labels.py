"""The label admin lists only the labels the administrator may see: a label exists because some record carries
it, so listing "NATO SECRET // USA ONLY" to an Italian would tell them such a record exists."""

import pytest
from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.utils import get_fields_from_path
from django.test import Client

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import ReleaseLabel
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
        told = [str(message).replace(f"“{label_id}”", "<id>") for message in response.context["messages"]]
        answers.append((response.redirect_chain, told))
    assert answers[0] == answers[1]
    assert answers[0][1] == ["release label with ID <id> doesn’t exist. Perhaps it was deleted?"]


def test_labels_are_not_added_by_hand(admin_client):
    # The unique marking would tell whether a label the administrator may not see exists.
    label_from_marking("NATO SECRET // USA ONLY")
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403
    refused = admin_client.post(
        f"{CHANGELIST}add/", {"marking": "NATO SECRET // USA ONLY", "classification": 3}
    )
    assert refused.status_code == 403


def test_no_admin_filters_by_a_label_from_the_whole_label_table():
    # A plain list filter on a label lists every label in the table; RelatedOnlyFieldListFilter lists the
    # labels of the records the administrator may see.
    loose = []
    for model, model_admin in admin.site._registry.items():
        for item in model_admin.list_filter:
            name, kind = item if isinstance(item, list | tuple) else (item, None)
            if not isinstance(name, str):
                continue
            field = get_fields_from_path(model, name)[-1]
            if (
                field.is_relation
                and field.related_model is ReleaseLabel
                and kind is not RelatedOnlyFieldListFilter
            ):
                loose.append(f"{model.__name__}.{name}")
    assert loose == []
