"""The one form text is searched in, the same for what is indexed and what a visitor types; and the
snippet that shows where a result matched.

Words are folded with the theatre's `fold` (lowercase, Latin script, no diacritics), so `Zvečan`, `Zveçan`,
`Zvecan` and `Звечан` are all `zvecan`. Albanian and Serbian change a word's ending with its form and case
(Mitrovicë, Mitrovica, Mitrovicën, Mitrovicu; Zveçan, Zveçanit, Zvečanu), so a light suffix rule, applied to
both sides, looks past them: a word of 5 letters or more that ends in a vowel is also indexed without it,
a word of 7 or more that ends in one of the case endings -en -es -in -it -un -ut -om -em also without
those two letters, and a query word is looked up by that shorter form. Shorter words are left alone (`ura`,
`uri`). Measured on the shipped pages in three languages (docs/public_search.md): of 807 distinct folded
words, the rule joins 52 groups, every one the forms of a single word (kosova/kosove/kosoves/kosovo/kosovu,
closure/closures, zvecan/zvecanin/zvecanu); no two words of different meaning.
"""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from peacekeeper.theatre.names import fold

STEM_MIN_LETTERS = 5
_ENDING_VOWELS = frozenset("aeiou")
CASE_ENDING_MIN_LETTERS = 7
_CASE_ENDINGS = ("en", "es", "in", "it", "un", "ut", "om", "em")
# The title is written TITLE_WEIGHT times in the indexed text: a ranking by term frequency (BM25, PostgreSQL's
# ts_rank, OpenSearch) then puts a page whose title matches above one that only mentions the words.
TITLE_WEIGHT = 3
SNIPPET_WORDS = 30
_WORD = re.compile(r"\w+")


def stem(folded_word: str) -> str:
    """The word without its ending when it is long enough to have one, else the word."""
    if len(folded_word) >= CASE_ENDING_MIN_LETTERS and folded_word.endswith(_CASE_ENDINGS):
        return folded_word[:-2]
    if len(folded_word) >= STEM_MIN_LETTERS and folded_word[-1] in _ENDING_VOWELS:
        return folded_word[:-1]
    return folded_word


def index_text(title: str, parts: list[str]) -> str:
    """What the search backend indexes for a page: every folded word, and its stem where that differs."""
    words = []
    for text in [*[title] * TITLE_WEIGHT, *parts]:
        for word in fold(text).split():
            words.append(word)
            if (stemmed := stem(word)) != word:
                words.append(stemmed)
    return " ".join(words)


def query_terms(query: str) -> list[str]:
    """The words a query is looked up by: folded, stemmed, each once, in the order typed."""
    return list(dict.fromkeys(stem(word) for word in fold(query).split()))


@functools.lru_cache(maxsize=65536)
def _word_stems(word: str) -> frozenset[str]:
    # Prose repeats its words: a cache makes the snippets of a page of results cheap.
    return frozenset(stem(part) for part in fold(word).split())


def _matches(word: str, terms: frozenset[str]) -> bool:
    return not _word_stems(word).isdisjoint(terms)


def snippet(text: str, terms: list[str], *, words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of text around its first match, every matching word wrapped in <mark>, the rest
    escaped; the start of the text when nothing in it matches (the title did)."""
    wanted = frozenset(terms)
    spans = [match.span() for match in _WORD.finditer(text)]
    if not spans:
        return mark_safe("")
    first_hit = next(
        (index for index, (start, end) in enumerate(spans) if _matches(text[start:end], wanted)), None
    )
    first = max(0, first_hit - words // 3) if first_hit is not None else 0
    last = min(len(spans), first + words)
    marked = {index for index in range(first, last) if _matches(text[slice(*spans[index])], wanted)}
    pieces = ["… " if first > 0 else ""]
    position = spans[first][0] if first > 0 else 0
    for index in range(first, last):
        word_start, word_end = spans[index]
        pieces.append(escape(text[position:word_start]))
        word = escape(text[word_start:word_end])
        pieces.append(f"<mark>{word}</mark>" if index in marked else word)
        position = word_end
    pieces.append(escape(text[position:].rstrip()) if last == len(spans) else " …")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above
