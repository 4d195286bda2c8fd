# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# dbus-daemon reads a client's uid, gids and pid from its socket (SO_PEERCRED, SO_PEERGROUPS): a raw D-Bus client in Python owning a name.
cat >client.py <<'P'
import os, socket, struct, sys
def pad(b, n): return b + b"\0" * (-len(b) % n)
def s(v): v = v.encode(); return struct.pack("<I", len(v)) + v + b"\0"
def call(serial, member, sig=b"", body=b""):
    f = [(1, b"o", s("/org/freedesktop/DBus")), (2, b"s", s("org.freedesktop.DBus")),
         (3, b"s", s(member)), (6, b"s", s("org.freedesktop.DBus"))]
    if sig: f.append((8, b"g", bytes([len(sig)]) + sig + b"\0"))
    fields = b""
    for code, t, v in f:
        fields = pad(fields, 8) + bytes([code, 1]) + t + b"\0" + v
    hdr = b"l\1\0\1" + struct.pack("<III", len(body), serial, len(fields)) + fields
    return pad(hdr, 8) + body
c = socket.socket(socket.AF_UNIX)
c.connect(sys.argv[1])
c.sendall(b"\0AUTH EXTERNAL " + str(os.geteuid()).encode().hex().encode() + b"\r\n")
print(c.recv(4096).split()[0].decode())
c.sendall(b"BEGIN\r\n" + call(1, "Hello") + call(2, "RequestName", b"su", pad(s(sys.argv[2]), 4) + struct.pack("<I", 0)))
sys.stdout.flush()
c.recv(4096)
sys.stdin.read()
P
dbus-daemon --session --fork --print-pid=4 --address=unix:path=/tmp/w/bus 4>pid
export DBUS_SESSION_BUS_ADDRESS=unix:path=/tmp/w/bus
creds() {
	for i in $(seq 100); do
		dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
			org.freedesktop.DBus.NameHasOwner string:$1 | grep -q true && break
		sleep 0.1
	done
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.GetConnectionCredentials string:$1 |
		sed -E '1d; s/uint32 '"$2"'$/uint32 PID/'
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.GetConnectionUnixUser string:$1 | tail -1
}
mkfifo in1 in2 in3
setpriv --clear-groups python3 client.py /tmp/w/bus com.example.Root <in1 &
p1=$!; exec 5>in1
creds com.example.Root $p1
# a session bus admits only its own uid: root, with other groups
setpriv --regid=100 --groups=5,1,100,7 python3 client.py /tmp/w/bus com.example.Groups <in2 &
p2=$!; exec 6>in2
creds com.example.Groups $p2
setpriv --reuid=nobody --regid=nogroup --clear-groups python3 client.py /tmp/w/bus com.example.Nobody <in3 2>&1 &
p3=$!; exec 7>in3
sleep 0.5
exec 5>&- 6>&- 7>&-
wait $p1 $p2 $p3
kill "$(cat pid)"
for i in $(seq 100); do kill -0 "$(cat pid)" 2>/dev/null || break; sleep 0.1; done
