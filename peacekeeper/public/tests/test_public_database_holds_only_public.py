"""Issue 15 item 8, on a database the public site runs on: after its setup (the shipped pages, groups and
workflow) and any sequence of bundle imports, accepted and refused, every column of every table that holds
a release label or a marking holds PUBLIC and nothing else, whichever app the table belongs to."""

import copy

import pytest
from django.apps import apps

from peacekeeper.access.classification import Classification
from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.public.seeding import seed_public_site
from peacekeeper.release.models import PUBLIC
from peacekeeper.release.tests.bundles import run, sample_document, sign, written
from peacekeeper.release.tests.conftest import keys  # noqa: F401  (a fixture: the release tests' key pair)

pytestmark = pytest.mark.django_db


def labelled_columns() -> list[tuple[type, str]]:
    """(model, field) for every column of every installed model that is a release label or a marking."""
    columns = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if field.name == "marking" or (field.is_relation and field.related_model is ReleaseLabel):
                columns.append((model, field.name))
    return columns


def not_public() -> dict[str, int]:
    """The tables holding anything but PUBLIC, with how many rows do."""
    found = {}
    for model, name in labelled_columns():
        field = model._meta.get_field(name)
        if field.is_relation:
            rows = model.objects.exclude(**{f"{name}__classification": Classification.PUBLIC}).count()
            rows += model.objects.exclude(**{f"{name}__marking": PUBLIC}).count()
        else:
            rows = model.objects.exclude(**{name: PUBLIC}).count()
        if model is ReleaseLabel:
            rows += model.objects.exclude(classification=Classification.PUBLIC).count()
        if rows:
            found[model._meta.db_table] = rows
    return found


@pytest.fixture
def public_database(db, keys):  # noqa: F811
    seed_public_site()


def test_every_labelled_table_of_the_public_database_holds_only_public(
    public_database,
    keys,  # noqa: F811
    tmp_path,
    capsys,
):
    tables = {model._meta.db_table for model, _ in labelled_columns()}
    assert {"access_releaselabel", "events_eventreport", "theatre_site", "release_publicnotice"} <= tables
    document = sample_document(version=1)
    hidden = copy.deepcopy(sample_document(version=3))
    hidden["payload"]["sites"][0]["marking"] = "NATO UNCLASSIFIED // REL TO KFOR"
    tampered = sign(sample_document(version=4), keys["private"]).replace(b"Camp Film City", b"Camp Secret")
    steps = [
        (sign(document, keys["private"]), 0),
        (sign(document, keys["private"], version=2), 0),
        (sign(hidden, keys["private"]), 2),
        (tampered, 2),
        (sign(document, keys["private"]), 2),  # a replay
        (sign(document, keys["private"], version=5), 0),
    ]
    for number, (content, expected) in enumerate(steps):
        code, _out, err = run(capsys, "import", str(written(tmp_path, content, f"bundle-{number}.json")))
        assert code == expected, err
        assert not_public() == {}


def test_a_label_other_than_public_is_found(public_database):
    label_from_marking("NATO UNCLASSIFIED")
    assert set(not_public()) == {"access_releaselabel"}
