"""The place a news item names: one of the theatre's gazetteer names, read from the scenario's places file.

The public database holds no gazetteer (the theatre's tables stay empty on the public side), so the names come
from the configured theatre's shipped `places.json`, in every language and script it gives them.
"""

from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from peacekeeper.theatre.names import fold
from peacekeeper.theatre.scenarios import configured_scenario, read_json


@cache
def _folded_place_names() -> frozenset[str]:
    places = read_json(configured_scenario() / "places.json")
    return frozenset(fold(entry["name"]) for place in places for entry in [place, *place.get("names", [])])


def validate_place(value: str) -> None:
    if fold(value) not in _folded_place_names():
        raise ValidationError(
            _("“%(place)s” is not a place in the theatre's gazetteer; write a town's name, e.g. Pristina."),
            params={"place": value},
            code="unknown_place",
        )
