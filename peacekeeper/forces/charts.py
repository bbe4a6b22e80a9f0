"""Chart geometry for inline SVG (no chart library): the force's strength over time, troops by nation.

Functions return plain numbers and strings; templates draw them, so the page needs no script.
"""

from dataclasses import dataclass
from datetime import date

from peacekeeper.forces.models import Contribution, ForceStrength
from peacekeeper.forces.placemats import Placemat

SPARK_HEIGHT = 40
SPARK_STEP = 14


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: int
    approximate: bool
    note: str


def _year_fraction(day: date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 366


def strength_chart(rows: list[ForceStrength], *, width: int = 900, height: int = 260) -> dict:
    """Total strength over time on a linear year axis, each figure a marker (hollow: approximate)."""
    if not rows:
        return {"points": [], "width": width, "height": height}
    left, right, top, bottom = 60, 20, 16, 34
    first, last = _year_fraction(rows[0].as_of), _year_fraction(rows[-1].as_of)
    span = max(last - first, 1.0)
    peak = max(row.troops for row in rows)
    scale_top = _nice_ceiling(peak)

    def x_of(day: date) -> float:
        return round(left + (_year_fraction(day) - first) / span * (width - left - right), 1)

    def y_of(value: int) -> float:
        return round(top + (1 - value / scale_top) * (height - top - bottom), 1)

    points = [
        Point(
            x_of(row.as_of),
            y_of(row.troops),
            row.as_of_text,
            row.troops,
            row.approximate,
            row.approximation_note or row.note,
        )
        for row in rows
    ]
    years = range(rows[0].as_of.year + 1, rows[-1].as_of.year + 1)
    step = max(1, len(years) // 9)
    return {
        "width": width,
        "height": height,
        "points": points,
        "title": f"KFOR total strength, {rows[0].as_of:%b %Y} to {rows[-1].as_of:%b %Y}",
        "line": " ".join(f"{p.x},{p.y}" for p in points),
        "x_ticks": [(x_of(date(year, 1, 1)), year) for year in years[::step]],
        "y_ticks": [(y_of(value), f"{value:,}") for value in range(0, scale_top + 1, scale_top // 5)],
        "left": left,
        "baseline": height - bottom,
    }


def nation_rows(dates: list[date], series: list[tuple[str, str, dict[date, Contribution]]]) -> list[dict]:
    """One row per nation: its figure on each placemat date, as bars scaled to the largest figure anywhere."""
    largest = max((c.troops for _, _, figures in series for c in figures.values()), default=1)
    rows = []
    for code, name, figures in series:
        cells = []
        for index, day in enumerate(dates):
            figure = figures.get(day)
            height = max(1.0, round(SPARK_HEIGHT * figure.troops / largest, 1)) if figure else 0
            cells.append(
                {
                    "date": day,
                    "troops": figure.troops if figure else None,
                    "inferred": bool(figure and figure.name_inferred),
                    "x": index * SPARK_STEP,
                    "y": round(SPARK_HEIGHT + 2 - height, 1),
                    "height": height,
                }
            )
        rows.append({"code": code, "name": name, "cells": cells, "spark_width": len(dates) * SPARK_STEP})
    return rows


def placemat_bars(placemat: Placemat, *, width: int = 400, row_height: int = 22) -> dict:
    """Horizontal bars of troops by nation, largest first, scaled to the largest contribution."""
    label_width, value_width = 140, 50
    room = width - label_width - value_width
    largest = max(placemat.largest, 1)
    bars = [
        {
            "y": index * row_height,
            "name": figure.name,
            "code": figure.code,
            "troops": figure.troops,
            "inferred": figure.name_inferred,
            "length": (length := max(1, round(room * figure.troops / largest, 1))),
            "value_x": round(label_width + length + 5, 1),
        }
        for index, figure in enumerate(placemat.nations)
    ]
    return {
        "width": width,
        "height": max(row_height, len(bars) * row_height),
        "bars": bars,
        "label_width": label_width,
        "row_height": row_height,
    }


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2 or 5 times a power of ten (times 5 ticks) at or above value."""
    magnitude = 10 ** max(len(str(value)) - 2, 0)
    for factor in (1, 2, 5, 10, 20, 50, 100):
        ceiling = factor * magnitude * 5
        if ceiling >= value:
            return ceiling
    return value
