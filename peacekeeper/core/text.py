"""Text no database should be given: NUL characters and lone surrogates, refused at every door alike.

PostgreSQL refuses a NUL (U+0000) in any text value, mid-transaction; SQLite stores it, and every reader
that hands the value to C (a CSV writer, a terminal) then truncates or fails. A lone surrogate
(U+D800-U+DFFF, which JSON's "\\ud800" escapes can produce) is no character at all: it cannot be encoded
as UTF-8, so storing, rendering or exporting it fails. Refusing both at the door, with the field named,
makes SQLite and PostgreSQL behave the same and keeps such text out of every later reader.
"""

import re
from collections.abc import Iterable

_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why this text cannot be stored, or None when it can."""
    if "\x00" in value:
        return "contains a NUL character (U+0000), which cannot be stored"
    if not value.isascii():
        found = _SURROGATE.search(value)
        if found:
            return f"contains a lone surrogate (U+{ord(found.group()):04X}), which is not a character"
    return None


def unstorable_field(fields: Iterable[tuple[str, list[object]]]) -> tuple[str, str] | None:
    """The first (name, problem) among a query string's or a form's names and text values (a QueryDict's
    `lists()`; a value that is not text, an uploaded file, is not looked at), or None."""
    for name, values in fields:
        for value in (name, *values):
            if isinstance(value, str) and (problem := text_problem(value)):
                return name, problem
    return None
