"""Bulk work for ingest paths: batches of a stream, and fast inserts (one prepared INSERT run with
executemany, or COPY on PostgreSQL).

Django's bulk_create compiles SQL per chunk and prepares every value through the field API; at a
million rows that costs several times the insert itself. Here each column's conversion to its
database value is chosen once per column, not looked up once per value.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import TypeVar

from django.db import connection, models

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
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return converted


def _converter(field: models.Field) -> Converter | None:
    internal = field.get_internal_type()
    sqlite = connection.vendor == "sqlite"
    if internal == "DateTimeField":
        return _sqlite_datetime if sqlite else connection.ops.adapt_datetimefield_value
    if internal == "UUIDField":
        return (lambda value: value.hex) if sqlite else None  # psycopg sends uuid.UUID natively
    if internal == "JSONField":
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Insert rows (values in the order of columns, which are attribute names such as 'label_id').

    Runs inside the caller's transaction; defaults are not applied, so every NOT NULL column must be given.
    """
    if not rows:
        return
    fields = {field.attname: field for field in model._meta.concrete_fields}
    converters = [(index, _converter(fields[name])) for index, name in enumerate(columns)]
    converters = [(index, _remembering(convert)) for index, convert in converters if convert is not None]
    if converters:
        prepared = []
        for row in rows:
            values = list(row)
            for index, convert in converters:
                if values[index] is not None:
                    values[index] = convert(values[index])
            prepared.append(values)
        rows = prepared
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
