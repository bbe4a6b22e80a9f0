"""A report's fields are declared on the model and on EventInput; the API's schemas and the export derive
theirs (issue 12, item 6)."""

from dataclasses import MISSING, fields

import pytest
from pydantic import ValidationError

from peacekeeper.events import fields as report_fields
from peacekeeper.events.exporting import export_record
from peacekeeper.events.incidents import note_visible_incidents
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.models import EventReport
from peacekeeper.events.presenting import event_dict
from peacekeeper.events.recording import create_report
from peacekeeper.events.schemas import BulkItem, EventCreate, EventFields, EventRead
from peacekeeper.events.tests.factories import an_event
from peacekeeper.interop.records import EXPORT_FIELDS

# The export's columns that are no field of the report: worked out for the files by exporting.export_record.
WORKED_OUT_COLUMNS = {
    "uid",  # a field, written as text
    "marking",
    "mgrs",
    "area_code",
    "area_name",
    "category_label",
    "acled_event_type",
    "acled_sub_event_type",
    "disorder_type",
    "incident_id",  # a field, written only when the reader sees the incident
}
# geo_precision is given as None through the API: it then follows from how the location was given.
DEFAULTS_OF_THE_API = {"geo_precision": None}


def input_default(name: str) -> object:
    default = {field.name: field.default for field in fields(EventInput)}[name]
    return ... if default is MISSING else default


def test_a_writer_of_the_api_gives_every_input_field_but_those_named():
    assert list(EventFields.model_fields) == list(report_fields.GIVEN_FIELDS)
    assert set(report_fields.GIVEN_FIELDS) <= set(EventCreate.model_fields)
    assert set(report_fields.GIVEN_FIELDS) <= set(BulkItem.model_fields)


def test_the_api_leaves_out_what_eventinput_leaves_out():
    for name, field in EventFields.model_fields.items():
        expected = DEFAULTS_OF_THE_API.get(name, input_default(name))
        assert (field.default if not field.is_required() else ...) == expected, name


def test_the_api_keeps_its_rules_on_the_fields_it_derives():
    for rule_broken in ({"killed_police": -1}, {"severity": 6}, {"inter2": 9}, {"source_reliability": "G"}):
        with pytest.raises(ValidationError):
            EventFields.model_validate({"category": "fom.roadblock", **rule_broken})
    with pytest.raises(ValidationError):
        EventFields.model_validate({})  # a category is required


def test_a_reader_of_the_api_reads_every_stored_field_but_those_named():
    assert set(report_fields.READ_FIELDS) <= set(EventRead.model_fields)
    for name in report_fields.READ_FIELDS:
        assert EventRead.model_fields[name].is_required(), name


def test_an_exclusion_must_name_a_field_of_eventinput():
    with pytest.raises(ValueError, match="not fields of EventInput: weather"):
        report_fields._all_but({"weather"})


@pytest.mark.django_db
def test_a_listed_report_has_the_fields_of_one_read_alone(theatre, german_watchkeeper):
    event = create_report(user=german_watchkeeper, data=an_event(killed_police=2, source_scale="national"))
    listed = event_dict(EventReport.objects.get(pk=event.pk), user=german_watchkeeper)
    assert set(listed) == set(EventRead.model_fields)
    EventRead.model_validate(listed)


@pytest.mark.django_db
def test_every_exported_column_is_the_reports_field_of_its_name_or_worked_out(theatre, german_watchkeeper):
    created = create_report(
        user=german_watchkeeper,
        data=an_event(killed_police=2, source_scale="national", source_timestamp=1_700_000_000),
    )
    (event,) = note_visible_incidents([EventReport.objects.get(pk=created.pk)], user=german_watchkeeper)
    record = export_record(event)
    stored = {field.name for field in EventReport._meta.concrete_fields}
    copied = [name for name in EXPORT_FIELDS if name not in WORKED_OUT_COLUMNS]
    assert set(copied) <= stored
    for name in copied:
        assert getattr(record, name) == getattr(event, name), name
    assert (record.killed_police, record.source_scale, record.source_timestamp) == (
        2,
        "national",
        1_700_000_000,
    )
    assert record.uid == str(event.uid)
    assert record.marking == event.label.marking
