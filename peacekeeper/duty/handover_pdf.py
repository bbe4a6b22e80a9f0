"""A shift's handover as a PDF for one reader (fpdf2): the same lines as the page shows them, marked top
and bottom of every page with the combined marking of everything it holds (`access.marking`)."""

from fpdf import FPDF

from peacekeeper.access.marking import highest_marking
from peacekeeper.duty.presenting import line_text
from peacekeeper.duty.summary import EMPTY, SECTIONS, Summary
from peacekeeper.forces.placemat_pdf import INK, MUTED, latin1

NOT_MARKED = "NO RECORDS SHOWN - NOT MARKED"
_BANNER_COLOURS = {
    "PUBLIC": (30, 132, 73),
    "NATO UNCLASSIFIED": (30, 132, 73),
    "NATO RESTRICTED": (185, 119, 14),
    "NATO CONFIDENTIAL": (31, 97, 141),
    "NATO SECRET": (169, 50, 38),
}
OVERDUE = (169, 50, 38)
TITLES = {
    "sigevent": "SIGEVENTs in the shift",
    "action": "Open actions",
    "restriction": "Freedom-of-movement restrictions in force",
    "alert": "Alerts not acknowledged",
    "level": "Threat-level changes in the shift",
}


class _HandoverPDF(FPDF):
    def __init__(self, marking: str, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.marking = latin1(marking)
        self.title_text = latin1(title)
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
        self.cell(0, 4, f"{self.title_text} - page {self.page_no()}", align="R")
        self._banner(self.h - 6)


def handover_pdf(*, summary: Summary, shift: dict, remarks: str | None, remarks_label, labels: list) -> bytes:
    marking = highest_marking(labels) or NOT_MARKED
    title = f"Shift handover {shift['starts']} - {shift['ends']}"
    pdf = _HandoverPDF(marking, title)
    pdf.set_title(latin1(title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 8, "Shift handover", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("Helvetica", "", 9)
    facts = [
        f"Shift {shift['starts']} to {shift['ends']}"
        f" (local {shift['starts_local']} to {shift['ends_local']})",
        f"Duty officer: {shift['duty_officer']};"
        f" watchkeepers: {', '.join(shift['watchkeepers']) or 'none named'}",
    ]
    if shift["handed_over"]:
        facts.append(
            f"Handed over by {shift['handed_over_by']} at {shift['handed_over']}"
            f" to {shift['incoming_officer']}"
        )
        facts.append(
            f"Acknowledged by {shift['acknowledged_by']} at {shift['acknowledged']}"
            if shift["acknowledged"]
            else "Not yet acknowledged"
        )
    else:
        facts.append("Not yet handed over: the summary as it stands now")
    for fact in facts:
        pdf.multi_cell(0, 4.5, latin1(fact), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        0,
        4,
        "Each line as released to the reader this copy was made for.",
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    pdf.set_text_color(*INK)
    for kind in SECTIONS:
        lines = summary.sections.get(kind, [])
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 6, latin1(f"{TITLES[kind]} ({len(lines)})"), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_font("Helvetica", "", 8.5)
        if not lines:
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(0, 4.2, latin1(EMPTY[kind]), new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.set_text_color(*INK)
        for line in lines:
            marking_text = f" [{line.label.marking}]" if line.label is not None else ""
            overdue = kind == "action" and line.content.get("overdue")
            pdf.set_text_color(*(OVERDUE if overdue else INK))
            pdf.multi_cell(
                0,
                4.2,
                latin1(f"- {line_text(kind, line.content)}{marking_text}"),
                new_x="LMARGIN",
                new_y="NEXT",
                align="L",
            )
            pdf.set_text_color(*INK)
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "Remarks", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("Helvetica", "", 9)
    if remarks is None:
        text = "None yet." if not shift["handed_over"] else "None released to you."
    else:
        text = f"{remarks or 'None.'} [{remarks_label.marking}]"
    pdf.multi_cell(0, 4.5, latin1(text), new_x="LMARGIN", new_y="NEXT", align="L")
    return bytes(pdf.output())
