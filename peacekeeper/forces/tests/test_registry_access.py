"""A unit or caveat the reader may not see is absent from every registry output, and from its figures."""

from peacekeeper.forces.models import Caveat, Unit


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_german_only_unit_is_listed_for_germans_only(
    client, german_only_unit, german_watchkeeper, italian_analyst
):
    client.force_login(german_watchkeeper)
    assert "DEU NSE" in page(client, "/forces/")
    assert client.get(f"/forces/units/{german_only_unit.pk}/").status_code == 200
    client.force_login(italian_analyst)
    units_page = page(client, "/forces/")
    assert "DEU NSE" not in units_page
    assert "German national support element" not in units_page
    assert client.get(f"/forces/units/{german_only_unit.pk}/").status_code == 404
    assert client.get(f"/api/forces/units/{german_only_unit.pk}").status_code == 404


def test_the_units_total_does_not_count_a_hidden_unit(
    client, german_only_unit, german_watchkeeper, italian_analyst
):
    visible_total = sum(Unit.objects.exclude(pk=german_only_unit.pk).values_list("strength", flat=True))
    client.force_login(italian_analyst)
    assert f"{visible_total} personnel where known" in page(client, "/forces/")
    client.force_login(german_watchkeeper)
    assert f"{visible_total + 120} personnel where known" in page(client, "/forces/")


def test_a_hidden_caveat_is_absent_from_lists_api_and_the_unit_it_binds(
    client, german_only_unit, german_watchkeeper, italian_analyst
):
    secret = Caveat.objects.get(unit=german_only_unit)
    german_caveat = Caveat.objects.get(scenario_key="caveat:deu-no-crc")
    client.force_login(italian_analyst)
    assert secret.pk not in {c["id"] for c in client.get("/api/forces/caveats").json()}
    assert "test caveat released to Germany only" not in page(client, "/forces/caveats/")
    assert client.get(f"/forces/caveats/{secret.pk}/").status_code in (403, 404)
    client.force_login(german_watchkeeper)
    assert secret.pk in {c["id"] for c in client.get("/api/forces/caveats").json()}
    detail = client.get(f"/api/forces/units/{german_only_unit.pk}").json()
    assert {c["id"] for c in detail["caveats"]} == {secret.pk, german_caveat.pk}


def test_a_caveat_above_the_readers_clearance_is_not_shown(
    client, forces, german_watchkeeper, italian_analyst
):
    turkish = Caveat.objects.get(scenario_key="caveat:tur-not-north")
    assert turkish.label.marking == "NATO CONFIDENTIAL // REL TO KFOR"
    jrd_s = Unit.objects.get(short_name="JRD-S")
    client.force_login(german_watchkeeper)  # cleared NATO RESTRICTED
    assert "Not north of the Ibar" not in page(client, "/forces/caveats/")
    assert client.get(f"/api/forces/units/{jrd_s.pk}").json()["caveats"] == []
    assert "No caveats released to you bind this unit." in page(client, f"/forces/units/{jrd_s.pk}/")
    client.force_login(italian_analyst)  # cleared NATO SECRET
    caveats_page = page(client, "/forces/caveats/")
    assert "Not north of the Ibar" in caveats_page
    assert "NATO CONFIDENTIAL // REL TO KFOR" in caveats_page
    assert [c["kind"] for c in client.get(f"/api/forces/units/{jrd_s.pk}").json()["caveats"]] == [
        "not_north_of_ibar"
    ]


def test_a_partner_sees_no_unit_and_no_caveat(client, forces, eulex_partner):
    client.force_login(eulex_partner)
    assert "No units match, or none are released to you." in page(client, "/forces/")
    assert client.get("/api/forces/caveats").json() == []
    assert "No caveats are released to you." in page(client, "/forces/caveats/")


def test_the_unit_record_carries_the_registry_values(client, forces, italian_analyst):
    client.force_login(italian_analyst)
    ktrbn = Unit.objects.get(short_name="KTRBN")
    record = client.get(f"/api/forces/units/{ktrbn.pk}").json()
    assert record["capabilities"] == ["infantry", "crc"]
    assert record["readiness_hours"] == 2
    assert record["rotation_end"] == "2027-02-01"
    assert record["assumptions"]["strength"].startswith("exercise assumption")
    detail = page(client, f"/forces/units/{ktrbn.pk}/")
    assert "Crowd and riot control" in detail
    assert "exercise assumption: strength not in the sources" in detail
    assert "/cop/symbols/10031000161211000000.svg" in detail


def test_the_units_table_filters_and_sorts(client, forces, italian_analyst):
    client.force_login(italian_analyst)
    crc = page(client, "/forces/?capability=crc")
    assert "KTRBN" in crc
    assert "MSU" in crc
    assert "JRD-N" not in crc
    italian = page(client, "/forces/?nation=ita&sort=strength&dir=desc")
    assert (
        italian.index(">MSU<")
        < italian.index(">ISR MNBN<")
        < italian.index(">RC-W<")
        < italian.index(">IT Coy<")
        < italian.index(">JRD-C<")
        < italian.index(">IT MP Pl<")
    )
    camp = Unit.objects.get(short_name="RC-E").camp
    at_bondsteel = page(client, f"/forces/?camp={camp.pk}")
    assert "RC-E" in at_bondsteel
    assert "KTRBN" not in at_bondsteel


def test_the_nations_page_charts_every_contributor(client, forces, italian_analyst):
    client.force_login(italian_analyst)
    nations = page(client, "/forces/nations/")
    assert nations.count('<th scope="row">') == 33
    assert 'data-testid="strength-chart"' in nations
    assert "2017-02: 4273 troops" in nations
    assert "Slovenia" in nations
    assert 'title="name inferred"' in nations
