"""Export on the mission side, import on the public side: exactly the PUBLIC records arrive, as stored."""

import json
import uuid

import pytest

from peacekeeper.access.labels import label_from_marking
from peacekeeper.forces.models import Contribution, ForceStrength
from peacekeeper.release.models import (
    BundleExport,
    BundleImport,
    PublicContribution,
    PublicNotice,
    PublicReport,
    PublicSite,
    PublicStrength,
)
from peacekeeper.release.tests.bundles import load, markings, run, source_id
from peacekeeper.release.tests.conftest import restriction
from peacekeeper.theatre.models import Site

pytestmark = pytest.mark.django_db


def test_the_bundle_holds_every_public_record_and_nothing_else(mission, keys, tmp_path, capsys):
    bundle = tmp_path / "bundle.json"
    code, out, err = run(capsys, "export", "--to", str(bundle))
    assert (code, err) == (0, "")
    assert f"written to {bundle}" in out
    payload = load(bundle)["payload"]
    assert {n["source_id"] for n in payload["notices"]} == {
        source_id("restriction", mission[name].pk)
        for name in ("public_closure", "public_restriction", "public_point")
    }
    assert [r["uid"] for r in payload["reports"]] == [str(mission["public_report"].uid)]
    public_sites = Site.objects.filter(label__marking="PUBLIC")
    assert {s["source_id"] for s in payload["sites"]} == {
        source_id("site", pk) for pk in public_sites.values_list("pk", flat=True)
    }
    assert source_id("site", mission["hidden_site"].pk) not in {s["source_id"] for s in payload["sites"]}
    assert len(payload["contributions"]) == Contribution.objects.count() > 0
    assert len(payload["strengths"]) == ForceStrength.objects.count() > 0
    text = bundle.read_text()
    for hidden in ("Hidden", "REL TO", "DEU ONLY"):
        assert hidden not in text
    assert {record["marking"] for records in payload.values() for record in records} == {"PUBLIC"}


def test_imported_records_are_the_mission_sides_as_stored(mission, keys, tmp_path, capsys):
    bundle = tmp_path / "bundle.json"
    assert run(capsys, "export", "--to", str(bundle))[0] == 0
    code, out, err = run(capsys, "import", str(bundle))
    assert (code, err) == (0, "")
    assert "Imported release bundle version" in out

    closure = PublicNotice.objects.get(source_id=source_id("restriction", mission["public_closure"].pk))
    segment = mission["segment"]
    assert closure.kind == "closed"
    assert closure.place == "at Zvečan"
    assert "M-2" in closure.roads
    assert closure.segments == [f"{segment.road_code} {segment.start.name}–{segment.end.name}"]
    assert closure.geometry["type"] == "MultiLineString"
    assert closure.geometry["coordinates"][0] == segment.geometry["coordinates"]
    restricted = PublicNotice.objects.get(
        source_id=source_id("restriction", mission["public_restriction"].pk)
    )
    assert restricted.crossings == [mission["crossing"].name_en]
    assert restricted.expires_at == mission["public_restriction"].expires_at
    assert restricted.geometry["type"] == "MultiPoint"
    point = PublicNotice.objects.get(source_id=source_id("restriction", mission["public_point"].pk))
    assert point.geometry == {"type": "Point", "coordinates": [21.16, 42.66]}
    assert point.lifted_at == point.ends_at == mission["public_point"].lifted_at
    assert set(PublicNotice.objects.in_force(point.lifted_at)) == {closure, restricted}

    report = PublicReport.objects.get()
    assert report.uid == mission["public_report"].uid
    assert (report.exercise, report.summary, report.place) == (
        True,
        "Exercise convoy on the M-2.",
        "at Zvečan",
    )
    assert report.published_at == mission["public_report"].published_at

    latest = PublicContribution.latest_date()
    figures = PublicContribution.objects.filter(as_of=latest)
    stored = Contribution.objects.filter(as_of=latest).select_related("nation")
    assert {(f.nation_code, f.troops, f.approximate, f.source) for f in figures} == {
        (c.nation.code, c.troops, c.approximate, c.source) for c in stored
    }
    assert PublicStrength.objects.count() == ForceStrength.objects.count()
    camp = Site.objects.filter(label__marking="PUBLIC").select_related("place").first()
    copied = PublicSite.objects.get(source_id=source_id("site", camp.pk))
    assert (copied.name, copied.kind, copied.lat, copied.lon) == (
        camp.name,
        camp.kind,
        camp.place.lat,
        camp.place.lon,
    )

    imported = BundleImport.objects.get()
    assert imported.version == BundleExport.objects.get().version
    assert imported.counts == {
        "notices": 3,
        "contributions": PublicContribution.objects.count(),
        "strengths": PublicStrength.objects.count(),
        "sites": PublicSite.objects.count(),
        "reports": 1,
    }
    assert markings() == {"PUBLIC"}


def test_a_record_no_longer_public_disappears_from_the_public_side(mission, keys, tmp_path, capsys):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run(capsys, "export", "--to", str(first))[0] == 0
    assert run(capsys, "import", str(first))[0] == 0
    closure = mission["public_closure"]
    closure.label = label_from_marking("NATO UNCLASSIFIED // REL TO KFOR")
    closure.save()
    mission["public_report"].label = closure.label
    mission["public_report"].save()
    assert run(capsys, "export", "--to", str(second))[0] == 0
    assert run(capsys, "import", str(second))[0] == 0
    assert not PublicNotice.objects.filter(source_id=source_id("restriction", closure.pk)).exists()
    assert PublicNotice.objects.count() == 2
    assert not PublicReport.objects.exists()
    assert BundleImport.objects.count() == 2


def test_versions_rise_with_every_export(mission, keys, tmp_path, capsys):
    earlier = {
        "created_at": mission["public_closure"].started_at,
        "source_mission": "KFOR",
        "sha256": "0" * 64,
    }
    BundleExport.objects.create(version=10**15, path="earlier.json", **earlier)
    bundle = tmp_path / "bundle.json"
    versions = []
    for _ in range(2):
        assert run(capsys, "export", "--to", str(bundle))[0] == 0
        versions.append(load(bundle)["manifest"]["version"])
    assert versions == [10**15 + 1, 10**15 + 2]


def test_an_empty_kind_is_an_empty_list(keys, forces, tmp_path, capsys):
    bundle = tmp_path / "bundle.json"
    assert run(capsys, "export", "--to", str(bundle))[0] == 0
    document = load(bundle)
    assert document["payload"]["notices"] == []
    assert document["payload"]["reports"] == []
    assert document["manifest"]["counts"]["notices"] == 0
    assert run(capsys, "import", str(bundle))[0] == 0
    assert not PublicNotice.objects.exists()


def test_the_manifest_says_what_the_bundle_is(mission, keys, tmp_path, capsys):
    bundle = tmp_path / "bundle.json"
    assert run(capsys, "export", "--to", str(bundle))[0] == 0
    document = load(bundle)
    manifest = document["manifest"]
    assert manifest["format_version"] == 1
    assert manifest["source_mission"] == "KFOR"
    assert manifest["counts"]["notices"] == 3
    assert set(manifest["sha256"]) == set(document["payload"])
    assert document["signature"]["algorithm"] == "Ed25519"
    assert uuid.UUID(document["payload"]["reports"][0]["uid"])
    assert json.loads(bundle.read_text())["format"] == "peacekeeper-release-bundle"


def test_a_bridge_not_public_is_not_named_by_a_public_notice(mission, keys, tmp_path, capsys):
    bridge = (
        Site.objects.filter(kind=Site.Kind.BRIDGE, place__lat__isnull=False).select_related("place").first()
    )
    bridge.label = label_from_marking("PUBLIC")
    bridge.save()
    closure = restriction("PUBLIC", cause="Bridge closed")
    closure.bridges.add(bridge)
    bundle = tmp_path / "bundle.json"
    assert run(capsys, "export", "--to", str(bundle))[0] == 0
    notice = next(
        n
        for n in load(bundle)["payload"]["notices"]
        if n["source_id"] == source_id("restriction", closure.pk)
    )
    assert notice["bridges"] == [bridge.name]
    assert notice["geometry"] == {"type": "MultiPoint", "coordinates": [[bridge.place.lon, bridge.place.lat]]}

    bridge.label = label_from_marking("NATO SECRET // DEU ONLY")
    bridge.save()
    assert run(capsys, "export", "--to", str(bundle))[0] == 0
    notice = next(
        n
        for n in load(bundle)["payload"]["notices"]
        if n["source_id"] == source_id("restriction", closure.pk)
    )
    assert notice["bridges"] == []
    assert notice["geometry"] is None
    assert bridge.name not in bundle.read_text()
