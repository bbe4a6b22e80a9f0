import pytest

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user


@pytest.fixture
def planner(organisations):
    return make_user("paula", "USA", "USA", ("KFOR",), "NATO SECRET", (Role.PLANNER,))


@pytest.fixture
def german_planner(organisations):
    return make_user("gerd", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", (Role.PLANNER,))
