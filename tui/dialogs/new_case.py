"""Nytt ärende: the child's name, personnummer (optional), school, class and routine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from model.routines import routines
from tui.dialogs.form import FormDialog, FormField

if TYPE_CHECKING:
    from model.store import Store


def new_case_dialog(store: Store) -> FormDialog:
    """Returns the new case's id on Spara; an invalid personnummer is explained, text kept."""

    def submit(values: dict[str, Any]) -> int:
        name = values.pop("child_name")
        return store.create_case(name, **values)

    options = [(r.name, r.id) for r in routines().values() if not r.follow_up]
    return FormDialog(
        "Nytt ärende",
        [
            FormField("child_name", "Barnets namn"),
            FormField(
                "personnummer", "Personnummer (kan fyllas i senare)", placeholder="ÅÅÅÅMMDD-NNNN"
            ),
            FormField("school", "Skola / förskola"),
            FormField("school_class", "Klass"),
            FormField("routine_id", "Rutin", "select", value=options[0][1], options=options),
        ],
        on_submit=submit,
        submit_label="Skapa ärendet",
    )
