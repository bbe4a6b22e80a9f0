"""The API's live OpenAPI document loaded into schemathesis with the test's budget, and explicit requests
checked against it."""

import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from peacekeeper.tests.apischema import world

EXAMPLES_PER_OPERATION = 20
STATEFUL_SCENARIOS = 15
STATEFUL_STEPS = 6

CONFIG = {
    "seed": 11,
    "suppress-health-check": ["too_slow", "filter_too_much", "data_too_large"],
    # Schemathesis' WSGI transport does not decompress; GZipMiddleware would compress every body.
    "headers": {"Accept-Encoding": "identity"},
    "generation": {
        "max-examples": EXAMPLES_PER_OPERATION,
        "deterministic": True,
        "database": "none",
        # The session comes from world.SessionAuth, not from generated cookies.
        "with-security-parameters": False,
    },
    "checks": {
        "positive_data_acceptance": {"enabled": False},
        "negative_data_rejection": {"enabled": False},
        "missing_required_header": {"enabled": False},
    },
    "phases": {"stateful": {"enabled": True, "max-steps": STATEFUL_STEPS}},
    # Values the API accepts, three times in four, so that requests pass its semantic checks and reach
    # deeper than a 422.
    "dictionaries": {name: {"values": values} for name, values in world.VOCABULARY.items()},
    "parameters": {
        key: {"dictionary": name, "probability": 0.75}
        for name, keys in world.VOCABULARY_USES.items()
        for key in keys
    },
}

schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json", world.application, config=schemathesis.Config.from_dict(CONFIG)
)
schema.auth()(world.SessionAuth)

# Served as documented, and no 5xx.
CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def send(
    method: str, path: str, *, status: int, signed_in: bool = True, csrf: bool = True, **parts
) -> Response:
    """One explicit request (path_parameters, query, headers, body, media_type), by the caller or by
    someone not logged in, with the CSRF token or without, checked against the document; `status` is the
    one expected."""
    case = schema[path][method].Case(**parts)
    world.SessionAuth().set(case, world.SESSION_KEY, None)
    if not signed_in:
        del case.cookies[world.SESSION_COOKIE]
    if not csrf:
        del case.cookies[world.CSRF_COOKIE]
        del case.headers["X-CSRFToken"]
    case.headers["Accept-Encoding"] = "identity"
    response = case.call()
    case.validate_response(response, checks=CONFORMANCE)
    assert response.status_code == status, response.content[:500]
    return response


def operations() -> list[tuple[str, str]]:
    """(method, path) of every operation in the document."""
    return [(result.ok().method.upper(), result.ok().path) for result in schema.get_all_operations()]
