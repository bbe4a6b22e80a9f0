"""Reading ACLED files: the header, row numbers, every rejection reason, and streaming in bounded memory."""

import csv
import io
import tracemalloc
from pathlib import Path

import pytest

from peacekeeper.events.taxonomy import category_for_acled
from peacekeeper.interop.acled import (
    ACLED_COLUMNS,
    REQUIRED_COLUMNS,
    AcledFormatError,
    AcledRow,
    RowRejected,
    read_acled,
)
from peacekeeper.interop.acled_csv import MAX_FIELD_CHARS
from peacekeeper.interop.tests.factories import (
    ACLED_ROW,
    acled_row,
    acled_text,
    only_rejection,
    only_row,
    read_rows,
    read_text,
)


def test_it_reads_a_complete_acled_row() -> None:
    row = only_row(ACLED_ROW)

    assert row.row_number == 2
    assert row.event_id_cnty == "XKX1234"
    assert row.event_date.isoformat() == "2026-11-29"
    assert row.category.code == "protests.peaceful"
    assert (row.inter1, row.inter2, row.interaction) == (6, 0, 60)
    assert (row.latitude, row.longitude) == (42.8914, 20.866)
    assert (row.iso, row.country, row.admin1) == (0, "Kosovo", "Mitrovice")
    assert (row.fatalities, row.timestamp) == (0, 1764460800)
    assert row.civilian_targeting is False


def test_the_header_is_checked_before_any_row_is_read() -> None:
    stream = io.StringIO("event_id_cnty,event_type\n" + "not,a,row\n" * 3, newline="")

    with pytest.raises(AcledFormatError) as error:
        read_acled(stream, categorise=category_for_acled)

    message = str(error.value)
    assert "event_date, sub_event_type, latitude, longitude" in message
    assert "event_id_cnty," not in message
    assert stream.readline() == "not,a,row\n"


@pytest.mark.parametrize("missing", REQUIRED_COLUMNS)
def test_it_refuses_a_header_without_a_required_column(missing: str) -> None:
    columns = [column for column in ACLED_COLUMNS if column != missing]

    with pytest.raises(AcledFormatError, match=missing):
        read_text(acled_text([ACLED_ROW], columns))


def test_it_refuses_an_empty_file() -> None:
    with pytest.raises(AcledFormatError, match="empty"):
        read_text("")


def test_it_refuses_a_column_given_twice() -> None:
    with pytest.raises(AcledFormatError, match="'event_date' appears twice"):
        read_text(acled_text([ACLED_ROW], [*ACLED_COLUMNS, "EVENT_DATE"]))


def test_only_the_required_columns_are_needed() -> None:
    row = only_row(ACLED_ROW)
    (sparse,) = read_text(acled_text([ACLED_ROW], REQUIRED_COLUMNS))

    assert isinstance(sparse, AcledRow)
    assert sparse.category == row.category
    assert (sparse.time_precision, sparse.geo_precision, sparse.fatalities) == (1, 1, 0)
    assert (sparse.year, sparse.iso, sparse.timestamp, sparse.actor1) == (2026, None, None, "")


def test_row_numbers_are_the_rows_a_spreadsheet_shows() -> None:
    text = acled_text(
        [
            acled_row(event_id_cnty="A", notes="first line\nsecond line\nthird line"),
            {},
            acled_row(event_id_cnty="B", latitude="north"),
        ]
    )

    first, rejected = read_text(text)

    assert first.row_number == 2
    assert rejected == RowRejected(4, "latitude", "'north' is not a number")


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("event_id_cnty", "", "is required"),
        ("event_date", "31-02-2024", "'31-02-2024' is not a valid date (expected YYYY-MM-DD or DD-MM-YYYY)"),
        ("event_date", "2024/13/01", "'2024/13/01' is not a valid date (expected YYYY-MM-DD or DD-MM-YYYY)"),
        ("year", "2025", "'2025' does not match event_date 2026-11-29"),
        ("time_precision", "4", "'4' is not 1, 2 or 3"),
        ("time_precision", "1.5", "'1.5' is not a whole number"),
        ("event_type", "", "is required"),
        ("sub_event_type", "", "is required"),
        (
            "sub_event_type",
            "Picnic",
            "unknown ACLED event type / sub-event type 'Protests' / 'Picnic'",
        ),
        ("inter1", "9", "'9' is not an ACLED actor type (0-8 or a name such as 'State forces')"),
        ("inter2", "Aliens", "'Aliens' is not an ACLED actor type (0-8 or a name such as 'State forces')"),
        ("interaction", "99", "'99' is not an ACLED interaction code (two inter codes, e.g. 17)"),
        ("civilian_targeting", "yes", "'yes' is neither 'Civilian targeting' nor empty"),
        ("iso", "XKX", "'XKX' is not a number"),
        ("latitude", "42,9x", "'42,9x' is not a number"),
        ("latitude", "", "is required"),
        ("latitude", "nan", "'nan' is not a number"),
        ("latitude", "95.5", "'95.5' is out of range (-90 to 90)"),
        ("longitude", "-180.01", "'-180.01' is out of range (-180 to 180)"),
        ("geo_precision", "0", "'0' is not 1, 2 or 3"),
        ("fatalities", "-1", "'-1' is negative; a count cannot be"),
        ("fatalities", "2.5", "'2.5' is not a whole number"),
        ("timestamp", "yesterday", "'yesterday' is not a number"),
    ],
)
def test_it_rejects_a_wrong_value_naming_field_and_reason(field: str, value: str, reason: str) -> None:
    assert only_rejection(acled_row(**{field: value})) == RowRejected(2, field, reason)


def test_a_rejection_names_only_the_first_wrong_field() -> None:
    rejected = only_rejection(acled_row(latitude="north", fatalities="-3", event_date="yesterday"))

    assert (rejected.field, rejected.reason) == (
        "event_date",
        "'yesterday' is not a valid date (expected YYYY-MM-DD or DD-MM-YYYY)",
    )


def test_it_rejects_a_second_row_with_the_same_event_id() -> None:
    records = read_rows(ACLED_ROW, acled_row(notes="edited"), acled_row(event_id_cnty="XKX9"))

    assert [type(record) for record in records] == [AcledRow, RowRejected, AcledRow]
    assert records[1] == RowRejected(3, "event_id_cnty", "duplicate of row 2")


def test_a_rejected_row_does_not_claim_its_event_id() -> None:
    records = read_rows(acled_row(latitude="north"), ACLED_ROW)

    assert isinstance(records[1], AcledRow)
    assert records[1].row_number == 3


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow(cells)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("cells", "found"),
    [(list(ACLED_ROW.values())[:-1], 30), ([*ACLED_ROW.values(), "", "x"], 33)],
)
def test_it_rejects_a_row_with_the_wrong_number_of_cells(cells: list[str], found: int) -> None:
    text = acled_text([]) + _csv_line(cells)

    assert read_text(text) == [RowRejected(2, "(row)", f"has {found} cells where the header has 31")]


def test_a_rejected_row_does_not_stop_the_others() -> None:
    rows = [acled_row(event_id_cnty=f"XKX{number}") for number in range(6)]
    rows[1]["latitude"] = "north"
    rows[4]["event_date"] = "soon"

    records = read_rows(*rows)

    assert [record.row_number for record in records if isinstance(record, AcledRow)] == [2, 4, 5, 7]
    assert [record.row_number for record in records if isinstance(record, RowRejected)] == [3, 6]


def test_a_long_cell_is_read_and_one_past_the_field_limit_refuses_the_file() -> None:
    long_notes = acled_text([acled_row(notes="x" * 200_000), acled_row(event_id_cnty="XKX2")])
    too_long = acled_text([acled_row(notes="x" * (MAX_FIELD_CHARS + 1)), acled_row(event_id_cnty="XKX2")])

    first, second = read_text(long_notes)
    with pytest.raises(AcledFormatError, match=r"^line 2, column 28 \(notes\): a field longer than"):
        read_text(too_long)

    assert isinstance(first, AcledRow)
    assert len(first.notes) == 200_000
    assert isinstance(second, AcledRow)


def _write_large_file(path: Path, rows: int) -> None:
    tail = [ACLED_ROW[column] for column in ACLED_COLUMNS[1:]]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(ACLED_COLUMNS)
        for number in range(rows):
            writer.writerow([f"XKX{number}", *tail])


def test_it_streams_a_large_file_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    rows = 100_000
    _write_large_file(path, rows)

    tracemalloc.start()
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            records = read_acled(stream, categorise=category_for_acled)
            accepted = sum(isinstance(record, AcledRow) for record in records)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert accepted == rows
    # The ids kept for duplicate detection are the only growth, about 140 bytes a row.
    assert peak < 20 * 1024 * 1024
