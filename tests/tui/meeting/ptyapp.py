"""Run the real `lotsen` in a pseudo-terminal: write keys, read what it paints (drained by a
thread so the app never blocks on a full pty), send signals. Shared by the pty tests and
benchmarks/typing_latency.py."""

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
from pathlib import Path

ANSI = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]"
)
KEYS = {"f5": "\x1b[15~", "f6": "\x1b[17~", "f7": "\x1b[18~", "f8": "\x1b[19~",
        "tab": "\t", "enter": "\r", "down": "\x1b[B", "up": "\x1b[A"}  # fmt: skip


class PtyApp:
    """A program in a pty of `cols`×`rows` with TERM=xterm-256color."""

    def __init__(self, argv: list[str], cols: int = 100, rows: int = 30,
                 env: dict[str, str] | None = None) -> None:  # fmt: skip
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
                    "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})}  # fmt: skip
        full_env.pop("TEXTUAL", None)
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                                     env=full_env, start_new_session=True, close_fds=True)  # fmt: skip
        os.close(slave)
        self._buf = bytearray()
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            with self._cond:
                self._buf += chunk
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
        return ANSI.sub("", self.raw[since:].decode("utf-8", "replace"))

    def wait_for(self, needle: str | bytes, timeout: float = 20.0, since: int = 0,
                 plain: bool = True) -> bool:  # fmt: skip
        """Wait until `needle` is in the output after `since` (ANSI codes removed if plain)."""
        deadline = time.monotonic() + timeout
        while True:
            if isinstance(needle, bytes):
                if needle in self.raw[since:]:
                    return True
            elif needle in (
                self.text(since) if plain else self.raw[since:].decode("utf-8", "replace")
            ):
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.proc.poll() is not None:
                return False
            with self._cond:
                self._cond.wait(min(remaining, 0.05))

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
