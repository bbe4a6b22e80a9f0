"""The placemat as a PDF (fpdf2, vector drawing): the same content as the page, marked top and bottom of
every page with the combined marking of what is shown.

The built-in PDF fonts cover Latin-1 only; text is folded to it (č -> c, – -> -) rather than shipping a
font file, so the PDF needs nothing beyond the fpdf2 package.
"""

import unicodedata

from fpdf import FPDF

from peacekeeper.forces.placemat_content import BOUNDARY_ATTRIBUTION, PlacematContent

_REPLACEMENTS = {"–": "-", "—": "-", "→": "->", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."}
_BANNER_COLOURS = {
    "PUBLIC": (30, 132, 73),
    "NATO UNCLASSIFIED": (30, 132, 73),
    "NATO RESTRICTED": (185, 119, 14),
    "NATO CONFIDENTIAL": (31, 97, 141),
    "NATO SECRET": (169, 50, 38),
}
INK = (23, 32, 42)
MUTED = (93, 109, 126)
BAR = (31, 97, 141)
BAR_INFERRED = (133, 193, 233)
CAMP = (169, 50, 38)


def latin1(text: str) -> str:
    for wide, narrow in _REPLACEMENTS.items():
        text = text.replace(wide, narrow)
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if ord(ch) < 256 and not unicodedata.combining(ch))


class MarkedPDF(FPDF):
    """An A4 page with the marking as a coloured banner at its top and bottom and `footer_title` with the
    page number: the placemat's, and the shift handover's (duty)."""

    def __init__(self, marking: str, footer_title: str = "Peacekeeper placemat") -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.marking = latin1(marking)
        self.footer_title = latin1(footer_title)
        self.banner_colour = next(
            (colour for level, colour in _BANNER_COLOURS.items() if marking.startswith(level)),
            (127, 140, 141),
        )
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(12, 16, 12)

    def _banner(self, y: float) -> None:
        self.set_fill_color(*self.banner_colour)
        self.set_text_color(255, 255, 255)
        self.set_font("Helvetica", "B", 9)
        self.set_xy(0, y)
        self.cell(self.w, 6, self.marking, align="C", fill=True)
        self.set_text_color(*INK)

    def header(self) -> None:
        self._banner(0)
        self.set_y(10)

    def footer(self) -> None:
        self.set_font("Helvetica", "", 7)
        self.set_text_color(*MUTED)
        self.set_xy(12, -12)
        self.cell(0, 4, f"{self.footer_title} - page {self.page_no()}", align="R")
        self._banner(self.h - 6)


def placemat_pdf(content: PlacematContent) -> bytes:
    placemat = content.placemat
    pdf = MarkedPDF(content.marking)
    pdf.set_title(latin1(f"KFOR placemat {placemat.as_of:%Y-%m-%d}"))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 9, "KFOR placemat", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.set_text_color(*MUTED)
    used = f"Placemat used: {placemat.as_of:%d %b %Y} (source dating: {placemat.as_of_text})"
    pdf.multi_cell(0, 4.5, latin1(f"{used}; requested {placemat.requested:%d %b %Y}."), align="L")
    pdf.set_text_color(*INK)
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 26)
    pdf.cell(60, 12, f"{placemat.total:,}")
    pdf.set_font("Helvetica", "", 10)
    stated = "troops (stated total)" if placemat.stated_total is not None else "troops (sum of nations)"
    pdf.cell(0, 12, f"{stated} - {len(placemat.nations)} nations listed", new_x="LMARGIN", new_y="NEXT")
    if placemat.partial:
        pdf.set_font("Helvetica", "I", 9)
        partial = f"Partial list: the nations below sum to {placemat.listed_total:,} of {placemat.total:,}."
        pdf.multi_cell(0, 4.5, partial, align="L")
    top = pdf.get_y() + 3
    bars_end = _bars(pdf, content, x=12, y=top, width=92)
    map_end = _map(pdf, content, x=110, y=top, width=88)
    pdf.set_y(max(bars_end, map_end) + 4)
    _notes(pdf, content)
    return bytes(pdf.output())


def _bars(pdf: FPDF, content: PlacematContent, *, x: float, y: float, width: float) -> float:
    placemat = content.placemat
    label_width, value_width, row = 34.0, 12.0, 4.6
    room = width - label_width - value_width
    largest = max(placemat.largest, 1)
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_xy(x, y)
    pdf.cell(width, 5, "Troops by nation")
    pdf.set_font("Helvetica", "", 8)
    for index, figure in enumerate(placemat.nations):
        top = y + 7 + index * row
        pdf.set_xy(x, top)
        name = figure.name + (" *" if figure.name_inferred else "")
        pdf.cell(label_width, row, latin1(name)[:24])
        pdf.set_fill_color(*(BAR_INFERRED if figure.name_inferred else BAR))
        length = max(0.4, room * figure.troops / largest)
        pdf.rect(x + label_width, top + 0.7, length, row - 1.4, style="F")
        pdf.set_xy(x + label_width + length + 1, top)
        pdf.cell(value_width, row, f"{figure.troops:,}")
    return y + 7 + len(placemat.nations) * row + 2


def _map(pdf: FPDF, content: PlacematContent, *, x: float, y: float, width: float) -> float:
    drawing = content.drawing
    scale = width / drawing.width
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_xy(x, y)
    pdf.cell(width, 5, "Camps")
    top = y + 7
    pdf.set_draw_color(120, 130, 140)
    pdf.set_fill_color(240, 243, 244)
    pdf.set_line_width(0.15)
    for _, rings in drawing.areas:
        for ring in rings:
            pdf.polygon([(x + px * scale, top + py * scale) for px, py in ring], style="DF")
    pdf.set_font("Helvetica", "", 6.5)
    for camp in drawing.camps:
        cx, cy = x + camp.x * scale, top + camp.y * scale
        # Hollow: the camp's position is a stand-in (e.g. the town centre), as on the page.
        pdf.set_fill_color(*((255, 255, 255) if camp.approximate else CAMP))
        pdf.set_draw_color(*(CAMP if camp.approximate else (255, 255, 255)))
        pdf.set_line_width(0.5)
        pdf.circle(x=cx, y=cy, radius=1.3, style="DF")
        pdf.set_xy(cx + 1.8, cy - 1.6)
        pdf.cell(0, 3.2, latin1(camp.name.split(" (")[0]))
    pdf.set_text_color(*MUTED)
    pdf.set_xy(x, top + drawing.height * scale + 1)
    pdf.multi_cell(
        width, 3.2, "Hollow marker: approximate position (a stand-in from the sources).", align="L"
    )
    pdf.set_x(x)
    pdf.multi_cell(width, 3.2, latin1(BOUNDARY_ATTRIBUTION), align="L")
    pdf.set_text_color(*INK)
    return pdf.get_y()


def _notes(pdf: FPDF, content: PlacematContent) -> None:
    placemat = content.placemat
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, "Camps and units shown", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)
    for camp in content.drawing.camps:
        units = ", ".join(camp.units) or "no unit you may see"
        position = "approximate position" if camp.approximate else "position from source"
        pdf.multi_cell(0, 4, latin1(f"{camp.name} ({position}): {units}"), new_x="LMARGIN", new_y="NEXT")
    for name, units in content.drawing.camps_not_drawn:
        text = f"{name} (position not known, not drawn): {', '.join(units) or 'no unit you may see'}"
        pdf.multi_cell(0, 4, latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, "About these figures", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)
    notes = [*placemat.approximation_notes]
    if any(figure.name_inferred for figure in placemat.nations):
        notes.append("* name inferred from its position in the source placemat")
    notes += [f"Source: {source}" for source in placemat.sources]
    for note in notes:
        pdf.multi_cell(0, 4, latin1(note), new_x="LMARGIN", new_y="NEXT")
