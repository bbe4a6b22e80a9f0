"""The FoM index as an SVG line chart, computed here as numbers and drawn by the template (no user text)."""

from dataclasses import dataclass

from peacekeeper.movement.index import DayIndex

WIDTH, HEIGHT = 720, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 28, 12, 28


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    day: str
    value: float


def index_chart(days: list[DayIndex]) -> dict:
    """Coordinates of the index line (0-100 %), gridlines at 0/25/50/75/100 and a few day ticks."""
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(days) - 1, 1)
    points = [
        ChartPoint(
            x=round(LEFT + i * step, 1),
            y=round(TOP + inner_h * (1 - d.open_percent / 100), 1),
            day=d.day.isoformat(),
            value=d.open_percent,
        )
        for i, d in enumerate(days)
    ]
    grid = [{"y": round(TOP + inner_h * (1 - p / 100), 1), "label": f"{p} %"} for p in (0, 25, 50, 75, 100)]
    every = max(len(points) // 6, 1)
    ticks = [p for i, p in enumerate(points) if i % every == 0 or i == len(points) - 1]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "points": points,
        "polyline": " ".join(f"{p.x},{p.y}" for p in points),
        "grid": grid,
        "ticks": ticks,
        "latest": points[-1] if points else None,
        "lowest": min(points, key=lambda p: p.value) if points else None,
    }
