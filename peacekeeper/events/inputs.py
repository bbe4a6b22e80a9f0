"""EventInput: the one normalised shape every ingest path (form, API, ACLED, generator) produces.

Readers turn their format into EventInput; validation.validate_input checks it and says what is wrong
with which field; the ingest service stores it. Keeping one shape means one validation and one
storage path for every source. Its fields, with their types and defaults, are also those the API gives
and reads (events.fields names the few it does not): a new report field is declared here and on the model.
"""

from dataclasses import dataclass, field, fields
from datetime import datetime


@dataclass
class EventInput:
    occurred_at: datetime
    lat: float
    lon: float
    category: str
    # A release marking such as "NATO RESTRICTED // REL TO KFOR, EULEX"; None means the
    # default of the path (the author's organisation on forms, the import's --marking otherwise).
    marking: str | None = None
    time_precision: int = 1
    reported_at: datetime | None = None
    geo_precision: int = 1
    # Digits per axis of the MGRS grid the position was given with; None when given another way.
    grid_precision: int | None = None
    location_name: str = ""
    place_id: int | None = None
    allow_outside_theatre: bool = False
    severity: int = 2
    killed_civilians: int = 0
    killed_police: int = 0
    killed_force: int = 0
    killed_other: int = 0
    injured_civilians: int = 0
    injured_police: int = 0
    injured_force: int = 0
    injured_other: int = 0
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    civilian_targeting: bool = False
    salute_size: str = ""
    salute_activity: str = ""
    salute_location: str = ""
    salute_unit: str = ""
    salute_time: str = ""
    salute_equipment: str = ""
    narrative: str = ""
    source_type: str = "patrol"
    source_name: str = ""
    source_scale: str = ""
    source_reliability: str = "F"
    source_credibility: int = 6
    reporting_unit: str = ""
    tags: str = ""
    exercise: bool = False
    # Idempotency: the same (source_system, source_id) is stored once; a newer source_timestamp updates it.
    source_system: str = "form"
    source_id: str = ""
    source_timestamp: int | None = None
    extra: dict = field(default_factory=dict)


# The EventInput fields that are stored as-is on EventReport.
STORED_FIELDS = tuple(
    name
    for name in (f.name for f in fields(EventInput))
    if name not in {"marking", "allow_outside_theatre", "extra", "reported_at"}
)
