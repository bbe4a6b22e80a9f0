"""The requests the harness sends: every URL pattern and every OpenAPI operation, enumerated, never listed.

A URL pattern's parameters take each of a few ids (a theatre record, the base world's first record, the
first hidden records: see world.py), so an id-taking endpoint is asked about a visible, a hidden and (in
the first world) a missing record alike. Pages are fetched; their POST forms are submitted as the page
offers them and again with every field that names a record pointing at the hidden one. API operations
get a body built from their schema, with fields that name records by id or by source id pointing at the
hidden records. Nothing here knows a particular endpoint except the short list of examples that get a
body past validation, and EXCLUDED, which says why an endpoint cannot be driven.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from django.urls import URLPattern, URLResolver, get_resolver

from peacekeeper.tests.noninterference.world import (
    HIDDEN_ID,
    HIDDEN_SOURCE,
    SHARED,
    VISIBLE_ID,
    VISIBLE_SOURCE,
    ZVECAN,
)

# Ids every id parameter takes: a theatre record (areas, places), the first base record of each table,
# the first two hidden records of each table (missing in the first world).
CANDIDATE_IDS = (1, VISIBLE_ID, HIDDEN_ID, HIDDEN_ID + 1)

# Endpoints the harness cannot drive, and why. Keep it short: every entry is a place a leak could hide.
EXCLUDED = {
    "api/cop/stream": "an endless Server-Sent Events stream; tests/test_live_stream_non_interference.py "
    "compares what it delivers to the same readers in the same two worlds, poll by poll",
    "logout/": "ends the reader's session (nothing to leak: it reads no record)",
}

# Values for string path parameters, by parameter name.
STRING_PARAMETERS = {
    "fmt": ("csv", "geojson", "kml", "acled"),
    "kind": ("segment", "crossing", "bridge"),
    "sidc": ("10031000151211000000",),
    "app_label": ("access", "forces", "theatre"),
    "url": ("access/auditentry/",),
}

# Fields that name a record: a form or body gets them pointed at the hidden records.
RECORD_FIELDS = {
    "place_id", "place", "site", "camp", "unit", "task", "option", "crossing", "segment", "bridge",
    "other", "back", "event_id", "incident", "area", "segment_ids", "crossing_ids", "bridge_ids",
    "segments", "crossings", "bridges", "event_ids", "report", "after_id", "link", "pair",
}  # fmt: skip


@dataclass(frozen=True)
class Probe:
    route: str  # the URL pattern or OpenAPI operation it covers
    method: str
    path: str
    body: bytes | None = None
    content_type: str | None = None
    # A page whose forms are read from the response and submitted (pages only).
    submit_forms: bool = False

    def describe(self) -> str:
        body = (self.body or b"")[:160].decode("utf-8", "replace")
        return f"{self.method} {self.path} {body}".strip()


def _walk(patterns, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def url_patterns() -> list[tuple[str, URLPattern]]:
    """Every URL pattern of the project, as its route text."""
    return list(_walk(get_resolver().url_patterns))


_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _fill(route: str) -> Iterator[str]:
    """The paths a route stands for, one per combination of candidate parameter values."""
    match = _PARAMETER.search(route)
    if match is None:
        yield "/" + route.lstrip("^").rstrip("$").replace("\\", "")
        return
    converter, name = match.group(1) or "str", match.group(2) or match.group(3)
    if name in STRING_PARAMETERS:
        values = STRING_PARAMETERS[name]
    elif converter in {"int", "path"} or name.endswith("_id"):
        values = tuple(str(value) for value in CANDIDATE_IDS)
    else:
        values = ("x",)
    for value in values:
        yield from _fill(route[: match.start()] + value + route[match.end() :])


def _is_api_operation(pattern: URLPattern) -> bool:
    return getattr(pattern.callback, "__module__", "").startswith("ninja")


def page_probes() -> Iterator[Probe]:
    """GET every page (and POST it as its forms submit: see forms_of), and POST every POST-only view."""
    for route, pattern in url_patterns():
        if _is_api_operation(pattern) or route in EXCLUDED:
            continue
        admin = route.startswith("admin/")
        for path in _fill(route):
            yield Probe(route, "GET", path, submit_forms=True)
            if admin and not route.endswith("/delete/"):
                continue  # the admin's forms are read from its pages; only its deletions are blind POSTs
            # Views that accept only POST (checks, transitions, links, lifts) get the universal form.
            body = {"post": "yes"} if admin else UNIVERSAL_FORM
            yield Probe(route, "POST", path, _form_body(body), "application/x-www-form-urlencoded")


# What a person could type into any of the product's forms; record fields name the hidden records.
UNIVERSAL_FORM = {
    "place_id": str(HIDDEN_ID),
    "mgrs": "",
    "dtg": "now",
    "category": "fom.roadblock",
    "marking": SHARED,
    "narrative": "Harness narrative.",
    "reason": "Harness reason.",
    "transition": "validate",
    "other": str(HIDDEN_ID),
    "back": str(HIDDEN_ID),
    "pair": f"{HIDDEN_ID}:{HIDDEN_ID}",
    "note": "Harness note.",
    "severity": "3",
}


def _form_body(fields: dict[str, str | list[str]]) -> bytes:
    from urllib.parse import urlencode

    return urlencode(fields, doseq=True).encode()


class _FormReader(HTMLParser):
    """The POST forms of a page: their action and fields with the values a browser would submit."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, list[str]]]] = []
        self._fields: dict[str, list[str]] | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form" and attributes.get("method", "get").lower() == "post":
            self._fields = {}
            self.forms.append((attributes.get("action", ""), self._fields))
        if self._fields is None:
            return
        name = attributes.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attributes.get("type", "text").lower()
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            if kind in {"submit", "button", "file"}:
                return
            self._fields.setdefault(name, []).append(attributes.get("value", ""))
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select:
            if self._select_value is None or "selected" in attributes:
                self._select_value = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._fields.setdefault(name, []).append("")

    def handle_data(self, data: str) -> None:
        if self._textarea and self._fields is not None:
            self._fields[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select and self._fields is not None:
            if self._select_value is not None:
                self._fields.setdefault(self._select, []).append(self._select_value)
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._fields = None


def forms_of(probe: Probe, html: str) -> Iterator[Probe]:
    """Each POST form of a page, submitted as offered and again naming the hidden records."""
    reader = _FormReader()
    reader.feed(html)
    for action, fields in reader.forms:
        target = action or probe.path
        if not target.startswith("/"):
            continue
        offered = dict(fields)
        named = {
            name: ([str(HIDDEN_ID)] if name in RECORD_FIELDS or name.endswith("_id") else values)
            for name, values in offered.items()
        }
        for body in (offered, named):
            yield Probe(probe.route, "POST", target, _form_body(body), "application/x-www-form-urlencoded")


# Bodies that get an operation past validation, so the harness reaches its lookups. Any operation not
# here gets a body built from its schema alone.
EXAMPLES: dict[str, list[dict]] = {
    "POST /api/events/": [
        {"category": "fom.roadblock", "occurred_dtg": "now", "place_id": HIDDEN_ID, "marking": SHARED},
        {"category": "fom.roadblock", "occurred_dtg": "now", "lat": ZVECAN[0], "lon": ZVECAN[1]},
    ],
    "PATCH /api/events/{event_id}": [
        {"narrative": "Harness change.", "reason": "harness"},
        {"place_id": HIDDEN_ID, "reason": "harness"},
        {"marking": "PUBLIC", "reason": "harness"},
    ],
    "POST /api/events/{event_id}/transitions": [
        {"transition": name, "reason": "harness"} for name in ("submit", "validate", "publish", "reject")
    ],
    "POST /api/events/incidents": [
        {"event_ids": [VISIBLE_ID, HIDDEN_ID]},
        {"event_ids": [VISIBLE_ID, VISIBLE_ID + 2]},
    ],
    "POST /api/events/bulk": [
        {
            "source_system": system,
            "items": [
                {
                    "category": "fom.roadblock",
                    "occurred_at": "2026-12-01T10:00:00Z",
                    "lat": ZVECAN[0],
                    "lon": ZVECAN[1],
                    "source_id": source_id,
                    "source_timestamp": 1_900_000_000,
                    "marking": marking,
                }
                for source_id in (HIDDEN_SOURCE[1], VISIBLE_SOURCE[1], "new-1")
            ],
        }
        for system, marking in ((HIDDEN_SOURCE[0], SHARED), (HIDDEN_SOURCE[0], "PUBLIC"), ("acled", SHARED))
    ],
    "POST /api/forces/caveats": [
        {"kind": "no_night_operations", "unit": HIDDEN_ID, "marking": SHARED},
        {"kind": "no_night_operations", "unit": VISIBLE_ID, "marking": SHARED},
    ],
    "PUT /api/forces/caveats/{caveat_id}": [
        {"kind": "no_night_operations", "unit": VISIBLE_ID, "marking": SHARED},
        {"kind": "no_night_operations", "unit": HIDDEN_ID, "marking": SHARED},
    ],
    "POST /api/posture/allocations": [{"option": HIDDEN_ID, "time_limit": 5}],
    "POST /api/posture/pins": [
        {"unit": VISIBLE_ID, "task": HIDDEN_ID},
        {"unit": HIDDEN_ID, "task": VISIBLE_ID},
        {"unit": VISIBLE_ID, "task": VISIBLE_ID, "option": HIDDEN_ID},
    ],
    "DELETE /api/posture/pins": [
        {"unit": VISIBLE_ID, "task": HIDDEN_ID},
        {"unit": HIDDEN_ID, "task": HIDDEN_ID},
    ],
    "POST /api/posture/options": [
        {"name": "Harness", "changes": [{"kind": "unfix_task", "task": HIDDEN_ID}], "marking": SHARED},
        {"name": "Harness", "changes": [{"kind": "move_unit", "unit": HIDDEN_ID, "camp": HIDDEN_ID}]},
    ],
    "POST /api/posture/decisions": [
        {"option": HIDDEN_ID, "rationale": "harness", "marking": SHARED},
        {"option": VISIBLE_ID, "rationale": "harness", "marking": SHARED},
    ],
    "POST /api/assessment/areas/{area_id}/overrides": [
        {"level": 4, "rationale": "harness", "valid_until": "2030-01-01T00:00:00Z", "marking": SHARED}
    ],
    "POST /api/movement/restrictions": [
        {"status": "closed", "cause": "harness", "bridge_ids": [HIDDEN_ID + 1], "marking": SHARED},
        {"status": "closed", "cause": "harness", "segment_ids": [HIDDEN_ID], "crossing_ids": [HIDDEN_ID]},
    ],
    "POST /api/movement/restrictions/{restriction_id}/lift": [{"note": "harness"}],
}

# Query strings that name records, tried on every operation that takes such a parameter.
QUERY_VALUES = {
    "incident": str(HIDDEN_ID),
    "segment": str(HIDDEN_ID),
    "crossing": str(HIDDEN_ID),
    "option": str(HIDDEN_ID),
    "after_id": "0",
    "q": "Hidden",
    "origin": "Camp Hidden",
    "destination": "Pristina",
    "zoom": "14",
    "bbox": "20.5,42.5,21.5,43.2",
}


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        return _resolve(options[0], components) if options else {}
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(schema["allOf"][0], components)
    return schema


def example_of(schema: dict, components: dict, name: str = "") -> object:
    """A value for a schema: record fields name the hidden records, required fields are filled."""
    schema = _resolve(schema, components)
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "object" or "properties" in schema:
        required = set(schema.get("required", []))
        return {
            prop: example_of(sub, components, prop)
            for prop, sub in schema.get("properties", {}).items()
            if prop in required or prop in RECORD_FIELDS or prop == "marking"
        }
    if kind == "array":
        item = example_of(schema.get("items", {}), components, name)
        return [VISIBLE_ID, HIDDEN_ID] if isinstance(item, int) else [item]
    if kind == "integer":
        return HIDDEN_ID if name in RECORD_FIELDS or name.endswith("_id") else schema.get("minimum", 1)
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if schema.get("format") == "date-time":
        return "2026-12-01T10:00:00Z"
    if name == "marking":
        return SHARED
    if name == "source_id":
        return HIDDEN_SOURCE[1]
    if name == "source_system":
        return HIDDEN_SOURCE[0]
    return "harness"


def api_probes(openapi: dict) -> Iterator[Probe]:
    components = openapi.get("components", {}).get("schemas", {})
    for template, operations in openapi["paths"].items():
        route = template.lstrip("/")
        for method, operation in operations.items():
            key = f"{method.upper()} {template}"
            if _django_route(template) in EXCLUDED:
                continue
            django_template = _django_route(template)
            queries = [""]
            named = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            if any(name in QUERY_VALUES for name in named):
                queries.append(
                    "?" + "&".join(f"{name}={QUERY_VALUES[name]}" for name in named if name in QUERY_VALUES)
                )
            bodies: list[tuple[bytes | None, str | None]] = [(None, None)]
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                examples = EXAMPLES.get(key) or [
                    example_of(content["application/json"]["schema"], components)
                ]
                bodies = [(json.dumps(example).encode(), "application/json") for example in examples]
            elif "multipart/form-data" in content:
                bodies = [(None, "multipart/form-data")]
            for path in _fill(django_template):
                for query in queries:
                    for body, content_type in bodies:
                        yield Probe(key, method.upper(), path + query, body, content_type)
        del route


def _django_route(template: str) -> str:
    """'/api/events/{event_id}' as a URL pattern route: 'api/events/<int:event_id>' (ids are ints)."""
    return re.sub(
        r"\{(\w+)\}",
        lambda m: f"<{'str' if m.group(1) in STRING_PARAMETERS else 'int'}:{m.group(1)}>",
        template,
    ).lstrip("/")


def operations(openapi: dict) -> list[str]:
    return [f"{method.upper()} {path}" for path, ops in openapi["paths"].items() for method in ops]
