"""Which of a report's fields the API carries as given and stored: EventInput's, but those named here.

A report's field is declared twice, each time for a reason: on the model (`EventReport`: its column, choices
and bounds, what it means) and on `EventInput` (the one ingest shape: its type and default). The API's
schemas take the fields they carry as-is from the lists below, with EventInput's types and defaults
(`schemas.py` adds the API's own rules), so a new field is given and read through the API once the model
and EventInput have it, unless it is named here. Exports carry the fields that `interop.records.ExportRecord`
(the files' columns) names, copied by name from the model (`exporting.export_record`).
"""

from dataclasses import fields

from peacekeeper.events.inputs import EventInput

INPUT_FIELDS = tuple(field.name for field in fields(EventInput))


def _all_but(excluded: set[str]) -> tuple[str, ...]:
    unknown = excluded - set(INPUT_FIELDS)
    if unknown:  # a field renamed or dropped must not leave its exclusion behind, silently void
        raise ValueError(f"not fields of EventInput: {', '.join(sorted(unknown))}")
    return tuple(name for name in INPUT_FIELDS if name not in excluded)


# What a writer of the API gives as EventInput takes it (schemas.EventFields: one report, a bulk item).
GIVEN_FIELDS = _all_but(
    {
        # When and where: one report gives a DTG or a moment, and a grid, a place or a point (EventCreate); a
        # bulk item a moment and a point (BulkItem). The grid's precision follows from how the position was
        # given; the moment it was reported is the server's.
        "occurred_at",
        "lat",
        "lon",
        "place_id",
        "grid_precision",
        "reported_at",
        # Provenance: the importer's (a bulk request's source_system, an item's source_id and timestamp),
        # the generator's (exercise) and ACLED's (source_scale, extra), never a writer's of the API.
        "source_system",
        "source_id",
        "source_timestamp",
        "exercise",
        "source_scale",
        "extra",
    }
)

# What a reader of the API reads back as stored (schemas.EventRead, beside what is worked out for them).
READ_FIELDS = _all_but(
    {
        "marking",  # read as the report's label says it, never None
        "allow_outside_theatre",  # a writer's leave, not stored
        "extra",  # not stored
        "place_id",  # a place exists for a reader who may see its site (presenting.place_of)
        "grid_precision",  # written into `mgrs`
        "source_scale",  # exported, not read through the API
        "source_timestamp",  # exported, not read through the API
    }
)

# The groups of fields the API's schemas take whole (the casualties, with their bound; SALUTE).
CASUALTY_FIELDS = tuple(name for name in INPUT_FIELDS if name.startswith(("killed_", "injured_")))
SALUTE_FIELDS = tuple(name for name in INPUT_FIELDS if name.startswith("salute_"))
