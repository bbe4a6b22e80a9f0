"""What the release tests share: the CLI run, every row of every release table, bundles signed by hand."""

import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.apps import apps
from django.forms.models import model_to_dict
from django.test import override_settings

from peacekeeper.cli import main
from peacekeeper.release.bundle import FORMAT_VERSION, digest, write_bundle
from peacekeeper.release.records import KINDS

# Which side each command runs on (one test database plays both).
SIDES = {"export": "mission", "watch": "mission", "import": "public", "import-inbox": "public"}


def run(capsys, *args: str, site: str | None = None) -> tuple[int, str, str]:
    """`peacekeeper release <args>`, on the side its command runs on unless `site` says otherwise."""
    with override_settings(SITE=site or SIDES.get(args[0], "mission")):
        code = main(["release", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def refused(capsys, path, *reasons: str) -> str:
    """`release import path` refused: exit status 2, one line on stderr holding every reason, nothing
    changed. The line."""
    before = release_tables()
    code, out, err = run(capsys, "import", str(path))
    assert code == 2
    assert out == ""
    assert err.startswith("error: release import: "), err
    assert err.count("\n") == 1, err
    assert all(reason in err for reason in reasons), err
    assert release_tables() == before
    return err


def written(tmp_path, content: bytes, name: str = "bad.json") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def source_id(kind: str, pk: int) -> str:
    """A mission record's name in bundles signed with the configured key."""
    from peacekeeper.release.exporting import SourceIds
    from peacekeeper.release.keys import signing_key

    return SourceIds(signing_key())(kind, pk)


def release_tables() -> dict[str, list[dict]]:
    """Every row of every table of the release app, every field, in a stable order."""
    return {
        model.__name__: sorted((model_to_dict(row) | {"id": row.pk} for row in model.objects.all()), key=repr)
        for model in apps.get_app_config("release").get_models()
    }


def markings() -> set[str]:
    return {row["marking"] for rows in release_tables().values() for row in rows}


def load(path: Path) -> dict:
    return json.loads(path.read_bytes())


def sign(document: dict, private_key_path: Path, *, version: int | None = None) -> bytes:
    """The document's manifest made true of its payload (counts, digests, version), signed with the key:
    a bundle as a mission side holding that key would write it."""
    key = serialization.load_pem_private_key(private_key_path.read_bytes(), password=None)
    manifest = {"format_version": FORMAT_VERSION} | document["manifest"]
    if version is not None:
        manifest["version"] = version
    payload = document["payload"]
    manifest["counts"] = {kind.name: len(payload[kind.name]) for kind in KINDS}
    manifest["sha256"] = {kind.name: digest(payload[kind.name]) for kind in KINDS}
    return write_bundle(manifest=manifest, payload=payload, key=key)


def sample_payload() -> dict[str, list[dict]]:
    """Records of every kind, all PUBLIC, as an export writes them (for tests that need no mission side)."""
    return {
        "notices": [
            {
                "source_id": "restriction-1",
                "kind": "closed",
                "cause": "Road closed for a bridge repair",
                "location_name": "Zvečan",
                "place": "at Zvečan",
                "roads": ["M-2", "N2"],
                "segments": ["N2 Zvečan–Mitrovicë"],
                "crossings": [],
                "bridges": [],
                "started_at": "2026-11-20T06:00:00+00:00",
                "expires_at": None,
                "lifted_at": None,
                "ends_at": None,
                "geometry": {"type": "MultiLineString", "coordinates": [[[20.84, 42.91], [20.86, 42.89]]]},
                "exercise": False,
                "marking": "PUBLIC",
            },
            {
                "source_id": "restriction-2",
                "kind": "restricted",
                "cause": "Exercise convoy",
                "location_name": "",
                "place": "",
                "roads": [],
                "segments": [],
                "crossings": ["Jarinje"],
                "bridges": [],
                "started_at": "2026-11-21T06:00:00+00:00",
                "expires_at": "2026-11-22T06:00:00+00:00",
                "lifted_at": None,
                "ends_at": "2026-11-22T06:00:00+00:00",
                "geometry": {"type": "Point", "coordinates": [20.78, 43.13]},
                "exercise": True,
                "marking": "PUBLIC",
            },
        ],
        "contributions": [
            {
                "nation_code": code,
                "nation_name": name,
                "as_of": "2025-01-01",
                "as_of_text": "January 2025",
                "troops": troops,
                "name_inferred": False,
                "note": "",
                "source": "KFOR placemat",
                "approximate": False,
                "approximation_note": "",
                "marking": "PUBLIC",
            }
            for code, name, troops in (("ITA", "Italy", 1100), ("USA", "United States", 600))
        ],
        "strengths": [
            {
                "as_of": "2025-01-01",
                "as_of_text": "January 2025",
                "troops": 4500,
                "nations": "29",
                "note": "",
                "source": "KFOR placemat",
                "approximate": True,
                "approximation_note": "rounded in the source",
                "marking": "PUBLIC",
            }
        ],
        "sites": [
            {
                "source_id": "site-1",
                "name": "Camp Film City",
                "kind": "camp",
                "function": "KFOR headquarters",
                "lat": 42.6629,
                "lon": 21.1655,
                "source": "KFOR",
                "approximate": False,
                "approximation_note": "",
                "marking": "PUBLIC",
            }
        ],
        "reports": [
            {
                "uid": "6f1c7f0e-2b7e-4a4c-9d1e-0a8f1b2c3d4e",
                "occurred_at": "2026-11-20T06:00:00+00:00",
                "category": "fom.roadblock",
                "category_label": "Roadblock",
                "place": "at Zvečan",
                "area": "Zvečan",
                "lat": 42.9075,
                "lon": 20.8406,
                "summary": "A road was blocked by parked trucks.",
                "published_at": "2026-11-20T08:00:00+00:00",
                "exercise": True,
                "marking": "PUBLIC",
            }
        ],
    }


def sample_document(version: int = 1) -> dict:
    return {
        "manifest": {
            "format_version": FORMAT_VERSION,
            "version": version,
            "created": "200600ZNOV26",
            "created_at": "2026-11-20T06:00:00+00:00",
            "source_mission": "KFOR",
        },
        "payload": sample_payload(),
    }
