"""Where a theatre's scenario files are, and the few of them read at run time rather than loaded.

A theatre is data: a folder laid out like `scenario/kosovo/`. `settings.THEATRE` names a shipped one
(`kosovo`) or gives the path of a folder of one's own, so a second theatre needs no code change.
Most files are loaded into the database (`loading.py`); `regions.json` (`regions.py`) and `map.json` are
read from the configured theatre's folder, as `SOURCES.md` is, because pure rules use them (a caveat's
region, without a database) and no model holds them.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

SCENARIO_ROOT = Path(__file__).resolve().parent / "scenario"


@cache
def scenario_folder(theatre: str) -> Path:
    """The folder of a shipped scenario by name, or the folder an absolute path names."""
    # An absolute path replaces the root when joined, so one rule serves both.
    folder = SCENARIO_ROOT / theatre
    if not folder.is_dir():
        raise FileNotFoundError(f"no scenario {theatre!r} under {SCENARIO_ROOT} nor at that path")
    return folder


def configured_scenario() -> Path:
    """The folder of the theatre this installation serves (`settings.THEATRE`)."""
    return scenario_folder(settings.THEATRE)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _map_view(folder: Path) -> dict:
    view = read_json(folder / "map.json")
    return {"centre": [float(view["centre"][0]), float(view["centre"][1])], "zoom": float(view["zoom"])}


def map_view() -> dict:
    """Where the theatre's maps open: {"centre": [lat, lon], "zoom": z} (a page hands it to its script)."""
    return _map_view(configured_scenario())
