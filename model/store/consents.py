"""Consents (samtycken) of a case."""

from __future__ import annotations

from typing import Any

from model import inputs
from model.store.base import StoreBase, get
from model.tables import Case, Consent


class ConsentStore(StoreBase):
    def add_consent(self, case_id: int, given_by: str, given_on: Any, **fields: Any) -> int:
        meeting_id = fields.pop("meeting_id", None)
        values = self._convert(
            inputs.CONSENT, {"given_by": given_by, "given_on": given_on, **fields}
        )
        with self._write() as s:
            get(s, Case, case_id, "Ärendet")
            c = Consent(case_id=case_id, meeting_id=meeting_id, **values)
            s.add(c)
            s.flush()
            self._touch_case(s, case_id)
            assert c.id is not None
            return c.id

    def update_consent(self, consent_id: int, **fields: Any) -> None:
        self._update(Consent, consent_id, "Samtycket", inputs.CONSENT, fields)

    def revoke_consent(self, consent_id: int, on: Any = None) -> None:
        self.update_consent(consent_id, revoked_on=on or self.clock.today())
