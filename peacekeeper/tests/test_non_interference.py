"""Non-interference: no reader can tell a world from the same world plus records they may not see.

Every URL pattern and every OpenAPI operation is sent by every harness reader (another nation, a partner,
a lower clearance, PUBLIC only, a user who may not write, and anonymous) against the base world, then
against the base world plus hidden reports, incidents, sites, camps, units, tasks, caveats, restrictions,
overrides, options, decisions and audit entries (world.py). Write requests name the hidden records by id
and by source id. Every response (status, the headers a reader reads, the body with CSRF tokens and
random UUIDs normalised; ids and the clock are the same in both worlds by construction) must be identical.
"""

import difflib
from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.api import api
from peacekeeper.tests.noninterference import probes
from peacekeeper.tests.noninterference.running import Observed, Reader, send
from peacekeeper.tests.noninterference.world import READERS, add_hidden, build_base, make_users

pytestmark = pytest.mark.django_db


def _observe(readers: list[Reader], sent: list[probes.Probe], moment) -> dict:
    observed: dict[tuple[str, str, str, bytes | None], Observed] = {}
    for reader in readers:
        queue = [probe for probe in sent if reader.session or probe.method == "GET"]
        while queue:
            probe = queue.pop(0)
            result, raw = send(reader, probe, moment=moment)
            observed[(reader.name, probe.method, probe.path, probe.body)] = result
            if probe.submit_forms and reader.session and result.status == 200 and "<form" in raw:
                queue[:0] = list(probes.forms_of(probe, raw))
    return observed


def _invalidate_process_caches() -> None:
    from peacekeeper.theatre import gazetteer
    from peacekeeper.theatre.boundaries import invalidate_area_index

    gazetteer.invalidate()
    invalidate_area_index()


def _difference(key, first: Observed | None, second: Observed | None) -> str:
    reader, method, path, body = key
    where = f"{reader}: {method} {path} {(body or b'')[:120].decode('utf-8', 'replace')}"
    if first is None or second is None:
        return f"{where}\n  sent in only one world (the page offered different forms)"
    if (first.status, first.headers) != (second.status, second.headers):
        return (
            f"{where}\n  without hidden: {first.status} {first.headers}"
            f"\n  with hidden:    {second.status} {second.headers}"
        )
    lines = difflib.unified_diff(first.body.splitlines(), second.body.splitlines(), lineterm="", n=1)
    return where + "\n" + "\n".join(list(lines)[2:14])


def test_every_endpoint_is_driven_or_excluded_with_a_reason():
    routes = {route for route, _ in probes.url_patterns()}
    assert set(probes.EXCLUDED) <= routes, "an exclusion names an endpoint that no longer exists"
    driven_pages = {probe.route for probe in probes.page_probes()}
    driven_operations = {probe.route for probe in probes.api_probes(api.get_openapi_schema())}
    api_routes = {route for route, pattern in probes.url_patterns() if probes._is_api_operation(pattern)}
    assert routes - api_routes - set(probes.EXCLUDED) <= driven_pages
    operations = set(probes.operations(api.get_openapi_schema()))
    excluded_operations = {
        op for op in operations if probes._django_route(op.split(" ", 1)[1]) in probes.EXCLUDED
    }
    assert operations - excluded_operations == driven_operations


def test_no_reader_can_tell_a_world_with_hidden_records_from_one_without(forces):
    users = make_users()
    base = build_base(users)
    readers = [Reader(name, users[name]) for name in READERS] + [Reader("anonymous", None)]
    sent = list(probes.page_probes()) + list(probes.api_probes(api.get_openapi_schema()))
    moment = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=1)

    without_hidden = _observe(readers, sent, moment)
    add_hidden(users, base)
    _invalidate_process_caches()
    with_hidden = _observe(readers, sent, moment)

    differences = [
        _difference(key, without_hidden.get(key), with_hidden.get(key))
        for key in sorted(set(without_hidden) | set(with_hidden), key=repr)
        if without_hidden.get(key) != with_hidden.get(key)
    ]
    print(f"non-interference: {len(without_hidden)} requests per world, {len(readers)} readers")
    assert not differences, f"{len(differences)} responses differ:\n\n" + "\n\n".join(differences[:40])
