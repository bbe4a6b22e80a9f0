"""`core.bulk.OneOf` finds exactly what `__in` finds, on SQLite and PostgreSQL: for the thousands of ids
of an ingest batch, for strings, for no value at all, across a join and inside a subquery."""

import pytest

from peacekeeper.access.models import Organisation
from peacekeeper.core.bulk import OneOf

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations() -> list[Organisation]:
    return Organisation.objects.bulk_create(
        Organisation(code=f"O{number:04d}", name=f"Organisation {number}", kind=Organisation.Kind.NATION)
        for number in range(60)
    )


def test_it_finds_the_rows_whose_id_is_among_thousands(organisations):
    wanted = [organisation.pk for organisation in organisations[::3]] + list(range(10**6, 10**6 + 5000))

    found = Organisation.objects.filter(OneOf("id", wanted))

    assert sorted(found.values_list("pk", flat=True)) == sorted(o.pk for o in organisations[::3])


def test_it_matches_strings_as_stored(organisations):
    found = Organisation.objects.filter(OneOf("code", ["O0001", "O0042", "nothing"]))

    assert sorted(found.values_list("code", flat=True)) == ["O0001", "O0042"]


def test_no_values_find_nothing_and_their_negation_everything(organisations):
    assert not Organisation.objects.filter(OneOf("id", [])).exists()
    assert Organisation.objects.exclude(OneOf("id", [])).count() == Organisation.objects.count() >= 60


def test_it_agrees_with_in_inside_a_subquery_and_combined_with_other_conditions(organisations):
    ids = [organisation.pk for organisation in organisations[10:30]]
    inner = Organisation.objects.filter(OneOf("id", ids), code__gte="O0020").values("pk")

    found = Organisation.objects.filter(pk__in=inner).exclude(OneOf("code", ["O0025"]))
    expected = Organisation.objects.filter(
        pk__in=Organisation.objects.filter(id__in=ids, code__gte="O0020").values("pk")
    ).exclude(code__in=["O0025"])

    assert sorted(found.values_list("code", flat=True)) == sorted(expected.values_list("code", flat=True))
    assert found.count() == 9
