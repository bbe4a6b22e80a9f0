"""`peacekeeper load-theatre`: the scenario (with its units and tasks), boundaries that replace the
scenario's, or an OpenStreetMap road extract that replaces the road network. A refused file changes nothing
and exits 2 (the problems on standard error); 1 when something could not be matched."""

import sys
from pathlib import Path


def load_theatre(*, scenario: str, boundaries: Path | None, roads: Path | None = None) -> int:
    from peacekeeper.forces.loading import load_units
    from peacekeeper.movement.rebinding import replace_network
    from peacekeeper.posture.loading import load_tasks
    from peacekeeper.theatre.boundaries import BoundaryFileError, replace_boundaries
    from peacekeeper.theatre.loading import load_scenario
    from peacekeeper.watch.ccirs import load_ccirs

    if roads is not None:
        return _replace_roads(roads)
    if boundaries is None:
        report, rebinding = replace_network(
            lambda: load_scenario(name=scenario), changed=lambda report: report.segments.changed > 0
        )
        print(f"Theatre '{scenario}' loaded:\n{report.summary()}")
        if rebinding is not None:
            print(f"The road network changed:\n{rebinding.summary()}")
        print(load_units(name=scenario).summary())
        print(load_tasks(name=scenario).line("tasks"))
        print(load_ccirs(name=scenario).line("CCIRs"))
        _theatre_changed()
        return 0
    try:
        result = replace_boundaries(path=boundaries)
    except BoundaryFileError as error:
        return _refused(boundaries, error.problems)
    print(result.summary())
    _theatre_changed()
    return 0 if not result.unmatched else 1


def _replace_roads(path: Path) -> int:
    """The road network replaced by an OpenStreetMap extract; restrictions brought onto it."""
    from peacekeeper.movement.rebinding import replace_network
    from peacekeeper.theatre.road_import import (
        RoadFileError,
        read_road_extract,
        replace_with_extract,
        source_of,
    )

    try:
        ways, report = read_road_extract(path)
    except RoadFileError as error:
        return _refused(path, error.problems)
    report, rebinding = replace_network(lambda: replace_with_extract(ways, report, source=source_of(path)))
    print(f"Road network replaced from {path.name} (© OpenStreetMap contributors):\n{report.summary()}")
    print(rebinding.summary())
    _theatre_changed()
    return 0 if not (report.unmatched or rebinding.unmatched) else 1


def _refused(path: Path, problems: list[str]) -> int:
    print(f"error: {path}: refused whole, nothing changed:", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 2


def _theatre_changed() -> None:
    """Roads, crossings or boundaries may have changed in place: rebuild the road graph on next use."""
    from peacekeeper.movement.network import invalidate

    invalidate()
