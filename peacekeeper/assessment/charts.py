"""Inline SVG charts drawn on the server: no chart library, no script, readable without colour alone.

Only numbers and escaped text go into the markup. Colours are the COP map's level colours.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LEVEL_COLOURS = ["#dfe6e9", "#fff5eb", "#fdd0a2", "#fd8d3c", "#e6550d", "#a63603"]
INK = "#17202a"
MUTED = "#5d6d7e"


def _text(
    x: float, y: float, text: object, *, size: int = 12, fill: str = MUTED, anchor: str = "start"
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" text-anchor="{anchor}">'
        f"{escape(str(text))}</text>"
    )


def _chart(width: int, height: int, label: str, body: str) -> SafeString:
    return mark_safe(  # noqa: S308 (numbers and escaped text only)
        f'<svg class="chart" width="100%" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>{body}</svg>'
    )


def sparkline(counts: list[int], *, width: int = 120, height: int = 26) -> SafeString:
    """Daily counts as a line; the newest day is on the right and marked with a dot."""
    peak = max(counts, default=0)
    total = sum(counts)
    label = f"Reports per day over {len(counts)} days: {total} in all, at most {peak} a day"
    if not counts:
        return mark_safe(f'<svg class="spark" width="{width}" height="{height}" role="img"></svg>')  # noqa: S308
    step = width / max(1, len(counts) - 1)
    scale = (height - 4) / peak if peak else 0
    points = " ".join(f"{i * step:.1f},{height - 2 - value * scale:.1f}" for i, value in enumerate(counts))
    last_y = height - 2 - counts[-1] * scale
    return mark_safe(  # noqa: S308 (numbers and an escaped label only)
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f'<polyline fill="none" stroke="{INK}" stroke-width="1.5" points="{points}"/>'
        f'<circle cx="{width:.1f}" cy="{last_y:.1f}" r="2.2" fill="{INK}"/></svg>'
    )


def daily_bars(
    counts: list[int], *, first_day: str, last_day: str, width: int = 720, height: int = 150
) -> SafeString:
    peak = max(counts, default=0) or 1
    plot = height - 24
    bar = width / max(1, len(counts))
    bars = "".join(
        f'<rect x="{i * bar:.1f}" y="{plot - value * plot / peak:.1f}" width="{max(1.0, bar - 1):.1f}" '
        f'height="{value * plot / peak:.1f}" fill="#1f618d"><title>{value}</title></rect>'
        for i, value in enumerate(counts)
        if value
    )
    label = f"Reports per day from {first_day} to {last_day}, at most {peak} a day"
    axis = f'<line x1="0" y1="{plot}" x2="{width}" y2="{plot}" stroke="{MUTED}"/>'
    ends = _text(0, height - 6, first_day) + _text(width, height - 6, last_day, anchor="end")
    return _chart(width, height, label, axis + bars + ends + _text(4, 12, f"max {peak}/day"))


def category_bars(counts: list[tuple[str, int]], *, width: int = 720) -> SafeString:
    """Horizontal bars, one per category, biggest first, each with its label and number."""
    if not counts:
        return mark_safe('<p class="muted">No counted reports in the window.</p>')
    peak = max(value for _, value in counts)
    row, label_width = 24, 300
    parts = []
    for i, (label, value) in enumerate(counts):
        y = i * row
        length = (width - label_width - 50) * value / peak
        parts.append(
            _text(0, y + 16, label, size=14, fill=INK)
            + f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="16" fill="{MUTED}"/>'
            + _text(label_width + length + 6, y + 17, value, size=14, fill=INK)
        )
    return _chart(width, row * len(counts), "Reports by category", "".join(parts))


def level_steps(
    history: list[dict], overrides: list[dict], snapshots: list[dict], *, width: int = 720, height: int = 130
) -> SafeString:
    """The computed level per day as coloured steps (height = level), override periods marked above,
    and the levels recorded at the time (snapshots) as rings."""
    if not history:
        return mark_safe("")
    plot_top, plot = 18, height - 40
    step = width / len(history)
    parts = []
    for i, point in enumerate(history):
        level = point["level"]
        bar_height = plot * level / 5
        parts.append(
            f'<rect x="{i * step:.1f}" y="{plot_top + plot - bar_height:.1f}" width="{step + 0.5:.1f}" '
            f'height="{bar_height:.1f}" fill="{LEVEL_COLOURS[level]}" stroke="none">'
            f"<title>{escape(point['day'])}: level {level}</title></rect>"
        )
    first, last = history[0]["day"], history[-1]["day"]
    for override in overrides:
        start, end = override["created_at"][:10], override["valid_until"][:10]
        if end < first or start > last:
            continue
        x0 = step * max(0, _index(history, start))
        x1 = step * (_index(history, end) + 1) if end <= last else width
        parts.append(
            f'<rect x="{x0:.1f}" y="2" width="{max(2.0, x1 - x0):.1f}" height="10" fill="{INK}">'
            f"<title>override to level {override['level']} from {escape(start)} to {escape(end)}"
            "</title></rect>"
        )
    for snapshot in snapshots:
        if first <= snapshot["day"] <= last:
            x = step * (_index(history, snapshot["day"]) + 0.5)
            y = plot_top + plot - plot * snapshot["level"] / 5
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#fff" stroke="{INK}" stroke-width="2"><title>'
                f"{escape(snapshot['day'])}: level {snapshot['level']} shown then"
                f" ({escape(snapshot['reason'])})"
                "</title></circle>"
            )
    for level in range(1, 6):
        parts.append(_text(width - 2, plot_top + plot - plot * level / 5 + 12, level, size=11, anchor="end"))
    parts.append(_text(0, height - 6, first) + _text(width, height - 6, last, anchor="end"))
    label = (
        f"Computed level per day from {first} to {last}; black marks above show analyst overrides, "
        "rings the levels recorded at the time"
    )
    return _chart(width, height, label, "".join(parts))


def _index(history: list[dict], day: str) -> int:
    for i, point in enumerate(history):
        if point["day"] >= day:
            return i
    return len(history) - 1
