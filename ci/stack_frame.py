#!/usr/bin/env python3
"""Prints the stack frame, in bytes, of functions of an ARM (Thumb) ELF, read
from their prologues: the registers pushed plus the space reserved below
them (`sub sp, #n`, `sub.w sp, sp, #n`, or on Cortex-M0 a literal added to
sp).

    stack_frame.py ELF NAME...
    stack_frame.py --top N ELF

NAME is a demangled function name, matched whole (`feudfacts_pico::board`)
or as the end of one (`::__cortex_m_rt_main`). One line a name: `NAME BYTES`;
exits 1 if a name matches no function or more than one. Used by ci/oled.sh
for the part of the Pico's stack that cannot be measured under QEMU.

With `--top N`, the N largest frames of the ELF, largest first (`BYTES
NAME`): ci/firmware.sh prints them, so that when the measured stack grows
the run says which frames grew.
"""

import re
import subprocess
import sys

PROLOGUE = 12  # instructions looked at from the function's start


def functions(elf):
    """{demangled name: [instruction lines]} and {address: literal word}."""
    out = subprocess.run(["arm-none-eabi-objdump", "-d", "--no-show-raw-insn", "-C", elf],
                         check=True, capture_output=True, text=True).stdout
    funcs, words, name = {}, {}, None
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+ <(.*)>:$", line)
        if m:
            name = m.group(1)
            funcs.setdefault(name, [])
            continue
        m = re.match(r"^\s*([0-9a-f]+):\s+\.word\s+0x([0-9a-f]+)", line)
        if m:
            words[int(m.group(1), 16)] = int(m.group(2), 16)
        if name is not None and re.match(r"^\s*[0-9a-f]+:", line):
            funcs[name].append(line)
    return funcs, words


def frame(lines, words):
    size, literals = 0, {}
    for line in lines[:PROLOGUE]:
        ins = line.split(":", 1)[1].strip()
        m = re.match(r"push(\.w)?\s+\{([^}]*)\}", ins)
        if m:
            size += 4 * len(m.group(2).split(","))
            continue
        m = re.match(r"sub(w|\.w)?\s+sp, (sp, )?#(\d+)", ins)
        if m:
            size += int(m.group(3))
            continue
        # Cortex-M0: `ldr rN, [pc, #k] @ (ADDR ...)` then `add sp, rN`.
        m = re.match(r"ldr\s+(r\d+), \[pc, #\d+\]\s+@ \(([0-9a-f]+)", ins)
        if m:
            literals[m.group(1)] = words.get(int(m.group(2), 16))
            continue
        m = re.match(r"add\s+sp, (r\d+)$", ins)
        if m and literals.get(m.group(1)) is not None:
            value = literals[m.group(1)]
            size += (1 << 32) - value if value >= 1 << 31 else 0
    return size


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__.split("\n\n")[1])
    if sys.argv[1] == "--top":
        if len(sys.argv) != 4:
            raise SystemExit(__doc__.split("\n\n")[1])
        funcs, words = functions(sys.argv[3])
        frames = sorted(((frame(lines, words), name) for name, lines in funcs.items()),
                        key=lambda f: (-f[0], f[1]))
        for size, name in frames[:int(sys.argv[2])]:
            print(f"{size} {name}")
        return 0
    funcs, words = functions(sys.argv[1])
    status = 0
    for want in sys.argv[2:]:
        found = [n for n in funcs if n == want or (want.startswith("::") and n.endswith(want))]
        if len(found) != 1:
            print(f"{want}: {len(found)} functions match", file=sys.stderr)
            status = 1
            continue
        print(f"{want} {frame(funcs[found[0]], words)}")
    return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, ValueError, subprocess.CalledProcessError) as e:
        sys.exit(f"{sys.argv[0]}: {e}")
