"""The one vocabulary every service refuses with, so the API and the pages each handle a refusal once.

A service raises `InputError` (what it was given cannot be stored: each `FieldError` names the field and
why), `NotAllowed` (this user may not do this; the message says why) or `Conflict` (someone else changed
the record between this user's read and their change). The API answers them 422, 403 and 409 in one
handler each (peacekeeper/api.py); a page shows them on its form with `show_on_form`.
"""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class FieldError:
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


class InputError(ValueError):
    """The input cannot be stored; `errors` lists each problem with its field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


class FileRefused(ValueError):
    """A file refused whole (nothing of it is stored); `problems` lists each one, naming the feature index
    and field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class NotAllowed(PermissionError):
    """The user may not do this (to this record); the message says why (HTTP 403)."""


class Conflict(NotAllowed):
    """Someone else changed the record between this user's read and their change (HTTP 409)."""


class _Form(Protocol):
    fields: dict

    def add_error(self, field: str | None, error: str) -> None: ...


def show_on_form(form: _Form, error: InputError | NotAllowed) -> None:
    """A refusal on the page's form: each problem of an InputError next to the field it names (above the
    form when the form has no such field), a NotAllowed's reason above the form."""
    if isinstance(error, NotAllowed):
        form.add_error(None, str(error))
        return
    for problem in error.errors:
        form.add_error(problem.field if problem.field in form.fields else None, problem.reason)
