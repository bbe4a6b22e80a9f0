"""Every query and path parameter of every GET operation, present or future, refuses what the database or
datetime arithmetic cannot take with the API's one error shape, never a 500 (issue 11).

The operations come from the OpenAPI document, so a new endpoint is covered the day it is written.
"""

import pytest

from peacekeeper.api import api

BAD_VALUES = {
    "integer": [str(2**63), str(2**70), str(-(2**70))],
    "date-time": ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"],
    "date": ["9999-12-31", "0001-01-01"],
    "string": ["a\x00b"],
}
# A path value that routes to the operation at all: the URL pattern takes digits only.
PATH_VALUES = {"integer": [str(2**63), str(2**70)]}


def _kind(schema: dict) -> str | None:
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "array":
            option = option.get("items", {})
        kind = option.get("format") if option.get("format") in ("date-time", "date") else option.get("type")
        if kind in BAD_VALUES:
            return kind
    return None


def _probes():
    for path, operations in api.get_openapi_schema()["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        parameters = operation.get("parameters", [])
        defaults = {
            p["name"]: "segment" if p["name"] == "kind" else "1" for p in parameters if p["in"] == "path"
        }
        for parameter in parameters:
            kind = _kind(parameter.get("schema", {}))
            values = (PATH_VALUES if parameter["in"] == "path" else BAD_VALUES).get(kind, [])
            for value in values:
                url = path
                for name, default in defaults.items():
                    url = url.replace(f"{{{name}}}", value if name == parameter["name"] else default)
                query = {parameter["name"]: value} if parameter["in"] == "query" else {}
                yield url, query


@pytest.mark.django_db
def test_no_parameter_value_gives_a_server_error(client, theatre, italian_analyst):
    client.raise_request_exception = False
    client.force_login(italian_analyst)
    probes = list(_probes())
    assert len(probes) > 50  # the document was read
    for url, query in probes:
        response = client.get(url, query)
        assert response.status_code < 500, (url, query)
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/json"), (url, query)
            assert set(response.json()) == {"detail", "errors"}, (url, query)
