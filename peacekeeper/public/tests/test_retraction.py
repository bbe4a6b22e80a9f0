"""A page retracted in English is retracted in Albanian and Serbian too, and expires with its translations."""

from datetime import timedelta

from django.utils import timezone

from peacekeeper.public.models import NewsPage

_SLUG = "exercise-road-closure-drill-zvecan"


def _in_every_language() -> dict[str, NewsPage]:
    return {
        page.locale.language_code: page
        for page in NewsPage.objects.filter(translation_key=_english().translation_key)
    }


def _english() -> NewsPage:
    return NewsPage.objects.get(locale__language_code="en", slug=_SLUG)


def test_unpublishing_an_english_page_unpublishes_its_translations(client, seeded):
    assert {code: page.live for code, page in _in_every_language().items()} == {
        "en": True,
        "sq": True,
        "sr": True,
    }

    _english().unpublish()

    assert {code: page.live for code, page in _in_every_language().items()} == {
        "en": False,
        "sq": False,
        "sr": False,
    }
    for code, page in _in_every_language().items():
        assert client.get(f"/{code}/news/{page.slug}/", follow=True).status_code == 404


def test_unpublishing_a_translation_leaves_the_english_page_live(seeded):
    _in_every_language()["sq"].unpublish()

    assert {code: page.live for code, page in _in_every_language().items()} == {
        "en": True,
        "sq": False,
        "sr": True,
    }


def test_an_english_page_published_with_an_expiry_gives_it_to_its_translations(seeded):
    expiry = timezone.now() + timedelta(days=2)
    english = _english()
    english.expire_at = expiry
    english.save_revision().publish()

    assert {code: page.expire_at for code, page in _in_every_language().items()} == {
        "en": expiry,
        "sq": expiry,
        "sr": expiry,
    }
