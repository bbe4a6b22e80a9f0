"""Names across languages and scripts: folding for lookups, Serbian transliteration, municipality matching;
a place name in a sentence.

Kosovo's places are written in Albanian, Serbian Latin and Serbian Cyrillic (Zveçan, Zvečan, Звечан), and
outside data sets add their own spellings ("Municipality of Han i Elezit"). Lookups compare folded names.
"""

import re
import unicodedata
from collections.abc import Iterable

# Serbian Cyrillic to Serbian Latin (the official one-to-one table), plus the few letters of other
# Cyrillic alphabets that GeoNames alternate names use (Russian, Macedonian, Ukrainian).
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z", "и": "i",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
    "ѓ": "ǵ", "ќ": "ḱ", "ѕ": "dz", "й": "j", "ы": "y", "э": "e", "ю": "ju", "я": "ja", "ё": "e", "щ": "šč",
    "ъ": "", "ь": "", "і": "i", "ї": "ji", "є": "je", "ґ": "g",
}  # fmt: skip
# Letters that NFKD does not decompose into a base letter plus a mark.
_UNDECOMPOSABLE = {"đ": "dj", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"}

_LATIN_TO_CYRILLIC = {
    "a": "а", "b": "б", "c": "ц", "č": "ч", "ć": "ћ", "d": "д", "đ": "ђ", "e": "е", "f": "ф", "g": "г",
    "h": "х", "i": "и", "j": "ј", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р",
    "s": "с", "š": "ш", "t": "т", "u": "у", "v": "в", "z": "з", "ž": "ж",
}  # fmt: skip
_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
_DIGRAPH_OR_LETTER = re.compile(r"(?i:lj|nj|dž)|.", re.DOTALL)

_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """The form names are compared in: lowercase, Latin, no diacritics, words separated by single spaces."""
    latin = "".join(_CYRILLIC_TO_LATIN.get(char, char) for char in text.lower())
    plain = "".join(_UNDECOMPOSABLE.get(char, char) for char in latin)
    stripped = "".join(
        char for char in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(char)
    )
    return _NON_WORD.sub(" ", stripped).strip()


def latin_to_cyrillic(serbian_latin: str) -> str:
    """Serbian Latin to Serbian Cyrillic, keeping case; letters outside the Serbian alphabet pass through."""
    return _DIGRAPH_OR_LETTER.sub(_cyrillic_of, unicodedata.normalize("NFC", serbian_latin))


def _cyrillic_of(match: re.Match[str]) -> str:
    latin = match.group()
    cyrillic = _DIGRAPHS.get(latin.lower()) or _LATIN_TO_CYRILLIC.get(latin.lower())
    if cyrillic is None:
        return latin
    return cyrillic.upper() if latin[0].isupper() else cyrillic


def is_cyrillic(text: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(char, "") for char in text)


# Words that say "municipality" in the languages of the data sets, and qualifiers of the two Mitrovicas.
_ADMIN_WORDS = {"municipality", "of", "komuna", "opstina", "obcina", "kosovska"}
_NORTH_WORDS = {"north", "northern", "severna", "veriut", "veri"}
_SOUTH_WORDS = {"south", "southern", "juzna", "jugut", "jug"}
_VOWELS_AT_END = re.compile(r"[aeiouy]+$")
_DOUBLED = re.compile(r"(.)\1")


def municipality_key(name: str) -> str:
    """The folded name without 'Municipality of' / 'Komuna e' / 'Opština' and with one word for north.

    Mitrovica is split in two: the northern one keeps 'north' in its key ("Mitrovicë e Veriut",
    "Severna Kosovska Mitrovica" -> "north mitrovica"); the southern one is plain "mitrovica".
    """
    words = fold(name).split()
    north = any(word in _NORTH_WORDS for word in words)
    # "e" is the Albanian linking article of "Mitrovicë e Veriut" and "Komuna e ...".
    kept = [w for w in words if w not in _ADMIN_WORDS | _NORTH_WORDS | _SOUTH_WORDS and w != "e"]
    return " ".join((["north"] if north else []) + kept)


def loose_key(key: str) -> str:
    """A key tolerant of Albanian definite endings and spelling variants: Podujeva, Podujevë, Podujevo;
    Han i Elezit, Hani i Elezit; Kllokot, Klokot; Leposaviq, Leposavic."""
    words = (_VOWELS_AT_END.sub("", _DOUBLED.sub(r"\1", word.replace("q", "c"))) for word in key.split())
    return " ".join(word for word in words if word)


def name_variants(name: str) -> list[str]:
    """The name itself and its alternatives: 'Drenas (Gllogoc)' -> also 'Drenas', 'Gllogoc';
    'Drenas/Glogovac' -> also 'Drenas', 'Glogovac'."""
    variants = [name]
    inside = re.findall(r"\(([^)]*)\)", name)
    outside = re.sub(r"\([^)]*\)", " ", name)
    for text in [outside, *inside]:
        variants.extend(part for part in re.split(r"\s*/\s*", text) if part.strip())
    return [" ".join(variant.split()) for variant in variants]


# A place name that already says where, so no "at" goes before it: "near Pristina" (the exercise generator's
# reports 1 km or more from their place), "north of the Ibar", "2.1 km NE of Vushtrri", "on the M2".
_SAYS_WHERE = re.compile(
    r"(?:near|at|on|in|by|between|outside|inside|along|across|towards?|around|off|beyond|behind|opposite"
    r"|close to|next to)\s"
    r"|(?:\d+(?:[.,]\d+)?\s?k?m\s+)?"
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|(?-i:[NS]?[EW]|[NS]))\s+of\s",
    re.IGNORECASE,
)


def at_place(name: str) -> str:
    """A place name as it follows what happened there: "Demonstration" + "at Pristina", or the name as it is
    when it says where already ("near Pristina", "north of Zvečan"); empty when there is no name."""
    name = name.strip()
    if not name:
        return ""
    return name if _SAYS_WHERE.match(name) else f"at {name}"


class MunicipalityMatcher:
    """Finds which municipality a name means, over all the names each municipality is known by."""

    def __init__(self, municipalities: Iterable[tuple[str, Iterable[str]]]) -> None:
        self._exact: dict[str, set[str]] = {}
        self._loose: dict[str, set[str]] = {}
        for code, names in municipalities:
            for key in self._keys(names):
                self._exact.setdefault(key, set()).add(code)
                self._loose.setdefault(loose_key(key), set()).add(code)

    @staticmethod
    def _keys(names: Iterable[str]) -> set[str]:
        # Each name adds its whole form and its parts ("Drenas (Gllogoc)": drenas gllogoc, drenas, gllogoc);
        # a key that ends up shared by two municipalities is refused by match, never guessed.
        keys = {municipality_key(variant) for name in names if name for variant in name_variants(name)}
        return {key for key in keys if key}

    def match(self, name: str) -> str | None:
        """The code of the one municipality the name means, or None if it means none or several."""
        key = municipality_key(name)
        for index, wanted in ((self._exact, key), (self._loose, loose_key(key))):
            codes = index.get(wanted, set())
            if len(codes) == 1:
                return next(iter(codes))
            if codes:
                return None
        return None

    def match_any(self, names: Iterable[str]) -> set[str]:
        """Every municipality any of the names means (a single element when the names agree)."""
        return {code for name in names if (code := self.match(name))}
