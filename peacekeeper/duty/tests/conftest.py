"""Fixtures of the duty tests: reports through the real recording path, SIGEVENT alerts as the watch app
stores them (a CCIR and its Alert rows), and a report released to Germans only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import intern_label, parse_marking
from peacekeeper.conftest import make_user
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.watch.models import Alert, Ccir

KFOR = "NATO UNCLASSIFIED // REL TO KFOR"
DEU_ONLY = "NATO RESTRICTED // DEU ONLY"


def label(marking: str):
    return intern_label(parse_marking(marking))


@pytest.fixture
def german_officer(organisations):
    """A second German watchkeeper: the incoming duty officer."""
    return make_user("greta", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", (Role.WATCHKEEPER,))


@pytest.fixture
def planner(organisations):
    return make_user("jordan", "USA", "USA", ("KFOR",), "NATO SECRET", (Role.PLANNER,))


@pytest.fixture
def report(theatre, german_watchkeeper):
    """report(**overrides): a report logged by the German watchkeeper (released to KFOR by default)."""

    def make(**overrides):
        return create_report(user=german_watchkeeper, data=an_event(**overrides))

    return make


@pytest.fixture
def sigevent(report):
    """sigevent(marking=…, ccir_marking=…, minutes_ago=…): a fatality report and the alert its CCIR raised."""

    def make(*, marking: str = KFOR, ccir_marking: str = KFOR, minutes_ago: int = 10, **overrides):
        event = report(marking=marking, category=overrides.pop("category", "violence.attack"),
                       killed_civilians=1, **overrides)  # fmt: skip
        ccir, _ = Ccir.objects.get_or_create(
            title="Any fatality", defaults={"rule": {"min_fatalities": 1}, "label": label(ccir_marking)}
        )
        alert = Alert.objects.create(
            report=event,
            ccir=ccir,
            raised_at=timezone.now() - timedelta(minutes=minutes_ago),
            label=event.label,
        )
        return alert

    return make


@pytest.fixture
def due_in_an_hour():
    from peacekeeper.theatre.dtg import format_dtg

    return format_dtg(timezone.now() + timedelta(hours=1))
