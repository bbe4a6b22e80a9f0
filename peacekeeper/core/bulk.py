"""Bulk work for ingest paths: batches of a stream, fast inserts (one prepared INSERT run with
executemany, or COPY on PostgreSQL), and a fast "one of these thousands of values" condition.

Django's bulk_create compiles SQL per chunk and prepares every value through the field API; at a
million rows that costs several times the insert itself. Here each column's conversion to its
database value is chosen once per column, not looked up once per value. Its `__in` lookup does the same
per value of the list (and psycopg then parses one placeholder per value): `OneOf` gives PostgreSQL one
array instead.
"""

import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import TypeVar

import numpy as np
from django.db import connection, models
from django.db.models import BooleanField, Expression, F

Converter = Callable[[object], object]
T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    """Consecutive tuples of at most size items, read lazily, so a stream of a million is never held whole."""
    # itertools.batched arrives with Python 3.12; the project runs on 3.11 too.
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def _sqlite_datetime(value: datetime) -> str:
    # What Django's SQLite backend stores (naive UTC text), without its per-value checks: str() of the naive
    # UTC value, which is its isoformat with a space, here without the "+00:00" of the aware one.
    if value.tzinfo is not None:
        return value.astimezone(UTC).isoformat(" ")[:-6]
    return str(value)


def _remembering(convert: Converter) -> Converter:
    """convert, answering again at once for the same value as the last: a batch's rows share their `now`."""
    last: list = [object(), None]

    def converted(value: object) -> object:
        if value is None:
            return None
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return converted


def new_uids(count: int) -> list[str]:
    """count random version-4 UUIDs, as uuid.uuid4() makes them, as their 32 hex digits (what insert_rows
    takes for a UUIDField, as well as uuid.UUID): one read of the system's randomness for a whole batch."""
    octets = np.frombuffer(os.urandom(16 * count), dtype=np.uint8).reshape(count, 16).copy()
    octets[:, 6] = (octets[:, 6] & 0x0F) | 0x40  # version 4
    octets[:, 8] = (octets[:, 8] & 0x3F) | 0x80  # the RFC 4122 variant
    digits = octets.tobytes().hex()
    return [digits[start : start + 32] for start in range(0, 32 * count, 32)]


def _uuid_hex(value: object) -> object:
    return value.hex if isinstance(value, uuid.UUID) else value


def _converter(field: models.Field) -> Converter | None:
    internal = field.get_internal_type()
    sqlite = connection.vendor == "sqlite"
    if internal == "DateTimeField":
        return _sqlite_datetime if sqlite else None  # psycopg sends an aware datetime as it is
    if internal == "UUIDField":
        # Stored as 32 hex digits on SQLite; psycopg sends a uuid.UUID natively, and PostgreSQL reads the
        # digits of one (from new_uids) as a uuid.
        return _uuid_hex if sqlite else None
    if internal == "JSONField":
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Insert rows (values in the order of columns, which are attribute names such as 'label_id'; a
    UUIDField's value is a uuid.UUID or its 32 hex digits, as new_uids gives them).

    Runs inside the caller's transaction; defaults are not applied, so every NOT NULL column must be given.
    """
    if not rows:
        return
    fields = {field.attname: field for field in model._meta.concrete_fields}
    converters = [(index, _converter(fields[name])) for index, name in enumerate(columns)]
    converters = [(index, _remembering(convert)) for index, convert in converters if convert is not None]
    if converters:
        # Column by column: one pass over each column that needs converting, the others left as they are.
        by_column = list(zip(*rows, strict=True))
        for index, convert in converters:
            by_column[index] = tuple(map(convert, by_column[index]))
        rows = list(zip(*by_column, strict=True))
    table = connection.ops.quote_name(model._meta.db_table)
    column_sql = ", ".join(connection.ops.quote_name(fields[name].column) for name in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django wraps the cursor's execute methods, not copy: wrapped here, a clash with a unique
            # constraint is django.db.IntegrityError, as from any other write.
            with (
                connection.wrap_database_errors,
                cursor.copy(f"COPY {table} ({column_sql}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({column_sql}) VALUES ({placeholders})", rows)  # noqa: S608


class OneOf(Expression):
    """A filter() condition: a field holds one of many values (`filter(OneOf("report_id", ids))`).

    For the thousands of ids or source ids of a batch, as `filter(report_id__in=ids)` would, without
    preparing each value through the field: values must already be what the column holds (ints, strings).
    PostgreSQL gets one array parameter (`= ANY(%s)`), SQLite one placeholder per value. The field is an F()
    like any other, so joins and a subquery's aliases apply to it.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, field: str, values: Iterable[object]) -> None:
        super().__init__()
        self.column = F(field)
        self.values = list(values)

    def get_source_expressions(self) -> list:
        return [self.column]

    def set_source_expressions(self, expressions: list) -> None:
        (self.column,) = expressions

    def as_sql(self, compiler, connection) -> tuple[str, tuple]:
        column, params = compiler.compile(self.column)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s)", (*params, self.values)
        if not self.values:
            return "1 = 0", ()
        return f"{column} IN ({', '.join(['%s'] * len(self.values))})", (*params, *self.values)
