"""The public site's languages: the code each has in the URL (settings.LANGUAGES), the content language it
is written in (a Wagtail Locale, settings.WAGTAIL_CONTENT_LANGUAGES) and the tag it is declared with in
`lang` and `hreflang` (BCP 47).

Serbian is written once, in Latin (`sr`), and served in two scripts: `/sr/` as written, `/sr-cyrl/`
transliterated (cyrillic.py). Both show the `sr` Locale's pages; Wagtail itself resolves an active
`sr-cyrl` to that Locale (`Locale.get_active`) and builds a Serbian page's URL under `/sr-cyrl/` while
`sr-cyrl` is active (`Page.get_url_parts`).
"""

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

SERBIAN_CYRILLIC = "sr-cyrl"
# A code whose tag is not the code itself: Serbian says its script, so a reader (and a screen reader)
# knows which of the two a page is in.
TAGS = {"sr": "sr-Latn", SERBIAN_CYRILLIC: "sr-Cyrl"}


def language_tag(code: str) -> str:
    """The BCP 47 tag of a URL language: `sr-Latn` for `sr`, `sr-Cyrl` for `sr-cyrl`."""
    return TAGS.get(code, code)


def content_language(code: str) -> str:
    """The content language a URL language shows: `sr` for `sr-cyrl`, any other the code itself."""
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return code


def url_languages(content_code: str) -> list[str]:
    """The URL languages that show a content language's pages: `sr` and `sr-cyrl` for `sr`."""
    return [code for code, _name in settings.LANGUAGES if content_language(code) == content_code]


def in_cyrillic(code: str | None = None) -> bool:
    """Whether a language (the active one unless given) is served in Cyrillic."""
    return (code or translation.get_language() or "").lower() == SERBIAN_CYRILLIC
