"""Whatever file is put where the public side reads bundles, `release import` answers with exit status 2 and
one line saying why, never a traceback, a hang or a line of the file's own choosing, and changes nothing.
Before the signature is checked the file is anyone's to write; after, it is the mission's, which still
cannot make the command fail any other way."""

import copy
import json
import os
import signal

import pytest

from peacekeeper.release.bundle import MAX_BUNDLE_BYTES, MAX_DEPTH, write_bundle
from peacekeeper.release.keys import signing_key
from peacekeeper.release.tests.bundles import refused, run, sample_document, sign, written

pytestmark = pytest.mark.django_db

UNSIGNED = '{{"format":"peacekeeper-release-bundle","manifest":{{}},"payload":{payload},"signature":{{}}}}'


def unsigned(payload: str) -> bytes:
    return UNSIGNED.format(payload=payload).encode()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (unsigned('{"n":' + "9" * 5000 + "}"), "malformed: the JSON holds a number too long to read"),
        (unsigned('{"n":1e999}'), "malformed: the JSON holds a number too large for a float"),
        (unsigned('{"n":-1e999}'), "malformed: the JSON holds a number too large for a float"),
        (unsigned('{"n":"\\ud800"}'), "malformed: the JSON holds text that is not Unicode"),
        (unsigned('{"\\udfff":1}'), "malformed: the JSON holds text that is not Unicode"),
        # Read, or too deep for Python's reader itself, depending on the stack it is read from.
        (unsigned("[" * 990 + "]" * 990), "malformed: the JSON nests"),
        (unsigned("[" * MAX_DEPTH + "]" * MAX_DEPTH), f"malformed: the JSON nests deeper than {MAX_DEPTH}"),
        (b"[" * 100_000 + b"]" * 100_000, "malformed: the JSON nests too deeply"),
        (unsigned('{"a":1,"b":2,"a":3}'), "malformed: a key appears twice in one object"),
    ],
    ids=[
        "5000 digits",
        "1e999",
        "-1e999",
        "lone surrogate",
        "lone surrogate in a key",
        "990 deep",
        "just too deep",
        "deeper than Python recurses",
        "duplicate key",
    ],
)
def test_an_unsigned_file_that_breaks_a_json_reader(public_side, tmp_path, capsys, content, reason):
    refused(capsys, written(tmp_path, content), reason)


def test_a_repeated_key_is_not_echoed(public_side, tmp_path, capsys):
    pairs = ",".join(f'"k{index}":0' for index in range(20_000))
    content = unsigned('{"\\u001b[2J":0,' + pairs + ',"\\u001b[2J":1}')
    err = refused(capsys, written(tmp_path, content), "a key appears twice")
    assert "2J" not in err


def signed_with_named_key(public_side, named: str) -> bytes:
    document = copy.deepcopy(public_side["document"])
    document["manifest"]["signing_key"] = named
    document["manifest"]["version"] = public_side["version"] + 1
    return (json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


def test_an_unverified_key_id_is_not_echoed(public_side, tmp_path, capsys):
    content = signed_with_named_key(public_side, "x\nImported release bundle version 99\x1b[2J")
    err = refused(capsys, written(tmp_path, content), "the bundle names no valid key id")
    assert "Imported" not in err
    assert "\x1b" not in err


def test_a_key_id_of_the_right_form_is_named(public_side, tmp_path, capsys):
    refused(
        capsys,
        written(tmp_path, signed_with_named_key(public_side, "0123456789abcdef")),
        "the bundle names key 0123456789abcdef",
    )


def test_a_signature_with_another_field(public_side, tmp_path, capsys):
    document = copy.deepcopy(public_side["document"])
    document["signature"]["extra"] = "x"
    content = (
        json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    ).encode()
    refused(capsys, written(tmp_path, content), "tampered: the signature holds other fields")


def test_a_signature_in_another_base64_spelling(public_side, keys, tmp_path, capsys):
    """64 bytes take 88 base64 characters, the last two padding: the 86th carries 2 bits of the signature
    and 4 unused ones, which a lenient decoder ignores."""
    content = sign(sample_document(version=1001), keys["private"])
    value = json.loads(content)["signature"]["value"]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet.index(value[85])
    other = value[:85] + alphabet[last ^ 0b0001] + value[86:]
    assert other != value
    refused(
        capsys,
        written(tmp_path, content.replace(value.encode(), other.encode())),
        "tampered: the signature is not in canonical base64",
    )


def test_a_signed_version_too_large_to_store(public_side, keys, tmp_path, capsys):
    content = sign(public_side["document"], keys["private"], version=2**70)
    refused(capsys, written(tmp_path, content), "manifest version", "is not a whole number from 1 to 2**63-1")


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:00-14:00", "0001-01-01T00:00:00+14:00"])
def test_a_signed_moment_outside_the_calendar(public_side, keys, tmp_path, capsys, moment):
    document = copy.deepcopy(public_side["document"])
    document["payload"]["notices"][0]["started_at"] = moment
    content = sign(document, keys["private"], version=public_side["version"] + 1)
    refused(
        capsys, written(tmp_path, content), f"field started_at: '{moment}' is outside the years 1 to 9998"
    )


@pytest.mark.parametrize("field", ["counts", "sha256"])
def test_a_signed_manifest_naming_another_kind(public_side, keys, tmp_path, capsys, field):
    document = json.loads(sign(sample_document(version=1001), keys["private"]))
    document["manifest"][field]["extra"] = 0
    content = write_bundle(manifest=document["manifest"], payload=document["payload"], key=signing_key())
    refused(capsys, written(tmp_path, content), f"the manifest's {field} does not name exactly the kinds")


@pytest.fixture
def watchdog():
    """A hang fails the test (after a minute) instead of holding the run."""

    def hung(number, frame):
        raise TimeoutError("the command hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_fifo_is_refused_without_waiting_for_a_writer(public_side, tmp_path, capsys, watchdog):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    refused(capsys, fifo, "not a regular file")


def test_a_folder_is_refused(public_side, tmp_path, capsys):
    folder = tmp_path / "folder.json"
    folder.mkdir()
    refused(capsys, folder, "not a regular file")


def test_a_symbolic_link_is_refused(public_side, keys, tmp_path, capsys):
    target = written(tmp_path, sign(sample_document(version=1001), keys["private"]), "real.json")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    refused(capsys, link, "a symbolic link")


def test_a_file_larger_than_any_bundle_is_refused_unread(public_side, tmp_path, capsys):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(MAX_BUNDLE_BYTES + 1)  # sparse: the size is all there is to it
    refused(capsys, huge, f"more than a bundle may be ({MAX_BUNDLE_BYTES})")


def test_an_error_nobody_foresaw_is_one_line(public_side, tmp_path, capsys, monkeypatch):
    def broken(*, path):
        raise RuntimeError("surprise\nsecond line")

    monkeypatch.setattr("peacekeeper.release.importing.import_bundle", broken)
    err = refused(capsys, public_side["path"], "malformed: RuntimeError: surprise second line")
    assert "Traceback" not in err


def test_an_export_error_nobody_foresaw_is_one_line(mission, keys, tmp_path, capsys, monkeypatch):
    def broken(**kwargs):
        raise ValueError("Out of range float values are not JSON compliant")

    monkeypatch.setattr("peacekeeper.release.exporting.export_bundle", broken)
    code, out, err = run(capsys, "export", "--to", str(tmp_path / "bundle.json"))
    assert (code, out) == (2, "")
    assert (
        err == "error: release export: failed: ValueError: Out of range float values are not JSON compliant\n"
    )


def test_an_export_from_a_database_without_tables(keys, tmp_path, capsys, monkeypatch):
    from django.db import DatabaseError

    def broken(**kwargs):
        raise DatabaseError("no such table: release_bundleexport")

    monkeypatch.setattr("peacekeeper.release.exporting.export_bundle", broken)
    code, out, err = run(capsys, "export", "--to", str(tmp_path / "bundle.json"))
    assert (code, out) == (2, "")
    assert err == (
        "error: release export: the database could not be read: no such table: release_bundleexport\n"
    )
