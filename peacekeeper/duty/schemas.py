"""The duty API's schemas: actions, their subject and history, and the query of the list."""

from datetime import datetime
from typing import Literal

from ninja import Schema

from peacekeeper.core.bounds import Id


class ActionQuery(Schema):
    view: Literal["mine", "open", "overdue", "closed"] = "open"


class ActionCreate(Schema):
    subject: Literal["report", "incident", "alert"]
    subject_id: Id
    text: str
    owner: str
    # A DTG (full or shorthand, or "now"), or an ISO date-time with a zone in due_at.
    due: str = ""
    due_at: datetime | None = None
    # Empty: released as the subject is (the combined marking of an incident's reports you see).
    marking: str = ""


class ActionStateIn(Schema):
    state: Literal["done", "cancel"]
    note: str = ""


class SubjectRead(Schema):
    kind: str
    id: int
    text: str
    report_id: int | None


class ActionChangeRead(Schema):
    kind: str
    what: str
    at: datetime
    dtg: str
    by: str
    note: str


class ActionRead(Schema):
    id: int
    text: str
    owner: str
    owner_name: str
    due_at: datetime
    due: str
    state: str
    overdue: bool
    subject: SubjectRead
    created_by: str
    created_at: datetime
    closed_by: str
    closed_at: datetime | None
    note: str
    marking: str
    history: list[ActionChangeRead]
