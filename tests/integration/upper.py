#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""The host's end behind NET_GUESTFWD in the network tests (net.sh,
netcfg.sh, bindtodevice.sh): a listener on a free port of 127.0.0.1 that
prints its port, then answers each connection with the bytes it read,
upper-cased, and closes it.  It reads to the connection's EOF, or with
--line to the end of the first line.

  upper.py [--line]
"""
import socket
import sys

line = "--line" in sys.argv[1:]
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
print(s.getsockname()[1], flush=True)
while True:
    c, _ = s.accept()
    c.settimeout(10)
    data = b""
    try:
        while not (line and data.endswith(b"\n")):
            d = c.recv(4096)
            if not d:
                break
            data += d
        c.sendall(data.upper())
    except OSError:
        pass
    c.close()
