"""Parts several documents share: the meeting, the people, the plan, signatures, copies."""

from __future__ import annotations

from pathlib import Path

from exports import roles
from exports.layout import WRITE_HEIGHT, Look, Writer, nb, new_document
from exports.text import (
    date_words,
    goal_label,
    or_blank,
    person_line,
    status_label,
    time_span,
    yes_no,
)
from model.labels import MeetingState
from model.views import ActionView, MeetingView, PersonView

# An empty cell: the row is made tall enough to write in by hand.
CELL_BLANK = ""
# One block per action: label, value, label, value (cm); long Swedish words fit whole.
ACTION_WIDTHS = (2.9, 5.6, 2.9, 5.6)


def cell(value: str) -> str:
    return nb(value.strip("\n")) if value and value.strip() else CELL_BLANK


def start(
    title: str, m: MeetingView, look: Look | str | Path | None, header: str | None = None
) -> tuple[Writer, Look]:
    """A new document for the meeting: core properties (title with the child's initials, the
    leader as author) and, without a template, the organisation and leader in the header."""
    look = Look.of(look, on=m.read_on)
    leader = m.leader or look.leader
    issuer = " · ".join(
        x for x in (look.organisation, f"Samtalsledare: {leader}" if leader else "") if x
    )
    w = new_document(
        title,
        header_line(m) if header is None else header,
        look,
        doc_title=f"{title} – {m.case.child_initials}",
        author=look.leader or m.leader or look.organisation or "Lotsen",
        issuer=issuer,
    )
    return w, look


def is_planned(m: MeetingView) -> bool:
    """Before the meeting: the form is filled in by hand, it states nothing as done."""
    return m.status == MeetingState.PLANNED


def meeting_time(m: MeetingView) -> str:
    """Start and end from the planned time and the routine's minutes ("14.00–15.05")."""
    return time_span(m.planned_time, m.routine.planned_minutes)


def header_line(m: MeetingView) -> str:
    """What every page header says after the title: whose plan, from which day; and when it
    was changed after the meeting was held ("Reviderad"), so a signed copy and a later one
    can never be mistaken for each other."""
    line = f"{m.case.child_name} – {date_words(m.date)}"
    if m.revised_at is not None and m.ended_at is not None:
        line += f" – Reviderad {date_words(m.revised_at.date())}"
    return line


def meeting_facts(w: Writer, m: MeetingView) -> None:
    w.fields(
        [
            ("Möte", m.routine.name),
            ("Datum", date_words(m.date)),
            ("Tid", meeting_time(m)),
            ("Plats", m.place),
            ("Samtalsledare", m.leader),
            ("Antecknare", m.note_taker),
        ]
    )


def child_and_guardians(w: Writer, m: MeetingView) -> None:
    c = m.case
    school = ", ".join(
        x for x in (c.school, f"klass {c.school_class}" if c.school_class else "") if x
    )
    rows = [
        ("Barnets namn", c.child_name),
        ("Personnummer", c.personnummer_display),
        ("Skola / förskola", school),
    ]
    if c.interpreter_needed:
        rows.append(
            ("Tolk", f"behövs ({c.interpreter_language})" if c.interpreter_language else "behövs")
        )
    w.fields(rows)
    guardians = c.guardians or ()
    w.para("Vårdnadshavare", bold=True, keep_next=True, after=2)
    headers = ("Namn", "Telefon och e-post", "Adress")
    widths = (5.0, 7.4, 4.6)
    g_rows = [(g.name, contact(g), cell(g.address)) for g in guardians] or [("", "", "")] * 2
    w.table(headers, g_rows, widths, size=9.5)


def contact(p: PersonView) -> str:
    return "\n".join(x for x in (p.phone, p.email) if x) or CELL_BLANK


def participants(w: Writer, people: list[PersonView]) -> None:
    """Deltagare: name and role, organisation and principal, phone and e-mail. Three columns,
    so long organisation names and e-mail addresses are never broken inside a word."""
    headers = ("Namn och roll", "Verksamhet och huvudman", "Telefon och e-post")
    widths = (4.6, 5.2, 7.2)
    if not people:
        w.table(headers, [("", "", "")] * 4, widths, size=9.5)
        return
    rows = [
        (
            "\n".join(x for x in (p.name, p.role) if x),
            "\n".join(x for x in (p.organisation, p.principal) if x) or CELL_BLANK,
            contact(p),
        )
        for p in people
    ]
    w.table(headers, rows, widths, size=9.5)


def consent(w: Writer, m: MeetingView) -> None:
    """The consent in force on the meeting day, and agencies present it does not cover."""
    in_force = m.case.consents_in_force(m.date)
    if not in_force:
        if not is_planned(m):
            w.para("Inget samtycke som gäller på mötesdagen finns registrerat.", italic=True)
        w.fields(
            [("Samtycke från", ""), ("Gäller mellan", ""), ("Undantag", ""), ("Giltigt till", "")]
        )
        return
    for c in in_force:
        w.fields(
            [
                ("Samtycke från", f"{c.given_by} ({c.form}, {date_words(c.given_on)})"),
                ("Gäller mellan", ", ".join(c.agencies)),
                ("Uppgifter som får lämnas", c.information_kinds),
                ("Undantag (omfattas inte)", c.exclusions or "inga"),
                ("Giltigt till", date_words(c.valid_until) if c.valid_until else "tills vidare"),
            ]
        )
    agencies = dict.fromkeys(p.agency for p in m.present if p.agency)
    uncovered = [a for a in agencies if not any(c.covers(a) for c in in_force)]
    if uncovered:
        w.para("Samtycket omfattar inte: " + ", ".join(uncovered) + ".", italic=True)


def family_story(w: Writer, m: MeetingView, child: bool = True) -> None:
    if child:
        w.labelled_text(f"{m.case.child_name} berättar", m.family_story_child)
    w.labelled_text("Vårdnadshavarna berättar", m.family_story_guardians)


def accounts(w: Writer, m: MeetingView) -> None:
    """Each profession's account (redogörelse)."""
    if not m.accounts:
        if not is_planned(m):
            w.para("Ingen redogörelse antecknades.", italic=True)
        w.blank(3)
        return
    for a in m.accounts:
        written = " (skriftlig redogörelse)" if a.written else ""
        w.para(person_line(a.participant) + written, bold=True, keep_next=True, after=1)
        w.labelled("Bedömningar / utredningar", a.assessments, keep_next=True)
        w.labelled("Beviljade / erbjudna insatser", a.interventions)


def goals(w: Writer, m: MeetingView, kinds: tuple[str, ...] = ("long", "short")) -> None:
    for kind in kinds:
        items = m.goals_of(kind)
        w.para(goal_label(kind), bold=True, keep_next=True, after=1)
        if not items:
            w.blank(2, indent_cm=0.5)
        for i, g in enumerate(items, start=1):
            w.para(f"{i}.\t{or_blank(g.text)}", indent_cm=1.1, hanging_cm=0.6, after=2)


def _v(value: str) -> str:
    return nb(value.strip("\n")) if value and value.strip() else ""


def action_block_rows(
    a: ActionView | None, number: int, with_status: bool = False
) -> list[list[tuple[str, int, bool]]]:
    """One action as a small table: what on top, then need, who, scope, how, when, follow-up."""
    if a is None:
        values = {
            k: ""
            for k in (
                "what",
                "need",
                "org",
                "person",
                "scope",
                "how",
                "start",
                "freq",
                "follow",
                "status",
                "principal",
                "follow_how",
            )
        }
    else:
        values = {
            "what": _v(a.what),
            "need": _v(a.need),
            "org": _v(a.responsible_org),
            "person": _v(a.responsible_person),
            "scope": _v(a.scope),
            "how": _v(a.how),
            "start": _v(a.start),
            "freq": _v(a.frequency),
            "follow": date_words(a.follow_up_on, "") if a.follow_up_on else "",
            "status": status_label(a.status),
            "principal": PRINCIPAL_WORDS.get(a.principal, ""),
            "follow_how": _v(a.follow_up_how),
        }
    rows = [
        [(f"Insats {number}", 1, True), (values["what"], 3, False)],
        [("Behov / mål", 1, True), (values["need"], 3, False)],
        [
            ("Huvudman", 1, True),
            (values["principal"], 1, False),
            ("Ansvarig verksamhet", 1, True),
            (values["org"], 1, False),
        ],
        [("Ansvarig person", 1, True), (values["person"], 3, False)],
        [
            ("Omfattning", 1, True),
            (values["scope"], 1, False),
            ("Hur", 1, True),
            (values["how"], 1, False),
        ],
        [
            ("Från när", 1, True),
            (values["start"], 1, False),
            ("Hur ofta", 1, True),
            (values["freq"], 1, False),
        ],
    ]
    # How and when the action is followed up (the law asks for both).
    if with_status:
        rows.append(
            [
                ("Följs upp", 1, True),
                (values["follow"], 1, False),
                ("Status", 1, True),
                (values["status"], 1, False),
            ]
        )
        rows.append([("Uppföljning hur", 1, True), (values["follow_how"], 3, False)])
    else:
        rows.append(
            [
                ("Följs upp", 1, True),
                (values["follow"], 1, False),
                ("Hur", 1, True),
                (values["follow_how"], 1, False),
            ]
        )
    return rows


# Huvudman for an action and for the plan, as the documents say it.
PRINCIPAL_WORDS = {
    "kommun": "Kommunen",
    "region": "Regionen",
    "enskild": "Enskild huvudman",
    "annan": "Annan (t.ex. familjen)",
}


def is_by_others(a: ActionView) -> bool:
    """An action taken by others than the kommun and the region (the family, a private
    school, Försäkringskassan): the law asks for them in their own part of the SIP."""
    return a.principal in ("enskild", "annan")


def action_table(
    w: Writer, actions: list[ActionView], with_status: bool = False, blank_blocks: int = 2
) -> None:
    """The action plan, one block per action (never split over a page); none -> blocks to fill."""
    items: list[ActionView | None] = list(actions) or [None] * blank_blocks
    for k, a in enumerate(items, start=1):
        rows = action_block_rows(a, a.number if a else k, with_status)
        heights = [
            0 if all(text.strip() for text, _span, shaded in row if not shaded) else WRITE_HEIGHT
            for row in rows
        ]
        w.grid(rows, ACTION_WIDTHS, size=9.5, keep_together=True, heights=heights)


def responsibility(w: Writer, m: MeetingView) -> None:
    """Who has the overall responsibility (one of the huvudmän kommun and region, and the
    organisation), and the samordnare the family turns to, with phone and e-mail."""
    coordinator = "Kontaktperson" if m.routine.coordinator == "kontaktperson" else "Samordnare"
    contact = ", ".join(x for x in (m.coordinator_phone, m.coordinator_email) if x.strip())
    rows = [
        ("Huvudansvar för planen", PRINCIPAL_WORDS.get(m.lead_principal, "")),
        ("Huvudansvarig verksamhet", m.lead_organisation),
        *roles.vastbas_role_rows(m),
        (coordinator, m.coordinator_name),
        (f"{coordinator}ns telefon och e-post", contact),
    ]
    if roles.spokesperson(m) or m.routine.coordinator == "kontaktperson":
        rows.append(("Barnets språkrör", roles.spokesperson(m)))
    rows.append(("Planen är upprättad av", m.leader))
    w.fields(rows)


def next_meeting(w: Writer, m: MeetingView) -> None:
    invitees = "\n".join(person_line(p) for p in m.next_invitees)
    w.fields(
        [
            ("Datum", date_words(m.next_date, "")),
            ("Tid", (m.next_time or "").strip().replace(":", ".")),
            ("Plats", m.next_place),
            ("Kallar", m.next_convener),
            ("Kallas", invitees),
        ]
    )


IF_WORSE_LABEL = "Om det blir sämre igen"


def closing(w: Writer, m: MeetingView) -> None:
    """Avslut: when, why, whether the family was told, and how they act if things worsen."""
    c = m.case
    w.fields(
        [
            ("Ärendet avslutades", date_words(c.closed_on)),
            ("Skäl till avslut", c.closing_reason),
            (
                "Familjen har fått veta hur de gör om det blir sämre igen",
                yes_no(c.family_told_if_worse),
            ),
        ]
    )
    w.labelled_text(IF_WORSE_LABEL, c.if_worse_plan)
