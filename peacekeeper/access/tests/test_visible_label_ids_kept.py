"""`policy.visible_label_ids` keeps each subject's answer per process: it must always equal the policy's
own query, see a new label at once, follow a changed profile, and never keep a label that a rolled-back
transaction created (on SQLite its id is handed out again to the next label). Within one request it asks
the label table once (`access.middleware`), and still sees a label stored during the request.

Transactional: inside a test's transaction the answer is asked afresh each time, as in any transaction."""

import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from peacekeeper.access import policy, request_labels
from peacekeeper.access.labels import intern_label, parse_marking
from peacekeeper.access.models import ReleaseLabel, UserProfile
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

pytestmark = pytest.mark.django_db(transaction=True)

READERS = ("german_watchkeeper", "italian_analyst", "eulex_partner")


def direct(user: User) -> list[int]:
    return sorted(policy.visible_labels(policy.subject_for(user)).values_list("pk", flat=True))


def fresh(user: User) -> User:
    """The user read again: a request's user, whose subject is not yet cached on it."""
    return User.objects.get(pk=user.pk)


def label(marking: str) -> ReleaseLabel:
    return intern_label(parse_marking(marking))


@pytest.fixture
def labels(organisations):
    policy._label_answers.clear()
    return [
        label(marking)
        for marking in (
            "NATO UNCLASSIFIED // REL TO KFOR",
            "NATO RESTRICTED // REL TO KFOR, EULEX",
            "NATO RESTRICTED // DEU ONLY",
            "NATO SECRET // REL TO KFOR",
        )
    ]


@pytest.mark.parametrize("reader", READERS)
def test_the_kept_answer_is_the_policy_query(request, labels, reader):
    user = request.getfixturevalue(reader)
    assert sorted(policy.visible_label_ids(fresh(user))) == direct(user)
    assert sorted(policy.visible_label_ids(fresh(user))) == direct(user)  # the kept one, the second time
    assert policy._label_answers


def test_a_new_label_is_seen_at_the_next_ask(labels, german_watchkeeper, italian_analyst):
    policy.visible_label_ids(fresh(german_watchkeeper))
    policy.visible_label_ids(fresh(italian_analyst))
    german_only = label("NATO UNCLASSIFIED // DEU ONLY")
    assert german_only.pk in policy.visible_label_ids(fresh(german_watchkeeper))
    assert german_only.pk not in policy.visible_label_ids(fresh(italian_analyst))


def test_a_lowered_clearance_applies_at_the_next_ask(labels, italian_analyst):
    secret = ReleaseLabel.objects.get(marking="NATO SECRET // REL TO KFOR")
    assert secret.pk in policy.visible_label_ids(fresh(italian_analyst))
    UserProfile.objects.filter(user=italian_analyst).update(clearance=2)  # NATO RESTRICTED
    assert secret.pk not in policy.visible_label_ids(fresh(italian_analyst))
    assert sorted(policy.visible_label_ids(fresh(italian_analyst))) == direct(fresh(italian_analyst))


def test_a_label_of_a_rolled_back_transaction_is_never_kept(labels, german_watchkeeper):
    seen_inside: list[tuple[int, list[int]]] = []

    def create_then_fail() -> None:
        with transaction.atomic():
            rolled_back = label("NATO RESTRICTED // REL TO KFOR, DEU")
            seen_inside.append((rolled_back.pk, policy.visible_label_ids(fresh(german_watchkeeper))))
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        create_then_fail()
    rolled_back_id, answer_inside = seen_inside[0]
    assert rolled_back_id in answer_inside
    assert not ReleaseLabel.objects.filter(pk=rolled_back_id).exists()
    assert rolled_back_id not in policy.visible_label_ids(fresh(german_watchkeeper))
    # The next label may be given the same id: the German may not see this one.
    italian_only = label("NATO RESTRICTED // ITA ONLY")
    assert italian_only.pk not in policy.visible_label_ids(fresh(german_watchkeeper))
    assert sorted(policy.visible_label_ids(fresh(german_watchkeeper))) == direct(german_watchkeeper)


def label_table_reads(queries) -> int:
    """How often the label table's size was asked: what each ask costs once the answer is kept."""
    return sum('MAX("access_releaselabel"."id")' in query["sql"] for query in queries)


def test_within_a_request_the_label_table_is_read_once_and_a_label_stored_meanwhile_is_seen(
    labels, german_watchkeeper, italian_analyst
):
    user = fresh(german_watchkeeper)
    with request_labels.labels_read_once_per_request():
        first = policy.visible_label_ids(user)
        with CaptureQueriesContext(connection) as queries:
            assert policy.visible_label_ids(user) == first
            assert policy.visible_label_ids(user) == first
        assert label_table_reads(queries.captured_queries) == 0
        german_only = label("NATO UNCLASSIFIED // DEU ONLY")
        assert german_only.pk in policy.visible_label_ids(user)
        assert sorted(policy.visible_label_ids(user)) == direct(german_watchkeeper)
        # Another reader in the same request has an answer of their own.
        assert german_only.pk not in policy.visible_label_ids(fresh(italian_analyst))
    # Outside a request, every ask looks at the label table again.
    with CaptureQueriesContext(connection) as queries:
        policy.visible_label_ids(user)
    assert label_table_reads(queries.captured_queries) == 1


def test_a_report_page_reads_the_label_table_once(
    labels, theatre, client, german_watchkeeper, italian_analyst
):
    report = create_report(user=german_watchkeeper, data=an_event(marking="NATO UNCLASSIFIED // REL TO KFOR"))
    client.force_login(italian_analyst)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/log/{report.pk}/")
    assert response.status_code == 200
    assert label_table_reads(queries.captured_queries) == 1


def test_within_a_request_an_answer_read_in_a_transaction_is_kept_until_a_label_is_stored(
    labels, german_watchkeeper
):
    user = fresh(german_watchkeeper)
    with request_labels.labels_read_once_per_request():
        with transaction.atomic():
            first = policy.visible_label_ids(user)
            with CaptureQueriesContext(connection) as queries:
                assert policy.visible_label_ids(user) == first
            assert not queries.captured_queries  # kept: every label this transaction saw is committed

        def store_then_fail() -> int:
            with transaction.atomic():
                rolled_back = label("NATO RESTRICTED // REL TO KFOR, DEU")
                assert rolled_back.pk in policy.visible_label_ids(user)
                raise RuntimeError(rolled_back.pk)

        with pytest.raises(RuntimeError) as failed:
            store_then_fail()
        rolled_back_id = failed.value.args[0]
        assert rolled_back_id not in policy.visible_label_ids(user)
        # Its id may be handed to the next label, which the German may not see: never kept as seen.
        with transaction.atomic():
            italian_only = label("NATO RESTRICTED // ITA ONLY")
            assert italian_only.pk not in policy.visible_label_ids(user)
        assert italian_only.pk not in policy.visible_label_ids(user)
        assert sorted(policy.visible_label_ids(user)) == direct(german_watchkeeper)


def test_a_label_another_process_stored_is_seen_once_this_request_takes_it_up(labels, german_watchkeeper):
    user = fresh(german_watchkeeper)
    marking = "NATO UNCLASSIFIED // DEU ONLY"
    with request_labels.labels_read_once_per_request():
        policy.visible_label_ids(user)
        # Another process stores the label (a thread: its own connection, no request of ours).
        stored_elsewhere = threading.Thread(target=lambda: (label(marking), connection.close()))
        stored_elsewhere.start()
        stored_elsewhere.join()
        german_only = ReleaseLabel.objects.get(marking=marking)
        assert german_only.pk not in policy.visible_label_ids(user)  # kept: as if stored after this request
        # This request now writes with it (the marking resolved to the stored label): its records are seen.
        assert label(marking) == german_only
        assert german_only.pk in policy.visible_label_ids(user)
