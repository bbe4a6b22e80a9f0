"""The watch floor's cast and its seed CCIRs."""

import pytest

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user


@pytest.fixture
def duty_officer(organisations):
    return make_user("lars", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ADMIN,))


@pytest.fixture
def ccirs(theatre):
    from peacekeeper.watch.ccirs import load_ccirs
    from peacekeeper.watch.models import Ccir

    load_ccirs(name="kosovo")
    return {ccir.key: ccir for ccir in Ccir.objects.all()}
