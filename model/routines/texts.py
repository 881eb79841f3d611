"""Texts beside the routines that an organisation can replace, like a routine file: the
information to the guardians (foraldrainfo.md). A file of the same name in the settings'
"rutiner" folder replaces the built-in one; <name>_<routine id>.md applies to that routine only.

The format is a small part of Markdown: "## Rubrik", "- punkt", paragraphs split by an empty
line, <!-- comments --> left out, and {placeholders} filled from the case and the meeting."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from model.routines import BUILTIN_DIR, RoutineError

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Block:
    kind: str  # heading | bullet | para
    text: str


def text_folders() -> tuple[Path, ...]:
    """Where texts are looked for, the organisation's own folder last (it wins)."""
    from model.paths import config_dir

    own = config_dir() / "rutiner"
    return (BUILTIN_DIR, own) if own.is_dir() else (BUILTIN_DIR,)


def find_text(name: str, routine_id: str = "", folders: tuple[Path, ...] | None = None) -> Path:
    """The file to use: the routine's own text before the general one, the organisation's
    before the built-in one."""
    folders = text_folders() if folders is None else folders
    wanted = ([f"{name}_{routine_id}.md"] if routine_id else []) + [f"{name}.md"]
    for file_name in wanted:
        for folder in reversed(folders):
            path = folder / file_name
            if path.is_file():
                return path
    raise RoutineError(f"Texten {name}.md finns inte i {BUILTIN_DIR}.")


def read_text(name: str, routine_id: str = "", folders: tuple[Path, ...] | None = None) -> str:
    path = find_text(name, routine_id, folders)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RoutineError(f"Textfilen {path} går inte att läsa ({exc}).") from None


def fill(text: str, values: Mapping[str, str], blank: str = "_" * 20) -> str:
    """{name} -> the value; an empty value -> a line to write on; an unknown name is kept."""

    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            return match.group(0)
        return values[key].strip() or blank

    return _PLACEHOLDER.sub(one, text)


def blocks(text: str) -> list[Block]:
    """Headings, bullets and paragraphs (lines of one paragraph are joined)."""
    out: list[Block] = []
    para: list[str] = []

    def end_para() -> None:
        if para:
            out.append(Block("para", " ".join(para)))
            para.clear()

    for raw in _COMMENT.sub("", text).splitlines():
        line = raw.strip()
        if not line:
            end_para()
        elif line.startswith("#"):
            end_para()
            out.append(Block("heading", line.lstrip("#").strip()))
        elif line.startswith(("- ", "* ")):
            end_para()
            out.append(Block("bullet", line[2:].strip()))
        else:
            para.append(line)
    end_para()
    return out
