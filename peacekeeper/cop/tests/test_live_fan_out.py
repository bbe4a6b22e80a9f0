"""Live fan-out: one look per process per tick serves every open stream, at a cost that does not grow with
their number, and hands each reader exactly what the policy lets them see."""

import asyncio
import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peacekeeper.access import audit, policy
from peacekeeper.access.classification import Classification, Role
from peacekeeper.access.models import AuditEntry, UserProfile
from peacekeeper.conftest import make_user
from peacekeeper.cop import live, live_hub, notify
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

MARKINGS = [
    "NATO UNCLASSIFIED // REL TO KFOR",
    "NATO RESTRICTED // REL TO KFOR",
    "NATO RESTRICTED // DEU ONLY",
    "NATO UNCLASSIFIED // REL TO KFOR, EULEX",
    "PUBLIC",
    "NATO SECRET // REL TO KFOR",
]


def validated(author: User, marking: str) -> EventReport:
    if "DEU ONLY" in marking:  # only a German may release it
        author = User.objects.get(username="hans")
    event = create_report(user=author, data=an_event(marking=marking), submit=True)
    EventReport.objects.filter(pk=event.pk).update(status=Status.VALIDATED, validated_at=timezone.now())
    return event


async def validated_elsewhere(author: User, marking: str) -> EventReport:
    """`validated` on a connection of another thread, closed after it (as another request's would be)."""

    def validate() -> EventReport:
        try:
            return validated(author, marking)
        finally:
            connections.close_all()

    return await asyncio.to_thread(validate)


def opened(user: User, *, after_id: int | None = None) -> live._Cursor:
    cursor = live._Cursor(after_id=after_id)
    cursor.user_id = user.pk
    return cursor


def delivered(cursor: live._Cursor) -> list[int]:
    return [int(message.rsplit(b"\nid: ", 1)[1]) for message in cursor.take()]


@pytest.fixture
def readers(german_watchkeeper, italian_analyst, eulex_partner, uncleared_press_officer) -> list[User]:
    return [german_watchkeeper, italian_analyst, eulex_partner, uncleared_press_officer]


def _first_look_queries(readers: list[User], streams_each: int, author: User) -> int:
    cursors = [opened(reader) for reader in readers for _ in range(streams_each)]
    for marking in MARKINGS:
        validated(author, marking)
    with CaptureQueriesContext(connection) as queries:
        live.Lookout(version_check=False).look(cursors, announced=True)
    assert all(cursor.outbox for cursor in cursors)
    return len(queries)


def run_in_own_loop(scenario):
    """asyncio.run(scenario()) in a thread of its own, as uvicorn runs the hub: the browser tests' sync
    Playwright leaves an event loop in the test thread, where asyncio.run refuses to start another."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = asyncio.run(scenario())
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.mark.django_db
def test_forty_streams_cost_one_look_the_same_queries_as_four(theatre, readers, italian_analyst):
    four = _first_look_queries(readers, 1, italian_analyst)
    forty = _first_look_queries(readers, 10, italian_analyst)
    assert forty == four
    # The readers, the reports (validated, published), the label table, each distinct reader's labels,
    # the audit INSERT.
    assert four == 1 + 2 + 1 + len(readers) + 1


@pytest.mark.django_db
def test_a_later_look_asks_the_policy_again_only_for_a_reader_whose_attributes_changed(
    theatre, readers, german_watchkeeper, italian_analyst
):
    lookout = live.Lookout(version_check=False)
    cursors = [opened(reader) for reader in readers for _ in range(5)]
    validated(italian_analyst, MARKINGS[0])
    lookout.look(cursors, announced=True)
    validated(italian_analyst, MARKINGS[0])
    with CaptureQueriesContext(connection) as queries:
        lookout.look(cursors, announced=True)
    assert len(queries) == 3  # the readers and the reports (two); every answer of the policy was kept
    UserProfile.objects.filter(user=german_watchkeeper).update(clearance=Classification.NATO_UNCLASSIFIED)
    validated(italian_analyst, MARKINGS[0])
    with CaptureQueriesContext(connection) as queries:
        lookout.look(cursors, announced=True)
    assert len(queries) == 4  # and the lowered reader's labels


@pytest.mark.django_db
def test_each_reader_is_sent_exactly_what_the_policy_lets_them_see(theatre, readers, italian_analyst):
    cursors = {reader.username: opened(reader) for reader in readers}
    reports = [validated(italian_analyst, marking) for marking in MARKINGS]
    live.Lookout(version_check=False).look(list(cursors.values()), announced=True)
    for reader in readers:
        allowed = policy.visible(EventReport.objects.filter(pk__in=[r.pk for r in reports]), reader)
        assert delivered(cursors[reader.username]) == sorted(allowed.values_list("pk", flat=True))
        assert any(policy.visible(EventReport.objects.all(), reader))  # never an empty comparison


@pytest.mark.django_db
def test_a_reconnecting_map_catches_up_on_exactly_what_the_policy_lets_it_see_once_each(
    theatre, readers, italian_analyst
):
    reports = [validated(italian_analyst, marking) for marking in MARKINGS]
    # Half validated long before: only the catch-up finds them; the rest both it and the look's read do.
    earlier = [report.pk for report in reports[: len(reports) // 2]]
    EventReport.objects.filter(pk__in=earlier).update(validated_at=timezone.now() - timedelta(hours=1))
    cursors = {reader.username: opened(reader, after_id=reports[0].pk - 1) for reader in readers}
    live.Lookout(version_check=False).look(list(cursors.values()), announced=True)
    for reader in readers:
        allowed = policy.visible(EventReport.objects.filter(pk__in=[r.pk for r in reports]), reader)
        assert delivered(cursors[reader.username]) == sorted(allowed.values_list("pk", flat=True))


@pytest.mark.django_db
def test_a_lowered_clearance_applies_at_the_next_look_though_an_equal_reader_keeps_theirs(
    theatre, german_watchkeeper, italian_analyst
):
    twin = make_user("hanna", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", (Role.WATCHKEEPER,))
    lookout = live.Lookout(version_check=False)
    hans, hanna = opened(german_watchkeeper), opened(twin)
    first = validated(italian_analyst, "NATO RESTRICTED // REL TO KFOR")
    lookout.look([hans, hanna], announced=True)
    assert delivered(hans) == delivered(hanna) == [first.pk]
    UserProfile.objects.filter(user=german_watchkeeper).update(clearance=Classification.NATO_UNCLASSIFIED)
    second = validated(italian_analyst, "NATO RESTRICTED // REL TO KFOR")
    lookout.look([hans, hanna], announced=True)
    assert delivered(hans) == []
    assert delivered(hanna) == [second.pk]
    User.objects.filter(pk=twin.pk).update(is_active=False)
    validated(italian_analyst, "NATO UNCLASSIFIED // REL TO KFOR")
    lookout.look([hans, hanna], announced=True)
    assert hanna.ended
    assert delivered(hanna) == []
    assert not hans.ended


@pytest.mark.django_db
def test_a_report_under_a_label_new_since_the_last_look_reaches_whoever_may_see_it(
    theatre, readers, german_watchkeeper, italian_analyst, eulex_partner
):
    lookout = live.Lookout(version_check=False)
    cursors = {reader.username: opened(reader) for reader in readers}
    validated(italian_analyst, MARKINGS[0])
    lookout.look(list(cursors.values()), announced=True)
    for cursor in cursors.values():
        cursor.take()
    new = validated(italian_analyst, "NATO UNCLASSIFIED // REL TO ITA, EULEX")
    lookout.look(list(cursors.values()), announced=True)
    assert delivered(cursors[italian_analyst.username]) == [new.pk]
    assert delivered(cursors[eulex_partner.username]) == [new.pk]
    assert delivered(cursors[german_watchkeeper.username]) == []


@pytest.mark.django_db
def test_restricted_deliveries_are_audited_per_recipient_in_one_insert(
    theatre, readers, italian_analyst, monkeypatch
):
    cursors = [opened(reader) for reader in readers for _ in range(3)]
    reports = [validated(italian_analyst, marking) for marking in MARKINGS]
    # One bulk write (executemany on SQLite, COPY on PostgreSQL), of audit entries only.
    writes = []
    real_insert_rows = audit.insert_rows

    def insert_rows(model, columns, rows):
        writes.append((model, len(rows)))
        real_insert_rows(model, columns, rows)

    monkeypatch.setattr(audit, "insert_rows", insert_rows)
    with CaptureQueriesContext(connection) as queries:
        live.Lookout(version_check=False).look(cursors, announced=True)
    assert [model for model, _ in writes] == [AuditEntry]
    assert not [query["sql"] for query in queries if query["sql"].startswith("INSERT")]
    expected = Counter()
    for cursor in cursors:
        reader = User.objects.get(pk=cursor.user_id)
        for report in policy.visible(EventReport.objects.filter(pk__in=[r.pk for r in reports]), reader):
            if report.label.classification >= Classification.NATO_RESTRICTED:
                expected[(reader.pk, str(report.pk))] += 1
    entries = AuditEntry.objects.filter(detail="map live stream", action=AuditEntry.Action.VIEWED)
    assert Counter(entries.values_list("user_id", "record_id")) == expected
    assert expected  # restricted reports were sent


@pytest.mark.django_db
def test_a_quiet_tick_reads_the_readers_but_not_the_reports(theatre, readers, italian_analyst):
    lookout = live.Lookout()
    cursors = [opened(reader) for reader in readers]
    validated(italian_analyst, MARKINGS[0])
    lookout.look(cursors, announced=True)
    # Nothing committed since (SQLite's data version), or nothing announced (PostgreSQL, listening).
    with CaptureQueriesContext(connection) as queries:
        lookout.look(cursors, announced=connection.vendor == "sqlite")
    assert not any(EventReport._meta.db_table in query["sql"] for query in queries)
    assert len(queries) == (2 if connection.vendor == "sqlite" else 1)


@pytest.mark.django_db
def test_fresh_subjects_agree_with_the_policy(theatre, readers, german_watchkeeper):
    UserProfile.objects.filter(user=german_watchkeeper).update(restrictive_grants=["crypto: yes", "ATOMAL:x"])
    gone = make_user("gone", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.ANALYST,))
    User.objects.filter(pk=gone.pk).update(is_active=False)
    bare = User.objects.create_user("bare", password="bare-pass-123")
    users = [*readers, gone, bare]
    with CaptureQueriesContext(connection) as queries:
        subjects = policy.fresh_subjects([user.pk for user in users])
    assert len(queries) == 1
    for user in users:
        assert subjects[user.pk] == policy.fresh_subject_for(User.objects.get(pk=user.pk)), user.username
    assert subjects[german_watchkeeper.pk].grants == {("CRYPTO", "YES"), ("ATOMAL", "X")}
    assert not subjects[gone.pk].active
    assert not subjects[bare.pk].active


class CountingLookout:
    """A look that touches no database: it records whom each look was for."""

    looks: list[list] = []

    def look(self, members: list, *, announced: bool) -> None:
        CountingLookout.looks.append(list(members))


def test_waiting_streams_share_one_look_under_wsgi():
    CountingLookout.looks = []
    hub = live_hub.ThreadHub(lookout=CountingLookout, interval=lambda: 3600.0)
    members = [object() for _ in range(10)]
    seen = {member: hub.join(member) for member in members}
    hub.wait(seen[members[0]], timeout=5)  # the joins' first look, for whoever had joined
    looks_before = len(CountingLookout.looks)
    counts = {member: len(CountingLookout.looks) for member in members}
    done = []

    def stream(member: object) -> None:
        hub.wait(counts[member], timeout=30)
        done.append(member)

    threads = [threading.Thread(target=stream, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    hub.wake()
    for thread in threads:
        thread.join(30)
    assert len(done) == len(members)
    assert len(CountingLookout.looks) == looks_before + 1
    assert set(CountingLookout.looks[-1]) == set(members)
    for member in members:
        hub.leave(member)


@pytest.mark.django_db(transaction=True)
def test_the_asgi_hub_looks_for_all_its_streams_and_stops_when_the_last_leaves(
    theatre, readers, italian_analyst, monkeypatch, queries_everywhere
):
    monkeypatch.setattr(live, "POLL_SECONDS", 0.05)
    looks: list[int] = []

    class Recorded(live.Lookout):
        def look(self, cursors, *, announced):
            looks.append(len(cursors))
            super().look(cursors, announced=announced)

    async def scenario() -> tuple[int, dict[int, list[int]], live_hub.AsyncHub, int, int]:
        hub = live_hub.async_hub(lookout=Recorded, interval=live._interval, listen=None)
        cursors = [opened(reader) for reader in readers for _ in range(5)]
        for cursor in cursors:
            hub.join(cursor)
        await hub.wait(cursors[0], timeout=10)
        shared = "NATO UNCLASSIFIED // REL TO KFOR, EULEX"  # every reader may see it
        report = await validated_elsewhere(italian_analyst, shared)
        received: dict[int, list[int]] = {}
        for cursor in cursors:
            for _ in range(20):
                received[id(cursor)] = received.get(id(cursor), []) + delivered(cursor)
                if report.pk in received[id(cursor)]:
                    break
                await hub.wait(cursor, timeout=1)
        for cursor in cursors:
            hub.leave(cursor)
        await asyncio.sleep(0.2)  # the hub's last tick ends, and it closes down
        before = len(queries_everywhere)
        await asyncio.sleep(0.5)  # ten ticks' time
        return report.pk, received, hub, before, len(queries_everywhere)

    report_id, received, hub, before, after = run_in_own_loop(scenario)
    assert len(received) == 20
    assert all(sent == [report_id] for sent in received.values())
    assert set(looks) == {20}  # every look was for all the streams
    assert hub._task is None  # idle: no task, and no query
    assert after == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not notify.listens(), reason="LISTEN/NOTIFY is PostgreSQL's")
def test_a_notification_from_another_process_wakes_the_hub_at_once(
    theatre, german_watchkeeper, italian_analyst, monkeypatch
):
    import psycopg

    monkeypatch.setattr(live, "POLL_SECONDS", 3600.0)  # no tick would come in time: only LISTEN can
    monkeypatch.setattr(live_hub, "wake", lambda: None)  # nor a wake from a change made in this process

    async def scenario() -> tuple[int, list[int]]:
        up = asyncio.Event()

        async def listen(on_notify, on_listening):
            def noted(state: bool) -> None:
                on_listening(state)
                if state:
                    up.set()

            await notify.listen(on_notify, noted)

        hub = live_hub.async_hub(lookout=live.Lookout, interval=live._interval, listen=listen)
        cursor = opened(german_watchkeeper)
        hub.join(cursor)
        await asyncio.wait_for(up.wait(), 10)
        report = await validated_elsewhere(italian_analyst, MARKINGS[0])
        # Another process's NOTIFY, on a connection of its own.
        other = await psycopg.AsyncConnection.connect(**notify._connection_params(), autocommit=True)
        async with other:
            await other.execute(f"NOTIFY {notify.CHANNEL}")
        sent: list[int] = []
        for _ in range(30):
            await hub.wait(cursor, timeout=1)
            sent += delivered(cursor)
            if sent:
                break
        hub.leave(cursor)
        return report.pk, sent

    report_id, sent = run_in_own_loop(scenario)
    assert sent == [report_id]
