"""A tiny SVG builder for the symbol renderer: numbers, escaped attributes and text, one element at a time."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

BBox = tuple[float, float, float, float]
STROKE = 4
BLACK = "#000000"
FONT = "Arial, Helvetica, sans-serif"


def svg_number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def svg_attrs(**attrs: object) -> str:
    out = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        text = svg_number(value) if isinstance(value, float) else str(value)
        out.append(f" {name}={quoteattr(text)}")
    return "".join(out)


class Svg:
    """Collects SVG elements and the extent they cover."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.bbox: BBox | None = None

    def add(self, element: str, bbox: BBox) -> None:
        self.parts.append(element)
        if self.bbox is None:
            self.bbox = bbox
        else:
            a = self.bbox
            self.bbox = (min(a[0], bbox[0]), min(a[1], bbox[1]), max(a[2], bbox[2]), max(a[3], bbox[3]))

    def begin_group(self, *, cls: str, data: dict[str, str]) -> None:
        extra = "".join(f" data-{k}={quoteattr(v)}" for k, v in data.items())
        self.parts.append(f"<g class={quoteattr(cls)}{extra}>")

    def end_group(self) -> None:
        self.parts.append("</g>")

    def line(self, x1: float, y1: float, x2: float, y2: float, *, cls: str, dash: str | None = None) -> None:
        element = f"<line{svg_attrs(x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), class_=cls)}"
        element += f"{svg_attrs(stroke=BLACK, stroke_width=STROKE, stroke_dasharray=dash)}/>"
        self.add(element, (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))

    def rect(
        self, x: float, y: float, w: float, h: float, *, fill: str, cls: str, dash: str | None = None
    ) -> None:
        geometry = svg_attrs(x=float(x), y=float(y), width=float(w), height=float(h), class_=cls)
        paint = svg_attrs(fill=fill, stroke=BLACK, stroke_width=STROKE, stroke_dasharray=dash)
        self.add(f"<rect{geometry}{paint}/>", (x, y, x + w, y + h))

    def circle(
        self,
        cx: float,
        cy: float,
        r: float,
        *,
        fill: str,
        cls: str,
        stroke: str = BLACK,
        dash: str | None = None,
    ) -> None:
        geometry = svg_attrs(cx=float(cx), cy=float(cy), r=float(r), class_=cls)
        paint = svg_attrs(fill=fill, stroke=stroke, stroke_width=STROKE, stroke_dasharray=dash)
        self.add(f"<circle{geometry}{paint}/>", (cx - r, cy - r, cx + r, cy + r))

    def path(
        self,
        d: str,
        bbox: BBox,
        *,
        cls: str,
        fill: str = "none",
        dash: str | None = None,
        stroke: str = BLACK,
    ) -> None:
        paint = svg_attrs(fill=fill, stroke=stroke, stroke_width=STROKE, stroke_dasharray=dash)
        self.add(f"<path{svg_attrs(d=d, class_=cls)}{paint}/>", bbox)

    def text(
        self, x: float, y: float, content: str, *, size: float, cls: str, anchor: str = "middle"
    ) -> None:
        width = 0.65 * size * len(content)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        text_attrs = svg_attrs(x=float(x), y=float(y), class_=cls, font_family=FONT, font_size=float(size))
        text_attrs += svg_attrs(font_weight="bold", text_anchor=anchor, fill=BLACK)
        self.add(
            f"<text{text_attrs}>{escape(content)}</text>",
            (left, y - 0.75 * size, left + width, y + 0.2 * size),
        )

    def document(self, *, size: int, title: str) -> str:
        # Symmetric about the frame centre, so the image centre is the map anchor.
        minx, miny, maxx, maxy = self.bbox or (80.0, 80.0, 120.0, 120.0)
        margin = STROKE
        half_w = max(100 - minx, maxx - 100) + margin
        half_h = max(100 - miny, maxy - 100) + margin
        scale = size / 100
        corner = f"{svg_number(100 - half_w)} {svg_number(100 - half_h)}"
        box = f"{corner} {svg_number(2 * half_w)} {svg_number(2 * half_h)}"
        head = svg_attrs(
            xmlns="http://www.w3.org/2000/svg",
            version="1.1",
            width=float(round(2 * half_w * scale, 1)),
            height=float(round(2 * half_h * scale, 1)),
            viewBox=box,
        )
        body = "".join(self.parts)
        return f'<svg{head}><title>{escape(title)}</title><g stroke-linecap="round">{body}</g></svg>'
