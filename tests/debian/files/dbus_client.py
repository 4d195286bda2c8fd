# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""A raw D-Bus client for the dbus workloads: method calls to the bus
encoded by hand (little-endian, header fields as the specification lays
them out), so what the bus sees comes from the socket alone."""
import os
import socket
import struct


def pad(b, n):
    return b + b"\0" * (-len(b) % n)


def s(v):
    v = v.encode()
    return struct.pack("<I", len(v)) + v + b"\0"


def call(serial, member, sig=b"", body=b""):
    f = [(1, b"o", s("/org/freedesktop/DBus")), (2, b"s", s("org.freedesktop.DBus")),
         (3, b"s", s(member)), (6, b"s", s("org.freedesktop.DBus"))]
    if sig:
        f.append((8, b"g", bytes([len(sig)]) + sig + b"\0"))
    fields = b""
    for code, t, v in f:
        fields = pad(fields, 8) + bytes([code, 1]) + t + b"\0" + v
    hdr = b"l\1\0\1" + struct.pack("<III", len(body), serial, len(fields)) + fields
    return pad(hdr, 8) + body


def own(path, name):
    """Connect to the bus at `path`, authenticate (EXTERNAL), say Hello and
    request `name`: the socket and the server's reply to AUTH."""
    c = socket.socket(socket.AF_UNIX)
    c.connect(path)
    c.sendall(b"\0AUTH EXTERNAL " + str(os.geteuid()).encode().hex().encode() + b"\r\n")
    auth = c.recv(4096)
    c.sendall(b"BEGIN\r\n" + call(1, "Hello") +
              call(2, "RequestName", b"su", pad(s(name), 4) + struct.pack("<I", 0)))
    return c, auth
