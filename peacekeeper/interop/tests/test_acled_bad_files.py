"""Files that are not ACLED text: refused whole before any row is read, naming the line, byte or column."""

import codecs
import io

import pytest

from peacekeeper.events.taxonomy import category_for_acled
from peacekeeper.interop.acled import AcledFormatError, AcledRow, RowRejected, read_acled
from peacekeeper.interop.acled_csv import MAX_FIELD_CHARS, MAX_ROW_CHARS, AcledTextError
from peacekeeper.interop.acled_file import check_acled_file, open_text
from peacekeeper.interop.tests.factories import ACLED_ROW, acled_row, acled_text

ROWS = [acled_row(event_id_cnty=f"XKX{number}", location="Ferizaj ë") for number in range(5)]
TEXT = acled_text(ROWS)


def read_file(data: bytes, *, encoding: str | None = None) -> list:
    """Check the file as the import does, then read it: its records, or AcledFormatError."""
    raw = io.BytesIO(data)
    chosen = check_acled_file(raw, encoding=encoding)
    text = open_text(raw, chosen)
    try:
        return list(read_acled(text, categorise=category_for_acled))
    finally:
        text.detach()


def refusal(data: bytes, *, encoding: str | None = None) -> str:
    with pytest.raises(AcledFormatError) as error:
        read_file(data, encoding=encoding)
    return str(error.value)


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode(),
        codecs.BOM_UTF8 + TEXT.encode(),
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-le-bom", "utf-32-be-bom"],
)
def test_it_reads_utf8_and_utf16_or_32_with_a_byte_order_mark(data: bytes) -> None:
    records = read_file(data)

    assert [record.location for record in records] == ["Ferizaj ë"] * 5


def test_a_latin1_file_is_refused_naming_line_byte_and_the_way_to_read_it() -> None:
    data = TEXT.encode("cp1252")
    at = data.index(b"\xeb")

    message = refusal(data)

    assert message == (
        f"line 2, byte {at:,}: 0xEB is not UTF-8; save the file as UTF-8, or name its encoding "
        "(such as cp1252)"
    )


def test_a_named_legacy_encoding_reads_the_file() -> None:
    records = read_file(TEXT.encode("cp1252"), encoding="cp1252")

    assert {record.location for record in records} == {"Ferizaj ë"}


def test_a_bad_byte_far_into_the_file_is_found_before_any_row_is_read() -> None:
    rows = [acled_row(event_id_cnty=f"XKX{number}") for number in range(1000)]
    data = acled_text(rows).encode()
    assert len(data) > 4 * (1 << 16)
    at = data.index(b"XKX990,")
    data = data[:at] + b"\xe9" + data[at + 1 :]

    with pytest.raises(AcledTextError) as error:
        check_acled_file(io.BytesIO(data))

    assert (error.value.line, error.value.where) == (992, f"line 992, byte {at:,}: 0xE9 is not UTF-8")


def test_a_file_cut_inside_a_character_is_refused() -> None:
    data = TEXT.encode()[:-2] + "ë".encode()[:1]

    assert "the file ends inside a UTF-8 character (0xC3)" in refusal(data)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (an Excel .xlsx or OpenDocument workbook is one)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an Excel .xls workbook"),
        (b"\x1f\x8b\x08\x00", "a gzip archive"),
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"),
    ],
)
def test_a_workbook_archive_or_document_is_refused_by_what_it_is(data: bytes, kind: str) -> None:
    assert refusal(data) == f"this is {kind}, not a CSV file; export the sheet as “CSV UTF-8”"


def test_a_file_with_nul_bytes_is_refused_as_binary() -> None:
    data = TEXT.encode()
    at = data.index(b"Koha")

    message = refusal(data[:at] + b"\x00" + data[at:])

    assert message.startswith(f"line 2, byte {at:,}: a NUL byte (0x00)")


def test_a_nul_byte_past_the_start_is_refused_by_its_line() -> None:
    data = acled_text([acled_row(event_id_cnty=f"XKX{n}") for n in range(300)]).encode()
    at = data.index(b"XKX250")

    message = refusal(data[:at] + b"\x00" + data[at:])

    assert message.startswith("line 252: a NUL character (0x00) at character 1")


@pytest.mark.parametrize(("codec", "order"), [("utf-16-le", "le"), ("utf-16-be", "be")])
def test_utf16_without_a_byte_order_mark_is_refused_saying_so(codec: str, order: str) -> None:
    message = refusal(TEXT.encode(codec))

    assert message == (
        "the file looks like UTF-16 without a byte order mark; save it as UTF-8, or give its encoding "
        f"as utf-16-{order}"
    )
    assert len(read_file(TEXT.encode(codec), encoding=codec)) == 5


def test_an_unknown_or_non_text_encoding_is_refused() -> None:
    assert refusal(TEXT.encode(), encoding="klingon") == (
        "'klingon' is not a text encoding Python knows (such as cp1252)"
    )
    assert "'hex' is not a text encoding" in refusal(TEXT.encode(), encoding="hex")


def test_a_named_encoding_that_contradicts_the_byte_order_mark_is_refused() -> None:
    message = refusal(codecs.BOM_UTF8 + TEXT.encode(), encoding="cp1252")

    assert message.startswith("the file starts with a UTF-8 byte order mark, so it is UTF-8, not cp1252")


def test_a_named_encoding_that_decodes_to_a_lone_surrogate_is_refused() -> None:
    data = TEXT.replace("Koha Ditore", "Koha \\ud800").encode()

    assert "decodes to U+D800, which is not a character" in refusal(data, encoding="unicode_escape")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty: expected an ACLED header row"),
        (codecs.BOM_UTF8, "the file is empty: expected an ACLED header row"),
        (
            b"\r\n" + TEXT.encode(),
            "line 1 is blank: expected the ACLED header (event_id_cnty, event_date, …)",
        ),
    ],
)
def test_an_empty_file_or_one_without_a_header_is_refused(data: bytes, message: str) -> None:
    assert refusal(data) == message


def test_a_header_only_file_has_no_rows() -> None:
    assert read_file(acled_text([]).encode()) == []


def test_a_file_separated_by_semicolons_is_refused_saying_so() -> None:
    message = refusal(TEXT.replace(",", ";").encode())

    assert message.endswith("its cells are separated by ';', and ACLED files by commas")


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"])
def test_any_line_ending_reads_the_same(ending: str) -> None:
    rows = [*ROWS, acled_row(event_id_cnty="XKX9", notes="two\nlines")]
    text = acled_text(rows).replace("\r\n", ending)

    records = read_file(text.encode())

    assert [record.row_number for record in records] == [2, 3, 4, 5, 6, 7]
    assert all(isinstance(record, AcledRow) for record in records)


def unquoted_rows(count: int) -> str:
    """Rows with no quote in them (no cell has a comma), so a quote left open before them stays open."""
    rows = [acled_row(event_id_cnty=f"XKX{n}", notes="A protest at the main bridge") for n in range(count)]
    return acled_text(rows).split("\r\n", 1)[1]


def test_an_unclosed_quote_is_refused_naming_the_line_it_opened_on() -> None:
    text = acled_text([ROWS[0], acled_row(event_id_cnty="XKX8", notes="two\nlines")])
    text += 'XKX9,2026-11-29,2026,1,"Demonstrations,Protests\r\n' + unquoted_rows(3)

    message = refusal(text.encode())

    assert message == (
        "line 5, column 5 (disorder_type): the quoted field opened here is never closed, so every line after "
        'it would be read into this one cell; add the missing quote (")'
    )


def test_an_unclosed_quote_in_a_large_file_is_refused_naming_the_line_it_opened_on() -> None:
    text = acled_text(ROWS[:2]) + 'XKX9,"2026-11-29\n' + unquoted_rows(5000)
    assert len(text) > MAX_FIELD_CHARS

    message = refusal(text.encode())

    assert message.startswith(
        f"line 4, column 2 (event_date): the quoted field opened here runs past {MAX_FIELD_CHARS:,} "
        "characters (to line "
    )
    assert message.endswith('); is its closing quote (") missing?')


def test_a_ten_megabyte_line_is_refused_naming_line_and_column() -> None:
    text = acled_text([ROWS[0], acled_row(event_id_cnty="XKX7", notes="n" * 10_000_000), ROWS[1]])

    message = refusal(text.encode())

    assert message == (
        f"line 3, column 28 (notes): a field longer than {MAX_FIELD_CHARS:,} characters, the most a cell may "
        "hold; no ACLED cell is that long"
    )


def test_a_row_longer_than_any_acled_row_is_refused() -> None:
    text = acled_text([ROWS[0]]) + "XKX7," + "cell," * (MAX_ROW_CHARS // 5) + "\n"

    assert refusal(text.encode()) == (
        f"line 3: the row starting here is longer than {MAX_ROW_CHARS:,} characters; no ACLED row is "
        "(are its line breaks or quotes broken?)"
    )


def test_a_row_with_far_more_cells_than_the_header_is_rejected_alone() -> None:
    text = acled_text([ROWS[0]]) + ",".join(["x"] * 5000) + "\r\n" + acled_text([ROWS[1]]).split("\r\n", 1)[1]

    records = read_file(text.encode())

    assert records[1] == RowRejected(3, "(row)", "has 5000 cells where the header has 31")
    assert [type(record) for record in records] == [AcledRow, RowRejected, AcledRow]


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        (
            "timestamp",
            "99999999999999999999",
            "'99999999999999999999' is out of range for a Unix time in seconds",
        ),
        ("timestamp", "-1", "'-1' is out of range for a Unix time in seconds"),
        ("fatalities", "99999999999999999999", "'99999999999999999999' is out of range (0 to 100,000)"),
        ("fatalities", "1e400", "'1e400' is out of range"),
        ("iso", "99999999999999999999", "'99999999999999999999' is out of range for an ISO 3166 numeric"),
        ("year", "99999999999999999999", "'99999999999999999999' does not match event_date 2026-11-29"),
        ("inter1", "1e300", "'1e300' is not an ACLED actor type"),
        ("interaction", "1e300", "'1e300' is not an ACLED interaction code"),
        ("latitude", "1e400", "'1e400' is out of range"),
        ("longitude", "-1e400", "'-1e400' is out of range"),
        ("event_date", "0001-01-01", "'0001-01-01' is out of range (1997-01-01 to 2100-12-31)"),
        ("event_date", "9999-12-31", "'9999-12-31' is out of range (1997-01-01 to 2100-12-31)"),
        ("time_precision", "1e300", "'1e300' is not 1, 2 or 3"),
        ("geo_precision", "99999999999999999999", "'99999999999999999999' is not 1, 2 or 3"),
    ],
)
def test_a_number_out_of_range_rejects_its_row_naming_the_column(field: str, value: str, reason: str) -> None:
    records = read_file(acled_text([ROWS[0], acled_row(**{field: value}), ROWS[1]]).encode())

    rejected = records[1]
    assert isinstance(rejected, RowRejected)
    assert (rejected.row_number, rejected.field) == (3, field)
    assert rejected.reason.startswith(reason)
    assert isinstance(records[0], AcledRow)
    assert isinstance(records[2], AcledRow)


def test_a_reason_quotes_a_huge_cell_by_its_start_only() -> None:
    (record,) = read_file(acled_text([acled_row(latitude="9" * 500_000)]).encode())

    assert record == RowRejected(
        2, "latitude", "'99999999999999999999'… (500,000 characters) is out of range"
    )


def test_the_original_acled_row_still_reads() -> None:
    (record,) = read_file(acled_text([ACLED_ROW]).encode())

    assert isinstance(record, AcledRow)
