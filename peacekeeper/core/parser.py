"""The API's request parser: every JSON body and query string is checked, whole, before any view runs.

A value no database can hold is refused here with its place named, so no endpoint, present or future, can
store half a request before failing on it, and SQLite and PostgreSQL answer alike:

- text with a NUL character or a lone surrogate (core.text), in any string or object key;
- an integer outside the 64-bit range both databases hold (core.bounds);
- a number that is not finite (NaN, Infinity, or a literal like 1e999 that overflows to it).

The place is the path into the body, dotted as the validation errors name fields (`items.3.narrative`,
0-based like the items' results), or the query parameter's name.

A number sent as text ("99999999999999999999", which a schema's int field converts) is text here: the
schema bounds it (core.bounds.Id, DbInt), as it bounds every integer of a query string.
"""

import json
import math

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser

from peacekeeper.core.bounds import int_problem
from peacekeeper.core.text import text_problem, unstorable_field


class UnstorableValue(ValueError):
    """A value in a request that cannot be stored; field is where (a dotted body path or a parameter)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _refuse_constant(name: str) -> float:
    raise UnstorableValue("(body)", f"{name} is not a number JSON allows")


def _problem(value: object) -> str | None:
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int_problem(value)
    if isinstance(value, float) and not math.isfinite(value):
        return "is not a finite number"
    return None


def first_unstorable(data: object) -> UnstorableValue | None:
    """The first value in parsed JSON that cannot be stored, with its path; None when all can."""
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            children = []
            for key, child in value.items():
                if problem := text_problem(key):
                    return UnstorableValue(path or "(body)", f"has a key that {problem}")
                children.append((f"{path}.{key}" if path else key, child))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            items = [(f"{path}.{i}" if path else str(i), item) for i, item in enumerate(value)]
            stack.extend(reversed(items))
        elif problem := _problem(value):
            return UnstorableValue(path or "(body)", problem)
    return None


class CheckedParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict:
        # Ninja wraps any error raised here as a 400 "Cannot parse request body"; the API's HttpError handler
        # unwraps an UnstorableValue into a 422 naming its place.
        data = json.loads(request.body, parse_constant=_refuse_constant)
        if problem := first_unstorable(data):
            raise problem
        return data

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> dict:
        if found := unstorable_field(data.lists()):
            raise UnstorableValue(*found)
        return super().parse_querydict(data, list_fields, request)
