"""The pages that show what release bundles brought: nothing typed by hand, and honest when empty."""

from datetime import UTC, date, datetime, timedelta

from peacekeeper.release.models import PublicContribution, PublicNotice, PublicStrength


def test_contributing_nations_say_when_nothing_is_released(client, seeded):
    html = client.get("/en/about-us/contributing-nations/").content.decode()

    assert "No released figures yet" in html


def test_contributing_nations_come_from_the_latest_released_placemat(client, seeded):
    for code, name, troops, as_of, approximate in [
        ("ITA", "Italy", 1180, date(2025, 4, 1), False),
        ("USA", "United States", 600, date(2025, 4, 1), True),
        ("AUT", "Austria", 487, date(2017, 2, 1), False),
    ]:
        PublicContribution.objects.create(
            nation_code=code,
            nation_name=name,
            troops=troops,
            as_of=as_of,
            approximate=approximate,
            source=f"placemat {as_of:%Y-%m}",
            marking="PUBLIC",
        )

    html = client.get("/sq/about-us/contributing-nations/").content.decode()

    assert "Italy" in html
    assert "United States" in html
    assert "Austria" not in html  # an older placemat
    assert "≈ 600" in html
    assert "≈ 1780" in html
    assert "04.2025" in html
    # The released figures' own source, cited as written (translate="no": not transliterated in sr-cyrl).
    assert 'Burimet: <cite translate="no">placemat 2025-04</cite></p>' in html


def test_safety_notices_list_those_in_force(client, seeded):
    now = datetime.now(UTC)
    PublicNotice.objects.create(
        source_id="r1",
        kind="closed",
        place="at Zvečan",
        roads=["M-2"],
        segments=["M-2 Mitrovica–Zvečan"],
        started_at=now - timedelta(hours=2),
        marking="PUBLIC",
    )
    PublicNotice.objects.create(
        source_id="r2", kind="restricted", place="near Podujevo", started_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=1), marking="PUBLIC",
    )  # fmt: skip

    html = client.get("/sr/safety-notices/").content.decode()

    assert 'Put zatvoren <span lang="en">at Zvečan</span>' in html  # the bundle's place line is English
    assert "M-2 Mitrovica–Zvečan" in html
    assert "near Podujevo" not in html


def test_safety_notices_say_when_none_are_released(client, seeded):
    html = client.get("/en/safety-notices/").content.decode()

    assert "No safety notices in force have been released." in html


def test_contributing_nations_open_on_the_latest_placemat_that_lists_the_whole_force(client, seeded):
    # The newest placemat in the sources gives one nation's figure only; the force's stated strength on that
    # date says it is partial, so the page shows the older whole one, as the mission's placemat page does.
    for code, name, troops, as_of in [
        ("ITA", "Italy", 1180, date(2025, 4, 1)),
        ("AUT", "Austria", 487, date(2017, 2, 1)),
        ("DEU", "Germany", 531, date(2017, 2, 1)),
    ]:
        PublicContribution.objects.create(
            nation_code=code, nation_name=name, troops=troops, as_of=as_of, marking="PUBLIC"
        )
    PublicStrength.objects.create(as_of=date(2025, 4, 1), troops=4800, marking="PUBLIC")

    html = client.get("/en/about-us/contributing-nations/").content.decode()

    assert "Austria" in html
    assert "Germany" in html
    assert "Italy" not in html
