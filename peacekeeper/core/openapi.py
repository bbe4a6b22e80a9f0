"""The OpenAPI document as the API answers: every error status in the one error format, and the media
types answered other than JSON (GeoJSON layers, file downloads).

Ninja documents the statuses an operation's `response=` names, each as application/json. What every
operation of a kind answers is added here, so that no operation can leave it out:

- 401 from every operation (the API authenticates by session, `django_auth`);
- 403 from every write: Ninja's session auth checks the CSRF token of unsafe methods;
- 400 (not JSON) and 413 (over the size limit) where a body is read;
- 422 where a parameter or a body is read;
- 404 where the path names something.

An operation declares the rest itself with `errors(...)` (a refusal by role, a record named in the body
or the query, a conflict), `etagged(...)` where it answers a conditional GET with 304 (core.conditional),
and `answers(...)` where its body is not JSON (`GEOJSON_BODY` for a GeoJSON layer).
"""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from pydantic.json_schema import models_json_schema

from peacekeeper.core.schemas import ErrorOut

GEOJSON = "application/geo+json"
CSV = "text/csv"
KML = "application/vnd.google-earth.kml+xml"

# What each error status means in this API, as the document says it.
ERROR_MEANINGS = {
    400: "The body cannot be read: not JSON, or a broken form",
    401: "Not logged in",
    403: "Refused: the CSRF check failed, or the caller's role or clearance does not allow it",
    404: "No such record, or one the caller may not see (the two answer alike)",
    409: "The record changed since the caller read it",
    413: "The body is over the size limit",
    422: "Invalid input: each error names its field and why",
}

_UNSAFE = {"post", "put", "patch", "delete"}
_ANSWERS = "x-peacekeeper-answers"  # consumed below; never left in the document


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """`response=` entries for these error statuses, each in the one error format."""
    unknown = set(statuses) - ERROR_MEANINGS.keys()
    assert not unknown, f"say what {sorted(unknown)} means in ERROR_MEANINGS"
    return dict.fromkeys(statuses, ErrorOut)


def etagged(model: type) -> dict[int, type | None]:
    """`response=` for a body served with an ETag: 304 and no body to a refresh that still holds it."""
    return {200: model, 304: None}


def answers(*media_types: str, file: bool = False) -> dict:
    """`openapi_extra=` for an operation whose success body is of these media types rather than JSON, with
    the schema its `response=` gives; or, for a file download, its media type alone (OpenAPI 3.1 describes
    raw bytes so)."""
    return {_ANSWERS: {"media_types": list(media_types), "file": file}}


GEOJSON_BODY = answers(GEOJSON)


class DocumentedAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document states every status and media type its operations answer."""

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        document = super().get_openapi_schema(**kwargs)
        for item in document["paths"].values():
            for method, operation in item.items():
                _complete(method, operation)
        _add_error_schema(document)
        return document


def _complete(method: str, operation: dict) -> None:
    responses = operation["responses"]
    answered = operation.pop(_ANSWERS, None)
    if answered:
        for status, response in responses.items():
            if 200 <= int(status) < 300 and "content" in response:
                content = {} if answered["file"] else response["content"]["application/json"]
                response["content"] = dict.fromkeys(answered["media_types"], content)
    parameters = operation.get("parameters", [])
    body = "requestBody" in operation
    common = []
    if operation.get("security"):
        common.append(401)
    if method in _UNSAFE:
        common.append(403)
    if body:
        common += [400, 413]
    if parameters or body:
        common.append(422)
    if any(parameter["in"] == "path" for parameter in parameters):
        common.append(404)
    for status in common:
        if status not in responses and str(status) not in responses:
            responses[status] = _error_response(status)
    for status, response in responses.items():
        if int(status) in ERROR_MEANINGS:
            response["description"] = ERROR_MEANINGS[int(status)]


def _error_response(status: int) -> dict:
    return {
        "description": ERROR_MEANINGS[status],
        "content": {"application/json": {"schema": {"$ref": REF_TEMPLATE.format(model="ErrorOut")}}},
    }


def _add_error_schema(document: OpenAPISchema) -> None:
    _, definitions = models_json_schema([(ErrorOut, "serialization")], ref_template=REF_TEMPLATE)
    schemas = document["components"].setdefault("schemas", {})
    for name, schema in definitions.get("$defs", {}).items():
        schemas.setdefault(name, schema)
