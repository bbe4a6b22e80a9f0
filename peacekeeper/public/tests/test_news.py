import pytest
from django.core.exceptions import ValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from peacekeeper.public.models import NewsIndexPage, NewsPage


def _news(**fields) -> NewsPage:
    return NewsPage(title="Item", slug="item", body="<p>Text.</p>", **fields)


@pytest.mark.parametrize("place", ["Zvečan", "Zveçan", "Звечан", "zvecan", "Mitrovicë"])
def test_a_place_from_the_gazetteer_is_taken_in_any_script(place):
    NewsPage._meta.get_field("place").run_validators(place)


def test_a_place_outside_the_gazetteer_is_refused_naming_it():
    with pytest.raises(ValidationError) as refused:
        NewsPage._meta.get_field("place").run_validators("Atlantis")

    assert refused.value.messages == [
        "“Atlantis” is not a place in the theatre's gazetteer; write a town's name, e.g. Pristina."
    ]


@pytest.mark.django_db
def test_an_image_without_alt_text_is_refused():
    image = Image.objects.create(title="Patrol", file=get_test_image_file())

    with pytest.raises(ValidationError) as refused:
        _news(place="Pristina", image=image).clean()

    assert "image_alt" in refused.value.message_dict


def test_an_exercise_item_shows_the_exercise_banner(client, seeded):
    html = client.get("/sr/news/exercise-road-closure-drill-zvecan/").content.decode()

    assert "VEŽBA — ova vest opisuje vežbu, a ne stvarni događaj." in html
    assert "25.11.2026" in html
    assert "Zvečan" in html


def test_a_real_item_has_no_exercise_banner(client, seeded):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    index.add_child(
        instance=_news(place="Pristina", image_alt="", date="2026-12-01")
    ).save_revision().publish()

    html = client.get("/en/news/item/").content.decode()

    assert "EXERCISE —" not in html
    assert "01.12.2026" in html
