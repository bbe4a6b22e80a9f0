"""A bundle that is unsigned, tampered, signed with another key, replayed, malformed, of an unknown format,
or holding anything not PUBLIC is refused whole through the real command: exit status 2, one line on
stderr saying why, and every row of every release table as it was."""

import copy
import json

import pytest

from peacekeeper.release.bundle import BundleRefused, canonical, write_bundle
from peacekeeper.release.importing import import_bundle
from peacekeeper.release.keys import generate_key_pair, signing_key
from peacekeeper.release.tests.bundles import refused, release_tables, run, sample_document, sign, written

pytestmark = pytest.mark.django_db


def flipped(content: bytes, index: int) -> bytes:
    return content[:index] + bytes([content[index] ^ 0x01]) + content[index + 1 :]


def test_a_byte_flipped_in_the_payload(public_side, tmp_path, capsys):
    content = public_side["path"].read_bytes()
    at = content.index(b"Road closed for a bridge repair")
    refused(capsys, written(tmp_path, flipped(content, at)), "tampered")


def test_a_byte_flipped_in_the_manifest(public_side, tmp_path, capsys):
    content = public_side["path"].read_bytes()
    at = content.index(b'"source_mission":"KFOR"') + len(b'"source_mission":"')
    refused(capsys, written(tmp_path, flipped(content, at)), "tampered")


def test_a_byte_flipped_in_the_manifests_version(public_side, tmp_path, capsys):
    content = public_side["path"].read_bytes()
    at = content.index(b'"version":1000') + len(b'"version":1')
    refused(capsys, written(tmp_path, flipped(content, at)), "tampered")


@pytest.mark.parametrize("change", ["flip", "swap"])
def test_a_byte_changed_in_the_signature(public_side, tmp_path, capsys, change):
    content = public_side["path"].read_bytes()
    at = content.index(b'"value":"') + len(b'"value":"') + 5
    other = b"B" if content[at] != ord("B") else b"C"
    changed = flipped(content, at) if change == "flip" else content[:at] + other + content[at + 1 :]
    refused(capsys, written(tmp_path, changed), "tampered")


def test_any_byte_flipped_anywhere_is_refused(public_side, keys, tmp_path):
    content = sign(sample_document(version=1001), keys["private"])
    before = release_tables()
    for index in range(0, len(content), 5):
        with pytest.raises(BundleRefused):
            import_bundle(path=written(tmp_path, flipped(content, index)))
    assert release_tables() == before
    import_bundle(path=written(tmp_path, content))  # the bundle as signed is accepted


def test_an_unsigned_bundle(public_side, tmp_path, capsys):
    document = copy.deepcopy(public_side["document"])
    del document["signature"]
    refused(capsys, written(tmp_path, canonical(document) + b"\n"), "unsigned")
    document["signature"] = None
    refused(capsys, written(tmp_path, canonical(document) + b"\n"), "unsigned")


def test_a_bundle_signed_with_another_key(public_side, tmp_path, capsys):
    other = tmp_path / "other"
    other.mkdir()
    generate_key_pair(private_path=other / "k", public_path=other / "k.pub")
    content = sign(public_side["document"], other / "k", version=public_side["version"] + 1)
    refused(capsys, written(tmp_path, content), "signed with another key")


def test_the_same_bundle_again(public_side, capsys):
    refused(
        capsys, public_side["path"], f"replay: bundle version {public_side['version']} is already imported"
    )


def test_an_older_bundle(public_side, keys, tmp_path, capsys):
    newer = sign(public_side["document"], keys["private"], version=public_side["version"] + 5)
    assert run(capsys, "import", str(written(tmp_path, newer, "newer.json")))[0] == 0
    refused(capsys, public_side["path"], f"is older than version {public_side['version'] + 5}")


@pytest.mark.parametrize("kind", ["notices", "contributions", "strengths", "sites", "reports"])
def test_a_signed_bundle_holding_a_record_not_marked_public(public_side, keys, tmp_path, capsys, kind):
    document = copy.deepcopy(public_side["document"])
    document["payload"][kind][-1]["marking"] = "NATO UNCLASSIFIED"
    content = sign(document, keys["private"], version=public_side["version"] + 1)
    index = len(document["payload"][kind]) - 1
    refused(
        capsys,
        written(tmp_path, content),
        f"not PUBLIC: {kind}[{index}]",
        "carries the marking 'NATO UNCLASSIFIED', not PUBLIC",
    )


def test_a_record_without_a_marking(public_side, keys, tmp_path, capsys):
    document = copy.deepcopy(public_side["document"])
    del document["payload"]["reports"][0]["marking"]
    content = sign(document, keys["private"], version=public_side["version"] + 1)
    refused(capsys, written(tmp_path, content), "reports[0] (uid")


def test_a_field_of_the_wrong_type_is_named_with_its_record(public_side, keys, tmp_path, capsys):
    document = copy.deepcopy(public_side["document"])
    record = document["payload"]["contributions"][0]
    record["troops"] = "many"
    content = sign(document, keys["private"], version=public_side["version"] + 1)
    refused(
        capsys,
        written(tmp_path, content),
        f"bad record: contributions[0] (nation_code {record['nation_code']}, as_of {record['as_of']}): "
        "field troops: expected a whole number from 0, got 'many'",
    )


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("started_at", "2026-11-20 06:00", "field started_at: '2026-11-20 06:00' has no time zone"),
        (
            "geometry",
            {"type": "Point", "coordinates": [200, 42]},
            "field geometry: coordinates: expected a number",
        ),
        ("kind", "open", "field kind: expected one of closed, restricted"),
        ("exercise", "no", "field exercise: expected true or false"),
        ("unexpected", 1, "field unexpected is not a field of notices"),
    ],
)
def test_bad_notice_fields(public_side, keys, tmp_path, capsys, field, value, reason):
    document = copy.deepcopy(public_side["document"])
    document["payload"]["notices"][0][field] = value
    content = sign(document, keys["private"], version=public_side["version"] + 1)
    refused(capsys, written(tmp_path, content), reason)


def test_two_records_of_one_identity(public_side, keys, tmp_path, capsys):
    document = copy.deepcopy(public_side["document"])
    document["payload"]["notices"].append(dict(document["payload"]["notices"][0]))
    content = sign(document, keys["private"], version=public_side["version"] + 1)
    refused(capsys, written(tmp_path, content), "repeats notices[0]")


def test_an_unknown_format_version(public_side, keys, tmp_path, capsys):
    document = copy.deepcopy(public_side["document"])
    document["manifest"]["format_version"] = 2
    content = sign(document, keys["private"], version=public_side["version"] + 1)
    refused(capsys, written(tmp_path, content), "unknown format version 2")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "malformed: not JSON"),
        (b'{"format": "peacekeeper-release-bundle", "manifest"', "malformed: not JSON"),
        (b"\xff\xfe{}", "malformed: not UTF-8"),
        (b"[]\n", "malformed: not a release bundle"),
        (
            b'{"format":"peacekeeper-release-bundle","manifest":NaN,"payload":{}}',
            "malformed: the JSON holds NaN",
        ),
    ],
)
def test_a_malformed_file(public_side, tmp_path, capsys, content, reason):
    refused(capsys, written(tmp_path, content), reason)


def test_a_truncated_bundle(public_side, tmp_path, capsys):
    content = public_side["path"].read_bytes()
    refused(capsys, written(tmp_path, content[: len(content) // 2]), "malformed: not JSON")


def test_a_manifest_not_true_of_its_payload(public_side, keys, tmp_path, capsys):
    document = json.loads(sign(sample_document(version=1001), keys["private"]))
    document["manifest"]["counts"]["notices"] = 99
    content = write_bundle(manifest=document["manifest"], payload=document["payload"], key=signing_key())
    refused(capsys, written(tmp_path, content), "the manifest's count of notices is not the payload's 2")


def test_no_public_key_configured(public_side, settings, capsys):
    settings.RELEASE_VERIFY_KEY = ""
    refused(capsys, public_side["path"], "PEACEKEEPER_RELEASE_VERIFY_KEY is not set")


def test_a_missing_file(public_side, tmp_path, capsys):
    refused(capsys, tmp_path / "nowhere.json", "cannot be read")
