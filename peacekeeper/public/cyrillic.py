"""Serbian in Cyrillic: the Latin a Serbian page is written in, transliterated as it is served under
`/sr-cyrl/` (languages.py), by the maintained `cyrtranslit` library.

What is transliterated is what a reader reads, in an element whose language is Serbian (the `lang` of the
nearest element that sets one is `sr` or `sr-Cyrl`): text, and the attributes shown or read out (alt, title,
placeholder, aria-label and the script's words handed over as `data-…-label`, a button's value, the
description and Open Graph text of a `<meta>`). Never transliterated: URLs and e-mail addresses; a word
with a letter Serbian does not have (q, w, x, y: a foreign name such as EULEX, kept whole rather than
half-converted); the product's name, Peacekeeper; code (`code`, `kbd`, `samp`, `pre`), scripts and
styles; what a visitor wrote (a form field's value, a textarea); an element marked `translate="no"` (a
cited work's title, a postal address, a news item's tags, each one name shared by every language's
pages); text in another language (an English page shown for want of a translation, the switcher's other
languages). Latin acronyms are transliterated as Serbian Cyrillic writes them (КФОР, НАТО, УН).

The HTML is read with the standard library's parser and written back as it came, but for the text and
the attributes changed: linear in the page's length. The page cache (page_cache.py) keeps the result, so a
page is transliterated once per content version.
"""

import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

import cyrtranslit
from django.http import HttpRequest, HttpResponse

from peacekeeper.public.languages import SERBIAN_CYRILLIC, in_cyrillic

# Names Serbian Cyrillic text keeps in Latin, as it does a foreign brand's: the product's own.
LATIN_NAMES = ("Peacekeeper",)
# Kept as written: a URL or an e-mail address, a word with a letter the Serbian alphabet lacks, a Latin name.
_KEPT = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\w*[qwxyQWXY]\w*"
    rf"|\b(?:{'|'.join(LATIN_NAMES)})\b"
)
# cyrtranslit reads the digraphs written Nj, nj, Lj, lj, Dž and dž, not in capitals (NJ, LJ, DŽ).
_CAPITAL_DIGRAPHS = re.compile("NJ|LJ|DŽ")
_CAPITAL_LETTERS = {"NJ": "Њ", "LJ": "Љ", "DŽ": "Џ"}

# Elements whose text is never transliterated: code, scripts and styles, what a visitor wrote.
KEPT_ELEMENTS = frozenset({"script", "style", "code", "kbd", "samp", "pre", "textarea", "svg", "math"})
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
TEXT_ATTRIBUTES = frozenset({"alt", "title", "placeholder"})
BUTTON_TYPES = frozenset({"submit", "button", "reset"})
# <meta> whose content is text a reader sees (a search result's or a link preview's).
TEXT_META = frozenset(
    {"description", "og:title", "og:description", "og:site_name", "og:image:alt", "twitter:title"}
)


def to_cyrillic(text: str) -> str:
    """Serbian Latin text in Cyrillic; URLs, e-mail addresses and foreign words left as they are."""
    parts = []
    start = 0
    for kept in _KEPT.finditer(text):
        parts.append(_letters(text[start : kept.start()]))
        parts.append(kept.group())
        start = kept.end()
    parts.append(_letters(text[start:]))
    return "".join(parts)


def _letters(text: str) -> str:
    if not text:
        return text
    text = _CAPITAL_DIGRAPHS.sub(lambda match: _CAPITAL_LETTERS[match.group()], text)
    return cyrtranslit.to_cyrillic(text, "sr")


def html_to_cyrillic(html: str) -> str:
    """A page or fragment of Serbian HTML with its reader's text in Cyrillic (the module's docstring:
    which). A fragment is taken to be Serbian unless it says otherwise."""
    parser = _Transliterator()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


class _Transliterator(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        # The open elements, each with whether its language is Serbian and whether its text is kept as
        # written (a code element, translate="no"); both pass to the elements inside it, as HTML's `lang`
        # and `translate` do (a `lang` inside sets the language again; `translate="yes"` lifts the keeping).
        self.open: list[tuple[str, bool, bool]] = []

    @property
    def converting(self) -> bool:
        if not self.open:
            return True
        _tag, serbian, kept = self.open[-1]
        return serbian and not kept

    def _state(self, tag: str, attrs: list[tuple[str, str | None]]) -> tuple[bool, bool]:
        _tag, serbian, kept = self.open[-1] if self.open else ("", True, False)
        named = dict(attrs)
        language = named.get("lang")
        if language is not None:
            serbian = _serbian(language)
        translate = (named.get("translate") or "").lower()
        if translate in ("yes", "no"):
            kept = translate == "no"
        if tag in KEPT_ELEMENTS:
            kept = True
        return serbian, kept

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        serbian, kept = self._state(tag, attrs)
        changed = _attributes_in_cyrillic(tag, attrs) if serbian and not kept else None
        if changed is None:
            self.out.append(self.get_starttag_text() or "")
        else:
            written = "".join(
                f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in changed
            )
            self.out.append(f"<{tag}{written}{' /' if closed else ''}>")
        if not closed and tag not in VOID_ELEMENTS:
            self.open.append((tag, serbian, kept))

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        # An element left open (HTML closes some by itself) is closed with the one that encloses it.
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        if self.cdata_elem is not None:  # a script's or a style's content, as written
            self.out.append(data)
        else:
            self.out.append(escape(to_cyrillic(data) if self.converting else data, quote=False))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def _serbian(language: str) -> bool:
    """Whether a `lang` is Serbian not said to be Latin: `sr`, `sr-Cyrl`, `sr-Cyrl-RS`; not `sr-Latn`."""
    language = language.lower()
    return language == "sr" or language.startswith(SERBIAN_CYRILLIC)


def _attributes_in_cyrillic(
    tag: str, attrs: list[tuple[str, str | None]]
) -> list[tuple[str, str | None]] | None:
    """The attributes with their text in Cyrillic, or None when none of them is text."""
    named = dict(attrs)
    changed = False
    written: list[tuple[str, str | None]] = []
    for name, value in attrs:
        if value and _is_text(tag, name, named):
            converted = to_cyrillic(value)
            changed = changed or converted != value
            written.append((name, converted))
        else:
            written.append((name, value))
    return written if changed else None


def _is_text(tag: str, name: str, named: dict[str, str | None]) -> bool:
    # aria-label, and the words a page hands its script to show (data-show-label)
    if name in TEXT_ATTRIBUTES or name.endswith("-label"):
        return True
    if name == "value":
        return tag == "input" and (named.get("type") or "").lower() in BUTTON_TYPES
    if name == "content" and tag == "meta":
        return (named.get("name") or named.get("property") or "").lower() in TEXT_META
    return False


class CyrillicMiddleware:
    """The pages under `/sr-cyrl/` in Cyrillic. Placed inside PublicCachingMiddleware (its ETag is the
    Cyrillic body's) and so inside the page cache, which keeps the Cyrillic page; outside LocaleMiddleware,
    whose language the response is rendered in."""

    PREFIX = f"/{SERBIAN_CYRILLIC}/"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path_info.startswith(self.PREFIX)
            and in_cyrillic(getattr(request, "LANGUAGE_CODE", None))
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and response.get("Content-Encoding") is None
        ):
            charset = response.charset
            response.content = html_to_cyrillic(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
