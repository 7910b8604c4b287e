#!/usr/bin/env python3
"""Walks the OLED firmware through golden/walk.txt on QEMU's lm3s6965evb and
compares every captured frame, pixel for pixel, with the host's goldens.

QEMU runs headless with QMP on a Unix socket and the firmware's semihosting
output (QEMU's standard output) in a file. For each step of the walk the script presses the button
(a QMP key event: a release is what the firmware counts), waits for the
firmware's `FRAME n` line, takes a `screendump` (the OLED at 4x, 512x256),
reduces it to 128x64 (each 4x4 block must be one grey), thresholds it at
half brightness and compares it with `golden/NAME-128x64.png`. A capture
that differs is saved next to its golden as `NAME-128x64.qemu.png`.

    qemu_walk.py ELF [--cpu cortex-m3] [--golden DIR] [--timeout S] [--captures DIR]

Prints one line a frame and a summary with the deepest stack the firmware
reported (`STACK_PEAK n`) and the part of it that main's frame and the
start-up code take (`MAIN_FRAME n`); exits 0 when every capture matched. Standard
library only: the goldens are decoded with zlib.
"""

import argparse
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "display", "golden")
# The gamepad keys (QEMU qcodes) for the browser's buttons; see main.rs.
KEYS = {"up": "up", "down": "down", "select": "ctrl", "back": "left"}
SCALE = 4
WIDTH, HEIGHT = 128, 64


def read_walk(path):
    """[(button or None, golden name or None)], as tests/golden.rs reads it."""
    steps = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split()
            if len(fields) != 2:
                raise SystemExit(f"{path}:{n}: want `BUTTON GOLDEN`: {line}")
            button, golden = fields
            if button != "boot" and button not in KEYS:
                raise SystemExit(f"{path}:{n}: no button `{button}`")
            if (button == "boot") != (not steps):
                raise SystemExit(f"{path}:{n}: `boot` comes first, and only there")
            steps.append((None if button == "boot" else button,
                          None if golden == "-" else golden))
    return steps


def png_read(path):
    """(width, height, rows of 8-bit grey or RGB(A) tuples reduced to grey)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    w, h, depth, colour, _, _, interlace = hdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{path}: only 8-bit, non-interlaced grey or RGB")
    raw, stride = zlib.decompress(idat), w * channels
    rows, prev, o = [], bytearray(stride), 0
    for _ in range(h):
        filt, line = raw[o], bytearray(raw[o + 1:o + 1 + stride])
        o += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if filt == 1:
                line[x] = (line[x] + a) & 255
            elif filt == 2:
                line[x] = (line[x] + b) & 255
            elif filt == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append([line[x * channels] for x in range(w)])
        prev = line
    return w, h, rows


def png_write(path, rows):
    """Writes grey rows (0-255) as an RGB PNG."""
    w, h = len(rows[0]), len(rows)
    raw = b"".join(b"\0" + bytes(v for px in r for v in (px, px, px)) for r in rows)

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n"
                + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def ppm_read(path):
    """(width, height, rows of grey) from QEMU's binary P6 screendump."""
    with open(path, "rb") as f:
        data = f.read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    if not m:
        raise ValueError(f"{path}: not a binary PPM")
    w, h = int(m.group(1)), int(m.group(2))
    px = data[m.end():]
    if len(px) < w * h * 3:
        raise ValueError(f"{path}: {len(px)} bytes of pixels for {w}x{h}")
    return w, h, [[px[(y * w + x) * 3] for x in range(w)] for y in range(h)]


def reduce(rows):
    """The 512x256 capture as 128x64 on/off pixels; None where a 4x4 block
    is not one grey (the capture is not the OLED at 4x)."""
    out = []
    for y in range(HEIGHT):
        line = []
        for x in range(WIDTH):
            block = {rows[SCALE * y + dy][SCALE * x + dx]
                     for dy in range(SCALE) for dx in range(SCALE)}
            if len(block) != 1:
                return None
            line.append(block.pop() >= 128)
        out.append(line)
    return out


class Qmp:
    """A QMP client on a Unix socket: one command at a time."""

    def __init__(self, path, deadline):
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise SystemExit("QEMU's QMP socket never opened")
                time.sleep(0.05)
        self.sock.settimeout(30)
        self.buf = b""
        self.reply()  # the greeting
        self.call("qmp_capabilities")

    def reply(self):
        while True:
            while b"\n" not in self.buf:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise SystemExit("QEMU closed the QMP socket")
                self.buf += chunk
            line, self.buf = self.buf.split(b"\n", 1)
            msg = json.loads(line)
            if "event" not in msg:
                return msg

    def call(self, command, **arguments):
        msg = {"execute": command}
        if arguments:
            msg["arguments"] = arguments
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        r = self.reply()
        if "error" in r:
            raise SystemExit(f"QMP {command}: {r['error']}")
        return r.get("return")

    def key(self, qcode, down):
        event = {"type": "key",
                 "data": {"down": down, "key": {"type": "qcode", "data": qcode}}}
        self.call("input-send-event", events=[event])


def wait_for_frame(log_path, n, deadline, proc):
    """The firmware's `FRAME n ...` line, as a dict of its figures."""
    pattern = re.compile(rb"^FRAME %d (\S+) (\d+)/(\d+) stack (\d+) peak (\d+)$" % n, re.M)
    while True:
        with open(log_path, "rb") as f:
            text = f.read()
        m = pattern.search(text)
        if m:
            return {"view": m.group(1).decode(), "page": int(m.group(2)),
                    "pages": int(m.group(3)), "stack": int(m.group(4)),
                    "peak": int(m.group(5))}, text
        if re.search(rb"^(FAIL|PANIC|HARDFAULT)", text, re.M):
            raise SystemExit("firmware failed:\n" + text.decode(errors="replace"))
        if proc.poll() is not None:
            raise SystemExit(f"QEMU exited ({proc.returncode}) before frame {n}:\n"
                             + text.decode(errors="replace"))
        if time.monotonic() > deadline:
            raise SystemExit(f"no frame {n} in time:\n" + text.decode(errors="replace"))
        time.sleep(0.02)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("elf")
    ap.add_argument("--cpu", default="cortex-m3")
    ap.add_argument("--golden", default=GOLDEN)
    ap.add_argument("--timeout", type=float, default=60, help="seconds for the whole walk")
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--captures", metavar="DIR",
                    help="also save every capture, as the OLED showed it, as DIR/NAME.png")
    ap.add_argument("--check-captures", metavar="DIR",
                    help="first check that the captures kept in DIR (the README's) "
                         "still match their goldens")
    args = ap.parse_args()
    steps = read_walk(os.path.join(args.golden, "walk.txt"))
    goldens = {}
    for _, name in steps:
        if name and name not in goldens:
            path = os.path.join(args.golden, f"{name}-{WIDTH}x{HEIGHT}.png")
            w, h, rows = png_read(path)
            if (w, h) != (WIDTH, HEIGHT):
                raise SystemExit(f"{path}: {w}x{h}, not {WIDTH}x{HEIGHT}")
            goldens[name] = [[v >= 128 for v in r] for r in rows]

    if args.check_captures:
        stale = []
        for f in sorted(os.listdir(args.check_captures)):
            name, ext = os.path.splitext(f)
            if ext != ".png":
                continue
            golden = os.path.join(args.golden, f"{name}-{WIDTH}x{HEIGHT}.png")
            _, _, rows = png_read(os.path.join(args.check_captures, f))
            small = reduce(rows) if len(rows) == HEIGHT * SCALE else None
            _, _, want = png_read(golden)
            if small != [[v >= 128 for v in r] for r in want]:
                stale.append(f)
        if stale:
            raise SystemExit(f"{args.check_captures}: {', '.join(stale)} no longer match "
                             "their goldens (--captures writes them anew)")
        print(f"{args.check_captures}: the kept captures match their goldens")

    tmp = tempfile.mkdtemp(prefix="feudfacts-oled-")
    sock, log = os.path.join(tmp, "qmp.sock"), os.path.join(tmp, "semihosting.log")
    deadline = time.monotonic() + args.timeout
    log_file = open(log, "wb")
    proc = subprocess.Popen(
        [args.qemu, "-machine", "lm3s6965evb", "-cpu", args.cpu,
         "-display", "none", "-monitor", "none", "-serial", "none",
         "-semihosting-config", "enable=on,target=native",
         "-qmp", f"unix:{sock},server=on,wait=off", "-kernel", args.elf],
        stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT)
    failed, captured, peak = [], 0, 0
    try:
        qmp = Qmp(sock, deadline)
        for i, (button, name) in enumerate(steps):
            if button:
                qmp.key(KEYS[button], True)
                qmp.key(KEYS[button], False)
            frame, _ = wait_for_frame(log, i, deadline, proc)
            peak = max(peak, frame["peak"])
            what = f"frame {i:2} {button or 'boot':6} {frame['view']:8} " \
                   f"{frame['page']}/{frame['pages']} stack {frame['stack']:5}"
            if not name:
                print(f"{what}  (not captured)")
                continue
            shot = os.path.join(tmp, f"{i}.ppm")
            qmp.call("screendump", filename=shot)
            w, h, rows = ppm_read(shot)
            if args.captures:
                os.makedirs(args.captures, exist_ok=True)
                png_write(os.path.join(args.captures, f"{name}.png"), rows)
            small = reduce(rows) if (w, h) == (WIDTH * SCALE, HEIGHT * SCALE) else None
            captured += 1
            if small is None:
                diff = f"capture is {w}x{h}, not the OLED at {SCALE}x"
            else:
                n = sum(a != b for ra, rb in zip(small, goldens[name]) for a, b in zip(ra, rb))
                diff = f"{n} pixels differ" if n else None
            if diff:
                out = os.path.join(args.golden, f"{name}-{WIDTH}x{HEIGHT}.qemu.png")
                if small is not None:
                    png_write(out, [[255 if v else 0 for v in r] for r in small])
                else:
                    png_write(out, rows)
                failed.append(f"frame {i} ({name}): {diff}; capture saved as {out}")
                print(f"{what}  {name}: FAIL, {diff}")
            else:
                print(f"{what}  {name}: match")
        qmp.call("quit")
    finally:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log_file.close()
    print(f"oled walk on {args.cpu}: {len(steps)} frames, {captured} captured, "
          f"{captured - len(failed)} match their goldens")
    # What the firmware said besides its frames: its name, its main frame
    # (MAIN_FRAME n) and the blob it carries.
    with open(log, "rb") as f:
        for line in f.read().decode(errors="replace").splitlines():
            if not line.startswith("FRAME "):
                print(line)
    print(f"STACK_PEAK {peak}")
    for f in failed:
        print(f"FAIL: {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, ValueError, subprocess.CalledProcessError) as e:
        sys.exit(f"{os.path.basename(sys.argv[0])}: {e}")
