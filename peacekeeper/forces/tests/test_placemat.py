"""The placemat for a date: the latest placemat on or before it, its figures, its map and its PDF."""

import io
import json
from datetime import date

import pytest
from django.utils import timezone
from pypdf import PdfReader

from peacekeeper.access.labels import label_from_marking
from peacekeeper.core.errors import InputError
from peacekeeper.forces.placemats import latest_complete_day, placemat_on
from peacekeeper.theatre.loading import SCENARIO_ROOT
from peacekeeper.theatre.models import Site

# The February 2017 placemat's stated total (kfor_facts strength_over_time and its 30 figures' sum).
FEBRUARY_2017_TOTAL = 4273


def shipped_sum(as_of: str) -> int:
    rows = json.loads((SCENARIO_ROOT / "kosovo" / "contributions.json").read_text(encoding="utf-8"))
    return sum(row["troops"] for row in rows if row["as_of"] == as_of)


def pdf_text(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_a_known_placemat_adds_up_to_its_stated_total(forces):
    placemat = placemat_on(date(2019, 6, 30))
    assert placemat.as_of == date(2017, 2, 1)
    assert placemat.listed_total == shipped_sum("2017-02-01") == FEBRUARY_2017_TOTAL
    assert placemat.total == FEBRUARY_2017_TOTAL
    assert not placemat.partial
    assert len(placemat.nations) == 30
    troops = [figure.troops for figure in placemat.nations]
    assert troops == sorted(troops, reverse=True)


def test_a_partial_placemat_shows_the_stated_total_and_says_it_is_partial(forces):
    placemat = placemat_on(date(2022, 8, 1))
    assert placemat.as_of == date(2022, 8, 1)
    assert placemat.listed_total == shipped_sum("2022-08-01") == 3060
    assert placemat.total == 3735
    assert placemat.partial
    assert any("partial list" in note for note in placemat.approximation_notes)


def test_today_uses_the_latest_placemat(forces):
    assert placemat_on(timezone.localdate()).as_of == date(2025, 4, 1)


def test_a_date_before_the_first_placemat_is_refused(forces):
    with pytest.raises(InputError) as refused:
        placemat_on(date(2010, 1, 1))
    (problem,) = refused.value.errors
    assert problem.field == "date"
    assert "the first is 2017-02-01" in problem.reason


def test_the_page_shows_the_placemat_used_its_figures_map_and_attribution(client, forces, italian_analyst):
    client.force_login(italian_analyst)
    response = client.get("/forces/placemat/?date=2019-06-30")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="placemat-total">4,273<' in html
    assert "1 February 2017" in html
    assert "docslib.org" in html
    assert html.count('class="area"') == 38
    assert "Camp Bondsteel" in html
    assert "CC BY-SA" in html
    assert response.context["page_marking"] == "NATO UNCLASSIFIED // REL TO KFOR"


@pytest.mark.parametrize("bad", ["2019-13-01", "yesterday", "2019-02-30"])
def test_a_bad_date_is_a_clear_error_naming_the_field(client, forces, italian_analyst, bad):
    client.force_login(italian_analyst)
    response = client.get(f"/forces/placemat/?date={bad}")
    assert response.status_code == 400
    assert f"date: expected a date as YYYY-MM-DD, got &#x27;{bad}&#x27;" in response.content.decode()
    pdf = client.get(f"/forces/placemat.pdf?date={bad}")
    assert pdf.status_code == 400
    assert pdf.content.decode().startswith("date: expected a date")
    api = client.get(f"/api/forces/contributions?date={bad}")
    assert api.status_code == 422
    assert api.json()["errors"][0]["field"] == "date"


def test_the_contributions_api_gives_the_placemat_in_force(client, forces, italian_analyst):
    client.force_login(italian_analyst)
    body = client.get("/api/forces/contributions?date=2023-12-31").json()
    assert body["as_of"] == "2023-10-01"
    assert body["total"] == shipped_sum("2023-10-01") == 4353
    assert body["nations"][0] == {
        "nation": "ITA",
        "nation_name": "Italy",
        "troops": 869,
        "name_inferred": False,
        "note": "",
    }
    assert any("date assumed" in note for note in body["approximation_notes"])
    before = client.get("/api/forces/contributions?date=2001-01-01")
    assert before.status_code == 422
    assert before.json()["errors"][0]["reason"].startswith("no placemat on or before 2001-01-01")


def test_the_pdf_has_the_totals_camps_and_the_marking_top_and_bottom_of_each_page(
    client, forces, italian_analyst
):
    client.force_login(italian_analyst)
    pages = pdf_text(client.get("/forces/placemat.pdf?date=2019-06-30"))
    text = "\n".join(pages)
    assert "4,273" in text
    assert "Italy" in text
    assert "551" in text
    assert "Camp Bondsteel" in text
    assert "CC BY-SA" in text
    for page in pages:
        assert page.count("NATO UNCLASSIFIED // REL TO KFOR") == 2


def test_camps_the_reader_may_not_see_are_left_off_the_page_and_the_pdf(
    client, forces, german_watchkeeper, italian_analyst
):
    bondsteel = Site.objects.get(name="Camp Bondsteel")
    bondsteel.label = label_from_marking("NATO RESTRICTED // DEU ONLY")
    bondsteel.save()
    client.force_login(italian_analyst)
    assert "Camp Bondsteel" not in client.get("/forces/placemat/?date=2019-06-30").content.decode()
    assert "Camp Bondsteel" not in "\n".join(pdf_text(client.get("/forces/placemat.pdf?date=2019-06-30")))
    client.force_login(german_watchkeeper)
    pages = pdf_text(client.get("/forces/placemat.pdf?date=2019-06-30"))
    assert "Camp Bondsteel" in pages[0]
    assert pages[0].count("NATO RESTRICTED // DEU ONLY") == 2


def test_a_partner_gets_the_public_figures_and_no_camp(client, forces, eulex_partner):
    client.force_login(eulex_partner)
    pages = pdf_text(client.get("/forces/placemat.pdf?date=2019-06-30"))
    assert "4,273" in pages[0]
    assert "Camp" not in pages[0].replace("Camps", "")
    assert pages[0].count("PUBLIC") == 2


def test_opened_without_a_date_it_shows_the_latest_complete_placemat(client, forces, italian_analyst):
    client.force_login(italian_analyst)
    page = client.get("/forces/placemat/").content.decode()
    shown = placemat_on(latest_complete_day(date.today()))
    assert not shown.partial
    assert f"{shown.total:,}" in page
    assert 'data-testid="placemat-newer"' in page
    assert 'data-testid="placemat-partial"' not in page


def test_units_invented_for_the_exercise_are_marked_on_the_placemat_and_in_the_registry(
    client, forces, italian_analyst
):
    client.force_login(italian_analyst)
    assert "IT Coy (exercise unit)" in client.get("/forces/placemat/?date=2023-10-01").content.decode()
    assert "RC-W (exercise unit)" not in client.get("/forces/placemat/?date=2023-10-01").content.decode()
    assert "exercise unit</span>" in client.get("/forces/?nation=ita").content.decode()
