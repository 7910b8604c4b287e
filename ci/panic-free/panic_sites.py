#!/usr/bin/env python3
"""Lists the panic call sites left in the linked panic-free program, with the
inline chain of source lines leading to each, and checks them against
allowed.txt.

Usage: panic_sites.py PROGRAM ALLOWED

PROGRAM is the C program linked with the release library and a stub for
the panic handler's undefined symbol (so that it links at all). Its
disassembly is searched for calls and jumps into core's panic machinery
from any function that is not itself part of it; addr2line gives each
site's inline chain. A site is allowed when a regular expression of ALLOWED
matches one of its frames ("function at file:line: source text"). Exit
status 1 if any site is not allowed, 0 otherwise."""
import os
import re
import subprocess
import sys

PANIC = re.compile(
    r"core::panicking::|core::option::unwrap_failed|core::option::expect_failed|"
    r"core::result::unwrap_failed|core::slice::index::|core::str::slice_error_fail|"
    r"core::cell::panic_already|core::\S*_fail\b|core::\S*_fail_rt\b|"
    r"rust_begin_unwind|feudfacts_panic_is_reachable")


def load_rules(path):
    rules = []
    reason = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            reason.append(line.lstrip("# "))
        elif line.strip():
            rules.append((re.compile(line.strip()), " ".join(reason)))
            reason = []
        else:
            reason = []
    return rules


def source_line(path, line):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for i, text in enumerate(f, 1):
                if i == line:
                    return text.strip()
    except OSError:
        pass
    return ""


def main(prog, allowed):
    rules = load_rules(allowed)
    dis = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "-C", prog],
                         capture_output=True, text=True, check=True).stdout
    func = None
    sites = []
    callers = {}  # callee -> [(address, caller)]
    for line in dis.splitlines():
        m = re.match(r"^([0-9a-f]+) <(.*)>:$", line)
        if m:
            func = m.group(2)
            continue
        m = re.match(r"^\s*([0-9a-f]+):\s+(call|jmp)\s+[0-9a-f]+ <(.*)>", line)
        if not m or not func:
            continue
        target = re.sub(r"\+0x[0-9a-f]+$", "", m.group(3))
        if target != func:
            callers.setdefault(target, []).append((m.group(1), func))
        if PANIC.search(target) and not PANIC.search(func):
            sites.append((m.group(1), func, target))
    # A site inside an out-of-line function of core (e.g. copy_from_slice's
    # length check at opt-level z) is reported at its callers instead,
    # up to the first caller outside core, so that it shows our source line.
    expanded, seen = [], set()
    while sites:
        addr, func, target = sites.pop()
        if re.match(r"(core|alloc)::", func) and func not in seen:
            seen.add(func)
            for a, caller in callers.get(func, []):
                if not PANIC.search(caller):
                    sites.append((a, caller, f"{func} -> {target}"))
            continue
        expanded.append((addr, func, target))
    sites = sorted(set(expanded))
    used = {}
    bad = 0
    for addr, func, target in sites:
        out = subprocess.run(["addr2line", "-i", "-f", "-C", "-e", prog, hex(int(addr, 16))],
                             capture_output=True, text=True).stdout.split("\n")
        frames = []
        for i in range(0, len(out) - 1, 2):
            loc = out[i + 1].strip()
            m = re.match(r"(.*):(\d+)", loc)
            text = source_line(m.group(1), int(m.group(2))) if m else ""
            frames.append(f"{out[i].strip()} at {os.path.normpath(loc)}: {text}")
        rule = next((r for r in rules if any(r[0].search(f) for f in frames)), None)
        if rule:
            used[rule[0].pattern] = used.get(rule[0].pattern, 0) + 1
            continue
        bad += 1
        print(f"NOT ALLOWED: {func} -> {target}")
        for f in frames:
            print(f"    {f}")
    for pattern, reason in ((r[0].pattern, r[1]) for r in rules):
        n = used.get(pattern, 0)
        note = "" if n else " (UNUSED: remove this entry if it stays unused)"
        print(f"allowed: {n:3} site(s) matching {pattern!r}{note}: {reason}")
    print(f"{len(sites)} panic call site(s), {bad} not allowed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
