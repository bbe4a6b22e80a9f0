"""APP-6D / MIL-STD-2525D symbol identification codes: parse, draw as SVG, map to a CoT type.

A SIDC is 20 digits (docs/standards.md#app-6d-symbol-codes). A symbol is a pure function of its code, so
its SVG can be cached.

Drawing space: every symbol is drawn in a 200 x 200 unit box whose centre (100, 100) is the frame's centre;
a friend land-unit frame is 150 x 100 units. `size` is the pixel height of 100 units. The viewBox is made
symmetric about the frame centre so that the image centre is always the map anchor (for headquarters the
standard puts the location at the foot of the staff; a map layer that wants that may offset by 150 units).

Decisions (checked against spatialillusions/milsymbol src/numbersidc/metadata.js and the 2525D frame rules):
- Pending (0), assumed friend (2) and suspect (5) use the frame shapes of unknown, friend and hostile with a
  dashed outline; planned/anticipated status (1) is dashed too, with a longer dash.
- Exercise context (position 3 = 1) keeps the frame and adds the letter "X" to the upper right of the frame;
  exercise suspect is a "joker" and exercise hostile a "faker": friend frame and colour, letter "J" / "K".
  Simulation (2) adds "S" the same way.
- Operational condition (status 2-5) is the 2525D condition bar below the frame (green, yellow, red, blue).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peacekeeper.cop.symbol_icons import Frame, draw_icon, frame_for
from peacekeeper.cop.symbol_svg import Svg

VERSIONS = {"10": "2525D / APP-6D", "11": "2525D change 1", "13": "2525E / APP-6E", "14": "2525E change 1"}
CONTEXTS = {"0": "reality", "1": "exercise", "2": "simulation"}
STANDARD_IDENTITIES = {
    "0": "pending",
    "1": "unknown",
    "2": "assumed friend",
    "3": "friend",
    "4": "neutral",
    "5": "suspect",
    "6": "hostile",
}
SYMBOL_SETS = {
    "01": "air",
    "02": "air missile",
    "05": "space",
    "06": "space missile",
    "10": "land unit",
    "11": "land civilian unit/organisation",
    "15": "land equipment",
    "20": "land installation",
    "25": "control measure",
    "27": "dismounted individual",
    "30": "sea surface",
    "35": "sea subsurface",
    "36": "mine warfare",
    "40": "activity/event",
    "60": "cyberspace",
}
STATUSES = {
    "0": "present",
    "1": "planned/anticipated",
    "2": "present, fully capable",
    "3": "present, damaged",
    "4": "present, destroyed",
    "5": "present, full to capacity",
}
HQ_TF_DUMMY = {
    "0": "none",
    "1": "feint/dummy",
    "2": "headquarters",
    "3": "feint/dummy headquarters",
    "4": "task force",
    "5": "feint/dummy task force",
    "6": "task force headquarters",
    "7": "feint/dummy task force headquarters",
}
# Echelon amplifier (positions 9-10) for land units: name, mark kind, number of marks.
ECHELONS = {
    "11": ("team", "team", 1),
    "12": ("squad", "dot", 1),
    "13": ("section", "dot", 2),
    "14": ("platoon", "dot", 3),
    "15": ("company", "bar", 1),
    "16": ("battalion", "bar", 2),
    "17": ("regiment", "bar", 3),
    "18": ("brigade", "cross", 1),
    "21": ("division", "cross", 2),
    "22": ("corps", "cross", 3),
    "23": ("army", "cross", 4),
    "24": ("army group", "cross", 5),
    "25": ("theatre", "cross", 6),
    "26": ("command", "plus", 2),
}
FILL = {"friend": "#80E0FF", "hostile": "#FF8080", "neutral": "#AAFFAA", "unknown": "#FFFF80"}
# Standard identity -> (frame/colour family, dashed because the identity is not confirmed).
_AFFILIATION = {
    "0": ("unknown", True),
    "1": ("unknown", False),
    "2": ("friend", True),
    "3": ("friend", False),
    "4": ("neutral", False),
    "5": ("hostile", True),
    "6": ("hostile", False),
}
CONDITION_COLOURS = {"2": "#00B050", "3": "#FFFF00", "4": "#FF0000", "5": "#0070C0"}
PLANNED_DASH = "12,8"
UNCONFIRMED_DASH = "6,6"


class SidcError(ValueError):
    """A symbol identification code that is not a well-formed APP-6D / 2525D SIDC."""


@dataclass(frozen=True)
class Sidc:
    version: str
    context: str
    standard_identity: str
    symbol_set: str
    status: str
    hq_tf_dummy: str
    amplifier: str
    entity: str
    entity_type: str
    entity_subtype: str
    modifier1: str
    modifier2: str

    @property
    def entity_code(self) -> str:
        return self.entity + self.entity_type + self.entity_subtype

    @property
    def affiliation(self) -> str:
        """Frame and colour family: friend, hostile, neutral or unknown (joker and faker look friendly)."""
        if self.context == "1" and self.standard_identity in ("5", "6"):
            return "friend"
        return _AFFILIATION[self.standard_identity][0]

    @property
    def is_headquarters(self) -> bool:
        return self.hq_tf_dummy in ("2", "3", "6", "7")

    @property
    def is_task_force(self) -> bool:
        return self.hq_tf_dummy in ("4", "5", "6", "7")

    @property
    def is_dummy(self) -> bool:
        return int(self.hq_tf_dummy) % 2 == 1

    @property
    def echelon(self) -> str | None:
        if self.symbol_set != "10" or self.amplifier not in ECHELONS:
            return None
        return ECHELONS[self.amplifier][0]


def _check(value: str, table: dict[str, str], what: str, where: str) -> None:
    if value not in table:
        accepted = ", ".join(table)
        raise SidcError(f"unknown {what} {value!r} at {where} (accepted: {accepted})")


def parse_sidc(sidc: str) -> Sidc:
    if not isinstance(sidc, str):
        raise SidcError(f"SIDC must be a string of 20 digits, got {type(sidc).__name__}")
    if len(sidc) != 20:
        raise SidcError(f"SIDC must be 20 digits long, got {len(sidc)} characters")
    bad = re.search(r"[^0-9]", sidc)
    if bad:
        raise SidcError(f"SIDC must contain only digits 0-9; position {bad.start() + 1} is {bad.group()!r}")
    _check(sidc[0:2], VERSIONS, "version", "positions 1-2")
    _check(sidc[2], CONTEXTS, "context", "position 3")
    _check(sidc[3], STANDARD_IDENTITIES, "standard identity", "position 4")
    _check(sidc[4:6], SYMBOL_SETS, "symbol set", "positions 5-6")
    _check(sidc[6], STATUSES, "status", "position 7")
    _check(sidc[7], HQ_TF_DUMMY, "HQ/task force/dummy", "position 8")
    return Sidc(
        version=sidc[0:2],
        context=sidc[2],
        standard_identity=sidc[3],
        symbol_set=sidc[4:6],
        status=sidc[6],
        hq_tf_dummy=sidc[7],
        amplifier=sidc[8:10],
        entity=sidc[10:12],
        entity_type=sidc[12:14],
        entity_subtype=sidc[14:16],
        modifier1=sidc[16:18],
        modifier2=sidc[18:20],
    )


def render_svg(sidc: str, *, size: int = 40) -> str:
    """The symbol as a standalone SVG document; raises SidcError for an invalid code."""
    code = parse_sidc(sidc)
    if not 8 <= size <= 512:
        raise ValueError(f"size must be between 8 and 512 pixels, got {size}")
    svg = Svg()
    frame = frame_for(code.symbol_set, code.affiliation)
    dash = _dash(code)
    if frame is None:
        draw_icon(svg, code, None, dash=dash)
    else:
        svg.add(frame.element(FILL[code.affiliation], dash), frame.bbox)
        if code.symbol_set == "20":
            _installation_cap(svg, frame)
        draw_icon(svg, code, frame, dash=None)
        top = frame.bbox[1] - (12 if code.symbol_set == "20" else 0)
        _amplifiers(svg, code, frame, top)
    _context_letter(svg, code, frame)
    return svg.document(size=size, title=_title(code))


def _dash(code: Sidc) -> str | None:
    if code.status == "1":
        return PLANNED_DASH
    unconfirmed = _AFFILIATION[code.standard_identity][1]
    if unconfirmed and not (code.context == "1" and code.standard_identity == "5"):
        return UNCONFIRMED_DASH
    return None


def _installation_cap(svg: Svg, frame: Frame) -> None:
    top = frame.bbox[1]
    svg.rect(85, top - 12, 30, 12, fill="#000000", cls="installation")


def _amplifiers(svg: Svg, code: Sidc, frame: Frame, top: float) -> None:
    left, _, right, bottom = frame.bbox
    above, echelon_width = top, 0.0
    if code.echelon is not None:
        above, echelon_width = _echelon(svg, code.amplifier, top)
    if code.is_task_force:
        half = max(20.0, echelon_width / 2 + 8)
        peak = min(above, top - 10) - 8
        svg.path(
            f"M{100 - half},{top} L{100 - half},{peak} L{100 + half},{peak} L{100 + half},{top}",
            (100 - half, peak, 100 + half, top),
            cls="task-force",
        )
        above = peak
    if code.is_dummy:
        peak = min(above, top) - 30
        sx, sy = frame.shoulders
        svg.path(
            f"M{sx},{sy} L100,{peak} L{200 - sx},{sy}",
            (sx, peak, 200 - sx, sy),
            cls="dummy",
            dash="8,6",
        )
    if code.is_headquarters:
        sx, sy = frame.staff_start
        svg.line(sx, sy, sx, 250, cls="hq-staff")
    if code.status in CONDITION_COLOURS:
        svg.rect(left, bottom + 6, right - left, 14, fill=CONDITION_COLOURS[code.status], cls="condition")


def _echelon(svg: Svg, amplifier: str, top: float) -> tuple[float, float]:
    """Draw the echelon marks centred above the frame; return the y of their top edge and their width."""
    name, kind, count = ECHELONS[amplifier]
    base, height = top - 6, 22.0
    pitch = {"dot": 15.0, "bar": 12.0, "cross": 20.0, "plus": 22.0, "team": 24.0}[kind]
    width = pitch * (count - 1)
    svg.begin_group(cls="echelon", data={"echelon": name})
    for i in range(count):
        x = 100 - width / 2 + i * pitch
        if kind == "dot":
            svg.circle(x, base - 7, 5, fill="#000000", cls="echelon-mark")
        elif kind == "bar":
            svg.line(x, base, x, base - height, cls="echelon-mark")
        elif kind == "cross":
            svg.path(
                f"M{x - 8},{base} L{x + 8},{base - height} M{x - 8},{base - height} L{x + 8},{base}",
                (x - 8, base - height, x + 8, base),
                cls="echelon-mark",
            )
        elif kind == "plus":
            svg.path(
                f"M{x - 9},{base - 11} L{x + 9},{base - 11} M{x},{base - 20} L{x},{base - 2}",
                (x - 9, base - 20, x + 9, base - 2),
                cls="echelon-mark",
            )
        else:
            svg.circle(x, base - 10, 9, fill="none", cls="echelon-mark")
            svg.line(x - 13, base + 1, x + 13, base - 21, cls="echelon-mark")
    svg.end_group()
    return base - height, width + 16


def _context_letter(svg: Svg, code: Sidc, frame: Frame | None) -> None:
    letter = {"1": "X", "2": "S"}.get(code.context)
    if letter is None:
        return
    if code.context == "1" and code.standard_identity == "5":
        letter = "J"
    elif code.context == "1" and code.standard_identity == "6":
        letter = "K"
    right, top = (frame.bbox[2], frame.bbox[1]) if frame else (130.0, 70.0)
    svg.text(right + 4, top + 22, letter, size=30, anchor="start", cls="context")


def _title(code: Sidc) -> str:
    parts = [STANDARD_IDENTITIES[code.standard_identity], SYMBOL_SETS[code.symbol_set]]
    if code.echelon:
        parts.append(code.echelon)
    if code.context != "0":
        parts.append(CONTEXTS[code.context])
    return " ".join(parts)


# CoT affiliation letters (docs/standards.md#cursor-on-target) and dimension letters by symbol set.
_COT_AFFILIATION = {"0": "p", "1": "u", "2": "a", "3": "f", "4": "n", "5": "s", "6": "h"}
_COT_DIMENSION = {
    "01": "A",
    "02": "A",
    "05": "P",
    "06": "P",
    "30": "S",
    "35": "U",
    "36": "U",
    "40": "X",
    "60": "X",
}
# MIL-STD-2525C function letters for the land-unit entities we draw, from the 2525C codes that Esri
# joint-military-symbology-xml lists beside each 2525D icon (Military-Land-Unit-Source-Icons.csv);
# armour follows docs/standards.md#app-6d-symbol-codes (SFGPUCA).
_COT_LAND_UNIT = {
    "120500": "U-C-A",
    "120600": "U-C-V",
    "121100": "U-C-I",
    "121102": "U-C-I-Z",
    "121104": "U-C-I-M",
    "121300": "U-C-R",
    "140700": "U-C-E",
    "140800": "U-U-E",
    "141200": "U-U-L-M",
    "141700": "U-C-S",
    "160600": "U-S",
    "161100": "U-S-X",
    "161300": "U-S-M",
}
# The experimental incident block of CoTtypes.xml (docs/standards.md#cursor-on-target).
_COT_ACTIVITY = {"110110": "i-l-c-r", "120100": "i-l-c-d"}


def cot_type_for(sidc: str) -> str:
    """The Cursor-on-Target type for a SIDC, as specific as our tables allow (a-f-G-U-C-I, a-h-G, ...)."""
    code = parse_sidc(sidc)
    if code.symbol_set == "25":
        return "b-m-p"
    affiliation = _COT_AFFILIATION[code.standard_identity]
    if code.context == "1" and code.standard_identity in ("5", "6"):
        affiliation = "j" if code.standard_identity == "5" else "k"  # joker, faker
    head = f"a-{affiliation}-{_COT_DIMENSION.get(code.symbol_set, 'G')}"
    function = None
    if code.symbol_set == "10":
        function = _COT_LAND_UNIT.get(code.entity_code)
    elif code.symbol_set == "15":
        function = "E"
    elif code.symbol_set == "20":
        function = "I"
    elif code.symbol_set == "40":
        function = _COT_ACTIVITY.get(code.entity_code)
    return f"{head}-{function}" if function else head


__all__ = ["Sidc", "SidcError", "cot_type_for", "parse_sidc", "render_svg"]
