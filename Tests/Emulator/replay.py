#!/usr/bin/env python3
"""Replays the live dashboard through an independent VT emulator.

Runs `mayor live` on a pseudo-terminal at a given size and TERM, feeds every
byte it writes to pyte (a VT100/xterm emulator in Python, with character
widths from wcwidth), and compares each cell of the emulated screen with
`mayor render` of the same screen at the same size and language.

Two parts of a frame are not compared, because they depend on the moment
rather than on the drawing:
  - the clock in the header (YYYY-MM-DD HH:MM:SS KST), found in the render's
    header row; the cells are masked in both frames;
  - the bottom row's rotation status at the left ("[1/3] paused"): only the
    render's key hints (the right part of that row) are compared.

One process per (TERM, language) walks through the sizes by resizing the
pty (TIOCSWINSZ, which also sends SIGWINCH), then zooms pane 5, opens the help,
resizes 160x48 -> 100x30 -> 200x60, and quits with `q`.

Exit status 0 when every compared cell matched, 1 otherwise (the cells that
differ are printed), 2 on a usage or setup error (e.g. pyte missing).

History: on terminfo entries with auto-margin and no smam/rmam
(tmux-256color, screen-256color), a wide glyph whose right half was the
second-to-last cell of the bottom row ("종료" at the end of the Korean key
hints) made ncurses step back (BS) and insert (ICH 1) into the glyph. The
terminal edge now never draws the bottom-right cell nor a wide glyph in the
cell before it, and the key hints leave the last two columns empty (issue 11
item 1); this replay is what showed it, and every difference now fails.

Usage: replay.py --mayor PATH [--root DIR] [--term T ...] [--lang en|ko ...]
                 [--size WxH ...] [--no-extras]
"""

import argparse
import errno
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

try:
    import pyte
    from wcwidth import wcwidth
except ImportError as error:  # pragma: no cover - reported to the Swift test
    print(f"replay.py: pyte is not installed ({error}); run .ci/run or "
          "python3 -m venv .build/pyte-venv && .build/pyte-venv/bin/pip install pyte wcwidth", file=sys.stderr)
    sys.exit(2)

TERMS = ["xterm-256color", "tmux-256color", "screen-256color", "xterm", "linux", "vt220"]
LANGS = ["en", "ko"]
SIZES = [(80, 24), (120, 40), (160, 48), (200, 60)]
SCREEN = "wall"
CLOCK = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d KST")


class XtermScreen(pyte.Screen):
    """pyte's screen with xterm's rule for wide glyphs: writing over either
    half of a double-width glyph blanks both halves (pyte alone leaves the
    other half standing)."""

    def _blank(self, line, x):
        line[x] = self.cursor.attrs._replace(data=" ")

    def draw(self, data):
        data = data.translate(self.g1_charset if self.charset else self.g0_charset)
        for char in data:
            width = wcwidth(char)
            if width <= 0:
                super().draw(char)
                continue
            x = self.cursor.x
            if x == self.columns and pyte.modes.DECAWM in self.mode:
                # pyte wraps first; the cells written are on the next line.
                super().draw(char)
                continue
            if x == self.columns:
                x -= width
            y = self.cursor.y
            line = self.buffer[y]
            if pyte.modes.IRM not in self.mode:
                for cx in range(max(0, x), min(self.columns, x + width)):
                    cell = line[cx]
                    if cell.data == "" and cx > 0 and wcwidth(line[cx - 1].data[:1] or " ") == 2:
                        self._blank(line, cx - 1)  # the left half of a glyph we cover the right half of
                    if wcwidth(cell.data[:1] or " ") == 2 and cx + 1 < self.columns and cx + 1 >= x + width:
                        self._blank(line, cx + 1)  # the right half of a glyph we cover the left half of
            super().draw(char)


def console_filter(data, term):
    """The Linux console's palette sequences (OSC P nrrggbb, OSC R) have no
    terminator; pyte would take the following text as part of them."""
    if term == "linux":
        data = re.sub(rb"\x1b\]P[0-9a-fA-F]{7}", b"", data)
        data = data.replace(b"\x1b]R", b"")
    return data


def render_cells(text, width, height):
    """`mayor render --format text` output as rows of cells, the way pyte
    stores them: a wide glyph, then "" for its right half."""
    rows = []
    for line in text.split("\n")[:height]:
        cells = []
        for ch in line:
            w = wcwidth(ch)
            if w == 2:
                cells += [ch, ""]
            elif w == 1:
                cells.append(ch)
            elif w == 0 and cells:
                cells[-1] += ch
            else:
                cells.append(ch)
        cells += [" "] * (width - len(cells))
        rows.append(cells[:width])
    while len(rows) < height:
        rows.append([" "] * width)
    return rows


def screen_cells(screen):
    rows = []
    for y in range(screen.lines):
        line = screen.buffer[y]
        rows.append([line[x].data for x in range(screen.columns)])
    return rows


def masks(expected, width, height):
    """The cells not compared: the header clock and the bottom row's status."""
    masked = set()
    header = "".join(c for c in expected[0])
    match = CLOCK.search(header)
    if match:
        # Map string offsets back to columns (the header may hold wide glyphs before the clock).
        col, offset = 0, 0
        starts = {}
        for x, c in enumerate(expected[0]):
            starts[offset] = x
            offset += len(c)
        start = starts.get(match.start())
        if start is not None:
            for x in range(start, start + len(match.group(0))):
                masked.add((0, x))
    bottom = expected[height - 1]
    first = next((x for x, c in enumerate(bottom) if c not in (" ",)), width)
    for x in range(0, first):
        masked.add((height - 1, x))
    return masked


class Renders:
    def __init__(self, mayor, root):
        self.mayor = mayor
        self.root = root
        self.cache = {}

    def get(self, args, env, width, height):
        key = (tuple(args), width, height, env.get("LANG"), env.get("TERM"))
        if key not in self.cache:
            out = subprocess.run([self.mayor, "render", "--screen", SCREEN, "--size", f"{width}x{height}"] + args,
                                 cwd=self.root, env=env, capture_output=True, timeout=60)
            if out.returncode != 0:
                raise RuntimeError(f"mayor render {' '.join(args)} failed: {out.stderr.decode(errors='replace')}")
            self.cache[key] = out.stdout.decode("utf-8")
        return render_cells(self.cache[key], width, height)


class Live:
    def __init__(self, mayor, root, term, env, width, height, args):
        self.term = term
        self.screen = XtermScreen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes = 0
        pid, fd = os.forkpty() if hasattr(os, "forkpty") else __import__("pty").fork()
        if pid == 0:
            try:
                os.chdir(root)
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
                os.execve(mayor, [mayor, "live", "--screen", SCREEN] + args, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.set_size(width, height, signal_child=False)

    def set_size(self, width, height, signal_child=True):
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        # The terminal resizes first, as a real one does, then the program hears of it.
        self.screen.resize(height, width)

    def pump(self, seconds):
        """Reads for `seconds`; returns the bytes read."""
        got = 0
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return got
            r, _, _ = select.select([self.fd], [], [], left)
            if not r:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError as error:
                if error.errno == errno.EIO:
                    return got
                raise
            if not data:
                return got
            got += len(data)
            self.bytes += len(data)
            self.stream.feed(console_filter(data, self.term))

    def settle(self, quiet=0.35, limit=8.0):
        """Reads until the output has been quiet for `quiet` seconds (a clock
        tick is a few bytes; a frame is thousands)."""
        start = time.monotonic()
        while time.monotonic() - start < limit:
            if self.pump(quiet) == 0:
                return

    def send(self, text):
        os.write(self.fd, text.encode())

    def finish(self, timeout=5.0):
        self.send("q")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return None


def compare(live, expected, width, height):
    got = screen_cells(live.screen)
    masked = masks(expected, width, height)
    diffs = []
    for y in range(height):
        for x in range(width):
            if (y, x) in masked:
                continue
            if got[y][x] != expected[y][x]:
                diffs.append((y, x, expected[y][x], got[y][x]))
    return diffs, got


def row_text(cells):
    return "".join(c for c in cells)


def run_case(mayor, root, renders, term, lang, sizes, extras, glyph_args, render_term):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": term, "HOME": os.environ.get("HOME", "/tmp")}
    # The language comes from the locale, as on a wall terminal.
    env["LANG"] = "ko_KR.UTF-8" if lang == "ko" else "en_US.UTF-8"
    env["LC_CTYPE"] = "C.UTF-8"
    failures = []
    checks = 0
    width, height = sizes[0]
    live = Live(mayor, root, term, env, width, height, glyph_args)
    live.settle()
    live.send("x")  # an unbound key: holds the rotation, changes nothing else on screen
    live.settle()

    def check(label, width, height, render_args):
        nonlocal checks
        checks += 1
        term_args = ["--term", term] if render_term else []
        expected = renders.get(render_args + glyph_args + term_args, env, width, height)
        diffs, got = [], None
        for attempt in range(8):
            diffs, got = compare(live, expected, width, height)
            if not diffs:
                break
            live.pump(0.6)
        where = f"{term} {lang} {width}x{height} {label}"
        if diffs:
            lines = [f"FAIL {where}: {len(diffs)} cell(s) differ"]
            for (y, x, e, g) in diffs[:24]:
                lines.append(f"    row {y} col {x}: render {e!r}, emulator {g!r}")
            for y in sorted({d[0] for d in diffs})[:4]:
                lines.append(f"    render   row {y}: {row_text(expected[y])!r}")
                lines.append(f"    emulator row {y}: {row_text(got[y])!r}")
            failures.append("\n".join(lines))
            print(lines[0], flush=True)
        else:
            print(f"ok   {where}", flush=True)

    try:
        for i, (w, h) in enumerate(sizes):
            if i > 0:
                live.set_size(w, h)
                live.settle()
            check("wall", w, h, [])
        if extras:
            for (w, h) in [(160, 48), (100, 30), (200, 60)]:
                live.set_size(w, h)
                live.settle()
                check("resize 160x48->100x30->200x60", w, h, [])
            live.send("5")
            live.settle()
            live.send("\r")
            live.settle()
            check("after 5 Enter (zoom)", 200, 60, ["--focus", "5", "--zoom"])
            live.send("\r")  # back from the zoom; pane 5 keeps the focus
            live.settle()
            live.set_size(120, 40)
            live.settle()
            live.send("?")
            live.settle()
            check("after ? (help)", 120, 40, ["--focus", "5", "--help-overlay"])
    finally:
        status = live.finish()
    if status != 0:
        failures.append(f"FAIL {term} {lang}: `q` left exit status {status}")
        print(failures[-1], flush=True)
    return checks, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mayor", required=True, help="the built mayor binary")
    parser.add_argument("--root", default=os.getcwd(), help="the folder with Data/ and Screens/")
    parser.add_argument("--term", action="append", help="TERM values (default: the whole matrix)")
    parser.add_argument("--lang", action="append", choices=LANGS)
    parser.add_argument("--size", action="append", help="WxH (default: 80x24 120x40 160x48 200x60)")
    parser.add_argument("--no-extras", action="store_true", help="sizes only: no zoom, help or resize walk")
    parser.add_argument("--no-render-term", action="store_true",
                        help="do not pass --term to render (for a mayor without that option)")
    parser.add_argument("--glyphs", help="pass --glyphs to both live and render")
    a = parser.parse_args()
    sizes = [tuple(int(n) for n in s.lower().split("x")) for s in a.size] if a.size else SIZES
    renders = Renders(a.mayor, a.root)
    glyph_args = ["--glyphs", a.glyphs] if a.glyphs else []
    total, failures = 0, []
    started = time.monotonic()
    for term in a.term or TERMS:
        for lang in a.lang or LANGS:
            n, f = run_case(a.mayor, a.root, renders, term, lang, sizes, not a.no_extras, glyph_args,
                               not a.no_render_term)
            total += n
            failures += f
    print(f"{total} screens compared in {time.monotonic() - started:.1f} s; {len(failures)} failed")
    for f in failures:
        print(f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
