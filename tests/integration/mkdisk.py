#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Write a disk image holding a filesystem image as its partition 1 (from
# sector 2048), under an MBR or a GPT (primary and backup, CRCs as the
# UEFI spec and Linux check them), for tests/integration/rootdisk.sh.
# GPT variants: "gpt-badprimary" corrupts the primary header's CRC field
# (Linux falls back to the backup), "gpt-badboth" both headers' (no table).
# usage: mkdisk.py OUT FS_IMAGE mbr|gpt|gpt-badprimary|gpt-badboth
import struct, sys, uuid, zlib

START = 2048


def mbr_entry(img, slot, ptype, start, length):
    off = 446 + slot * 16
    img[off:off + 16] = struct.pack("<B3sB3sII", 0, b"\0\0\0", ptype, b"\0\0\0", start, length)
    img[510:512] = b"\x55\xaa"


def gpt_header(current, backup, array, last_usable, entries_crc):
    hdr = struct.pack("<8sIIIIQQQQ16sQIII", b"EFI PART", 0x10000, 92, 0, 0, current, backup, 34,
                      last_usable, uuid.uuid5(uuid.NAMESPACE_DNS, "kevlar-disk").bytes_le,
                      array, 128, 128, entries_crc)
    return hdr[:16] + struct.pack("<I", zlib.crc32(hdr)) + hdr[20:]


def main():
    out, fs, kind = sys.argv[1], sys.argv[2], sys.argv[3]
    data = open(fs, "rb").read()
    nsec = (len(data) + 511) // 512
    sectors = START + nsec + 64
    img = bytearray(sectors * 512)
    img[START * 512:START * 512 + len(data)] = data
    if kind == "mbr":
        mbr_entry(img, 0, 0x83, START, nsec)
    else:
        last = sectors - 1
        mbr_entry(img, 0, 0xEE, 1, sectors - 1)
        linux = uuid.UUID("0fc63daf-8483-4772-8e79-3d69d8477de4").bytes_le
        e = linux + uuid.uuid5(uuid.NAMESPACE_DNS, "root").bytes_le
        e += struct.pack("<QQQ", START, START + nsec - 1, 0) + "root".encode("utf-16-le")
        entries = bytearray(128 * 128)
        entries[:len(e)] = e
        crc = zlib.crc32(entries)
        img[2 * 512:2 * 512 + len(entries)] = entries
        backup_array = last - 32
        img[backup_array * 512:backup_array * 512 + len(entries)] = entries
        primary = bytearray(gpt_header(1, last, 2, last - 33, crc))
        backup = bytearray(gpt_header(last, 1, backup_array, last - 33, crc))
        if kind in ("gpt-badprimary", "gpt-badboth"):
            primary[16] ^= 0xff
        if kind == "gpt-badboth":
            backup[16] ^= 0xff
        img[512:512 + len(primary)] = primary
        img[last * 512:last * 512 + len(backup)] = backup
    with open(out, "wb") as f:
        f.write(img)


main()
