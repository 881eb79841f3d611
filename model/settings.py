"""The leader's own settings (name, organisation, default place, document template, privacy),
kept as JSON in the user config dir."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from model.paths import config_dir, private_dir
from model.validation import clean_text


@dataclass
class Settings:
    leader_name: str = ""
    organisation: str = ""
    default_place: str = ""
    template_path: str = ""  # an organisation's .docx (letterhead, logo, styles) for exports
    privacy: bool = False  # show initials instead of names, hide personnummer
    # The secrecy marking printed on every page of an export ("" = the standard reference).
    osl_reference: str = "Sekretess enligt 26 kap. 1 § OSL"
    # Who receives an avvikelserapport in this organisation (seed 003: the förvaltningschef).
    deviation_recipient: str = ""
    # The calendar file (.ics) leaves the organisation: its title shows the child's initials
    # unless this allows the first name ("Nätverksmöte (Elsa)").
    calendar_first_name: bool = False

    def __post_init__(self) -> None:
        self.clean()

    def clean(self) -> None:
        """Text settings as text is stored everywhere else: no control or bidi characters
        (a hand-edited or pasted value must not reach the screen or the documents)."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                setattr(self, f.name, clean_text(value).strip())


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known})


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Atomic (a temporary file renamed into place). A disk that refuses the write (full,
    read-only) raises WriteFailed in Swedish and leaves the earlier settings as they were."""
    from model.db import WriteFailed

    path = path or settings_path()
    settings.clean()
    tmp: str | None = None
    try:
        private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(settings), fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise WriteFailed(
            f"Inställningarna kunde inte sparas i {path} ({exc.strerror or exc}). "
            "De tidigare inställningarna gäller tills det går."
        ) from exc
