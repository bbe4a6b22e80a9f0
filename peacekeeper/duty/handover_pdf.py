"""A shift's handover as a PDF for one reader (fpdf2): the same lines as the page shows them, marked top
and bottom of every page with the combined marking of everything it holds (`access.marking`)."""

from peacekeeper.access.marking import highest_marking
from peacekeeper.duty.presenting import line_text
from peacekeeper.duty.summary import EMPTY, SECTIONS, Summary
from peacekeeper.forces.placemat_pdf import INK, MUTED, MarkedPDF, latin1

NOT_MARKED = "NO RECORDS SHOWN - NOT MARKED"
OVERDUE = (169, 50, 38)
TITLES = {
    "sigevent": "SIGEVENTs in the shift",
    "action": "Open actions",
    "restriction": "Freedom-of-movement restrictions in force",
    "alert": "Alerts not acknowledged",
    "level": "Threat-level changes in the shift",
}


def handover_pdf(*, summary: Summary, shift: dict, remarks: str | None, remarks_label, labels: list) -> bytes:
    marking = highest_marking(labels) or NOT_MARKED
    title = f"Shift handover {shift['starts']} - {shift['ends']}"
    pdf = MarkedPDF(marking, title)
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
