"""Fuzzing the ACLED reader and import: any bytes give rows and rejections, or the refusal (AcledFormatError),
never another exception; a file the check passes reads to its end; a refused import stores nothing."""

import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peacekeeper.events.acled_mapping import acled_to_event_input
from peacekeeper.events.importing import import_acled
from peacekeeper.events.models import EventReport, ImportBatch
from peacekeeper.events.taxonomy import category_for_acled
from peacekeeper.interop.acled import (
    ACLED_COLUMNS,
    AcledFormatError,
    AcledRow,
    read_acled,
)
from peacekeeper.interop.acled_file import check_acled_file, open_text
from peacekeeper.interop.tests.factories import acled_row, acled_text

ROW = acled_row(event_date="2024-05-29", year="2024")
HEADER = acled_text([]).encode()
# Cells that have broken readers: numbers past every integer type, dates outside any calendar in use,
# CSV's own characters, and text no database stores.
NASTY_CELLS = [
    "",
    "-1",
    "1e400",
    "-1e400",
    "99999999999999999999",
    "9" * 400,
    "NaN",
    "2024-02-30",
    "0001-01-01",
    "9999-12-31",
    '"',
    '""',
    "\r",
    "\n",
    "\x00",
    ",",
    "\ud800",
    "x" * 400,
    "Civilian targeting",
    "State forces",
]
CELLS = st.one_of(
    st.sampled_from(NASTY_CELLS),
    st.text(max_size=24),
    st.from_regex(r"-?\d{1,25}(\.\d{0,5})?([eE]-?\d{1,4})?", fullmatch=True),
)
STRAYS = ['"', ",", "\r", "\n", "\r\n", "\x00", "\ufeff", "ë"]
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "cp1252", "latin-1"]


@st.composite
def acled_ish_files(draw) -> tuple[bytes, str | None]:
    """A valid ACLED file mutated: random cells, stray quotes and line breaks, a cut, another encoding,
    a flipped byte; and sometimes its encoding named (rightly or not)."""
    rows = []
    for number in range(draw(st.integers(0, 4))):
        row = ROW | {"event_id_cnty": f"XKX{number}"}
        for column in draw(st.lists(st.sampled_from(ACLED_COLUMNS), max_size=4)):
            row[column] = draw(CELLS)
        rows.append(row)
    text = acled_text(rows)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(st.sampled_from(['"', ",", "\r", "\n", "\r\n", "\x00", "\ufeff", "ë"]))
            + text[at:]
        )
    text = text.replace("\r\n", draw(st.sampled_from(["\r\n", "\n", "\r"])))
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    codec = draw(st.sampled_from(CODECS))
    data = bytearray(
        text.encode(codec, errors="replace" if codec in ("cp1252", "latin-1") else "surrogatepass")
    )
    if data and draw(st.booleans()):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    named = draw(st.sampled_from([None, None, codec, "cp1252", "utf-16-le"]))
    return bytes(data), named


def read_any(data: bytes, encoding: str | None) -> list | AcledFormatError:
    """As the import reads: the whole-file check, then every row, each accepted one made an EventInput."""
    raw = io.BytesIO(data)
    try:
        chosen = check_acled_file(raw, encoding=encoding)
    except AcledFormatError as refusal:
        return refusal
    text = open_text(raw, chosen)
    try:
        # Nothing may be refused once the check has passed: the import has stored rows by then.
        records = list(read_acled(text, categorise=category_for_acled))
    finally:
        text.detach()
    for record in records:
        if isinstance(record, AcledRow):
            acled_to_event_input(record)
    return records


@settings(max_examples=400, deadline=None)
@given(
    data=st.one_of(st.binary(max_size=3000), st.binary(max_size=3000).map(lambda tail: HEADER + tail)),
    encoding=st.sampled_from([None, "cp1252", "utf-16-le", "latin-1"]),
)
def test_any_bytes_are_read_or_refused(data: bytes, encoding: str | None) -> None:
    outcome = read_any(data, encoding)

    assert isinstance(outcome, list) or 0 < len(str(outcome)) < 600


@settings(max_examples=400, deadline=None)
@given(file=acled_ish_files())
def test_any_mutated_acled_file_is_read_or_refused(file: tuple[bytes, str | None]) -> None:
    outcome = read_any(*file)

    assert isinstance(outcome, list) or 0 < len(str(outcome)) < 600


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(file=acled_ish_files())
def test_an_import_stores_every_row_it_does_not_reject_or_nothing_at_all(theatre, file) -> None:
    data, encoding = file
    with transaction.atomic():
        try:
            report = import_acled(stream=io.BytesIO(data), user=None, encoding=encoding)
        except AcledFormatError:
            assert not EventReport.objects.exists()
            assert not ImportBatch.objects.exists()
        else:
            rejected_rows = {item["row"] for item in report.rejected}
            assert report.imported + len(rejected_rows) == report.rows_read
            assert EventReport.objects.count() == report.imported
            assert ImportBatch.objects.get().finished_at is not None
        transaction.set_rollback(True)
