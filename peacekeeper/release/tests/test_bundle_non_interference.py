"""What is not PUBLIC does not change the bundle: a world of PUBLIC records gives the same payload when hidden
records are added to it, or when what its PUBLIC records name (a site, a bridge, the report a restriction
was derived from) is narrowed under them. Each change below is one way a hidden fact could ride out on a
PUBLIC record; the bundle must be byte for byte the one of the world without it."""

from datetime import timedelta

import pytest

from peacekeeper.access.labels import label_from_marking
from peacekeeper.events.models import Status
from peacekeeper.forces.models import Contribution
from peacekeeper.movement.models import Restriction
from peacekeeper.release.bundle import canonical
from peacekeeper.release.exporting import collect_payload
from peacekeeper.release.tests.conftest import NOT_PUBLIC, STARTED, report, restriction
from peacekeeper.theatre.models import Place, Site

pytestmark = pytest.mark.django_db

SECRET = "NATO SECRET // DEU ONLY"


def public_world() -> dict:
    """PUBLIC records naming nothing hidden; the shipped sites the changes below use, already hidden (the
    world's own hidden sites, as the shipped camps are)."""
    site = Site.objects.filter(kind=Site.Kind.PROTECTED, place__kind=Place.Kind.SITE).first()
    bridge = Site.objects.filter(kind=Site.Kind.BRIDGE, place__lat__isnull=False).first()
    crossing_closure = restriction("PUBLIC", cause="Crossing closed", location_name="the crossing")
    for hidden in (site, bridge):
        hidden.label = label_from_marking(NOT_PUBLIC[0])
        hidden.save()
    validated = report("PUBLIC", status=Status.VALIDATED, location_name="Zvečan")
    return {
        "site": site,
        "bridge": bridge,
        "report": report("PUBLIC", location_name="near the old bridge", place=None),
        "closure": crossing_closure,
        "derived": restriction(
            "PUBLIC", origin=Restriction.Origin.REPORT, report=validated, cause="Roadblock — Zvečan"
        ),
    }


def hidden_records(world: dict) -> None:
    for index, marking in enumerate(NOT_PUBLIC):
        place = Place.objects.create(
            name=f"Hidden OP {index}",
            kind=Place.Kind.SITE,
            lat=42.9,
            lon=20.9,
            scenario_key=f"hidden-{index}",
        )
        Site.objects.create(
            name=f"Hidden OP {index}", kind=Site.Kind.OTHER, place=place, label=label_from_marking(marking)
        )
        hidden = report(marking, narrative=f"Hidden {index}", place=place, location_name=f"Hidden OP {index}")
        restriction(marking, cause=f"Hidden {index}", origin=Restriction.Origin.REPORT, report=hidden)
        restriction(marking, cause=f"Hidden by hand {index}", lat=42.7, lon=21.1)


def report_at_a_narrowed_site(world: dict) -> None:
    """Logged at a site's own place while the site was PUBLIC; the site narrowed since."""
    site = world["site"]
    site.label = label_from_marking("PUBLIC")
    site.save()
    world["report"].place = site.place
    world["report"].save()
    site.label = label_from_marking(SECRET)
    site.save()


def bridge_narrowed_under_a_restriction(world: dict) -> None:
    bridge = world["bridge"]
    bridge.label = label_from_marking("PUBLIC")
    bridge.save()
    world["closure"].bridges.add(bridge)
    bridge.label = label_from_marking(SECRET)
    bridge.save()


def _derived_from(marking: str, status: str) -> None:
    """A PUBLIC restriction left over from a report that no longer is PUBLIC and counted (its derivation
    not yet redone), carrying the report's location text."""
    source = report("PUBLIC", status=Status.VALIDATED, location_name="Secret OP Alpha")
    restriction(
        "PUBLIC",
        origin=Restriction.Origin.REPORT,
        report=source,
        cause="Roadblock — Secret OP Alpha",
        location_name="Secret OP Alpha",
        lat=42.95,
        lon=20.85,
        expires_at=STARTED + timedelta(hours=24),
    )
    source.label = label_from_marking(marking)
    source.status = status
    source.save()


def restriction_of_a_narrowed_report(world: dict) -> None:
    _derived_from(SECRET, Status.VALIDATED)


def restriction_of_a_report_back_in_review(world: dict) -> None:
    _derived_from("PUBLIC", Status.SUBMITTED)


def placemat_figure_typed_in_without_a_source(world: dict) -> None:
    figure = Contribution.objects.select_related("nation").order_by("-as_of").first()
    Contribution.objects.create(nation=figure.nation, as_of=figure.as_of + timedelta(days=400), troops=9999)


CHANGES = [
    hidden_records,
    report_at_a_narrowed_site,
    bridge_narrowed_under_a_restriction,
    restriction_of_a_narrowed_report,
    restriction_of_a_report_back_in_review,
    placemat_figure_typed_in_without_a_source,
]


def every_change(world: dict) -> None:
    for change in CHANGES:
        change(world)


@pytest.mark.parametrize("change", [*CHANGES, every_change], ids=lambda change: change.__name__)
def test_the_bundle_is_the_same_with_what_is_not_public(forces, keys, change):
    world = public_world()
    before = canonical(collect_payload())
    assert "Crossing closed" in before.decode()
    assert "Roadblock — Zvečan" in before.decode()
    change(world)
    after = canonical(collect_payload())
    assert after == before


def test_a_report_at_a_narrowed_site_is_placed_by_its_own_words(forces, keys):
    world = public_world()
    report_at_a_narrowed_site(world)
    text = canonical(collect_payload()).decode()
    assert world["site"].name not in text
    (record,) = collect_payload()["reports"]
    assert record["place"] == "near the old bridge"


def test_a_report_at_a_public_site_is_placed_at_the_site(forces, keys):
    world = public_world()
    site = world["site"]
    site.label = label_from_marking("PUBLIC")
    site.save()
    world["report"].place = site.place
    world["report"].save()
    (record,) = collect_payload()["reports"]
    assert record["place"] == f"at {site.place.name}"
