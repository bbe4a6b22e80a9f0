"""Duplicates as people file them (issue 14, item 6): related categories, narratives alike in any script,
close in place and time; never a report the reader may not see."""

from datetime import timedelta

import pytest
from django.urls import reverse

from peacekeeper.events.duplicates import narrative_similarity, suggest_duplicates
from peacekeeper.events.recording import create_report
from peacekeeper.events.related_categories import RELATED_GROUPS, related_group
from peacekeeper.events.taxonomy import CATEGORIES
from peacekeeper.events.tests.factories import ZVECAN, an_event
from peacekeeper.theatre.distances import KM_PER_DEGREE_LAT
from peacekeeper.theatre.names import latin_to_cyrillic

FIGHT = "Fight between about 20 youths of two communities near the bridge, stones thrown, two injured."
SAME_FIGHT = "Mob of approx 20 young men attacking each other with stones at the bridge; 2 persons injured."
SAME_FIGHT_SERBIAN = "Tuča između 20 mladića dve zajednice kod mosta, bačeno kamenje, dvoje povređenih."


def metres_north(metres: float) -> float:
    return ZVECAN[0] + metres / 1000 / KM_PER_DEGREE_LAT


@pytest.fixture
def fight(theatre, german_watchkeeper):
    return create_report(
        user=german_watchkeeper,
        data=an_event(category="riots.mob_violence", narrative=FIGHT, location_name="Zvečan"),
    )


@pytest.mark.django_db
def test_the_same_fight_filed_30_m_and_5_min_apart_as_inter_ethnic_incident_is_suggested(
    fight, german_watchkeeper, italian_analyst
):
    other = create_report(
        user=german_watchkeeper,
        data=an_event(
            category="security.inter_ethnic",
            narrative=SAME_FIGHT,
            lat=metres_north(30),
            occurred_at=fight.occurred_at + timedelta(minutes=5),
        ),
    )

    [suggestion] = suggest_duplicates(event=fight, user=italian_analyst)

    assert suggestion.event == other
    assert not suggestion.same_category
    assert suggestion.explanation.startswith(
        "same place ±30 m, 5 min apart, related categories (crowd violence), narratives 0."
    )
    assert suggestion.explanation.endswith(" alike")


@pytest.mark.django_db
def test_the_same_fight_told_in_serbian_cyrillic_is_suggested(fight, german_watchkeeper, italian_analyst):
    other = create_report(
        user=german_watchkeeper,
        data=an_event(
            category="security.inter_ethnic",
            narrative=latin_to_cyrillic(SAME_FIGHT_SERBIAN),
            lat=metres_north(60),
            occurred_at=fight.occurred_at - timedelta(minutes=12),
        ),
    )

    assert [s.event for s in suggest_duplicates(event=fight, user=italian_analyst)] == [other]


@pytest.mark.django_db
def test_the_same_category_at_the_same_spot_hours_earlier_is_not_suggested(
    fight, german_watchkeeper, italian_analyst
):
    create_report(
        user=german_watchkeeper,
        data=an_event(
            category="riots.mob_violence",
            narrative="A group attacking a vehicle on the main road; driver unhurt.",
            lat=metres_north(40),
            occurred_at=fight.occurred_at - timedelta(hours=4),
        ),
    )

    assert suggest_duplicates(event=fight, user=italian_analyst) == []


@pytest.mark.django_db
def test_the_same_category_a_kilometre_away_is_not_suggested(fight, german_watchkeeper, italian_analyst):
    create_report(
        user=german_watchkeeper,
        data=an_event(
            category="riots.mob_violence",
            narrative="A group attacking passers-by outside the school.",
            lat=metres_north(1200),
            occurred_at=fight.occurred_at + timedelta(minutes=20),
        ),
    )

    assert suggest_duplicates(event=fight, user=italian_analyst) == []


@pytest.mark.django_db
def test_an_unrelated_category_at_the_same_place_and_time_is_not_suggested(
    fight, german_watchkeeper, italian_analyst
):
    create_report(
        user=german_watchkeeper,
        data=an_event(category="civil.humanitarian", narrative=FIGHT, lat=metres_north(10)),
    )

    assert suggest_duplicates(event=fight, user=italian_analyst) == []


@pytest.mark.django_db
def test_a_report_hidden_from_the_reader_is_never_suggested_however_alike(
    fight, german_watchkeeper, italian_analyst
):
    hidden = create_report(
        user=german_watchkeeper,
        data=an_event(category="riots.mob_violence", narrative=FIGHT, marking="NATO RESTRICTED // DEU ONLY"),
    )

    assert [s.event for s in suggest_duplicates(event=fight, user=german_watchkeeper)] == [hidden]
    assert suggest_duplicates(event=fight, user=italian_analyst) == []


@pytest.mark.django_db
def test_the_report_page_and_the_api_say_why_a_report_is_suggested(
    client, fight, german_watchkeeper, italian_analyst
):
    other = create_report(
        user=german_watchkeeper,
        data=an_event(
            category="security.inter_ethnic",
            narrative=SAME_FIGHT,
            lat=metres_north(30),
            occurred_at=fight.occurred_at + timedelta(minutes=5),
        ),
    )
    hidden = create_report(
        user=german_watchkeeper,
        data=an_event(category="riots.mob_violence", narrative=FIGHT, marking="NATO RESTRICTED // DEU ONLY"),
    )
    client.force_login(italian_analyst)

    page = client.get(reverse("events:detail", args=[fight.pk])).content.decode()
    answer = client.get(f"/api/events/{fight.pk}/duplicates").json()

    assert "same place ±30 m, 5 min apart, related categories (crowd violence)" in page
    assert f"{hidden.pk} · " not in page
    assert [row["event_id"] for row in answer] == [other.pk]
    assert answer[0]["related"] == "crowd violence"
    assert answer[0]["explanation"].startswith("same place ±30 m, 5 min apart")


def test_narratives_are_alike_across_scripts_and_accents_and_unlike_across_happenings():
    assert narrative_similarity(SAME_FIGHT_SERBIAN, latin_to_cyrillic(SAME_FIGHT_SERBIAN)) == pytest.approx(
        1.0
    )
    assert narrative_similarity("Barikada kod Zvečana", "barikada kod Zvecana") == pytest.approx(1.0)
    assert narrative_similarity(FIGHT, SAME_FIGHT) > 0.3
    assert (
        narrative_similarity(FIGHT, "A peaceful protest of 200 persons outside the municipal building.") < 0.2
    )
    assert narrative_similarity("", FIGHT) is None


def test_every_related_group_names_real_categories_and_says_why():
    for group in RELATED_GROUPS:
        assert group.codes <= set(CATEGORIES), group.key
        assert len(group.codes) >= 2, group.key
        assert group.rationale, group.key
        assert group.label, group.key
    assert related_group("riots.mob_violence", "security.inter_ethnic").label == "crowd violence"
    assert related_group("fom.restriction", "fom.roadblock").label == "movement restrictions"
    assert related_group("civil.humanitarian", "riots.mob_violence") is None


@pytest.mark.django_db
def test_a_restricted_report_the_api_suggests_is_audited_as_viewed(client, fight, german_watchkeeper):
    from peacekeeper.access.models import AuditEntry

    restricted = create_report(
        user=german_watchkeeper,
        data=an_event(category="riots.mob_violence", narrative=FIGHT, marking="NATO RESTRICTED // DEU ONLY"),
    )
    client.force_login(german_watchkeeper)

    answer = client.get(f"/api/events/{fight.pk}/duplicates").json()

    assert [row["event_id"] for row in answer] == [restricted.pk]
    viewed = AuditEntry.objects.filter(user=german_watchkeeper, detail="duplicates api")
    assert [(entry.record_id, entry.action) for entry in viewed] == [
        (str(restricted.pk), AuditEntry.Action.VIEWED)
    ]
