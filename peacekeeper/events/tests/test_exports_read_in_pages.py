"""An export reads the view in pages: every report once, in the order asked, whatever ties it has."""

import io
from datetime import timedelta

import pytest

from peacekeeper.events import exporting
from peacekeeper.events.exporting import export_events
from peacekeeper.events.ingest import ingest
from peacekeeper.events.queries import SORTS, EventFilter, filtered_events
from peacekeeper.events.tests.factories import TWO_HOURS_AGO, an_event
from peacekeeper.events.tests.test_acled_import_and_export import csv_export_rows


@pytest.mark.django_db
def test_an_export_in_pages_holds_every_report_once_in_each_order(theatre, german_watchkeeper, monkeypatch):
    monkeypatch.setattr(exporting, "CHUNK", 3)
    # Ties in every sort key but the id: same moments, same severities, one import (one updated_at).
    items = [
        an_event(source_id=f"r{n}", severity=1 + n % 2, occurred_at=TWO_HOURS_AGO - timedelta(hours=n % 3))
        for n in range(11)
    ]
    ingest(items=items, source_system="feed", default_marking="", user=german_watchkeeper)

    for sort in SORTS:
        out = io.StringIO()
        count = export_events(user=german_watchkeeper, filters=EventFilter(), fmt="csv", out=out, sort=sort)
        in_order = [
            str(event.uid)
            for event in filtered_events(user=german_watchkeeper, filters=EventFilter(), sort=sort)
        ]
        assert count == len(in_order) == 11
        assert [row["uid"] for row in csv_export_rows(out.getvalue())] == in_order, sort
