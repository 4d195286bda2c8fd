#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Write two 1 MiB disk images for tests/integration/blk.sh: mbr.img (a
# primary partition, an extended one holding two logicals) and gpt.img (a
# protective MBR and a GPT with entries 1 and 3, CRCs as Linux checks them).
# usage: mkparts.py DIR
import struct, sys, uuid, zlib

SECTORS = 2048


def mbr_entry(img, sector, slot, ptype, start, length):
    off = sector * 512 + 446 + slot * 16
    img[off:off + 16] = struct.pack("<B3sB3sII", 0, b"\0\0\0", ptype, b"\0\0\0", start, length)
    img[sector * 512 + 510:sector * 512 + 512] = b"\x55\xaa"


def mbr():
    img = bytearray(SECTORS * 512)
    mbr_entry(img, 0, 0, 0x83, 64, 128)
    mbr_entry(img, 0, 1, 0x05, 512, 1024)
    mbr_entry(img, 512, 0, 0x83, 32, 200)   # loop0p5: sectors 544..743
    mbr_entry(img, 512, 1, 0x05, 300, 300)  # the next EBR at 812
    mbr_entry(img, 812, 0, 0x83, 32, 100)   # loop0p6: sectors 844..943
    return img


def gpt():
    img = bytearray(SECTORS * 512)
    mbr_entry(img, 0, 0, 0xEE, 1, SECTORS - 1)
    linux = uuid.UUID("0fc63daf-8483-4772-8e79-3d69d8477de4").bytes_le
    entries = bytearray(128 * 128)
    for idx, (first, last) in ((0, (40, 139)), (2, (200, 599))):
        e = linux + uuid.uuid5(uuid.NAMESPACE_DNS, str(idx)).bytes_le
        e += struct.pack("<QQQ", first, last, 0) + ("part%d" % (idx + 1)).encode("utf-16-le")
        entries[idx * 128:idx * 128 + len(e)] = e
    img[2 * 512:2 * 512 + len(entries)] = entries
    last = SECTORS - 1
    hdr = struct.pack("<8sIIIIQQQQ16sQIII", b"EFI PART", 0x10000, 92, 0, 0, 1, last, 34,
                      last - 33, uuid.uuid5(uuid.NAMESPACE_DNS, "disk").bytes_le, 2, 128, 128,
                      zlib.crc32(entries))
    hdr = hdr[:16] + struct.pack("<I", zlib.crc32(hdr)) + hdr[20:]
    img[512:512 + len(hdr)] = hdr
    return img


for name, make in (("mbr.img", mbr), ("gpt.img", gpt)):
    with open("%s/%s" % (sys.argv[1], name), "wb") as f:
        f.write(make())
