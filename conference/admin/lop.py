"""The List of participants as an official PDF, in the order UN conferences publish it.

States (members alphabetically by English name, then observer states), then the European Union,
intergovernmental organisations, UN entities, NGOs and the rest; heads of delegation first; names
and titles only: never passport data. Reads the registration models read-only (no registration
service lists approved participants per delegation yet).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
)
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from conference.core import pdf_fonts
from conference.extensions import db

# The groups of a UN list of participants, in order; host-country delegations sit with the states.
GROUPS = (
    (("member_state", "host_country"), "States"),
    (("observer_state",), "Observer States"),
    (("reio",), "Regional economic integration organization"),
    (("igo",), "Intergovernmental organizations"),
    (("un_entity",), "United Nations entities"),
    (("ngo",), "Non-governmental organizations"),
    (("academia",), "Academic institutions"),
    (("private_sector",), "Private sector"),
    (("media",), "Media"),
)


@dataclass
class Entry:
    name: str
    title: str
    head: bool


@dataclass
class DelegationBlock:
    name: str
    entries: list[Entry] = field(default_factory=list)


def list_of_participants() -> list[tuple[str, list[DelegationBlock]]]:
    """(group heading, delegations) in UN order, with approved participants only."""
    from conference.registration.models import Category, Delegation, Participant

    delegations = db.session.scalars(
        select(Delegation).options(joinedload(Delegation.country), joinedload(Delegation.organisation))
    ).all()
    rows = db.session.execute(
        select(Participant, Category.sort_order)
        .join(Category, Category.code == Participant.category_code)
        .where(Participant.status == "approved", Participant.delegation_id.is_not(None))
    ).all()
    members: dict[int, list[tuple[Participant, int]]] = {}
    for participant, order in rows:
        members.setdefault(participant.delegation_id, []).append((participant, order))
    result = []
    for types, heading in GROUPS:
        blocks = []
        for delegation in delegations:
            if delegation.type not in types or delegation.id not in members:
                continue
            people = sorted(
                members[delegation.id],
                key=lambda po: (po[0].id != delegation.head_of_delegation_id, po[1], po[0].family_name.lower()),
            )
            block = DelegationBlock(_delegation_name(delegation))
            block.entries = [
                Entry(p.full_name, p.title or "", p.id == delegation.head_of_delegation_id) for p, _ in people
            ]
            blocks.append(block)
        blocks.sort(key=lambda b: b.name.casefold())
        if blocks:
            result.append((heading, blocks))
    return result


def _delegation_name(delegation) -> str:
    if delegation.country is not None and delegation.type in ("member_state", "observer_state", "host_country"):
        return delegation.country.name
    if delegation.organisation is not None:
        return delegation.organisation.name
    return delegation.name


def _paragraph(text: str, style: ParagraphStyle, suffix: str = "") -> Paragraph:
    bold = style.fontName == pdf_fonts.base(bold=True)
    return Paragraph(pdf_fonts.markup(text, bold) + escape(suffix), style)


def render_pdf(event_name: str, subtitle: str) -> bytes:
    regular, bold = pdf_fonts.base(), pdf_fonts.base(bold=True)
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, alignment=1, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", fontName=regular, fontSize=10, leading=13, alignment=1),
        "group": ParagraphStyle("group", fontName=bold, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=4),
        "delegation": ParagraphStyle("delegation", fontName=bold, fontSize=10.5, leading=13, spaceBefore=7),
        "person": ParagraphStyle("person", fontName=regular, fontSize=9.5, leading=12, leftIndent=6 * mm),
        "title_line": ParagraphStyle("title_line", fontName=regular, fontSize=8.5, leading=11, leftIndent=10 * mm),
    }
    story = [
        Paragraph(escape(event_name), styles["title"]),
        Paragraph(escape(subtitle), styles["subtitle"]),
        Paragraph("List of participants", styles["title"]),
        NextPageTemplate("columns"),
        FrameBreak(),
    ]
    for heading, blocks in list_of_participants():
        story.append(Paragraph(escape(heading), styles["group"]))
        for block in blocks:
            parts = [_paragraph(block.name, styles["delegation"])]
            for entry in block.entries:
                role = " (Head of Delegation)" if entry.head else ""
                parts.append(_paragraph(entry.name, styles["person"], suffix=role))
                if entry.title:
                    parts.append(_paragraph(entry.title, styles["title_line"]))
            story.append(KeepTogether(parts[:3]))
            story.extend(parts[3:])

    def page_number(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, str(doc.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=A4, title="List of participants", author="Conference secretariat")
    document.addPageTemplates(
        [
            PageTemplate("first", frames=_frames(header=True), onPage=page_number),
            PageTemplate("columns", frames=_frames(header=False), onPage=page_number),
        ]
    )
    document.build(story)
    return buffer.getvalue()


def _frames(*, header: bool) -> list[Frame]:
    """Two columns, as UN lists of participants are set; the first page has the title above them."""
    margin, gap, header_height = 18 * mm, 8 * mm, 32 * mm
    width = (A4[0] - 2 * margin - gap) / 2
    top = A4[1] - margin - (header_height if header else 0)
    height = top - margin
    frames = [Frame(margin + i * (width + gap), margin, width, height, id=f"col{i}") for i in range(2)]
    if header:
        frames.insert(0, Frame(margin, top, A4[0] - 2 * margin, header_height, id="header"))
    return frames
