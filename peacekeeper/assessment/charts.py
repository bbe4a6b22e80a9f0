"""Chart geometry for inline SVG (no chart library, no script): numbers, labels and colours, computed here and
drawn by the templates under `assessment/partials/` (`*_chart.html`), which escape every text they write.

Readable without colour alone: every mark carries its figure in a title. Colours are the COP map's level
colours.
"""

from dataclasses import dataclass

LEVEL_COLOURS = ["#dfe6e9", "#fff5eb", "#fdd0a2", "#fd8d3c", "#e6550d", "#a63603"]
INK = "#17202a"
MUTED = "#5d6d7e"
BAR = "#1f618d"


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    size: int = 12
    fill: str = MUTED
    anchor: str = "start"


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str


@dataclass(frozen=True)
class Ring:
    x: float
    y: float
    title: str


def _at(value: float) -> float:
    return round(value, 1)


def sparkline(counts: list[int], *, width: int = 120, height: int = 26) -> dict:
    """Daily counts as a line; the newest day is on the right and marked with a dot."""
    peak = max(counts, default=0)
    label = f"Reports per day over {len(counts)} days: {sum(counts)} in all, at most {peak} a day"
    chart = {"width": width, "height": height, "label": label, "ink": INK, "line": "", "last": None}
    if not counts:
        return chart
    step = width / max(1, len(counts) - 1)
    scale = (height - 4) / peak if peak else 0
    points = [(_at(i * step), _at(height - 2 - value * scale)) for i, value in enumerate(counts)]
    chart["line"] = " ".join(f"{x},{y}" for x, y in points)
    chart["last"] = {"x": width, "y": points[-1][1]}
    return chart


def daily_bars(
    counts: list[int], *, first_day: str, last_day: str, width: int = 720, height: int = 150
) -> dict:
    """One bar per day with a count, on a baseline, the first and last days under it."""
    peak = max(counts, default=0) or 1
    plot = height - 24
    step = width / max(1, len(counts))
    bars = [
        Bar(
            x=_at(i * step),
            y=_at(plot - value * plot / peak),
            width=_at(max(1.0, step - 1)),
            height=_at(value * plot / peak),
            fill=BAR,
            title=str(value),
        )
        for i, value in enumerate(counts)
        if value
    ]
    return {
        "width": width,
        "height": height,
        "label": f"Reports per day from {first_day} to {last_day}, at most {peak} a day",
        "axis": {"y": plot, "stroke": MUTED},
        "bars": bars,
        "labels": [
            Label(0, height - 6, first_day),
            Label(width, height - 6, last_day, anchor="end"),
            Label(4, 12, f"max {peak}/day"),
        ],
    }


def category_bars(counts: list[tuple[str, int]], *, width: int = 720) -> dict:
    """Horizontal bars, one per category, biggest first, each with its label and number."""
    row, label_width = 24, 300
    peak = max((value for _, value in counts), default=0)
    rows = []
    for i, (label, value) in enumerate(counts):
        y = i * row
        length = _at((width - label_width - 50) * value / peak)
        rows.append(
            {
                "label": Label(0, y + 16, label, size=14, fill=INK),
                "bar": Bar(label_width, y + 4, length, 16, MUTED, ""),
                "value": Label(_at(label_width + length + 6), y + 17, str(value), size=14, fill=INK),
            }
        )
    return {"width": width, "height": row * len(counts), "label": "Reports by category", "rows": rows}


def level_steps(
    history: list[dict], overrides: list[dict], snapshots: list[dict], *, width: int = 720, height: int = 130
) -> dict | None:
    """The computed level per day as coloured steps (height = level), override periods marked above,
    and the levels recorded at the time (snapshots) as rings. None without a history."""
    if not history:
        return None
    plot_top, plot = 18, height - 40
    step = width / len(history)
    steps = []
    for i, point in enumerate(history):
        level = point["level"]
        bar_height = plot * level / 5
        steps.append(
            Bar(
                x=_at(i * step),
                y=_at(plot_top + plot - bar_height),
                width=_at(step + 0.5),
                height=_at(bar_height),
                fill=LEVEL_COLOURS[level],
                title=f"{point['day']}: level {level}",
            )
        )
    first, last = history[0]["day"], history[-1]["day"]
    marks = []
    for override in overrides:
        start, end = override["created_at"][:10], override["valid_until"][:10]
        if end < first or start > last:
            continue
        x0 = step * max(0, _index(history, start))
        x1 = step * (_index(history, end) + 1) if end <= last else width
        title = f"override to level {override['level']} from {start} to {end}"
        marks.append(Bar(_at(x0), 2, _at(max(2.0, x1 - x0)), 10, INK, title))
    rings = [
        Ring(
            x=_at(step * (_index(history, snapshot["day"]) + 0.5)),
            y=_at(plot_top + plot - plot * snapshot["level"] / 5),
            title=f"{snapshot['day']}: level {snapshot['level']} shown then ({snapshot['reason']})",
        )
        for snapshot in snapshots
        if first <= snapshot["day"] <= last
    ]
    scale = [
        Label(width - 2, _at(plot_top + plot - plot * level / 5 + 12), str(level), size=11, anchor="end")
        for level in range(1, 6)
    ]
    return {
        "width": width,
        "height": height,
        "label": (
            f"Computed level per day from {first} to {last}; black marks above show analyst overrides, "
            "rings the levels recorded at the time"
        ),
        "ink": INK,
        "steps": steps,
        "overrides": marks,
        "rings": rings,
        "labels": [*scale, Label(0, height - 6, first), Label(width, height - 6, last, anchor="end")],
    }


def _index(history: list[dict], day: str) -> int:
    for i, point in enumerate(history):
        if point["day"] >= day:
            return i
    return len(history) - 1
