"""Restricted reports the map shows one by one are audited each time they are shown: a layer body served
fresh, from the cache or as a 304, and each delivery of the live stream. Clusters show no report."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches

from peacekeeper.access.classification import Role
from peacekeeper.access.models import AuditEntry
from peacekeeper.conftest import make_user
from peacekeeper.cop import live
from peacekeeper.cop.tests.test_events_layer import DEU_ONLY, KFOR, URL, logged

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


def audited(user: User, detail: str) -> list[int]:
    entries = AuditEntry.objects.filter(user=user, action=AuditEntry.Action.VIEWED, detail=detail)
    return sorted(int(record_id) for record_id in entries.values_list("record_id", flat=True))


def test_a_restricted_point_is_audited_on_every_serving_cached_or_not(client, theatre, german_watchkeeper):
    restricted = logged(german_watchkeeper, marking=DEU_ONLY)
    logged(german_watchkeeper, marking=KFOR)
    client.force_login(german_watchkeeper)
    first = client.get(URL, {"zoom": 13})
    assert len(first.json()["features"]) == 2
    assert audited(german_watchkeeper, "map events layer") == [restricted.pk]
    assert client.get(URL, {"zoom": 13}).content == first.content  # from the cache
    not_modified = client.get(URL, {"zoom": 13}, headers={"if-none-match": first["ETag"]})
    assert not_modified.status_code == 304
    assert audited(german_watchkeeper, "map events layer") == [restricted.pk] * 3


def test_a_reader_served_a_body_cached_for_another_is_audited_under_their_own_name(
    client, theatre, german_watchkeeper
):
    restricted = logged(german_watchkeeper, marking=DEU_ONLY)
    colleague = make_user("fritz", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", (Role.WATCHKEEPER,))
    for user in (german_watchkeeper, colleague):
        client.force_login(user)
        assert client.get(URL, {"zoom": 13}).status_code == 200
    assert len(caches["default"]._cache) == 1  # one body, shared by the two readers
    assert audited(colleague, "map events layer") == [restricted.pk]


def test_a_cluster_is_not_audited_but_a_report_alone_in_its_cell_is(client, theatre, german_watchkeeper):
    together = [logged(german_watchkeeper, marking=DEU_ONLY) for _ in range(2)]
    client.force_login(german_watchkeeper)
    [cluster] = client.get(URL, {"zoom": 9}).json()["features"]
    assert cluster["properties"]["kind"] == "cluster"
    assert audited(german_watchkeeper, "map events layer") == []
    alone = logged(german_watchkeeper, marking=DEU_ONLY, lat=42.66, lon=21.16)
    kinds = sorted(item["properties"]["kind"] for item in client.get(URL, {"zoom": 9}).json()["features"])
    assert kinds == ["cluster", "event"]
    assert audited(german_watchkeeper, "map events layer") == [alone.pk]
    assert together[0].pk not in audited(german_watchkeeper, "map events layer")


def test_each_delivery_of_the_live_stream_is_audited_once(theatre, german_watchkeeper):
    reader = User.objects.get(pk=german_watchkeeper.pk)
    cursor = live._Cursor(after_id=None)
    restricted = logged(german_watchkeeper, marking=DEU_ONLY)
    logged(german_watchkeeper, marking=KFOR)
    assert len(cursor.poll(reader)) == 2
    assert cursor.poll(reader) == []  # sent already: not sent, so not audited, again
    assert audited(reader, "map live stream") == [restricted.pk]
