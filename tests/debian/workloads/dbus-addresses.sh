# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# dbus-daemon listening on an abstract name, on unix:dir= and the first of two addresses; dbus-uuidgen; dbus-cleanup-sockets.
norm() { sed -E 's/guid=[0-9a-f]{32}/guid=G/; s/kevlar-dbus-[0-9]+/kevlar-dbus-N/; s/dbus-[A-Za-z0-9]{10}/dbus-X/'; }
names() {
	DBUS_SESSION_BUS_ADDRESS=$1 dbus-send --session --print-reply --dest=org.freedesktop.DBus \
		/org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.DBus | tail -1
}
stop() {
	kill "$(cat pid)"
	for i in $(seq 100); do kill -0 "$(cat pid)" 2>/dev/null || break; sleep 0.1; done
}
# abstract: no file; the host shares its abstract names, so a unique one
a=unix:abstract=/tmp/w/kevlar-dbus-$RANDOM$RANDOM
dbus-daemon --session --fork --print-pid=4 --print-address=3 --address=$a 3>addr 4>pid
norm <addr
names "$(cat addr)"
ls
stop
# unix:dir: a fresh name in the directory
mkdir d
dbus-daemon --session --fork --print-pid=4 --print-address=3 --address=unix:dir=/tmp/w/d 3>addr 4>pid
norm <addr
ls d | norm
names "$(cat addr)"
stop
# of two addresses, --address listens on the first only
dbus-daemon --session --fork --print-pid=4 --print-address=3 --address="unix:path=/tmp/w/one;unix:path=/tmp/w/two" 3>addr 4>pid
norm <addr
names unix:path=/tmp/w/one
names unix:path=/tmp/w/two
stop
# an address it cannot listen on
dbus-daemon --session --nofork --address=unix:path=/tmp/w/no/such/dir/bus 2>&1 | sed -E 's/^dbus-daemon\[[0-9]+\]/dbus-daemon[P]/'
echo "status ${PIPESTATUS[0]}"
dbus-uuidgen --ensure=/tmp/w/machine-id
echo "ensure $?"
wc -c <machine-id
id=$(cat machine-id); dbus-uuidgen --ensure=/tmp/w/machine-id; [ "$(cat machine-id)" = "$id" ] && echo kept
dbus-uuidgen | grep -cE '^[0-9a-f]{32}$'
