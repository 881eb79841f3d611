"""Who issued a document and how: the organisation's template, its name, the leader, the
OSL marking and the version, from the settings and the export."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exports.ooxml import OSL_DEFAULT


@dataclass(frozen=True)
class Look:
    """What a document says about who issued it and how: from the settings and the export."""

    template_path: str = ""
    organisation: str = ""
    leader: str = ""  # the leader in the settings (the meeting's own leader comes first)
    osl: str = OSL_DEFAULT
    version: int = 1  # 2 and on: "Version 2 – <datum>" on the new file
    exported_on: dt.date | None = None
    deviation_recipient: str = ""
    full_personnummer: bool = False  # the Avvikelserapport shortens it to the birth date

    @classmethod
    def of(
        cls, look: Look | str | Path | None = None, *, on: dt.date | None = None, **kw: Any
    ) -> Look:
        """A Look from a Look, a template path (older callers) or nothing. `on`: the day of
        the export when the look does not name one (a meeting's documents: the day the
        store's clock gave the meeting's view)."""
        made = look if isinstance(look, Look) else cls(template_path=str(look or ""), **kw)
        if made.exported_on is None and on is not None:
            made = dataclasses.replace(made, exported_on=on)
        return made

    @classmethod
    def from_settings(cls, settings: Any, **kw: Any) -> Look:
        if settings is None:
            return cls(**kw)
        return cls(
            template_path=getattr(settings, "template_path", "") or "",
            organisation=getattr(settings, "organisation", "") or "",
            leader=getattr(settings, "leader_name", "") or "",
            osl=(getattr(settings, "osl_reference", "") or "").strip() or OSL_DEFAULT,
            deviation_recipient=getattr(settings, "deviation_recipient", "") or "",
            **kw,
        )

    @property
    def day(self) -> dt.date:
        """The day of the export ("Version 2 – <datum>", "Kallelsen utfärdad"): exported_on,
        which every export through Lotsen sets from its clock; else the default clock's."""
        if self.exported_on is not None:
            return self.exported_on
        from model.clock import default_clock

        return default_clock().today()
