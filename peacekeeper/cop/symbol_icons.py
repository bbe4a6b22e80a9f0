"""Frames and main icons for APP-6D symbols, drawn in the 200 x 200 unit box of peacekeeper.cop.symbols.

Entity codes are those verified against Esri joint-military-symbology-xml, folder
samples/imagefile_name_category_tags/: Military-Land-Unit-Source-Icons.csv,
Military-Activities-Source-Icons.csv,
Military-Land-Installation-Source-Icons.csv, Military-ControlMeasures-Source-Points.csv. Icons are our own
simple line-and-text drawings, readable at 24-40 px; an entity not listed here draws its frame with no icon.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peacekeeper.cop.symbols import Sidc

from peacekeeper.cop.symbol_svg import BLACK, STROKE, BBox, Svg, svg_attrs, svg_number


@dataclass(frozen=True)
class Frame:
    name: str
    outline: str  # SVG element template with {paint} for fill, stroke and dash
    bbox: BBox
    shoulders: tuple[float, float]  # where the dummy chevron starts (left side; mirrored on the right)
    staff_start: tuple[float, float]  # lower left point the headquarters staff descends from
    inner: BBox  # box whose diagonals touch the frame, for icons that fill the frame

    def element(self, fill: str, dash: str | None) -> str:
        paint = svg_attrs(fill=fill, stroke=BLACK, stroke_width=STROKE, stroke_dasharray=dash)
        return self.outline.format(paint=paint)


def _frame(name: str, tag: str, bbox: BBox, shoulders, staff, inner) -> Frame:
    return Frame(
        name,
        tag.replace("/>", ' class="frame" data-frame="' + name + '"{paint}/>'),
        bbox,
        shoulders,
        staff,
        inner,
    )


# Quatrefoil: four circular lobes through the corners of the square 55..145 (sagitta 30 units).
_LOBE = "A48.75,48.75 0 0 1"
_CLOVER = f"M55,55 {_LOBE} 145,55 {_LOBE} 145,145 {_LOBE} 55,145 {_LOBE} 55,55 Z"

FRAMES: dict[str, Frame] = {
    "land-friend": _frame(
        "rectangle",
        '<rect x="25" y="50" width="150" height="100"/>',
        (25, 50, 175, 150),
        (25, 50),
        (25, 150),
        (25, 50, 175, 150),
    ),
    "land-hostile": _frame(
        "diamond",
        '<path d="M100,28 L172,100 L100,172 L28,100 Z"/>',
        (28, 28, 172, 172),
        (64, 64),
        (28, 100),
        (64, 64, 136, 136),
    ),
    "land-neutral": _frame(
        "square",
        '<rect x="45" y="45" width="110" height="110"/>',
        (45, 45, 155, 155),
        (45, 45),
        (45, 155),
        (45, 45, 155, 155),
    ),
    "land-unknown": _frame(
        "quatrefoil", f'<path d="{_CLOVER}"/>', (25, 25, 175, 175), (55, 40), (25, 100), (55, 55, 145, 145)
    ),
    "equipment-friend": _frame(
        "circle",
        '<circle cx="100" cy="100" r="60"/>',
        (40, 40, 160, 160),
        (58, 58),
        (40, 100),
        (58, 58, 142, 142),
    ),
    "air-friend": _frame(
        "dome",
        '<path d="M25,150 C25,20 175,20 175,150"/>',
        (25, 52, 175, 150),
        (40, 80),
        (25, 150),
        (50, 75, 150, 150),
    ),
    "air-hostile": _frame(
        "arch",
        '<path d="M45,150 L45,70 L100,25 L155,70 L155,150"/>',
        (45, 25, 155, 150),
        (45, 70),
        (45, 150),
        (45, 70, 155, 150),
    ),
    "air-neutral": _frame(
        "open-square",
        '<path d="M45,150 L45,40 L155,40 L155,150"/>',
        (45, 40, 155, 150),
        (45, 40),
        (45, 150),
        (45, 40, 155, 150),
    ),
    "air-unknown": _frame(
        "half-quatrefoil",
        '<path d="M45,150 C15,150 15,85 55,85 C55,25 145,25 145,85 C185,85 185,150 155,150"/>',
        (25, 40, 175, 150),
        (55, 50),
        (45, 150),
        (55, 70, 145, 150),
    ),
}
_SUBSURFACE = {
    "friend": _frame(
        "bowl",
        '<path d="M25,50 C25,180 175,180 175,50"/>',
        (25, 50, 175, 148),
        (25, 50),
        (40, 120),
        (50, 50, 150, 125),
    ),
    "hostile": _frame(
        "keel",
        '<path d="M45,50 L45,130 L100,175 L155,130 L155,50"/>',
        (45, 50, 155, 175),
        (45, 50),
        (45, 130),
        (45, 50, 155, 130),
    ),
    "neutral": _frame(
        "open-square",
        '<path d="M45,50 L45,160 L155,160 L155,50"/>',
        (45, 50, 155, 160),
        (45, 50),
        (45, 160),
        (45, 50, 155, 160),
    ),
    "unknown": _frame(
        "half-quatrefoil",
        '<path d="M45,50 C15,50 15,115 55,115 C55,175 145,175 145,115 C185,115 185,50 155,50"/>',
        (25, 50, 175, 160),
        (45, 50),
        (25, 100),
        (55, 50, 145, 130),
    ),
}
_AIR_SETS = {"01", "02", "05", "06"}
_SUBSURFACE_SETS = {"35", "36"}
_ROUND_FRIEND_SETS = {"15", "30"}


def frame_for(symbol_set: str, affiliation: str) -> Frame | None:
    if symbol_set == "25":
        return None
    if symbol_set in _AIR_SETS:
        return FRAMES[f"air-{affiliation}"]
    if symbol_set in _SUBSURFACE_SETS:
        return _SUBSURFACE[affiliation]
    if symbol_set in _ROUND_FRIEND_SETS and affiliation == "friend":
        return FRAMES["equipment-friend"]
    return FRAMES[f"land-{affiliation}"]


Icon = Callable[[Svg, "Frame"], None]


def _label(content: str, size: float = 34) -> Icon:
    def draw(svg: Svg, frame: Frame) -> None:
        svg.text(100, 100 + 0.36 * size, content, size=size, cls="icon")

    return draw


def _cross(svg: Svg, frame: Frame) -> None:
    left, top, right, bottom = frame.inner
    svg.path(f"M{left},{top} L{right},{bottom} M{left},{bottom} L{right},{top}", frame.inner, cls="icon")


def _slash(svg: Svg, frame: Frame) -> None:
    left, top, right, bottom = frame.inner
    svg.path(f"M{left},{bottom} L{right},{top}", frame.inner, cls="icon")


def _oval(svg: Svg, frame: Frame) -> None:
    svg.path(
        "M78,82 L122,82 A18,18 0 0 1 122,118 L78,118 A18,18 0 0 1 78,82 Z", (60, 82, 140, 118), cls="icon"
    )


def _medical(svg: Svg, frame: Frame) -> None:
    left, top, right, bottom = frame.bbox
    svg.path(f"M100,{top} L100,{bottom} M{left},100 L{right},100", frame.bbox, cls="icon")


def _both(*icons: Icon) -> Icon:
    def draw(svg: Svg, frame: Frame) -> None:
        for icon in icons:
            icon(svg, frame)

    return draw


def _shape(d: str, bbox: BBox, fill: str = "none") -> Icon:
    def draw(svg: Svg, frame: Frame) -> None:
        svg.path(d, bbox, cls="icon", fill=fill)

    return draw


def _burst(radius: float = 34, inner: float = 16, points: int = 8) -> str:
    coords = []
    for i in range(points * 2):
        r = radius if i % 2 == 0 else inner
        angle = math.pi * i / points - math.pi / 2
        coords.append(f"{svg_number(100 + r * math.cos(angle))},{svg_number(100 + r * math.sin(angle))}")
    return "M" + " L".join(coords) + " Z"


_MOTORIZED = _shape("M100,50 L100,150", (100, 50, 100, 150))

# Land units (symbol set 10), Military-Land-Unit-Source-Icons.csv.
LAND_UNIT_ICONS: dict[str, Icon] = {
    "110000": _label("C2"),  # Command and Control
    "110300": _shape(
        "M65,82 L135,82 L135,96 C135,124 65,124 65,96 Z", (65, 82, 135, 117)
    ),  # Civil-Military Cooperation
    "110500": _label("LO"),  # Liaison
    "120500": _oval,  # Armor/Armored/Mechanized/Self-Propelled/Tracked
    "120600": _shape(
        "M60,82 L140,118 L140,82 L60,118 Z", (60, 82, 140, 118)
    ),  # Army Aviation/Aviation Rotary Wing
    "121100": _cross,  # Infantry
    "121102": _both(_cross, _oval),  # Infantry : Armored/Mechanized/Tracked
    "121104": _both(_cross, _MOTORIZED),  # Infantry : Motorized
    "121300": _slash,  # Reconnaissance/Cavalry/Scout
    "140700": _shape("M65,120 L65,85 L135,85 L135,120 M100,85 L100,112", (65, 85, 135, 120)),  # Engineer
    "140800": _label("EOD", 30),  # Explosive Ordnance Disposal (EOD)
    "141200": _label("MP"),  # Military Police
    "141700": _label("SEC", 30),  # Security
    "160000": _label("SUST", 28),  # Sustainment (label is our choice; no icon verified)
    "160600": _label("CSS", 30),  # Combat Service Support
    "161100": _shape(
        "M72,88 C84,88 84,112 72,112 M80,100 L120,100 M128,88 C116,88 116,112 128,112", (72, 88, 128, 112)
    ),
    "161300": _medical,  # Medical
}
# Land installations (set 20), Military-Land-Installation-Source-Icons.csv; 110000 Installation: no icon.
INSTALLATION_ICONS: dict[str, Icon] = {
    "111900": _shape("M62,125 L100,72 L138,125 Z M100,96 L100,125", (62, 72, 138, 125)),  # Tented Camp
    "112107": _label("POL", 30),  # Law Enforcement : Police
}
# Activities (symbol set 40), Military-Activities-Source-Icons.csv. Short labels stand in for the pictograms.
ACTIVITY_ICONS: dict[str, Icon] = {
    "110101": _label("ARR", 30),  # Criminal Activity Incident : Arrest
    "110110": _label("RIOT", 28),  # Criminal Activity Incident : Civil Rioting
    "110114": _label("LOOT", 28),  # Criminal Activity Incident : Vandalism/Loot/Ransack/Plunder
    "110300": _label("IED", 30),  # IED Event
    "110301": _both(_shape(_burst(), (66, 66, 134, 134), fill="#FFFFFF"), _label("IED", 14)),  # IED Explosion
    "110400": _label("SHOT", 28),  # Shooting
    "110600": _shape(_burst(), (66, 66, 134, 134), fill="#FFFFFF"),  # Explosion
    "120100": _label("DEMO", 26),  # Civil Disturbance : Demonstration
    "130100": _label("PTL", 30),  # Operation : Patrolling
}
ICONS_BY_SET = {"10": LAND_UNIT_ICONS, "20": INSTALLATION_ICONS, "40": ACTIVITY_ICONS}


def draw_icon(svg: Svg, code: Sidc, frame: Frame | None, *, dash: str | None) -> None:
    if frame is None:
        _control_point(svg, code, dash)
        return
    icon = ICONS_BY_SET.get(code.symbol_set, {}).get(code.entity_code)
    if icon is not None:
        icon(svg, frame)


def _control_point(svg: Svg, code: Sidc, dash: str | None) -> None:
    """Control measure points (set 25) have no frame; the image centre is the point itself."""
    stroke = "#FF0000" if code.affiliation == "hostile" else BLACK
    entity = code.entity_code
    if entity == "130300":  # Command and Control Points : Checkpoint — a pin whose tip is the point
        svg.path(
            "M100,100 L76,62 A28,28 0 1 1 124,62 Z",
            (72, 12, 128, 100),
            cls="point",
            fill="#FFFFFF",
            dash=dash,
            stroke=stroke,
        )
        svg.text(100, 55, "CKP", size=18, cls="icon")
    elif entity == "160100":  # Maneuver Points : Observation Post/Outpost (Unspecified)
        svg.path(
            "M100,70 L126,115 L74,115 Z",
            (74, 70, 126, 115),
            cls="point",
            fill="#FFFFFF",
            dash=dash,
            stroke=stroke,
        )
        svg.circle(100, 100, 3, fill=stroke, cls="icon", stroke=stroke)
    else:
        svg.circle(100, 100, 14, fill="#FFFFFF", cls="point", stroke=stroke, dash=dash)
        svg.path("M80,100 L120,100 M100,80 L100,120", (80, 80, 120, 120), cls="icon", stroke=stroke)
