"""Sekretessamtycke: the consent form the guardians (and an older child) sign."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import sections as s
from exports import signing
from exports.layout import Look
from exports.text import age_on, date_words
from model.views import MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Sekretessamtycke"
# From about this age the child's own consent is asked for as well (a judgement of maturity;
# the line is there to be used, not a rule).
CHILD_SIGNS_FROM_AGE = 12
PURPOSE = (
    "Syftet är att barnet och familjen ska få ett samordnat stöd. Med samtycket kan de "
    "verksamheter som kryssas för nedan lämna uppgifter till varandra, träffas i nätverksmöten "
    "och tillsammans upprätta och följa upp en samordnad individuell plan (SIP). Uppgifterna "
    "omfattas annars av sekretess enligt offentlighets- och sekretesslagen (OSL)."
)
REVOKE = (
    "Samtycket är frivilligt. Det kan när som helst återkallas, helt eller delvis, muntligt "
    "eller skriftligt, genom att kontakta samordnaren eller någon av verksamheterna ovan. "
    "Uppgifter som redan lämnats kan inte tas tillbaka."
)
CONSENT = "Jag/vi samtycker till att uppgifterna ovan lämnas mellan de verksamheter där "
CONSENT += "”samtycker” är kryssat."
EXTRA_AGENCY_ROWS = 2


def build_consent_document(m: MeetingView, look: Look | str | None = None) -> Document:
    w, look = s.start(TITLE, m, look)
    w.title(TITLE, "Samtycke till att uppgifter lämnas mellan verksamheter (OSL)")
    c = m.case
    w.fields([("Barnets namn", c.child_name), ("Personnummer", c.personnummer_display)])
    consents = c.consents_in_force(m.date) or [x for x in c.consents if x.revoked_on is None][-1:]
    network = [p.organisation for p in c.participants if p.organisation and p.removed_on is None]
    given = [a for x in consents for a in x.agencies]
    agencies = list(dict.fromkeys([*given, *network]))

    w.heading("Syfte")
    w.para(PURPOSE)
    if m.question.strip():
        w.labelled("Frågeställning", m.question)

    w.heading("Vad samtycket gäller")
    kinds = "\n".join(dict.fromkeys(x.information_kinds for x in consents if x.information_kinds))
    w.labelled_text("Uppgifter som får lämnas", kinds, blank_lines=3)

    w.heading("Mellan vilka verksamheter")
    w.para("Kryssa för varje verksamhet.", italic=True, keep_next=True, after=2)
    rows = [(a, "☐ samtycker", "☐ samtycker inte") for a in agencies]
    rows += [("", "☐ samtycker", "☐ samtycker inte")] * EXTRA_AGENCY_ROWS
    w.table(
        ("Verksamhet", "Samtycker", "Samtycker inte"),
        rows,
        (8.0, 4.5, 4.5),
        size=10.5,
        heights=[s.WRITE_HEIGHT] * len(rows),
    )

    w.heading("Undantag – det här omfattas inte")
    exclusions = "\n".join(dict.fromkeys(x.exclusions for x in consents if x.exclusions.strip()))
    w.text(exclusions, blank_lines=2)

    w.heading("Hur och när samtycket lämnas")
    if consents:
        # Every consent in force on the meeting's day, not only the newest: a later verbal
        # consent for the family's network does not replace the written one and its exclusions.
        given_rows = [
            (
                x.given_by,
                date_words(x.given_on),
                x.form,
                ", ".join(x.agencies),
                date_words(x.valid_until) if x.valid_until else "tills vidare",
            )
            for x in consents
        ]
        w.table(
            ("Lämnat av", "Datum", "Form", "Verksamheter", "Gäller till"),
            given_rows,
            (3.6, 3.0, 2.2, 5.0, 3.2),
            size=9.5,
        )
    else:
        w.fields(
            [
                ("Form", "☐ skriftligt   ☐ muntligt (antecknas av den som tar emot det)"),
                ("Datum", ""),
                ("Mottaget av", ""),
            ]
        )

    w.heading("Giltighet och återkallande")
    if not consents:
        w.labelled("Samtycket gäller till", "")
    w.para(REVOKE)

    w.heading("Underskrifter")
    w.para(CONSENT, keep_next=True)
    signers = [(g.name, "Vårdnadshavare") for g in c.guardians] or [
        ("Namnförtydligande:", "Vårdnadshavare")
    ] * 2
    age = age_on(c.personnummer, m.date)
    if age is None or age >= CHILD_SIGNS_FROM_AGE:
        signers.append((c.child_name, "Barnet / den unge"))
    signing.signature_table(w, signers)
    w.fill_line("Kopia lämnad till vårdnadshavarna, datum")
    return w.finish()
