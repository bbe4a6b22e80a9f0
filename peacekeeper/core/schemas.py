"""API schemas every app shares: the one error format."""

from ninja import Schema


class ErrorItem(Schema):
    field: str
    reason: str


class ErrorOut(Schema):
    """{"detail": what went wrong, "errors": [{"field": where, "reason": why}]}, as every endpoint answers."""

    detail: str
    errors: list[ErrorItem]
