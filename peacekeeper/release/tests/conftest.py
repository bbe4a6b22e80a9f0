"""The release tests' world: a key pair in the settings, and a mission side holding PUBLIC and non-PUBLIC
records of every kind a bundle carries (restrictions, sites, published reports), on the Kosovo scenario
with its placemats."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from peacekeeper.access.labels import label_from_marking
from peacekeeper.events.models import EventReport, Status
from peacekeeper.movement.models import Restriction
from peacekeeper.release.keys import generate_key_pair
from peacekeeper.release.tests.bundles import load, run, sample_document, sign, written
from peacekeeper.theatre.models import CrossingPoint, RoadSegment, Site

NOT_PUBLIC = ("NATO UNCLASSIFIED // REL TO KFOR", "NATO RESTRICTED // REL TO KFOR", "NATO SECRET // DEU ONLY")
STARTED = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)


@pytest.fixture
def keys(tmp_path: Path, settings) -> dict[str, Path]:
    """A key pair, named by both settings (one test database plays both sides)."""
    paths = {"private": tmp_path / "keys" / "release.key", "public": tmp_path / "keys" / "release.pub"}
    paths["private"].parent.mkdir()
    generate_key_pair(private_path=paths["private"], public_path=paths["public"])
    settings.RELEASE_SIGNING_KEY = str(paths["private"])
    settings.RELEASE_VERIFY_KEY = str(paths["public"])
    return paths


@pytest.fixture
def public_side(keys, tmp_path, capsys) -> dict:
    """A bundle signed with the configured key and imported (the public side holds its records)."""
    bundle = written(tmp_path, sign(sample_document(version=1000), keys["private"]), "bundle.json")
    assert run(capsys, "import", str(bundle))[0] == 0
    return {"path": bundle, "document": load(bundle), "version": 1000}


def restriction(marking: str, **values) -> Restriction:
    segment = values.pop("segment", None)
    crossing = values.pop("crossing", None)
    fields = {
        "status": "closed",
        "origin": Restriction.Origin.HAND,
        "cause": "Barricade",
        "started_at": STARTED,
    }
    record = Restriction(label=label_from_marking(marking), **(fields | values))
    record.set_end()
    record.save()
    if segment:
        record.segments.add(segment)
    if crossing:
        record.crossings.add(crossing)
    return record


def report(marking: str, status: str = Status.PUBLISHED, **values) -> EventReport:
    fields = {
        "status": status,
        "occurred_at": STARTED,
        "reported_at": STARTED,
        "lat": 42.8914,
        "lon": 20.8660,
        "location_name": "Zvečan",
        "category": "fom.roadblock",
        "narrative": "A road was blocked by parked trucks.",
        "published_at": STARTED + timedelta(hours=2) if status == Status.PUBLISHED else None,
    }
    return EventReport.objects.create(label=label_from_marking(marking), **(fields | values))


@pytest.fixture
def mission(forces) -> dict:
    """PUBLIC and non-PUBLIC records of every labelled kind. The scenario's sites are labelled as shipped
    (some PUBLIC); its placemats' figures are all public."""
    segment = next(s for s in RoadSegment.objects.select_related("start", "end") if "M-2" in s.designations)
    crossing = CrossingPoint.objects.select_related("place").filter(place__lat__isnull=False).first()
    world = {
        "public_closure": restriction(
            "PUBLIC", segment=segment, location_name="Zvečan", cause="Road closed for a bridge repair"
        ),
        "public_restriction": restriction(
            "PUBLIC", status="restricted", crossing=crossing, expires_at=STARTED + timedelta(days=2)
        ),
        "public_point": restriction("PUBLIC", lat=42.66, lon=21.16, lifted_at=STARTED + timedelta(hours=5)),
        "public_report": report("PUBLIC", narrative="Exercise convoy on the M-2.", exercise=True),
        "validated_public_report": report("PUBLIC", status=Status.VALIDATED),
        "segment": segment,
        "crossing": crossing,
    }
    for index, marking in enumerate(NOT_PUBLIC):
        world[f"hidden_restriction_{index}"] = restriction(marking, segment=segment, cause=f"Hidden {index}")
        world[f"hidden_report_{index}"] = report(marking, narrative=f"Hidden {index}")
    hidden_site = Site.objects.filter(label__marking="PUBLIC").first()
    hidden_site.label = label_from_marking(NOT_PUBLIC[1])
    hidden_site.save()
    world["hidden_site"] = hidden_site
    return world
