"""The theatre's north group (in Kosovo, north of the Ibar) against the rest: rates per 1,000 km2 and
per 100,000 residents, and the test.

Population is an approximation stated as such: the sum of the populated places the gazetteer holds in each
municipality (GeoNames figures), which leaves out villages below its threshold. Area is the boundary's,
projected equirectangularly around its centroid (under 1 % off at Kosovo's latitude).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Sum

from peacekeeper.assessment.assessing import municipalities, utc_day
from peacekeeper.assessment.figures import load_series
from peacekeeper.assessment.statistics import RateComparison, compare_rates
from peacekeeper.theatre.distances import area_km2 as boundary_km2
from peacekeeper.theatre.models import Area, Place
from peacekeeper.theatre.regions import theatre_regions

POPULATION_NOTE = (
    "assumption: residents approximated by the populated places of the gazetteer (GeoNames), which omits "
    "small villages; use the rates per 100,000 as indicative only"
)


# Keyed by code and boundary source: replacing a boundary changes its source, and decoding 38 boundaries
# on every request would cost more than the comparison itself.
_km2_cache: dict[tuple[str, str], float] = {}


def area_km2(area: Area) -> float:
    key = (area.code, area.boundary_source)
    if key not in _km2_cache:
        if not area.boundary:
            return 0.0
        _km2_cache[key] = boundary_km2(area.boundary)
    return _km2_cache[key]


@dataclass(frozen=True)
class Group:
    name: str
    codes: list[str]
    count: int
    km2: float
    population: int

    @property
    def per_1000_km2(self) -> float:
        return 1000 * self.count / self.km2 if self.km2 else 0.0

    @property
    def per_100k(self) -> float | None:
        return 100_000 * self.count / self.population if self.population else None


@dataclass(frozen=True)
class Comparison:
    window_days: int
    north: Group
    south: Group
    by_area: RateComparison
    by_population: RateComparison | None
    label_ids: set[int]
    north_note: str
    population_note: str = POPULATION_NOTE


def compare_north_south(*, user: User | AnonymousUser, at: datetime, window_days: int) -> Comparison:
    areas = municipalities()
    last_day = utc_day(at)
    series = load_series(
        user=user,
        first_day=last_day - timedelta(days=window_days - 1),
        last_day=last_day,
        area_ids=[a.pk for a in areas],
    )
    counts = series.daily().sum(axis=1)
    population = dict(
        Place.objects.filter(area__in=areas, population__isnull=False)
        .values_list("area_id")
        .annotate(Sum("population"))
        .order_by()
    )

    def group(name: str, members: list[int]) -> Group:
        return Group(
            name=name,
            codes=[areas[i].code for i in members],
            count=int(sum(counts[i] for i in members)),
            km2=sum(area_km2(areas[i]) for i in members),
            population=int(sum(population.get(areas[i].pk, 0) for i in members)),
        )

    named = theatre_regions().north
    north = group(named.name, [i for i, a in enumerate(areas) if a.code in named.municipalities])
    south = group(named.rest_name, [i for i, a in enumerate(areas) if a.code not in named.municipalities])
    by_population = None
    if north.population and south.population:
        by_population = compare_rates(
            count=north.count,
            exposure=north.population,
            reference_count=south.count,
            reference_exposure=south.population,
        )
    return Comparison(
        window_days=window_days,
        north=north,
        south=south,
        by_area=compare_rates(
            count=north.count, exposure=north.km2, reference_count=south.count, reference_exposure=south.km2
        ),
        by_population=by_population,
        label_ids=series.label_ids,
        north_note=named.note,
    )
