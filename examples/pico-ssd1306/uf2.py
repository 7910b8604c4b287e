#!/usr/bin/env python3
"""Writes a Pico's .uf2 from an ELF, and with --deploy copies it to a Pico
mounted in BOOTSEL mode (the RPI-RP2 drive). The cargo runner of this crate.

    uf2.py ELF [--out FILE.uf2] [--deploy]
    uf2.py --check FILE.uf2 ELF

UF2 (Microsoft's USB flashing format) is 512-byte blocks of 256 bytes each,
with the address to write them to and the RP2040's family id; the boot ROM
writes them to flash. The bytes are the ELF's loadable segments at their
load addresses, which must all lie in the Pico's flash (0x10000000, 2 MiB).
--check reads a .uf2 back and fails unless it holds exactly those bytes.
Standard library only: this replaces `elf2uf2-rs`, which is a cargo install.
"""

import argparse
import glob
import os
import shutil
import struct
import sys

MAGIC0, MAGIC1, MAGIC_END = 0x0A324655, 0x9E5D5157, 0x0AB16F30
FLAG_FAMILY = 0x00002000
RP2040_FAMILY = 0xE48BFF56
PAGE = 256
FLASH = (0x10000000, 0x10000000 + 2 * 1024 * 1024)


def elf_pages(path):
    """{page address: 256 bytes} of the ELF's loadable bytes."""
    with open(path, "rb") as f:
        elf = f.read()
    if elf[:4] != b"\x7fELF" or elf[4] != 1 or elf[5] != 1:
        raise SystemExit(f"{path}: not a 32-bit little-endian ELF")
    (phoff,) = struct.unpack_from("<I", elf, 28)
    phentsize, phnum = struct.unpack_from("<HH", elf, 42)
    pages = {}
    for i in range(phnum):
        p_type, p_offset, _vaddr, p_paddr, p_filesz = struct.unpack_from(
            "<IIIII", elf, phoff + i * phentsize)
        if p_type != 1 or p_filesz == 0:  # PT_LOAD with bytes in the file
            continue
        if not (FLASH[0] <= p_paddr and p_paddr + p_filesz <= FLASH[1]):
            raise SystemExit(f"{path}: a segment at {p_paddr:#x} ({p_filesz} bytes) "
                             "is not in the Pico's flash")
        data = elf[p_offset:p_offset + p_filesz]
        if len(data) != p_filesz:
            raise SystemExit(f"{path}: truncated (a segment ends past the file)")
        for k, byte in enumerate(data):
            addr = p_paddr + k
            page = pages.setdefault(addr - addr % PAGE, bytearray(PAGE))
            page[addr % PAGE] = byte
    if not pages:
        raise SystemExit(f"{path}: nothing to flash")
    return pages


def uf2_bytes(pages):
    blocks = sorted(pages)
    out = bytearray()
    for n, addr in enumerate(blocks):
        head = struct.pack("<IIIIIIII", MAGIC0, MAGIC1, FLAG_FAMILY, addr, PAGE, n,
                           len(blocks), RP2040_FAMILY)
        out += head + bytes(pages[addr]) + bytes(476 - PAGE) + struct.pack("<I", MAGIC_END)
    return bytes(out)


def uf2_pages(path):
    """{page address: bytes} from a .uf2, checking every block."""
    with open(path, "rb") as f:
        data = f.read()
    if not data or len(data) % 512:
        raise SystemExit(f"{path}: {len(data)} bytes, not whole 512-byte blocks")
    pages, total = {}, len(data) // 512
    for n in range(total):
        block = data[n * 512:(n + 1) * 512]
        m0, m1, flags, addr, size, no, count, family = struct.unpack_from("<IIIIIIII", block)
        (end,) = struct.unpack_from("<I", block, 508)
        if (m0, m1, end) != (MAGIC0, MAGIC1, MAGIC_END):
            raise SystemExit(f"{path}: block {n}: bad magic")
        if not flags & FLAG_FAMILY or family != RP2040_FAMILY:
            raise SystemExit(f"{path}: block {n}: not for the RP2040")
        if (no, count, size) != (n, total, PAGE) or addr % PAGE:
            raise SystemExit(f"{path}: block {n}: numbered {no} of {count}, {size} bytes at {addr:#x}")
        pages[addr] = block[32:32 + PAGE]
    return pages


def rpi_rp2_drive():
    for pattern in ("/media/*/RPI-RP2", "/run/media/*/RPI-RP2", "/media/RPI-RP2",
                    "/mnt/RPI-RP2", "/Volumes/RPI-RP2"):
        for d in glob.glob(pattern):
            if os.path.isfile(os.path.join(d, "INFO_UF2.TXT")):
                return d
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", help="ELF, or with --check: UF2 ELF")
    ap.add_argument("--out", help="the .uf2 to write (default: beside the ELF)")
    ap.add_argument("--deploy", action="store_true", help="copy it to a mounted RPI-RP2 drive")
    ap.add_argument("--check", action="store_true", help="check a .uf2 against its ELF")
    args = ap.parse_args()
    if args.check:
        if len(args.files) != 2:
            ap.error("--check takes FILE.uf2 ELF")
        uf2, elf = args.files
        got, want = uf2_pages(uf2), elf_pages(elf)
        if got != {a: bytes(p) for a, p in want.items()}:
            raise SystemExit(f"{uf2}: does not hold {elf}'s bytes")
        print(f"{uf2}: {len(got)} blocks, {len(got) * PAGE} bytes of flash from "
              f"{min(got):#x}, the same as {elf}")
        return 0
    if len(args.files) != 1:
        ap.error("one ELF")
    elf = args.files[0]
    out = args.out or os.path.splitext(elf)[0] + ".uf2"
    pages = elf_pages(elf)
    with open(out, "wb") as f:
        f.write(uf2_bytes(pages))
    print(f"wrote {out}: {len(pages)} blocks, {len(pages) * PAGE} bytes of flash from "
          f"{min(pages):#x}")
    if args.deploy:
        drive = rpi_rp2_drive()
        if drive is None:
            print("no RPI-RP2 drive: hold BOOTSEL while plugging the Pico in, then "
                  f"copy {out} onto the drive that appears", file=sys.stderr)
            return 1
        shutil.copy(out, drive)
        print(f"copied to {drive}: the Pico restarts with the new image")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, ValueError, struct.error) as e:
        sys.exit(f"{os.path.basename(sys.argv[0])}: {e}")
