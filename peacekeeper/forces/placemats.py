"""Troop contributions as placemats: which nations gave how many troops on a date, and the force's total.

A placemat is the set of contribution figures sharing one date. Asking for a day gives the latest placemat
on or before it. Its total is the stated force strength for that date when the sources give one (a
partial placemat lists fewer troops than the stated total, and says so), otherwise the sum of its figures.
Contribution and strength figures are public: they are not labelled and need no policy filter.
"""

from dataclasses import dataclass
from datetime import date

from peacekeeper.core.errors import FieldError, InputError
from peacekeeper.forces.models import Contribution, ForceStrength


def _refused(field: str, reason: str) -> InputError:
    return InputError([FieldError(field, reason)])


@dataclass(frozen=True)
class NationFigure:
    code: str
    name: str
    troops: int
    name_inferred: bool
    note: str


@dataclass(frozen=True)
class Placemat:
    requested: date
    as_of: date
    as_of_text: str
    sources: tuple[str, ...]
    nations: tuple[NationFigure, ...]
    listed_total: int
    # The force's strength on that date as the sources state it, or None when they do not.
    stated_total: int | None
    # Why the placemat's figures are approximate (assumed date, partial list), each once.
    approximation_notes: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.stated_total if self.stated_total is not None else self.listed_total

    @property
    def partial(self) -> bool:
        return self.stated_total is not None and self.listed_total < self.stated_total

    @property
    def largest(self) -> int:
        return max((figure.troops for figure in self.nations), default=0)


def parse_day(text: str | None, *, field: str = "date", default: date) -> date:
    """A YYYY-MM-DD day from a query parameter; empty means the default (today). InputError on `field`."""
    if text is None or not text.strip():
        return default
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise _refused(field, f"expected a date as YYYY-MM-DD, got {text.strip()!r}") from None


def placemat_dates() -> list[date]:
    return sorted(set(Contribution.objects.values_list("as_of", flat=True)))


def latest_complete_day(day: date) -> date:
    """The date of the latest placemat on or before `day` that lists the whole force; `day` if none does.

    The page opens on this one: the newest placemats in the sources list only part of the force (one
    nation's figure), which is a poor first answer to "who contributes what".
    """
    for as_of in reversed([d for d in placemat_dates() if d <= day]):
        if not placemat_on(as_of).partial:
            return as_of
    return day


def placemat_on(day: date, *, field: str = "date") -> Placemat:
    """The latest placemat on or before `day`; InputError on `field` when there is none."""
    as_of = (
        Contribution.objects.filter(as_of__lte=day).order_by("-as_of").values_list("as_of", flat=True).first()
    )
    if as_of is None:
        first = Contribution.objects.order_by("as_of").values_list("as_of", flat=True).first()
        if first is None:
            raise _refused(field, "no troop contributions are loaded (run `peacekeeper load-theatre`)")
        raise _refused(field, f"no placemat on or before {day:%Y-%m-%d}; the first is {first:%Y-%m-%d}")
    rows = list(
        Contribution.objects.filter(as_of=as_of).select_related("nation").order_by("-troops", "nation__name")
    )
    strength = ForceStrength.objects.filter(as_of=as_of).first()
    notes = dict.fromkeys(row.approximation_note for row in rows if row.approximation_note)
    return Placemat(
        requested=day,
        as_of=as_of,
        as_of_text=rows[0].as_of_text,
        sources=tuple(dict.fromkeys(row.source for row in rows if row.source)),
        nations=tuple(
            NationFigure(row.nation.code, row.nation.name, row.troops, row.name_inferred, row.note)
            for row in rows
        ),
        listed_total=sum(row.troops for row in rows),
        stated_total=strength.troops if strength else None,
        approximation_notes=tuple(notes),
    )


def strength_series() -> list[ForceStrength]:
    return list(ForceStrength.objects.order_by("as_of"))


def nation_series() -> tuple[list[date], list[tuple[str, str, dict[date, Contribution]]]]:
    """Every placemat date, and per nation (largest latest contribution first) its figure on each date."""
    dates = placemat_dates()
    by_nation: dict[str, tuple[str, dict[date, Contribution]]] = {}
    for row in Contribution.objects.select_related("nation").order_by("as_of"):
        by_nation.setdefault(row.nation.code, (row.nation.name, {}))[1][row.as_of] = row
    series = [(code, name, figures) for code, (name, figures) in by_nation.items()]
    series.sort(key=lambda item: (-_latest(item[2]), item[1]))
    return dates, series


def _latest(figures: dict[date, Contribution]) -> int:
    return figures[max(figures)].troops
