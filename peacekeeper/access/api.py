"""Access API: the banner of records shown together, for scripts that draw records from several requests."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from peacekeeper.access import policy
from peacekeeper.access.marking import banner_css_class, highest_marking
from peacekeeper.core.schemas import ErrorOut

router = Router(tags=["access"])

# A screen shows a few labels; a longer list is not a banner question (and would not fit in a URL).
MAX_MARKINGS = 100
MAX_MARKING_LENGTH = 300


class BannerQuery(Schema):
    marking: list[Annotated[str, Field(min_length=1, max_length=MAX_MARKING_LENGTH)]] = Field(
        [],
        description=f"the marking of each label shown (repeatable, at most {MAX_MARKINGS}), as the bodies "
        "that showed them gave it",
    )


class BannerOut(Schema):
    marking: str | None = Field(description="the combined marking of them all; null for none")
    css_class: str = Field(description="the banner's colour class for that marking")


@router.get(
    "/banner",
    response={200: BannerOut, 422: ErrorOut},
    summary="The banner of records of these markings shown together (their combined marking)",
)
def banner(request: HttpRequest, params: Query[BannerQuery]) -> dict:
    where = ("query", "params", "marking")
    if len(params.marking) > MAX_MARKINGS:
        raise ValidationError([{"loc": where, "msg": f"at most {MAX_MARKINGS} markings"}])
    wanted = set(params.marking)
    # Only labels the caller may see: they are the ones their screen can show, and the answer then says
    # nothing about labels they may not see (nor whether such a marking exists).
    labels = list(
        policy.visible_labels(policy.subject_for(request.user))
        .filter(marking__in=wanted)
        .select_related("national_only")
        .prefetch_related("categories")
    )
    unknown = sorted(wanted - {label.marking for label in labels})
    if unknown:
        raise ValidationError(
            [{"loc": where, "msg": f"not a marking of records you may see: {text}"} for text in unknown]
        )
    marking = highest_marking(labels)
    return {"marking": marking, "css_class": banner_css_class(marking)}
