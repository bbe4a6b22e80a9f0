"""The CSV layer of an ACLED file: its rows, each with the line it starts on, and faults named by line.

A fault in the CSV structure itself (a field or row far longer than ACLED writes, a quoted field never
closed, a NUL character) leaves nothing after it readable as meant, so it refuses the whole file with
AcledFormatError instead of rejecting one row. The import reads the whole file through this layer once
before storing anything (acled_file.check_acled_file), so a refusal never comes after stored rows.

Lines are the file's physical lines as an editor numbers them (ended by LF, CRLF or a lone CR); a quoted
cell with line breaks makes one row span several lines.
"""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

# csv's default limit (128 KiB) is process-wide and made a long cell an unexplained csv.Error. ACLED's
# longest cells (notes, sources) are a few KB: 1 MiB is far past any real one, yet one row stays small in
# memory. The limit is global to the csv module, so it is set here, once, where ACLED files are read.
MAX_FIELD_CHARS = 1 << 20
csv.field_size_limit(MAX_FIELD_CHARS)
# csv holds a whole row in memory, and a file without line breaks is one line: past this a row is not
# ACLED (31 cells) and is refused before it fills memory.
MAX_ROW_CHARS = 16 << 20

_SURROGATE = re.compile("[\ud800-\udfff]")


class AcledFormatError(ValueError):
    """The file cannot be read as ACLED at all (its bytes, its CSV structure or its header): none of it is
    stored."""


class AcledTextError(AcledFormatError):
    """The bytes of the file are not text in the encoding it is read with.

    suggest_encoding: the file was read as UTF-8 by default, so naming its legacy encoding may read it.
    Each surface says how it names one (importing.refusal_reason); `where` is the message without that.
    """

    def __init__(self, where: str, *, line: int, suggest_encoding: bool = False) -> None:
        advice = "; save the file as UTF-8, or name its encoding (such as cp1252)" if suggest_encoding else ""
        super().__init__(where + advice)
        self.where = where
        self.line = line
        self.suggest_encoding = suggest_encoding


class _RowTooLong(Exception):
    pass


class _Lines:
    """A text stream's lines as csv splits them (opened with newline=""), counted and checked."""

    def __init__(self, stream: TextIO, *, refuse_surrogates: bool) -> None:
        self.stream = stream
        self.refuse_surrogates = refuse_surrogates
        self.number = 0
        self.row_chars = 0
        self.exhausted = False

    def __iter__(self) -> Iterator[str]:
        readline = self.stream.readline
        while True:
            try:
                line = readline(MAX_ROW_CHARS + 1)
            except UnicodeError as error:
                # UnicodeDecodeError mostly; a UTF-16/32 decoder raises its parent for a missing mark.
                reason = getattr(error, "reason", str(error))
                raise AcledTextError(
                    f"line {self.number + 1}: not text ({reason})", line=self.number + 1
                ) from None
            if not line:
                self.exhausted = True
                return
            self.number += 1
            self.row_chars += len(line)
            if self.row_chars > MAX_ROW_CHARS:
                raise _RowTooLong
            if "\x00" in line:
                raise AcledFormatError(
                    f"line {self.number}: a NUL character (0x00) at character {line.index(chr(0)) + 1}; "
                    "CSV text never has one: is this a binary file?"
                )
            # Only a named legacy encoding can decode to a lone surrogate (UTF decoders refuse them), and
            # no database stores one.
            if self.refuse_surrogates and (found := _SURROGATE.search(line)):
                code = ord(found.group())
                raise AcledFormatError(
                    f"line {self.number}: character {found.start() + 1} decodes to U+{code:04X}, which is "
                    "not a character: is the encoding right?"
                )
            yield line


def csv_rows(stream: TextIO, *, refuse_surrogates: bool = False) -> Iterator[tuple[int, list[str]]]:
    """(the line the row starts on, its cells) for every row of the stream, blank rows included as [].

    Raises AcledFormatError naming the line (and the column, when it is a cell) at the first structural
    fault. A stream opened with newline="" splits lines as the file does; a seekable one lets a refusal
    for a long cell name its column.
    """
    lines = _Lines(stream, refuse_surrogates=refuse_surrogates)
    reader = csv.reader(lines)
    header: list[str] = []
    while True:
        start = lines.number + 1
        lines.row_chars = 0
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, _RowTooLong) as error:
            if isinstance(error, csv.Error) and "field larger than field limit" not in str(error):
                raise AcledFormatError(f"line {lines.number}: unreadable CSV ({error})") from None
            raise _too_long(stream, start, header) from None
        # csv gives back the rest of the file as one cell when a quote never closes (and strict mode
        # would not say where): only that row is completed by the end of the file, every other row by its
        # own line break or the last line's end.
        if lines.exhausted:
            raise _never_closed(start, cells, header)
        if start == 1:
            header = cells
        yield start, cells


def _column(index: int, header: list[str]) -> str:
    name = header[index].strip() if index < len(header) else ""
    if name:
        return f"column {index + 1} ({name})"
    past_header = header and index >= len(header)
    return f"column {index + 1}" + (f" (the header has {len(header)})" if past_header else "")


def line_breaks(text: str) -> int:
    """Line ends in text as csv sees them: LF, CRLF or a lone CR."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _never_closed(start: int, cells: list[str], header: list[str]) -> AcledFormatError:
    opened_on = start + sum(line_breaks(cell) for cell in cells[:-1])
    return AcledFormatError(
        f"line {opened_on}, {_column(len(cells) - 1, header)}: the quoted field opened here is never "
        'closed, so every line after it would be read into this one cell; add the missing quote (")'
    )


@dataclass(frozen=True, slots=True)
class _LongField:
    column: int
    line: int
    quoted: bool
    reached_line: int


def _too_long(stream: TextIO, start: int, header: list[str]) -> AcledFormatError:
    found = _find_long_field(stream, start)
    if found is None:
        return AcledFormatError(
            f"line {start}: the row starting here is longer than {MAX_ROW_CHARS:,} characters; no ACLED "
            "row is (are its line breaks or quotes broken?)"
        )
    where = f"line {found.line}, {_column(found.column, header)}"
    if found.quoted and found.reached_line > found.line:
        return AcledFormatError(
            f"{where}: the quoted field opened here runs past {MAX_FIELD_CHARS:,} characters (to line "
            f'{found.reached_line:,}); is its closing quote (") missing?'
        )
    return AcledFormatError(
        f"{where}: a field longer than {MAX_FIELD_CHARS:,} characters, the most a cell may hold; no ACLED "
        "cell is that long"
    )


def _find_long_field(stream: TextIO, start: int) -> _LongField | None:
    """The first field of the row starting on line `start` that csv finds too long, read again from the
    file (only on refusal, so a plain loop over characters is fast enough); None when the stream cannot be
    read again or no field is too long (the row itself is)."""
    try:
        stream.seek(0)
        for _ in range(start - 1):
            stream.readline(MAX_ROW_CHARS + 1)
    except (OSError, ValueError):
        return None
    # csv's excel dialect, lenient as csv.reader is: a quote opens a quoted field only at its start, a
    # doubled quote inside is one quote, and text after the closing quote joins the field.
    column, length, line, field_line = 0, 0, start, start
    state, previous, scanned = "start", "", 0
    while (chunk := stream.read(1 << 16)) and scanned <= MAX_ROW_CHARS + MAX_FIELD_CHARS:
        scanned += len(chunk)
        for char in chunk:
            if state == "quoted":
                if char == '"':
                    state = "quote"
                    continue
                if char == "\r" or (char == "\n" and previous != "\r"):
                    line += 1
                previous = char
            elif char == ",":
                column, length, state, field_line = column + 1, 0, "start", line
                continue
            elif char in "\r\n":
                return None
            elif char == '"' and state in ("start", "quote"):
                # Opening a quoted field, or a doubled quote inside one.
                length += state == "quote"
                state, previous = "quoted", ""
                continue
            else:
                state = "field"
            length += 1
            if length > MAX_FIELD_CHARS:
                return _LongField(column, field_line, state == "quoted", line)
    return None
