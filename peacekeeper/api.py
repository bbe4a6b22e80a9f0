"""The one NinjaAPI: a router per app, session authentication, one error format."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.security import django_auth

from peacekeeper.access.api import router as access_router
from peacekeeper.assessment.api import router as assessment_router
from peacekeeper.cop.api import router as cop_router
from peacekeeper.core.errors import Conflict, InputError, NotAllowed
from peacekeeper.core.openapi import DocumentedAPI
from peacekeeper.core.parser import CheckedParser, UnstorableValue
from peacekeeper.duty.api import router as duty_router
from peacekeeper.events.api import router as events_router
from peacekeeper.forces.api import router as forces_router
from peacekeeper.movement.api import router as movement_router
from peacekeeper.posture.api import router as posture_router
from peacekeeper.theatre.api import router as theatre_router
from peacekeeper.watch.api import router as watch_router


class SwaggerInLayout(Swagger):
    """The docs page inside the site's layout (templates/api_docs.html): the banner, as on every page."""

    template = "api_docs.html"


api = DocumentedAPI(
    title="Peacekeeper API",
    version="1",
    description="Mission information system API. Every read goes through the access policy: "
    "a record the caller may not see is absent (404), never redacted in place.",
    auth=django_auth,
    docs=SwaggerInLayout(),
    docs_url="/docs",
    parser=CheckedParser(),
)
api.add_router("/access/", access_router)
api.add_router("/theatre/", theatre_router)
api.add_router("/events/", events_router)
api.add_router("/cop/", cop_router)
api.add_router("/forces/", forces_router)
api.add_router("/posture/", posture_router)
api.add_router("/assessment/", assessment_router)
api.add_router("/movement/", movement_router)
api.add_router("/duty/", duty_router)
api.add_router("/watch/", watch_router)


@api.exception_handler(ValidationError)
def validation_failed(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors = [(_field_of(item.get("loc", ()), request), item.get("msg", "")) for item in error.errors]
    return _refused(request, 422, "invalid input", errors)


def _field_of(loc: tuple | list, request: HttpRequest) -> str:
    """A validation error's place as the caller wrote it, without the view's parameter name, which is ours:
    ("body", "payload", "items", 3, "narrative") is items.3.narrative; ("query", "until") is until, and so
    is ("query", "params", "until") (Ninja names a query schema's fields either way)."""
    source, *place = loc or ("body",)
    given = {"query": request.GET, "form": request.POST}.get(source)
    if source == "body" or (given is not None and len(place) > 1 and str(place[0]) not in given):
        place = place[1:]
    return ".".join(str(part) for part in place) or "(body)"


def _refused(request: HttpRequest, status: int, detail: str, errors: list[tuple[str, str]]) -> HttpResponse:
    body = {"detail": detail, "errors": [{"field": field, "reason": reason} for field, reason in errors]}
    return api.create_response(request, body, status=status)


@api.exception_handler(UnstorableValue)
def unstorable_value(request: HttpRequest, error: UnstorableValue) -> HttpResponse:
    return _refused(request, 422, "invalid input", [(error.field, error.reason)])


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    # Ninja raises "Cannot parse request body" from whatever the parser raised: say what it was.
    cause = error.__cause__ if str(error).startswith("Cannot parse request body") else None
    if isinstance(cause, UnstorableValue):
        return unstorable_value(request, cause)
    if isinstance(cause, UnicodeDecodeError):
        return _refused(request, 400, "the body is not JSON", [("(body)", "it is not UTF-8 text")])
    if isinstance(cause, ValueError):  # json.JSONDecodeError, or an integer of more than 4,300 digits
        return _refused(request, 400, "the body is not JSON", [("(body)", str(cause))])
    return _refused(request, error.status_code, str(error), [])


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _refused(request, 404, "Not Found", [])


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    size = request.META.get("CONTENT_LENGTH") or "?"
    reason = f"the body is {size} bytes; at most {limit} ({limit / 2**20:g} MiB) are accepted"
    return _refused(request, 413, "request body too large", [("(body)", reason)])


@api.exception_handler(TooManyFieldsSent)
@api.exception_handler(TooManyFilesSent)
def too_many_parts(request: HttpRequest, error: TooManyFieldsSent | TooManyFilesSent) -> HttpResponse:
    return _refused(request, 413, "request body too large", [("(body)", str(error))])


@api.exception_handler(InputError)
def input_rejected(request: HttpRequest, error: InputError) -> HttpResponse:
    return _refused(request, 422, "invalid input", [(item.field, item.reason) for item in error.errors])


@api.exception_handler(NotAllowed)
def not_allowed(request: HttpRequest, error: NotAllowed) -> HttpResponse:
    # A Conflict is no refusal: someone changed the record between this request's read and its change.
    return _refused(request, 409 if isinstance(error, Conflict) else 403, str(error), [])


@api.exception_handler(AuthenticationError)
def not_logged_in(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return _refused(request, 401, "log in first", [])
