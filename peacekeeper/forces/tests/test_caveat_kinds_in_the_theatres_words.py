"""The caveat form offers the north-group kind in the configured theatre's words (its regions.json); the
stored kind and its model label are the same in every theatre."""

import pytest

from peacekeeper.forces.caveats import CAVEAT_KIND_LABELS, CaveatKind, kind_choices
from peacekeeper.forces.forms import CaveatForm
from peacekeeper.theatre.tests.test_a_second_theatre import TINYLAND


def offered(label_of: str) -> str:
    return dict(kind_choices())[label_of]


def test_kosovo_offers_not_north_of_the_ibar():
    assert offered(CaveatKind.NOT_NORTH_OF_IBAR) == "Not north of the Ibar"


def test_another_theatre_offers_its_own_north_group(settings):
    settings.THEATRE = str(TINYLAND)
    assert offered(CaveatKind.NOT_NORTH_OF_IBAR) == "Not north of the Hills"
    assert CAVEAT_KIND_LABELS[CaveatKind.NOT_NORTH_OF_IBAR] == "Not in the theatre's north group"


@pytest.mark.django_db
def test_the_form_asks_the_theatre_when_it_is_made(settings):
    settings.THEATRE = str(TINYLAND)
    choices = dict(CaveatForm(units=[]).fields["kind"].choices)
    assert choices[CaveatKind.NOT_NORTH_OF_IBAR.value] == "Not north of the Hills"
