"""Every use of a Textual internal in Lotsen, in one place.

Textual is pinned (pyproject.toml). Each name below reaches into something Textual does not
promise to keep: a private module, an underscore attribute, or a method Textual calls but does
not document for overriding. Each says what it works around and the upstream issue, so that on
an upgrade this one file is checked (and a workaround dropped once its issue is fixed).
Nothing else in tui/ touches an underscore name of Textual's."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.geometry import Region
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, Input, Select

# Widgets that Textual's public modules do not export (textual.widgets lists none of them):
# LotsenFooter sorts FooterKeys, the header's title is re-fitted after a resize, and
# LotsenSelect puts its own SelectOverlay in its Select and handles the overlay's messages
# (SelectOverlay.UpdateSelection, SelectOverlay.Dismiss) itself, stopping them with
# prevent_default before Select's private handlers (`_update_selection`,
# `_select_overlay_dismiss`) refocus the Select (tui/widgets/select.py). No upstream issue:
# private by design.
#
# Not listed one by one: Lotsen's widgets handle `_on_key`, `_on_focus` and `_on_blur` as
# Textual's own widgets do (Textual calls `_on_<message>` and `on_<message>` of every class in
# the bases); InOrderKeys and LotsenSelect stop the event there with prevent_default.
from textual.widgets._footer import FooterKey
from textual.widgets._header import HeaderTitle
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

# Mixins: typed as the widget they extend, plain classes at run time (Textual takes a widget's
# CSS type names from the first widget class in its bases; see tui/widgets/inorder.py).
if TYPE_CHECKING:
    _Widget = Widget
    _Input = Input
else:
    _Widget = _Input = object

__all__ = [
    "BlankOnStyleKeyError",
    "ExceptionHook",
    "FooterKey",
    "HeaderTitle",
    "NoMatchesText",
    "RenderedInputValue",
    "SelectOverlay",
    "bindings_for_key",
    "clear_line_cache",
    "drain_keys",
    "focus_reactive",
    "footer_bindings_ready",
    "has_pending_messages",
    "is_closing",
    "is_exiting",
    "mark_footer_bindings_ready",
    "select_option_value",
    "select_type_to_search",
    "title_reactive",
]


# -- keys -----------------------------------------------------------------------------------
def bindings_for_key(node: Widget, key: str) -> tuple[Binding, ...]:
    """The node's own bindings for `key` (keymap applied), in declaration order.

    For InOrderKeys (tui/widgets/inorder.py): a widget's bindings run only after the Key event
    has bubbled to the app, so a burst of keys reorders edits ("abc⌫de" became "abcd").
    Textual #6605; the open upstream fix (PR #6631) reads the same `_bindings` map."""
    return tuple(node._bindings.key_to_bindings.get(key, ()))


async def drain_keys(widget: Widget | None) -> None:
    """Let the focused field handle the keys already routed to it before its step is
    replaced: F6 acts the moment it arrives (a priority binding, so the keys after it land in
    the next step), while letters typed just before it may still wait in the field's own
    queue, and would go with the field. Textual has no public call for this; its message
    queue is read defensively (see has_pending_messages)."""
    for _ in range(200):
        if not has_pending_messages(widget):
            return
        await asyncio.sleep(0)


def has_pending_messages(widget: MessagePump | None) -> bool:
    """Messages (keys) already routed to `widget` (or the app) and not yet handled.

    For drain_keys in the meeting guide: the keys typed just before F6 must reach the field
    before its step is replaced. Textual has no public call for a widget's queue length; no
    upstream issue."""
    queue = getattr(widget, "_message_queue", None)
    return queue is not None and not queue.empty()


def is_closing(node: MessagePump) -> bool:
    """True once Textual has begun closing the node (a screen popped, the app exiting), before
    `is_attached` turns False. No public flag; no upstream issue."""
    return bool(getattr(node, "_closing", False))


def is_exiting(app: App[Any]) -> bool:
    """True once `App.exit()` was called (the app's `_exit` flag). No public flag."""
    return bool(getattr(app, "_exit", False))


# -- errors ---------------------------------------------------------------------------------
class ExceptionHook(App[Any]):
    """An App whose unhandled exceptions go to `on_unhandled_exception` instead of Textual's
    traceback with locals (which would print names and notes of a family to the terminal).

    Textual has no public hook (Textual #2818: overriding `_handle_exception` is the only way,
    and it must still do what Textual's does to leave: the return code, the exception noted
    for Pilot, the message loop closed)."""

    def on_unhandled_exception(self, error: Exception) -> None:
        """Save, log and tell; the app leaves afterwards in any case."""

    def _handle_exception(self, error: Exception) -> None:
        try:
            self.on_unhandled_exception(error)
        finally:
            self._return_code = 1
            if self._exception is None:  # Pilot re-raises the first one in tests
                self._exception = error
                self._exception_event.set()
            self._close_messages_no_wait()


# -- rendering ------------------------------------------------------------------------------
class BlankOnStyleKeyError(_Widget):
    """Mixin for a TextArea: a frame drawn before its component styles exist is blank and
    redrawn, not a crash.

    Textual #6528: a TextArea rendered while its screen is being replaced (seen after the
    privacy toggle right after a modal closed) raises KeyError 'text-area--gutter' in
    render_lines."""

    def render_lines(self, crop: Region) -> list[Strip]:
        try:
            return super().render_lines(crop)
        except KeyError:
            self.call_after_refresh(self.refresh)
            return [Strip.blank(crop.width)] * crop.height


def clear_line_cache(widget: Widget) -> None:
    """Drop a TextArea's cache of drawn lines, so a changed `get_line` is drawn again (the
    privacy toggle masks names in the picture only). `refresh()` alone keeps the cache; no
    public call clears it."""
    cache = getattr(widget, "_line_cache", None)
    if cache is not None:
        cache.clear()


class RenderedInputValue(_Input):
    """Mixin for an Input: `rendered_value` may change the text drawn, never the value.

    Input draws its `_value` property (the value as Text, or the password dots); overriding
    it is the only way to change the picture without changing what is typed or saved."""

    def rendered_value(self, text: Text) -> Text:
        return text

    @property
    def _value(self) -> Text:
        return self.rendered_value(super()._value)


# -- command palette ------------------------------------------------------------------------
class NoMatchesText(CommandPalette):
    """A command palette whose "No matches found" line says `NO_MATCHES_TEXT`.

    Textual has no setting for that text: the private countdown that adds it
    (`_start_no_matches_countdown`, with `_NO_MATCHES`, `_NO_MATCHES_COUNTDOWN`,
    `_list_visible`, `_no_matches_timer`) is replaced by a copy in another language. No
    upstream issue."""

    NO_MATCHES_TEXT = "No matches found"

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self.NO_MATCHES_TEXT, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)


# -- footer and drop-down -------------------------------------------------------------------
def mark_footer_bindings_ready(footer: Footer) -> None:
    """What Textual's `Footer.bindings_changed` does before recomposing (LotsenFooter replaces
    the recompose, not this)."""
    footer._bindings_ready = True


def footer_bindings_ready(footer: Footer) -> bool:
    """Whether Textual's Footer has been told its bindings (before that its compose is empty)."""
    return bool(footer._bindings_ready)


def select_type_to_search(select: Select[Any]) -> bool:
    """The Select's type-to-search setting, handed to the overlay LotsenSelect builds."""
    return bool(select._type_to_search)


def select_option_value(select: Select[Any], index: int) -> Any:
    """The value of the Select's option at `index` (Textual's `_options` list)."""
    return select._options[index][1]


# -- repaints -------------------------------------------------------------------------------
# Textual declares `Screen.focused` and `App.sub_title` as plain reactives (textual/screen.py
# `focused = Reactive(None)`, textual/app.py `sub_title = Reactive("", compute=False)`), whose
# default `repaint=True` repaints the WHOLE screen on every change. What actually changes is
# repainted anyway: a focus move restyles the widget that gained and the one that lost focus
# and their :focus-within ancestors (`Screen._update_focus_styles`), and the header's title
# watches `sub_title` itself. In the roll call each n/f moves the focus, and each save sets
# "Sparat hh.mm.ss": a full repaint of every widget on the screen, 4-18 ms at 80x24 on the
# heavy meeting, before the frame that shows the mark could go out (benchmarks/steps.py).
# Redeclared on LotsenScreen and LotsenApp without the repaint. No upstream issue: Textual's
# default, not a bug; check on an upgrade that these two are still reactives of these names.
def focus_reactive() -> Reactive[Widget | None]:
    """`Screen.focused` without a repaint of the whole screen."""
    return Reactive(None, repaint=False)


def title_reactive() -> Reactive[str]:
    """`App.sub_title` without a repaint of the whole screen."""
    return Reactive("", compute=False, repaint=False)
