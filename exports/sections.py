"""Parts several documents share: the meeting, the people, the plan, signatures, copies."""

from __future__ import annotations

from exports.layout import Writer
from exports.text import (
    BLANK,
    SHORT_BLANK,
    attendance_label,
    date_words,
    goal_label,
    or_blank,
    organisation_of,
    person_line,
    time_text,
    yes_no,
)
from model.views import ActionView, AttendanceView, MeetingView, PersonView

CELL_BLANK = "________"
ACTION_HEADERS = ("Insats", "Behov / mål", "Ansvarig verksamhet och person", "Omfattning", "Hur",
                  "Från när / hur ofta", "Följs upp")  # fmt: skip
ACTION_WIDTHS = (2.8, 2.6, 2.8, 2.4, 2.4, 2.1, 2.0)


def cell(value: str) -> str:
    return value.strip("\n") if value and value.strip() else CELL_BLANK


def header_line(m: MeetingView) -> str:
    """What every page header says after the title: whose plan, from which day."""
    return f"{m.case.child_name} – {date_words(m.date)}"


def meeting_facts(w: Writer, m: MeetingView) -> None:
    w.fields(
        [
            ("Möte", m.routine.name),
            ("Datum", date_words(m.date)),
            ("Tid", time_text(m.planned_time)),
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
    rows = [("Barnets namn", c.child_name), ("Personnummer", c.personnummer_display),
            ("Skola / förskola", school)]  # fmt: skip
    if c.interpreter_needed:
        rows.append(("Tolk", f"behövs ({c.interpreter_language})" if c.interpreter_language else "behövs"))  # fmt: skip
    w.fields(rows)
    guardians = c.guardians or ()
    w.para("Vårdnadshavare", bold=True, keep_next=True, after=2)
    if guardians:
        w.table(
            ("Namn", "Telefon", "E-post", "Adress"),
            [(g.name, cell(g.phone), cell(g.email), cell(g.address)) for g in guardians],
            (3.6, 2.8, 5.3, 4.3),
        )
    else:
        w.table(
            ("Namn", "Telefon", "E-post", "Adress"), [("", "", "", "")] * 2, (3.6, 2.8, 5.3, 4.3)
        )


def participants(w: Writer, people: list[PersonView]) -> None:
    """Deltagare: name, organisation, role, principal, contact."""
    headers = ("Namn", "Verksamhet", "Roll", "Huvudman", "Telefon / e-post")
    widths = (3.2, 3.1, 3.2, 2.0, 5.5)
    if not people:
        w.table(headers, [("", "", "", "", "")] * 4, widths)
        return
    rows = [(p.name, cell(p.organisation), cell(p.role), cell(p.principal),
             "\n".join(x for x in (p.phone, p.email) if x) or CELL_BLANK) for p in people]  # fmt: skip
    w.table(headers, rows, widths)


def consent(w: Writer, m: MeetingView) -> None:
    """The consent in force on the meeting day, and agencies present it does not cover."""
    in_force = m.case.consents_in_force(m.date)
    if not in_force:
        w.para("Inget samtycke som gäller på mötesdagen finns registrerat.", italic=True)
        w.fields([("Samtycke från", ""), ("Gäller mellan", ""), ("Undantag", ""), ("Giltigt till", "")])  # fmt: skip
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
        w.para("Ingen redogörelse antecknades.", italic=True)
        w.blank(2)
        return
    for a in m.accounts:
        w.para(person_line(a.participant), bold=True, keep_next=True, after=1)
        w.labelled("Bedömningar / utredningar", a.assessments, keep_next=True)
        w.labelled("Beviljade / erbjudna insatser", a.interventions)


def goals(w: Writer, m: MeetingView, kinds: tuple[str, ...] = ("long", "short")) -> None:
    for kind in kinds:
        items = m.goals_of(kind)
        w.para(goal_label(kind), bold=True, keep_next=True, after=1)
        if not items:
            w.blank(2, indent_cm=0.5)
        for i, g in enumerate(items, start=1):
            w.para(f"{i}. {or_blank(g.text)}", indent_cm=0.5, after=2)


def action_rows(actions: list[ActionView]) -> list[tuple[str, ...]]:
    return [
        (
            f"{a.number}. {cell(a.what)}",
            cell(a.need),
            "\n".join(x for x in (a.responsible_org, a.responsible_person) if x) or CELL_BLANK,
            cell(a.scope),
            cell(a.how),
            "\n".join(x for x in (a.start, a.frequency) if x) or CELL_BLANK,
            date_words(a.follow_up_on, CELL_BLANK),
        )
        for a in actions
    ]


def action_table(w: Writer, actions: list[ActionView]) -> None:
    rows = action_rows(actions) or [("", "", "", "", "", "", "")] * 3
    w.table(ACTION_HEADERS, rows, ACTION_WIDTHS, size=9)


def responsibility(w: Writer, m: MeetingView) -> None:
    coordinator = "Kontaktperson" if m.routine.coordinator == "kontaktperson" else "Samordnare"
    rows = [("Huvudansvarig verksamhet", m.lead_organisation), (coordinator, m.coordinator_name)]
    if m.childs_voice or m.routine.coordinator == "kontaktperson":
        rows.append(("Barnets språkrör", m.childs_voice))
    w.fields(rows)


def next_meeting(w: Writer, m: MeetingView) -> None:
    invitees = "\n".join(person_line(p) for p in m.next_invitees)
    w.fields(
        [
            ("Datum", date_words(m.next_date, BLANK)),
            ("Tid", time_text(m.next_time)),
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
        ]  # fmt: skip
    )
    w.labelled_text(IF_WORSE_LABEL, c.if_worse_plan)


def attendance_rows(att: tuple[AttendanceView, ...]) -> list[tuple[str, str, str, str]]:
    return [
        (
            a.participant.name,
            organisation_of(a.participant) or CELL_BLANK,
            attendance_label(a.status),
            a.reason,
        )  # fmt: skip
        for a in att
    ]


def attendance(w: Writer, m: MeetingView) -> None:
    headers = ("Namn", "Verksamhet / roll", "Närvaro", "Orsak")
    widths = (3.8, 4.8, 2.9, 5.0)
    rows = attendance_rows(m.attendance)
    if not m.attendance:  # before the meeting: the invitees, to mark by hand
        rows = [(p.name, organisation_of(p) or CELL_BLANK, CELL_BLANK, "") for p in m.invitees]
    child = "närvarande" if m.child_present else "frånvarande" if m.child_present is False else "ej markerad"  # fmt: skip
    rows.append((m.case.child_name, "Barnet", child, m.child_absence_reason if m.child_present is False else ""))  # fmt: skip
    w.table(headers, rows, widths)


def signers(m: MeetingView) -> list[tuple[str, str]]:
    """(printed name, organisation) for everyone present, the child last when present."""
    out = [(p.name, organisation_of(p)) for p in m.present]
    if m.child_present:
        out.append((m.case.child_name, "Barnet"))
    return out


def signature_table(w: Writer, people: list[tuple[str, str]], blank_rows: int = 6) -> None:
    """Two signers a row: line, printed name, organisation, date line. Compact, so a dozen
    people fit on one page, and kept whole (rows never split, each kept with the next)."""
    line = "_" * 34
    cells = [f"\n{line}\n{name}\n{org}\nDatum: {'_' * 16}" for name, org in people] or [
        f"\n{line}\nNamnförtydligande: {SHORT_BLANK}\nVerksamhet: {SHORT_BLANK}\nDatum: {'_' * 16}"
    ] * blank_rows
    if len(cells) % 2:
        cells.append("")
    rows = [(cells[k], cells[k + 1]) for k in range(0, len(cells), 2)]
    w.table(None, rows, (1, 1), size=10.5, keep_together=True, borders=False)


def signatures(w: Writer, m: MeetingView, intro: str) -> None:
    """One line per person present (and the child when present)."""
    w.para(intro, keep_next=True, after=4)
    signature_table(w, signers(m))


def distribution(w: Writer, m: MeetingView) -> None:
    """Vem fick en kopia. When nobody is marked yet: everyone present, with boxes to tick."""
    got = [a.participant for a in m.attendance if a.received_copy]
    if got:
        w.para("Kopia har lämnats till:", keep_next=True, after=2)
        for p in got:
            w.para(f"☑ {person_line(p)}", indent_cm=0.5, after=1)
        return
    w.para("Kopia lämnas till (kryssa):", keep_next=True, after=2)
    for p in m.present:
        w.para(f"☐ {person_line(p)}", indent_cm=0.5, after=1)
    w.para(f"☐ {SHORT_BLANK * 2}", indent_cm=0.5, after=1)
    w.para(f"☐ {SHORT_BLANK * 2}", indent_cm=0.5, after=1)
