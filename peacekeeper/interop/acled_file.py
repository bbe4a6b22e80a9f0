"""An ACLED file as bytes: its encoding decided up front, the whole file checked before anything is stored.

ACLED publishes UTF-8. A file is read as UTF-8 (with or without a byte order mark), or as UTF-16 or
UTF-32 when it starts with their byte order mark (without one there is no telling their byte order).
Anything else is refused whole, naming the line and byte, unless the caller names the file's encoding:
a spreadsheet re-saved on Windows in a legacy code page must be imported deliberately, never guessed at.
A binary file (a workbook, an archive, a PDF, anything with NUL bytes) is refused by what it is.
"""

import codecs
import io
from dataclasses import dataclass
from typing import BinaryIO

from peacekeeper.interop.acled import acled_header
from peacekeeper.interop.acled_csv import AcledFormatError, AcledTextError, csv_rows, line_breaks

# The start of the file, read to decide its encoding and kind.
_HEAD_BYTES = 1 << 16


@dataclass(frozen=True, slots=True)
class FileEncoding:
    """How to read the file (`codec`, which consumes any byte order mark), and how to name it."""

    codec: str
    label: str
    # The byte order mark's length, and the codec of the bytes after it: errors are located with these.
    bom_length: int = 0
    plain_codec: str = ""
    named: bool = False


# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, FileEncoding("utf-32", "UTF-32", 4, "utf-32-le")),
    (codecs.BOM_UTF32_BE, FileEncoding("utf-32", "UTF-32", 4, "utf-32-be")),
    (codecs.BOM_UTF8, FileEncoding("utf-8-sig", "UTF-8", 3, "utf-8")),
    (codecs.BOM_UTF16_LE, FileEncoding("utf-16", "UTF-16", 2, "utf-16-le")),
    (codecs.BOM_UTF16_BE, FileEncoding("utf-16", "UTF-16", 2, "utf-16-be")),
)
_UTF8 = FileEncoding("utf-8", "UTF-8", 0, "utf-8")
# Files people upload by mistake, by their first bytes.
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx or OpenDocument workbook is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel .xls workbook"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"%PDF-", "a PDF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


def check_acled_file(raw: BinaryIO, *, encoding: str | None = None) -> FileEncoding:
    """Read the whole file once and return how to read it; AcledFormatError when any of it is unreadable.

    raw must be seekable (spool a stream to a temporary file first); it is left at its start. Checked:
    the encoding and kind (above), every character decoding, the CSV structure of every row (acled_csv)
    and the header (acled.read_acled). Values are not: a wrong value rejects its row, not the file.
    Memory stays flat: one row at a time.
    """
    raw.seek(0)
    chosen = choose_encoding(raw.read(_HEAD_BYTES), encoding)
    raw.seek(0)
    text = open_text(raw, chosen)
    try:
        rows = csv_rows(text, refuse_surrogates=chosen.named)
        acled_header(next(rows, None))
        for _ in rows:
            pass
    except AcledTextError as error:
        raise locate_bad_bytes(raw, chosen) or error from None
    finally:
        text.detach()
        raw.seek(0)
    return chosen


def open_text(raw: BinaryIO, chosen: FileEncoding) -> io.TextIOWrapper:
    """The file as text, split into lines as csv wants (newline=""); detach() it to keep raw open."""
    return io.TextIOWrapper(io.BufferedReader(_Unowned(raw)), encoding=chosen.codec, newline="")


class _Unowned(io.RawIOBase):
    """raw as an io.RawIOBase, so the text layer reads it without closing it (an upload closes itself)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def choose_encoding(head: bytes, named: str | None) -> FileEncoding:
    """How to read a file starting with head: by its byte order mark, as `named`, or as UTF-8."""
    if not head:
        raise AcledFormatError("the file is empty: expected an ACLED header row")
    bom = next((encoding for mark, encoding in _BOMS if head.startswith(mark)), None)
    if bom is None and (kind := next((kind for sign, kind in _SIGNATURES if head.startswith(sign)), None)):
        raise AcledFormatError(f"this is {kind}, not a CSV file; export the sheet as “CSV UTF-8”")
    if named:
        return _named_encoding(named, bom)
    if bom is not None:
        return bom
    if (nul := head.find(b"\x00")) >= 0:
        raise _nul_bytes(head, nul)
    return _UTF8


def _named_encoding(named: str, bom: FileEncoding | None) -> FileEncoding:
    try:
        # TextIOWrapper refuses what is not a text encoding ("hex", "rot13"); lookup alone would not.
        io.TextIOWrapper(io.BytesIO(), encoding=named).detach()
        codec = codecs.lookup(named).name
    except LookupError:
        raise AcledFormatError(f"{named!r} is not a text encoding Python knows (such as cp1252)") from None
    if bom is None:
        if codec in ("utf-16", "utf-32"):
            raise AcledFormatError(
                f"the file has no byte order mark, so its {codec.upper()} byte order is unknown; give its "
                f"encoding as {codec}-le or {codec}-be"
            )
        return FileEncoding(named, named, 0, named, named=True)
    # The mark says what the file is: a named encoding that disagrees would read the mark as text.
    if codec.replace("-sig", "") not in (bom.plain_codec, bom.plain_codec[:6]):
        raise AcledFormatError(
            f"the file starts with a {bom.label} byte order mark, so it is {bom.label}, not {named}; "
            "import it without naming an encoding"
        )
    return bom


def _nul_bytes(head: bytes, at: int) -> AcledFormatError:
    # ASCII text in UTF-16 has every other byte 0: little-endian at odd offsets, big-endian at even.
    odd, even = head[1::2].count(0), head[0::2].count(0)
    pairs = len(head) // 2
    if pairs and max(odd, even) > pairs // 2 and min(odd, even) < pairs // 8:
        order = "le" if odd > even else "be"
        return AcledFormatError(
            f"the file looks like UTF-16 without a byte order mark; save it as UTF-8, or give its "
            f"encoding as utf-16-{order}"
        )
    return AcledFormatError(
        f"line {_LineCounter.of(head[:at])}, byte {at:,}: a NUL byte (0x00), which CSV text never has: "
        "this looks like a binary file, not a CSV file"
    )


class _LineCounter:
    """The line reached in text read piece by piece; a line ends at LF, CRLF or a lone CR, as csv sees."""

    def __init__(self) -> None:
        self.line = 1
        self.ended_with_cr = False

    def feed(self, text: str) -> None:
        if not text:
            return
        self.line += line_breaks(text)
        if self.ended_with_cr and text.startswith("\n"):
            self.line -= 1
        self.ended_with_cr = text.endswith("\r")

    @classmethod
    def of(cls, data: bytes) -> int:
        counter = cls()
        counter.feed(data.decode("latin-1"))
        return counter.line


def locate_bad_bytes(raw: BinaryIO, chosen: FileEncoding) -> AcledTextError | None:
    """The first bytes that do not decode, by line and byte offset (from 0, as a hex editor counts)."""
    raw.seek(chosen.bom_length)
    decoder = codecs.getincrementaldecoder(chosen.plain_codec)("strict")
    lines = _LineCounter()
    offset = chosen.bom_length
    while True:
        chunk = raw.read(1 << 16)
        pending = len(decoder.getstate()[0])
        try:
            lines.feed(decoder.decode(chunk, final=not chunk))
        except UnicodeDecodeError as error:
            try:
                lines.feed(error.object[: error.start].decode(chosen.plain_codec))
            except UnicodeDecodeError:
                lines.feed(error.object[: error.start].decode("latin-1"))
            return _bad_bytes_error(error, chosen, at=offset - pending + error.start, line=lines.line)
        if not chunk:
            return None
        offset += len(chunk)


def _bad_bytes_error(
    error: UnicodeDecodeError, chosen: FileEncoding, *, at: int, line: int
) -> AcledTextError:
    bad = error.object[error.start : min(error.end, error.start + 4)]
    shown = " ".join(f"0x{byte:02X}" for byte in bad)
    if error.reason == "unexpected end of data":
        reason = f"the file ends inside a {chosen.label} character ({shown})"
    else:
        reason = f"{shown} {'is' if len(bad) == 1 else 'are'} not {chosen.label}"
    suggest = not chosen.named and chosen.plain_codec == "utf-8"
    return AcledTextError(f"line {line}, byte {at:,}: {reason}", line=line, suggest_encoding=suggest)
