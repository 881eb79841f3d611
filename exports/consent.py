"""Sekretessamtycke: the consent form the guardians (and an older child) sign."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import sections as s
from exports.layout import new_document
from exports.text import BLANK, age_on, date_words
from model.views import MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Sekretessamtycke"
# From about this age the child's own consent is asked for as well (a judgement of maturity;
# the line is there to be used, not a rule).
CHILD_SIGNS_FROM_AGE = 12
REVOKE = (
    "Samtycket är frivilligt. Det kan när som helst återkallas, helt eller delvis, muntligt "
    "eller skriftligt, genom att kontakta samordnaren eller någon av verksamheterna ovan. "
    "Uppgifter som redan lämnats kan inte tas tillbaka."
)


def build_consent_document(m: MeetingView, template_path: str | None = None) -> Document:
    w = new_document(TITLE, s.header_line(m), template_path)
    w.title(TITLE, "Samtycke till att uppgifter lämnas mellan verksamheter (OSL)")
    c = m.case
    w.fields([("Barnets namn", c.child_name), ("Personnummer", c.personnummer_display)])
    consents = c.consents_in_force(m.date) or [x for x in c.consents if x.revoked_on is None][-1:]
    if consents:
        k = consents[-1]
        agencies = "\n".join(k.agencies)
        info, excl = k.information_kinds, k.exclusions
        valid = date_words(k.valid_until) if k.valid_until else "tills vidare"
    else:
        network = dict.fromkeys(p.organisation for p in c.participants if p.organisation)
        agencies, info, excl, valid = "\n".join(network), "", "", ""
    w.heading("Vad samtycket gäller")
    w.labelled_text("Uppgifter som får lämnas", info)
    w.heading("Mellan vilka verksamheter")
    w.text(agencies, blank_lines=4, indent_cm=0.5)
    w.heading("Undantag – det här omfattas inte")
    w.text(excl, blank_lines=2)
    w.heading("Giltighet och återkallande")
    w.labelled("Samtycket gäller till", valid or BLANK)
    w.para(REVOKE)
    w.heading("Underskrifter")
    w.para("Jag samtycker till att uppgifterna ovan lämnas mellan verksamheterna.", keep_next=True)
    signers = [(g.name, "Vårdnadshavare") for g in c.guardians] or [
        ("Namnförtydligande: " + "_" * 16, "Vårdnadshavare")
    ] * 2
    age = age_on(c.personnummer, m.date)
    if age is None or age >= CHILD_SIGNS_FROM_AGE:
        signers.append((c.child_name, "Barnet / den unge"))
    s.signature_table(w, signers)
    return w.finish()
