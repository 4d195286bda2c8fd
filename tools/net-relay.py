#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""NET_GUESTFWD's relay (tools/run-qemu.sh): QEMU's user network runs this
for each connection the guest opens to 10.0.2.100:GUESTPORT, with that
connection on its standard input and output, and it carries the bytes to
and from the host's 127.0.0.1:PORT, the only address it ever connects to.
usage: net-relay.py PORT"""
import os
import select
import socket
import sys


def main():
    port = int(sys.argv[1])
    if not 1 <= port <= 65535:
        sys.exit("net-relay: bad port")
    try:
        peer = socket.create_connection(("127.0.0.1", port))
    except OSError as e:
        sys.exit(f"net-relay: 127.0.0.1:{port}: {e}")
    guest_in, guest_out = 0, 1
    open_in, open_peer = True, True
    while open_in or open_peer:
        fds = ([guest_in] if open_in else []) + ([peer] if open_peer else [])
        for fd in select.select(fds, [], [])[0]:
            if fd is peer:
                data = peer.recv(65536)
                if not data:
                    open_peer = False
                    os.close(guest_out)
                    if not open_in:
                        return
                    continue
                os.write(guest_out, data)
            else:
                data = os.read(guest_in, 65536)
                if not data:
                    open_in = False
                    peer.shutdown(socket.SHUT_WR)
                    continue
                peer.sendall(data)


if __name__ == "__main__":
    main()
