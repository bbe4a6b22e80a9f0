"""Reports as the assessment counts them, and the cells compared as plain tuples."""

import pytest
from django.utils import timezone

from peacekeeper.assessment import ledger
from peacekeeper.assessment.models import DayCell
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

DEU_ONLY = "NATO RESTRICTED // DEU ONLY"
ZUBIN_POTOK = (42.9143, 20.6897)
PRISTINA = (42.6629, 21.1655)


def counted(author, *, status: str = Status.VALIDATED, update: bool = True, **overrides) -> EventReport:
    """A report in the state the workflow leaves it (the workflow is tested in events), then counted."""
    event = create_report(user=author, data=an_event(**overrides), submit=True)
    EventReport.objects.filter(pk=event.pk).update(status=status, validated_at=timezone.now())
    if update:
        ledger.update_reports([event.pk])
    return EventReport.objects.get(pk=event.pk)


def cells() -> list[tuple]:
    return sorted(
        DayCell.objects.values_list(
            "area_id",
            "day",
            "category",
            "label_id",
            "count",
            "severity_sum",
            "severe",
            "fatalities",
            "near_protected_site",
            "near_crossing",
        )
    )


@pytest.fixture
def rebuilt_equals_incremental():
    """Call at the end of a test: the incrementally kept cells must equal a full rebuild."""

    def check() -> list[tuple]:
        incremental = cells()
        ledger.rebuild()
        assert cells() == incremental
        return incremental

    return check
