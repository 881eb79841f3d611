"""Saving a choice only when it differs from what was last saved *from this widget*.

Comparing with a view read when the screen was built (never refreshed) lost an undo: routine
X -> Y -> X stored Y while the screen showed X, because X equalled the stale view. Select and
Checkbox also announce their first value when mounted, which must not count as a change."""

from __future__ import annotations

from typing import Any

_ATTR = "_lotsen_saved_value"


def differs_from_saved(widget: Any, value: Any, initial: Any) -> bool:
    """True when `value` should be saved: it differs from the last value saved from `widget`
    (at first: `initial`, the stored value the widget was built with). Remembers it."""
    last = getattr(widget, _ATTR, initial)
    if value == last:
        return False
    setattr(widget, _ATTR, value)
    return True


def selected_in_order(selection_list: Any) -> list[Any]:
    """The chosen values in the order the list shows them (not the order they were ticked):
    un-ticking and ticking someone again leaves the stored order as the screen shows it."""
    chosen = set(selection_list.selected)
    values = (
        selection_list.get_option_at_index(i).value for i in range(selection_list.option_count)
    )
    return [v for v in values if v in chosen]
