"""Access API: the banner of records shown together, for scripts that draw records from several requests."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import ValidationError

from peacekeeper.access import policy
from peacekeeper.access.marking import banner_css_class, highest_marking
from peacekeeper.access.schemas import MAX_MARKINGS, BannerOut, BannerQuery
from peacekeeper.core.schemas import ErrorOut

router = Router(tags=["access"])


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
