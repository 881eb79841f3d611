"""Run a program (the real `lotsen`, or a bare Textual app) in a pseudo-terminal: write keys,
read what it paints, send signals. A thread drains the pty so the app never blocks on a full
buffer, and feeds a VT emulator (pyte) so callers can wait for what the screen *shows* and
for the screen to be still, instead of sleeping a fixed time (which fails on a loaded machine).

Shared by the pty tests (tests/tui/meeting/test_pty*.py) and the benchmarks."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte

ANSI = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]"
)
KEYS = {"f5": "\x1b[15~", "f6": "\x1b[17~", "f7": "\x1b[18~", "f8": "\x1b[19~",
        "tab": "\t", "enter": "\r", "down": "\x1b[B", "up": "\x1b[A"}  # fmt: skip

# Generous: a loaded 2-core machine running the suite in parallel can be slow, never wrong.
STILL_SECONDS = 0.4


class PtyApp:
    """A program in a pty of `cols`×`rows` with TERM=xterm-256color."""

    def __init__(self, argv: list[str], cols: int = 100, rows: int = 30,
                 env: dict[str, str] | None = None) -> None:  # fmt: skip
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
                    "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})}  # fmt: skip
        full_env.pop("TEXTUAL", None)
        self._buf = bytearray()
        self._cond = threading.Condition()
        self._screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self._screen)
        self._lines: list[str] = list(self._screen.display)
        self._pending: list[tuple[float, bytes]] = []
        self._fed = 0  # bytes of output fed to the screen
        self._eof = False
        self.changes = 0  # how many times the text on the screen has changed
        self.changed_at = time.monotonic()  # when it last changed (time.monotonic())
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                                     env=full_env, start_new_session=True, close_fds=True)  # fmt: skip
        os.close(slave)
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()
        self._painter = threading.Thread(target=self._paint, daemon=True)
        self._painter.start()

    def _drain(self) -> None:
        """Read the pty as fast as it is written, stamping each chunk with its arrival."""
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            now = time.monotonic()
            with self._cond:
                self._buf += chunk
                self._pending.append((now, chunk))
                self._cond.notify_all()
        with self._cond:
            self._eof = True
            self._cond.notify_all()

    def _paint(self) -> None:
        """Feed the chunks to the VT screen in another thread (so emulating never delays
        reading); a change of the screen's text is dated by its chunk's arrival."""
        while True:
            with self._cond:
                while not self._pending and not self._eof:
                    self._cond.wait()
                if not self._pending:
                    return
                batch, self._pending = self._pending, []
            for arrived, chunk in batch:
                self._stream.feed(chunk)
                changed = None
                if self._screen.dirty:
                    self._screen.dirty.clear()
                    lines = self._screen.display
                    # Only a change of text counts: a blinking cursor changes colours only.
                    if lines != self._lines:
                        changed = lines
                with self._cond:
                    self._fed += len(chunk)
                    if changed is not None:
                        self._lines = changed
                        self.changes += 1
                        self.changed_at = arrived
                    self._cond.notify_all()

    @property
    def raw(self) -> bytes:
        with self._cond:
            return bytes(self._buf)

    def mark(self) -> int:
        """The current end of the output, to wait for something painted after it."""
        with self._cond:
            return len(self._buf)

    def text(self, since: int = 0) -> str:
        """Everything painted after `since`, ANSI codes removed (a stream, not the screen)."""
        return ANSI.sub("", self.raw[since:].decode("utf-8", "replace"))

    def screen(self) -> str:
        """What the terminal shows now, line by line."""
        with self._cond:
            return "\n".join(self._lines)

    def _wait(self, ready: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            if ready():
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.proc.poll() is not None:
                return ready()
            with self._cond:
                self._cond.wait(min(remaining, 0.05))

    def wait_for(self, needle: str | bytes, timeout: float = 20.0, since: int = 0,
                 plain: bool = True) -> bool:  # fmt: skip
        """Wait until `needle` is in the output after `since` (ANSI codes removed if plain)."""

        def ready() -> bool:
            if isinstance(needle, bytes):
                return needle in self.raw[since:]
            out = self.text(since) if plain else self.raw[since:].decode("utf-8", "replace")
            return needle in out

        return self._wait(ready, timeout)

    def wait_screen(self, needle: str, timeout: float = 30.0) -> bool:
        """Wait until the screen shows `needle`."""
        return self._wait(lambda: needle in self.screen(), timeout)

    def wait_still(self, quiet: float = STILL_SECONDS, timeout: float = 60.0) -> float | None:
        """Wait until the screen's text has not changed for `quiet` seconds; return when it
        last changed (time.monotonic()), or None if it never stood still within `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                last = self.changed_at
                idle = time.monotonic() - last
                if idle >= quiet and self._fed == len(self._buf):
                    return last
                if time.monotonic() >= deadline or self.proc.poll() is not None:
                    return None
                self._cond.wait(max(quiet - idle, 0.01))

    def settle(self, needle: str | None = None, since: int = 0, *, quiet: float = STILL_SECONDS,
               changed_since: int | None = None, timeout: float = 60.0) -> None:  # fmt: skip
        """Wait for `needle` painted after output mark `since` (if given), for the screen's
        text to have changed since the count `changed_since` (if given), then for the screen
        to be still for `quiet` seconds: every key sent before is handled and painted."""
        if needle is not None:
            assert self.wait_for(needle, timeout, since=since), (
                f"{needle!r} not painted:\n{self.screen()}"
            )
        if changed_since is not None:
            assert self._wait(lambda: self.changes > changed_since, timeout), self.screen()
        assert self.wait_still(quiet, timeout) is not None, self.screen()

    def wait_quiet(self, quiet: float = 0.5, timeout: float = 30.0) -> bool:
        """Wait until no byte has arrived for `quiet` seconds and every byte is on the
        emulated screen (colours too: `wait_still` only watches the text)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._cond:
                size = len(self._buf)
            time.sleep(quiet)
            with self._cond:
                if len(self._buf) == size and self._fed == size:
                    return True
        return False

    def cells(self) -> list[list[tuple[str, str, str, bool, bool]]]:
        """Every cell of the emulated screen: its character, colours, bold and reverse (call
        after `wait_quiet`, when nothing is being fed)."""
        with self._cond:
            screen = self._screen
            return [[(c.data, c.fg, c.bg, c.bold, c.reverse)
                     for c in (screen.buffer[y][x] for x in range(screen.columns))]
                    for y in range(screen.lines)]  # fmt: skip

    def resize(self, cols: int, rows: int) -> None:
        """Resize the terminal, as dragging the window's corner does."""
        with self._cond:
            self._screen.resize(rows, cols)
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc.send_signal(signal.SIGWINCH)

    def write(self, data: str | bytes) -> None:
        os.write(self.master, data.encode("utf-8") if isinstance(data, str) else data)

    def key(self, name: str) -> None:
        self.write(KEYS[name])

    def type(self, text: str, delay: float = 0.01) -> None:
        for ch in text:
            self.write("\r" if ch == "\n" else ch)
            time.sleep(delay)

    def signal(self, sig: int) -> None:
        self.proc.send_signal(sig)

    def wait(self, timeout: float = 15.0) -> int | None:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        try:
            os.close(self.master)
        except OSError:
            pass


def lotsen_argv(db: Path, meeting_id: int) -> list[str]:
    exe = Path(sys.executable).with_name("lotsen")
    if exe.exists():
        return [str(exe), "--db", str(db), "--meeting", str(meeting_id)]
    return [sys.executable, "-m", "tui.cli", "--db", str(db), "--meeting", str(meeting_id)]
