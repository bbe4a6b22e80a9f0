"""Forces fixtures: a planner who keeps caveats, and records released to one nation only."""

import pytest
from django.contrib.auth.models import User

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import Organisation
from peacekeeper.conftest import make_user
from peacekeeper.forces.models import Caveat, Unit


@pytest.fixture
def american_planner(organisations) -> User:
    return make_user("jordan", "USA", "USA", ("KFOR",), "NATO SECRET", (Role.PLANNER,))


@pytest.fixture
def german_only_unit(forces) -> Unit:
    """A unit released to Germany only, with a caveat of its own released the same way."""
    camp = Unit.objects.select_related("camp").get(short_name="RC-E").camp
    unit = Unit.objects.create(
        name="German national support element",
        short_name="DEU NSE",
        nation=Organisation.objects.get(code="DEU"),
        sidc="10031000151211000000",
        camp=camp,
        place=camp.place,
        capabilities=["logistics"],
        strength=120,
        readiness_hours=48,
        label=label_from_marking("NATO RESTRICTED // DEU ONLY"),
        scenario_key="test:deu-nse",
    )
    Caveat.objects.create(
        unit=unit,
        kind="no_night_operations",
        params={},
        note="test caveat released to Germany only",
        label=label_from_marking("NATO RESTRICTED // DEU ONLY"),
    )
    return unit
