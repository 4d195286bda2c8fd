# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# dbus-daemon reads a client's uid, gids and pid from its socket (SO_PEERCRED, SO_PEERGROUPS): a raw D-Bus client in Python owning a name.
cat >client.py <<'P'
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, "/debian/files")
from dbus_client import own
c, auth = own(sys.argv[1], sys.argv[2])
print(auth.split()[0].decode())
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
