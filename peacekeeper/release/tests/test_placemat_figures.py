"""The placemats' figures reach the public site unlabelled, so only the scenario's sourced files put them
there: the admin shows them read-only to every administrator, superuser or not, and a figure without a
source (not loaded from those files) stays home."""

import pytest
from django.test import Client

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user
from peacekeeper.forces.models import Contribution, ForceStrength
from peacekeeper.release.exporting import collect_payload

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["admin", "superuser"])
def admin_client(forces, request) -> Client:
    admin = make_user("ada", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ADMIN,))
    admin.is_superuser = request.param == "superuser"
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    ("model", "path"), [(Contribution, "contribution"), (ForceStrength, "forcestrength")]
)
def test_no_administrator_adds_changes_or_deletes_a_figure(admin_client, model, path):
    figure = model.objects.first()
    troops = figure.troops
    assert admin_client.get(f"/admin/forces/{path}/add/").status_code == 403
    assert admin_client.post(f"/admin/forces/{path}/add/", {"troops": 1}).status_code == 403
    page = admin_client.get(f"/admin/forces/{path}/{figure.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    admin_client.post(f"/admin/forces/{path}/{figure.pk}/change/", {"troops": troops + 1000})
    assert admin_client.post(f"/admin/forces/{path}/{figure.pk}/delete/", {"post": "yes"}).status_code == 403
    figure.refresh_from_db()
    assert figure.troops == troops
    listing = admin_client.get(f"/admin/forces/{path}/").content.decode()
    assert "Read-only: the figures come from the scenario&#x27;s sourced files and are public." in listing


def test_a_figure_without_a_source_is_not_exported(forces, keys):
    latest = Contribution.objects.select_related("nation").order_by("-as_of").first()
    Contribution.objects.create(
        nation=latest.nation,
        as_of=latest.as_of.replace(year=latest.as_of.year + 1),
        troops=9999,
        note="planned reinforcement",
    )
    ForceStrength.objects.create(as_of=latest.as_of.replace(year=latest.as_of.year + 1), troops=99999)
    payload = collect_payload()
    assert len(payload["contributions"]) == Contribution.objects.exclude(source="").count() > 0
    assert len(payload["strengths"]) == ForceStrength.objects.exclude(source="").count() > 0
    assert 9999 not in {row["troops"] for row in payload["contributions"]}
    assert 99999 not in {row["troops"] for row in payload["strengths"]}
