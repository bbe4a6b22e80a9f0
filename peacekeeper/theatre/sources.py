"""The attribution text shipped with the scenario, for the About page."""

from functools import cache
from pathlib import Path

from peacekeeper.theatre.scenarios import configured_scenario


def scenario_sources() -> str:
    return _sources(configured_scenario())


# Keyed by folder, so a change of the configured theatre (a test's) is never answered from another's text.
@cache
def _sources(folder: Path) -> str:
    path = folder / "SOURCES.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""
