"""The one NinjaAPI: a router per app, session authentication, one error format."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.security import django_auth

from peacekeeper.access.api import router as access_router
from peacekeeper.assessment.api import router as assessment_router
from peacekeeper.cop.api import router as cop_router
from peacekeeper.events.api import router as events_router
from peacekeeper.events.recording import EventInputError, NotAllowed
from peacekeeper.forces.api import router as forces_router
from peacekeeper.movement.api import router as movement_router
from peacekeeper.posture.api import router as posture_router
from peacekeeper.theatre.api import router as theatre_router


class SwaggerInLayout(Swagger):
    """The docs page inside the site's layout (templates/api_docs.html): the banner, as on every page."""

    template = "api_docs.html"


api = NinjaAPI(
    title="Peacekeeper API",
    version="1",
    description="Mission information system API. Every read goes through the access policy: "
    "a record the caller may not see is absent (404), never redacted in place.",
    auth=django_auth,
    docs=SwaggerInLayout(),
    docs_url="/docs",
)
api.add_router("/access/", access_router)
api.add_router("/theatre/", theatre_router)
api.add_router("/events/", events_router)
api.add_router("/cop/", cop_router)
api.add_router("/forces/", forces_router)
api.add_router("/posture/", posture_router)
api.add_router("/assessment/", assessment_router)
api.add_router("/movement/", movement_router)


@api.exception_handler(ValidationError)
def validation_failed(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors = [
        {
            "field": ".".join(str(part) for part in item.get("loc", [])[2:]) or "(body)",
            "reason": item.get("msg", ""),
        }
        for item in error.errors
    ]
    return api.create_response(request, {"detail": "invalid input", "errors": errors}, status=422)


@api.exception_handler(EventInputError)
def event_input_rejected(request: HttpRequest, error: EventInputError) -> HttpResponse:
    errors = [{"field": item.field, "reason": item.reason} for item in error.errors]
    return api.create_response(request, {"detail": "invalid input", "errors": errors}, status=422)


@api.exception_handler(NotAllowed)
def not_allowed(request: HttpRequest, error: NotAllowed) -> HttpResponse:
    return api.create_response(request, {"detail": str(error), "errors": []}, status=403)


@api.exception_handler(AuthenticationError)
def not_logged_in(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "log in first", "errors": []}, status=401)
