"""The attribution text shipped with the scenario, for the About page."""

from functools import cache
from pathlib import Path

from django.conf import settings

SCENARIO_DIR = Path(__file__).resolve().parent / "scenario"


@cache
def scenario_sources() -> str:
    path = SCENARIO_DIR / settings.THEATRE / "SOURCES.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""
