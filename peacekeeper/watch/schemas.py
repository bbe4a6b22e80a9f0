"""Ninja schemas of the watch API: CCIRs and alerts."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict


class CcirRule(Schema):
    """A CCIR's conditions, all of which a report must meet; at least one is given (watch/rules.py)."""

    model_config = ConfigDict(extra="forbid")

    categories: list[str] | None = Field(None, description='category codes; "riots.*" names a group')
    min_severity: int | None = Field(None, description="severity at least this (1 … 5)")
    min_fatalities: int | None = Field(None, description="at least this many killed, all kinds counted")
    min_injured: int | None = Field(None, description="at least this many injured, all kinds counted")
    region: str | None = Field(
        None, description="a region of the theatre: north, or a regional command's code"
    )
    areas: list[str] | None = Field(None, description="municipality codes")
    near_crossing_km: float | None = Field(None, description="at a crossing point or within this many km")
    actor: str | None = Field(None, description="an actor named in actor 1 / 2 or their associates (a word)")
    actor_side: Literal["any", "initiator", "target"] | None = Field(
        None, description="where the actor is named: any, initiator (actor 1), target (actor 2)"
    )
    min_crowd: int | None = Field(None, description="a crowd of at least this many, read from SALUTE size")


class AlertListQuery(Schema):
    recent_hours: int | None = Field(
        None,
        ge=1,
        le=168,
        description="instead of the open alerts, every alert raised in the last this many hours "
        "(acknowledged ones too): the SIGEVENTs of the wall screen",
    )


class AlertRead(Schema):
    id: int
    state: Literal["open", "escalated", "acknowledged"] = Field(
        description="open; escalated: open past PEACEKEEPER_ALERT_ESCALATE_MINUTES; acknowledged"
    )
    ccir_id: int
    ccir_title: str = Field(description="the CCIR the report matched")
    report_id: int
    report_url: str
    category_label: str
    location: str
    where: str = Field(
        description='the place as it follows the category in a line: "at Pristina", "near Pristina"; empty '
        "when the report names none"
    )
    occurred_dtg: str = Field(description="when the reported event occurred, as a DTG")
    raised_at: datetime
    raised_dtg: str
    escalated_at: datetime | None
    acknowledged_by: str | None = Field(description="the name of the user who acknowledged it")
    acknowledged_at: datetime | None
    acknowledged_dtg: str | None
    marking: str = Field(description="the alert's release marking: its report's")
    exercise: bool


class CcirRead(Schema):
    id: int
    title: str
    description: str
    rule: CcirRule
    rule_text: str = Field(description="the rule in words")
    active: bool
    marking: str


class CcirWrite(Schema):
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=2000)
    rule: CcirRule
    marking: str = Field(
        default="", max_length=512, description="empty: NATO UNCLASSIFIED // REL TO your mission"
    )
    active: bool = True
    release_reason: str = Field(default="", max_length=2000)
