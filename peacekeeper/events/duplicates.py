"""Suggesting likely duplicates: reports of one happening, filed by different people in different words.

Two reports are scored on four closenesses, each in [0, 1]:

- place: 1 / (1 + (km / 0.5)²): 30 m apart 1.0, 300 m 0.74, 1 km 0.2;
- time: 1 / (1 + (minutes / 60)²): 5 min 0.99, 30 min 0.8, 2 h 0.2;
- category: 1 for the same category, 0.6 for related ones (a group of `related_categories.RELATED_GROUPS`
  holds both); a report of an unrelated category is never suggested;
- narrative: `narrative_similarity`, the cosine of the two narratives' character trigrams after folding
  (case, accents, Serbian Cyrillic to Latin, Albanian and Serbian endings), without function words; 0.3,
  neither for nor against, when either report has none.

One happening is close in place and in time at once, so those two are a gate: their geometric mean, which
either alone pulls down (the same spot three hours later is another happening; so is the same minute two
kilometres away). What the reports say moves the score within the gate: score = gate × (0.55 + 0.15 ×
category + 0.3 × narrative). A narrative in another language shares little but names and numbers, so it
lowers the score without vetoing it. A report is suggested from `THRESHOLD`, and each suggestion says why
("same place ±30 m, 5 min apart, related categories (crowd violence), narratives 0.62 alike").
`bench/bench_duplicates.py` measures precision and recall on generated pairs of known truth.

Only reports the reader may see are compared (`access.policy.visible`), so no suggestion, score or
explanation tells of a report hidden from them.
"""

import functools
import math
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User

from peacekeeper.access import policy
from peacekeeper.events.models import EventReport
from peacekeeper.events.related_categories import RELATED_GROUPS, related_group
from peacekeeper.theatre.distances import KM_PER_DEGREE_LAT, km_between
from peacekeeper.theatre.names import fold, loose_key

# The reports compared at all: within these of the report, in time and on the ground.
TIME_WINDOW = timedelta(hours=6)
DISTANCE_KM = 3.0
# Where each closeness is one half.
PLACE_HALF_KM = 0.5
TIME_HALF_MINUTES = 60.0
RELATED_CATEGORY = 0.6
NO_NARRATIVE = 0.3
# The content's share of the score: a floor, then category and narrative.
CONTENT_FLOOR, CATEGORY_WEIGHT, NARRATIVE_WEIGHT = 0.55, 0.15, 0.30
# Chosen on bench duplicates' tuning seed; its held-out seed gives the figures (bench/README.md).
THRESHOLD = 0.55
CANDIDATES = 500

# Words that say little about what happened, in the languages reports are written in (folded): English,
# Serbian, Albanian; and the exercise marking every exercise narrative carries twice.
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "of", "at", "in", "on", "to", "and", "or", "by", "with", "from", "near", "was",
    "were", "is", "are", "be", "been", "has", "have", "had", "it", "its", "this", "that", "there", "their",
    "they", "them", "as", "for", "after", "before", "about", "approx", "approximately", "some", "reports",
    "reported", "report", "i", "u", "na", "je", "su", "od", "do", "sa", "se", "kod", "oko", "da", "za",
    "iz", "po", "pre", "posle", "ka", "koji", "koja", "koje", "bio", "bila", "bilo", "e", "te", "ne", "me",
    "nga", "dhe", "per", "jane", "nje", "rreth", "prane", "pas", "para", "qe", "ishte",
    "exercise",
})  # fmt: skip


@dataclass(frozen=True)
class DuplicateSuggestion:
    event: EventReport
    score: float
    hours_apart: float
    km_apart: float
    same_category: bool
    related: str  # the label of the related-category group, "" for the same category
    narrative_similarity: float | None  # None when either report has no narrative
    explanation: str


def narrative_words(text: str) -> list[str]:
    """The words of a narrative as compared: folded, loosened (endings, q/c, doubled letters), no function
    words, none shorter than two letters."""
    words = (loose_key(word) for word in fold(text).split() if word not in _FUNCTION_WORDS)
    return [word for word in words if len(word) >= 2]


# A report page compares its report's narrative with every candidate's, and the floor opens the same
# reports again and again: the folding and counting of a narrative is done once per process.
@functools.lru_cache(maxsize=4096)
def _trigrams(text: str) -> Counter[str]:
    """A narrative's character trigram counts (shared: never changed by a caller)."""
    grams: Counter[str] = Counter()
    for word in narrative_words(text):
        padded = f" {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def narrative_similarity(first: str, second: str) -> float | None:
    """How alike two narratives are, 0 to 1 (None when either says nothing comparable): the cosine of
    their character trigram counts. Script, accents and word endings do not count (Звечан, Zvečan,
    Zveçan and Zvečana alike); a paraphrase in other words scores low, the same words reordered high."""
    a, b = _trigrams(first), _trigrams(second)
    if not a or not b:
        return None
    dot = sum(count * b[gram] for gram, count in a.items() if gram in b)
    return dot / math.sqrt(sum(c * c for c in a.values()) * sum(c * c for c in b.values()))


def closeness(*, km: float, minutes: float, category: float, narrative: float | None) -> float:
    """The score of a pair from its distance, time apart, category closeness and narrative likeness."""
    place = 1 / (1 + (km / PLACE_HALF_KM) ** 2)
    time = 1 / (1 + (minutes / TIME_HALF_MINUTES) ** 2)
    said = NO_NARRATIVE if narrative is None else narrative
    return math.sqrt(place * time) * (CONTENT_FLOOR + CATEGORY_WEIGHT * category + NARRATIVE_WEIGHT * said)


def explain(*, km: float, minutes: float, related: str, narrative: float | None) -> str:
    """What a watchkeeper reads: "same place ±30 m, 5 min apart, related categories (crowd violence),
    narratives 0.62 alike"."""
    place = f"same place ±{max(10, round(km * 100) * 10)} m" if km < 0.15 else f"{km:.1f} km apart"
    if minutes < 1:
        time = "same time"
    elif minutes < 90:
        time = f"{round(minutes)} min apart"
    else:
        time = f"{minutes / 60:.1f} h apart"
    category = f"related categories ({related})" if related else "same category"
    words = "no narrative to compare" if narrative is None else f"narratives {narrative:.2f} alike"
    return ", ".join((place, time, category, words))


def suggest_duplicates(*, event: EventReport, user: User, limit: int = 5) -> list[DuplicateSuggestion]:
    """Reports the user may see, not yet in this report's incident, that likely tell of the same happening;
    best first."""
    degrees = DISTANCE_KM / KM_PER_DEGREE_LAT * 1.5
    # Only categories that could be suggested, and the nearest in time first: in a dense riot the cap
    # leaves out the reports least likely to tell of the same moment, not the newest.
    categories = {event.category}
    for group in RELATED_GROUPS:
        if event.category in group.codes:
            categories |= set(group.codes)
    nearby = (
        policy.visible(EventReport.objects.all(), user)
        .filter(
            occurred_at__range=(event.occurred_at - TIME_WINDOW, event.occurred_at + TIME_WINDOW),
            lat__range=(event.lat - degrees, event.lat + degrees),
            lon__range=(event.lon - degrees * 1.5, event.lon + degrees * 1.5),
            category__in=sorted(categories),
        )
        .exclude(pk=event.pk)
        .select_related("label")
    )
    before = nearby.filter(occurred_at__lte=event.occurred_at).order_by("-occurred_at", "-pk")
    after = nearby.filter(occurred_at__gt=event.occurred_at).order_by("occurred_at", "pk")
    candidates = list(before[: CANDIDATES // 2]) + list(after[: CANDIDATES // 2])
    if not candidates:
        return []
    distances = km_between([c.lat for c in candidates], [c.lon for c in candidates], event.lat, event.lon)
    suggestions = []
    for other, km in zip(candidates, distances.tolist(), strict=True):
        if event.incident_id and other.incident_id == event.incident_id:
            continue  # already linked; two reports of it in sight, so the reader sees this incident anyway
        same_category = other.category == event.category
        group = None if same_category else related_group(event.category, other.category)
        if km > DISTANCE_KM or not (same_category or group):
            continue
        minutes = abs((other.occurred_at - event.occurred_at).total_seconds()) / 60
        alike = narrative_similarity(event.narrative, other.narrative)
        category = 1.0 if same_category else RELATED_CATEGORY
        score = closeness(km=km, minutes=minutes, category=category, narrative=alike)
        if score < THRESHOLD:
            continue
        related = group.label if group else ""
        suggestions.append(
            DuplicateSuggestion(
                event=other,
                score=round(score, 3),
                hours_apart=round(minutes / 60, 2),
                km_apart=round(km, 2),
                same_category=same_category,
                related=related,
                narrative_similarity=None if alike is None else round(alike, 2),
                explanation=explain(km=km, minutes=minutes, related=related, narrative=alike),
            )
        )
    suggestions.sort(key=lambda suggestion: (-suggestion.score, suggestion.event.pk))
    return suggestions[:limit]
