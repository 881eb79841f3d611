"""Min plan: the plan the child keeps (seed 004: "Min plan. Plats för illustration om barnet /
den unge själv önskar. Namn: (Barnet /den unge skriver själv om möjligt)").

One or two pages in plain Swedish and large type, for a child of about ten: a line where the
child writes their own name, a framed space for a drawing, the child's own goals in the
child's words, what the child does, what each adult does said simply (the action's words for
the child, else its title), who the child can talk to, and when everyone meets next.

Never on the page: the personnummer, professional notes, accounts or assessments, and no OSL
header; the secrecy marking is one small footer line.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from exports.layout import (
    FOOTER_SIZE,
    LINE_COLOR,
    NBSP,
    TWIPS_PER_CM,
    Look,
    Writer,
    nb,
    new_document,
    p_xml,
    ppr,
    rpr,
)
from exports.roles import spokesperson
from exports.text import date_words
from model.labels import FINISHED_ACTION_STATUSES, MeetingState
from model.swedish_dates import MONTHS
from model.views import ActionView, MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Min plan"
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
# Sizes (pt): large and calm.
BODY = 16
HEADING = 20
BIG = 32
INK = "1F3A5F"
DRAWING_HEIGHT_CM = 10.5
FRAME = "5B7FA6"
NBHY = "\u2011"  # a hyphen that does not break a phone number


def day_words(day: dt.date) -> str:
    """ "torsdag 2 april" (and the year when it is not this one's)."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def _para(
    w: Writer,
    text: str,
    *,
    size: float = BODY,
    bold: bool = False,
    color: str | None = None,
    before: int = 0,
    after: int = 6,
    keep_next: bool = False,
) -> None:
    w.parts.append(
        p_xml(
            [(text, rpr(bold=bold, size=size, color=color))],
            ppr(keep_next=keep_next, keep_lines=True, before=before, after=after),
        )
    )


def _heading(w: Writer, text: str, *, new_page: bool = False) -> None:
    w.parts.append(
        p_xml(
            [(text, rpr(bold=True, size=HEADING, color=INK))],
            ppr(keep_next=True, keep_lines=True, before=14, after=4, page_break_before=new_page),
        )
    )


def _bullet(w: Writer, text: str, lead: str = "", sep: str = ": ") -> None:
    runs = [("•\t", rpr(size=BODY, color=INK))]
    if lead:
        runs.append((f"{lead}{sep}", rpr(bold=True, size=BODY)))
    runs.append((text, rpr(size=BODY)))
    w.parts.append(p_xml(runs, ppr(keep_lines=True, after=4, indent_cm=0.8, hanging_cm=0.8)))


def _lines(w: Writer, count: int) -> None:
    """Lines to write on by hand, in the large type."""
    for _ in range(count):
        w.parts.append(
            p_xml(
                [("\t", rpr(size=BODY, color=LINE_COLOR))],
                ppr(before=14, after=0, line_tab=w.text_width),
            )
        )


def _drawing_frame(w: Writer) -> None:
    """A framed, empty space for the child's drawing (one table cell of fixed height)."""
    width = w.text_width
    edge = f'w:val="single" w:sz="12" w:space="0" w:color="{FRAME}"'
    note = p_xml(
        [("Här kan du rita något om dig själv.", rpr(size=11, color="7F7F7F"))],
        ppr(before=2, after=0),
    )
    w.parts.append(
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{width}" w:type="dxa"/>'
        f"<w:tblBorders><w:top {edge}/><w:left {edge}/><w:bottom {edge}/><w:right {edge}/>"
        "</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
        "<w:tr><w:trPr><w:cantSplit/>"
        f'<w:trHeight w:val="{round(DRAWING_HEIGHT_CM * TWIPS_PER_CM)}" w:hRule="exact"/>'
        f'</w:trPr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{note}</w:tc>'
        "</w:tr></w:tbl>"
    )
    w.parts.append(p_xml([], ppr(after=0)))


def adult_of(a: ActionView) -> str:
    """Who does it, as the child knows them: the person, else the organisation."""
    return a.responsible_person.strip() or a.responsible_org.strip()


def adult_actions(m: MeetingView) -> list[ActionView]:
    """What is still to be done in the plan (not what was done or dropped)."""
    return [a for a in m.actions if a.status not in FINISHED_ACTION_STATUSES and a.for_the_child]


def next_time(m: MeetingView) -> str:
    """When everyone meets next, in a sentence; a planned meeting is itself the next one."""
    if m.status == MeetingState.PLANNED:
        day, time, place = m.planned_date, m.planned_time, m.place
    else:
        day, time, place = m.next_date, m.next_time, m.next_place
    if day is None:
        if m.is_closing:
            return "Vi har inga fler möten inplanerade."
        return "Vi bestämmer en dag tillsammans."
    text = day_words(day).capitalize()
    if time.strip():
        text += f" klockan {time.strip().replace(':', '.')}"
    if place.strip():
        text += f", {place.strip()}"
    return text + "."


def talk_to(m: MeetingView) -> list[tuple[str, str]]:
    """(who, what they do for the child) for the people the child can talk to: the
    språkrör first, then the samordnare (in Västbas the kontaktperson)."""
    out = []
    voice = spokesperson(m)
    if voice:
        out.append((voice, "mitt språkrör. Språkröret berättar för de vuxna vad jag tycker."))
    lead = m.coordinator_name.strip()
    if lead:
        phone = m.coordinator_phone.strip()
        what = "håller ihop planen och ser till att de vuxna gör det de har lovat."
        out.append(
            (
                lead,
                what
                + (f" Telefon: {phone.replace(' ', NBSP).replace('-', NBHY)}." if phone else ""),
            )
        )
    return out


def _footer(doc: Any, osl: str) -> None:
    """No header on the child's page (no letterhead, no marking at the top): the marking is
    one small line in the footer, above the page numbers."""
    from exports import compat
    from exports.package import header_footer_parts

    line = p_xml([(nb(osl), rpr(size=FOOTER_SIZE, color="7F7F7F"))], ppr(align="center", after=0))
    headers, footers = header_footer_parts(doc, doc.sections[-1])
    for part in headers:
        compat.replace_story(part, (p_xml([], ""),), keep=False)
    for part in footers:  # the marking, then the page numbers new_document put last
        el = compat.story_root(part)
        page = list(el)[-1:]
        compat.replace_story(part, (line,), keep=False)
        el.extend(page)


def build_minplan_document(m: MeetingView, look: Look | str | None = None) -> Document:
    look = Look.of(look, on=m.read_on)
    w = new_document(
        TITLE,
        "",
        look,
        doc_title=f"{TITLE} – {m.case.child_initials}",
        author=look.leader or m.leader or look.organisation or "Lotsen",
    )
    _footer(w.doc, look.osl)

    _para(w, TITLE, size=BIG, bold=True, color=INK, after=10)
    w.parts.append(
        p_xml(
            [("Mitt namn: ", rpr(bold=True, size=BODY)), ("\t", rpr(size=BODY, color=LINE_COLOR))],
            ppr(before=6, after=12, line_tab=w.text_width),
        )
    )
    _drawing_frame(w)
    _para(w, f"Vi gjorde planen tillsammans den {date_words(m.date)}.", after=4)

    _heading(w, "Det här vill jag")
    goals = [g.text.strip() for g in m.goals_of("child") if g.text.strip()]
    for text in goals:
        _bullet(w, text)
    if not goals:
        _lines(w, 2)

    _heading(w, "Det här gör jag")
    mine = [ln.strip() for ln in m.child_contribution.splitlines() if ln.strip()]
    for text in mine:
        _bullet(w, text)
    if not mine:
        _lines(w, 2)

    _heading(w, "Det här gör de vuxna", new_page=True)
    actions = adult_actions(m)
    for a in actions:
        _bullet(w, a.for_the_child, adult_of(a))
    if not actions:
        _lines(w, 2)

    _heading(w, "Jag kan prata med")
    people = talk_to(m)
    for who, what in people:
        _bullet(w, what, who, sep=" – ")
    if not people:
        _lines(w, 1)

    _heading(w, "Nästa gång vi ses")
    _para(w, next_time(m))
    return w.finish()
