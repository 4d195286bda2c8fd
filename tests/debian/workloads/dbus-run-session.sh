# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# dbus-run-session: a private session bus for one command (default listen address, unix:tmpdir), its exit status.
# As nobody: a root daemon raises its fd limit's hard maximum, which a host
# without CAP_SYS_RESOURCE refuses (and the daemon says so on stderr).
run() { setpriv --reuid=nobody --regid=nogroup --clear-groups dbus-run-session "$@"; }
run -- bash -c 'echo "${DBUS_SESSION_BUS_ADDRESS%%=*}"
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.DBus | tail -1
	dbus-send --session --dest=org.freedesktop.DBus --print-reply /org/freedesktop/DBus \
		org.freedesktop.DBus.RequestName string:com.example.Run uint32:0 | tail -1
	exit 7'
echo "status $?"
run -- false
echo "status $?"
run -- /nonexistent 2>&1
echo "status $?"
