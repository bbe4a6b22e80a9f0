"""Every page type names its canonical URL and describes itself with Open Graph tags."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from peacekeeper.public.models import AboutPage, NewsPage
from peacekeeper.public.tests.head_tags import links, og


def _head(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("path", "title", "kind"),
    [
        ("/en/", "KFOR — NATO Mission in Kosovo", "website"),
        ("/sq/about-us/", "Rreth nesh", "website"),
        ("/sr/about-us/contributing-nations/", "Zemlje koje doprinose", "website"),
        ("/en/news/", "News", "website"),
        ("/en/media-operations/", "Media operations", "website"),
        ("/sr/safety-notices/", "Bezbednosna obaveštenja", "website"),
        ("/en/news/exercise-road-closure-drill-zvecan/", "EXERCISE: road closure drill at Zvečan", "article"),
    ],
)
def test_each_page_type_has_its_canonical_url_and_open_graph_tags(client, seeded, path, title, kind):
    html = _head(client, path)

    url = f"http://testserver{path}"
    assert [link["href"] for link in links(html, "canonical")] == [url]
    tags = og(html)
    assert tags["og:url"] == [url]
    assert tags["og:title"] == [title]
    assert tags["og:type"] == [kind]
    assert tags["og:description"][0]
    language = path.split("/")[1]
    locales = {"en": "en_GB", "sq": "sq_AL", "sr": "sr_RS"}
    assert tags["og:locale"] == [locales[language]]
    assert sorted(tags["og:locale:alternate"]) == sorted(v for k, v in locales.items() if k != language)
    assert "og:image" not in tags


def test_a_page_shown_in_english_for_want_of_a_translation_names_the_english_page(client, seeded):
    AboutPage.objects.get(locale__language_code="sq", slug="about-us").unpublish()

    html = _head(client, "/sq/about-us/")

    assert [link["href"] for link in links(html, "canonical")] == ["http://testserver/en/about-us/"]
    tags = og(html)
    assert tags["og:locale"] == ["en_GB"]
    assert tags["og:locale:alternate"] == ["sr_RS"]


def test_a_news_item_with_an_image_gives_it_with_its_alt_text(client, seeded, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(title="Patrol", file=get_test_image_file())
    news = NewsPage.objects.get(locale__language_code="en", slug="exercise-road-closure-drill-zvecan")
    news.image = image
    news.image_alt = "Soldiers at a checkpoint on the road at Zvečan"
    news.save_revision().publish()

    tags = og(_head(client, "/en/news/exercise-road-closure-drill-zvecan/"))

    assert len(tags["og:image"]) == 1
    assert tags["og:image"][0].startswith("http://testserver/media/images/")
    assert tags["og:image:alt"] == ["Soldiers at a checkpoint on the road at Zvečan"]
    assert int(tags["og:image:width"][0]) > 0


def test_the_search_page_names_itself_without_its_query(client, seeded):
    html = _head(client, "/sq/search/?q=Zve%C4%8Dan")

    assert [link["href"] for link in links(html, "canonical")] == ["http://testserver/sq/search/"]
    assert og(html)["og:url"] == ["http://testserver/sq/search/"]
    assert og(html)["og:locale"] == ["sq_AL"]


def test_a_page_not_found_names_no_canonical_url(client, seeded):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert links(html, "canonical") == []
    assert "og:url" not in og(html)
