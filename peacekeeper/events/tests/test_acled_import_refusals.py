"""An ACLED file that cannot be read is refused whole on every surface, storing nothing; bad values reject
their rows only. The command exits 0 (all stored), 1 (rows rejected) or 2 (refused, nothing stored, or the
database failed)."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError

from peacekeeper.cli import main
from peacekeeper.events import ingest
from peacekeeper.events.importing import import_acled
from peacekeeper.events.models import EventReport, ImportBatch
from peacekeeper.interop.acled import AcledFormatError
from peacekeeper.interop.tests.factories import acled_row, acled_text

ROW = acled_row(event_date="2024-05-29", year="2024", location="Ferizaj ë")
UNCLASSIFIED = "NATO UNCLASSIFIED // REL TO KFOR"


def rows(count: int) -> list[dict[str, str]]:
    return [ROW | {"event_id_cnty": f"XKX{number}"} for number in range(count)]


def write(tmp_path: Path, data: bytes, name: str = "acled.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", "acled", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def nothing_stored() -> bool:
    return not EventReport.objects.exists() and not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_a_latin1_file_is_refused_with_exit_2_naming_line_and_byte(theatre, tmp_path, capsys):
    data = acled_text(rows(3)).encode("cp1252")
    path = write(tmp_path, data)
    at = data.index("ë".encode("cp1252"))

    code, out, err = run(capsys, str(path))

    assert code == 2
    assert out == ""
    assert err == (
        f"error: {path}: line 2, byte {at:,}: 0xEB is not UTF-8; save the file as UTF-8, or give --encoding "
        "cp1252; nothing was imported\n"
    )
    assert nothing_stored()


@pytest.mark.django_db
def test_the_encoding_option_imports_a_legacy_file(theatre, tmp_path, capsys):
    path = write(tmp_path, acled_text(rows(3)).encode("cp1252"))

    code, _, _ = run(capsys, str(path), "--encoding", "cp1252")

    assert code == 0
    assert set(EventReport.objects.values_list("location_name", flat=True)) == {"Ferizaj ë"}


@pytest.mark.django_db
def test_a_utf16_file_with_a_byte_order_mark_imports(theatre, tmp_path, capsys):
    path = write(tmp_path, acled_text(rows(3)).encode("utf-16"))

    code, out, _ = run(capsys, str(path), "--json")

    assert code == 0
    assert json.loads(out)["imported"] == 3


@pytest.mark.django_db
def test_a_bad_byte_after_the_first_batches_stores_nothing_and_leaves_no_batch(theatre, tmp_path, capsys):
    data = acled_text(rows(2500)).encode()
    at = data.index(b"XKX2400,")
    path = write(tmp_path, data[:at] + b"\xe9" + data[at + 1 :])

    code, _, err = run(capsys, str(path))

    assert code == 2
    assert f"line 2402, byte {at:,}: 0xE9 is not UTF-8" in err
    assert nothing_stored()


@pytest.mark.django_db
def test_a_refusal_with_json_says_refused_and_why(theatre, tmp_path, capsys):
    path = write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))

    code, out, err = run(capsys, str(path), "--json")

    reason = (
        f"{path}: this is a ZIP archive (an Excel .xlsx or OpenDocument workbook is one), not a CSV file; "
    )
    assert code == 2
    assert json.loads(out) == {"refused": True, "reason": reason + "export the sheet as “CSV UTF-8”"}
    assert "Traceback" not in err
    assert nothing_stored()


@pytest.mark.django_db
def test_a_ten_megabyte_line_is_refused_naming_line_and_column(theatre, tmp_path, capsys):
    data = acled_text([*rows(2), ROW | {"event_id_cnty": "XKX9", "notes": "n" * 10_000_000}]).encode()

    code, _, err = run(capsys, str(write(tmp_path, data)))

    assert code == 2
    assert "line 4, column 28 (notes): a field longer than 1,048,576 characters" in err
    assert nothing_stored()


@pytest.mark.django_db
def test_an_unclosed_quote_is_refused_naming_the_line_it_opened_on(theatre, tmp_path, capsys):
    plain = [row | {"notes": "A protest at the main bridge"} for row in rows(5)]
    text = acled_text(plain[:2]) + 'XKX9,"2024-05-29,2024\r\n' + acled_text(plain[2:]).split("\r\n", 1)[1]

    code, _, err = run(capsys, str(write(tmp_path, text.encode())))

    assert code == 2
    assert "line 4, column 2 (event_date): the quoted field opened here is never closed" in err
    assert nothing_stored()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("timestamp", "99999999999999999999"),
        ("fatalities", "99999999999999999999"),
        ("iso", "99999999999999999999"),
        ("event_date", "0001-01-01"),
        ("event_date", "9999-12-31"),
    ],
)
def test_a_number_out_of_range_rejects_its_row_and_the_good_rows_are_stored(
    theatre, tmp_path, capsys, field, value
):
    good = rows(3)
    good[1] |= {field: value, "year": ""}
    path = write(tmp_path, acled_text(good).encode())

    code, out, _ = run(capsys, str(path), "--json")

    report = json.loads(out)
    assert code == 1
    assert [(item["row"], item["field"]) for item in report["rejected"]] == [(3, field)]
    assert value[:20] in report["rejected"][0]["reason"]
    assert sorted(EventReport.objects.values_list("source_id", flat=True)) == ["XKX0", "XKX2"]
    assert ImportBatch.objects.get().finished_at is not None


@pytest.mark.django_db
def test_a_header_only_file_imports_nothing_and_says_so(theatre, tmp_path, capsys):
    code, out, _ = run(capsys, str(write(tmp_path, acled_text([]).encode())))

    assert code == 0
    assert out.endswith(
        "0 imported, 0 updated, 0 unchanged, 0 rejected (the file has a header and no rows)\n"
    )


@pytest.mark.django_db
def test_a_marking_that_cannot_be_applied_is_refused_whole(theatre, tmp_path, capsys):
    path = write(tmp_path, acled_text(rows(2)).encode())

    code, _, err = run(capsys, str(path), "--marking", "NATO SOMETHING // REL TO NOBODY")

    assert code == 2
    assert err.startswith("error: --marking: ")
    assert nothing_stored()


@pytest.mark.django_db
def test_an_unknown_user_is_refused_with_exit_2(theatre, tmp_path, capsys):
    path = write(tmp_path, acled_text(rows(2)).encode())

    code, _, err = run(capsys, str(path), "--as", "nobody")

    assert (code, err) == (2, "error: --as: no user 'nobody'; nothing was imported\n")


@pytest.mark.django_db
def test_a_database_failure_is_said_with_exit_2_and_the_run_recorded_as_failed(
    theatre, tmp_path, capsys, monkeypatch
):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(ingest, "insert_rows", locked)
    path = write(tmp_path, acled_text(rows(2)).encode())

    code, out, err = run(capsys, str(path), "--json")

    assert code == 2
    assert err.startswith(f"error: {path}: the database failed: database is locked (")
    assert "Traceback" not in err
    assert json.loads(out) == {
        "refused": False,
        "failed": True,
        "reason": "the database failed: database is locked",
    }
    assert ImportBatch.objects.get().state == ImportBatch.State.FAILED


class _Pipe(io.RawIOBase):
    """A stream that reads once and cannot seek, as a socket or a pipe."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.mark.django_db
def test_a_stream_that_cannot_seek_is_checked_whole_then_imported(theatre):
    report = import_acled(stream=_Pipe(acled_text(rows(3)).encode()), user=None)
    with pytest.raises(AcledFormatError, match="0xEB is not UTF-8"):
        import_acled(stream=_Pipe(acled_text(rows(3)).encode("cp1252")), user=None)

    assert report.imported == 3
    assert ImportBatch.objects.count() == 1


def upload(client, german_watchkeeper, data: bytes, **fields: str):
    client.force_login(german_watchkeeper)
    return client.post("/api/events/import/acled", {"file": SimpleUploadedFile("acled.csv", data), **fields})


@pytest.mark.django_db
def test_the_api_refuses_a_latin1_file_with_422_in_the_error_format(client, theatre, german_watchkeeper):
    data = acled_text(rows(2)).encode("cp1252")

    response = upload(client, german_watchkeeper, data)

    at = data.index("ë".encode("cp1252"))
    reason = f"line 2, byte {at:,}: 0xEB is not UTF-8; save the file as UTF-8, or send its "
    assert response.status_code == 422
    assert response.json() == {
        "detail": "the file was refused; nothing was imported",
        "errors": [{"field": "file", "reason": reason + "encoding (encoding=cp1252)"}],
    }
    assert nothing_stored()


@pytest.mark.django_db
def test_the_api_reads_a_file_in_the_encoding_it_is_given(client, theatre, german_watchkeeper):
    response = upload(client, german_watchkeeper, acled_text(rows(2)).encode("cp1252"), encoding="cp1252")

    assert response.status_code == 200
    assert response.json()["imported"] == 2


@pytest.mark.django_db
def test_the_api_answers_an_empty_or_missing_file_in_the_error_format(client, theatre, german_watchkeeper):
    empty = upload(client, german_watchkeeper, b"")
    not_multipart = client.post("/api/events/import/acled", {"rows": []}, content_type="application/json")

    assert empty.status_code == 422
    assert empty.json()["errors"] == [
        {"field": "file", "reason": "the file is empty: expected an ACLED header row"}
    ]
    assert not_multipart.status_code == 422
    assert set(not_multipart.json()) == {"detail", "errors"}
    assert nothing_stored()


def post_page(client, german_watchkeeper, data: bytes, **fields: str) -> str:
    client.force_login(german_watchkeeper)
    form = {"file": SimpleUploadedFile("acled.csv", data), "marking": UNCLASSIFIED, "status": "submitted"}
    form |= fields
    response = client.post("/log/import/", form)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_import_page_shows_a_refusal_as_an_error_on_the_file(client, theatre, german_watchkeeper):
    data = acled_text(rows(2)).encode("cp1252")
    at = data.index("ë".encode("cp1252"))

    page = post_page(client, german_watchkeeper, data)

    assert (
        f'data-testid="import-error-file">Nothing was imported: line 2, byte {at:,}: 0xEB is not UTF-8; save '
        "the file as UTF-8, or choose its encoding below</span>"
    ) in page
    assert nothing_stored()


@pytest.mark.django_db
def test_the_import_page_imports_a_file_in_the_encoding_chosen(client, theatre, german_watchkeeper):
    page = post_page(client, german_watchkeeper, acled_text(rows(2)).encode("cp1250"), encoding="cp1250")

    assert "<strong>2</strong> imported" in page
    assert set(EventReport.objects.values_list("location_name", flat=True)) == {"Ferizaj ë"}


@pytest.mark.django_db
def test_the_api_applies_a_marking_sent_with_the_file_and_refuses_two_different_ones(
    client, theatre, german_watchkeeper
):
    data = acled_text(rows(1)).encode()
    german = "NATO RESTRICTED // DEU ONLY"

    stored = upload(client, german_watchkeeper, data, marking=german)
    client.force_login(german_watchkeeper)
    twice = client.post(
        f"/api/events/import/acled?marking={UNCLASSIFIED}",
        {"file": SimpleUploadedFile("acled.csv", data), "marking": german},
    )

    assert stored.status_code == 200
    assert EventReport.objects.get().label.marking == german
    assert twice.status_code == 422
    assert twice.json()["errors"] == [
        {"field": "marking", "reason": "given twice, differently (query and form); send it once"}
    ]
