"""Named groups of municipalities that rules refer to, read from the theatre's `regions.json`.

Two kinds: the one group the north / south comparison and the `not_north_of_ibar` caveat set apart (in
Kosovo the four municipalities north of the Ibar), and the regional commands a caveat may confine a unit to
(in Kosovo RC-W and RC-E, whose areas are assumed). Each keeps its source and whether it is assumed, so the
pages can say so. Read per theatre folder once and kept: the caveat rules ask for every unit-task pair.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from peacekeeper.theatre.scenarios import configured_scenario, read_json


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    municipalities: frozenset[str]


@dataclass(frozen=True)
class NorthGroup:
    name: str
    # What the comparison calls every other municipality.
    rest_name: str
    municipalities: frozenset[str]
    note: str
    source: str
    assumed: bool


@dataclass(frozen=True)
class TheatreRegions:
    north: NorthGroup
    regional_commands: dict[str, Region]
    regional_commands_note: str
    regional_commands_assumed: bool

    def regions_of(self, municipality_code: str | None) -> frozenset[str]:
        """The regional commands whose area holds the municipality."""
        commands = self.regional_commands.items()
        return frozenset(code for code, region in commands if municipality_code in region.municipalities)


@cache
def _read(folder: Path) -> TheatreRegions:
    data = read_json(folder / "regions.json")
    north = data["north"]
    commands = data["regional_commands"]
    return TheatreRegions(
        north=NorthGroup(
            name=north["name"],
            rest_name=north["rest_name"],
            municipalities=frozenset(north["municipalities"]),
            note=north["note"],
            source=north["source"],
            assumed=north["assumed"],
        ),
        regional_commands={
            row["code"]: Region(row["code"], row["name"], frozenset(row["municipalities"]))
            for row in commands["commands"]
        },
        regional_commands_note=commands["note"],
        regional_commands_assumed=commands["assumed"],
    )


def theatre_regions() -> TheatreRegions:
    """The configured theatre's regions (`settings.THEATRE`)."""
    return _read(configured_scenario())
