# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# dbus-daemon's session bus on a path: method calls with dbus-send, credentials, a name request, errors, shutdown.
dbus-daemon --session --fork --print-address=3 --print-pid=4 --address=unix:path=/tmp/w/bus 3>addr 4>pid
echo "daemon $?"
sed 's/guid=[0-9a-f]*/guid=G/' addr
export DBUS_SESSION_BUS_ADDRESS=unix:path=/tmp/w/bus
ls -l --time-style=+ bus | cut -c1-10
norm() { sed -E 's/time=[0-9.]+/time=T/; s/:1\.[0-9]+/:1.N/g'; }
call() { dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus "$@" 2>&1 | norm; echo "status ${PIPESTATUS[0]}"; }
call org.freedesktop.DBus.ListNames
call org.freedesktop.DBus.NameHasOwner string:org.freedesktop.DBus
call org.freedesktop.DBus.GetNameOwner string:org.freedesktop.DBus
call org.freedesktop.DBus.GetNameOwner string:com.example.Nobody
call org.freedesktop.DBus.RequestName string:com.example.Test uint32:4
call org.freedesktop.DBus.GetConnectionUnixUser string:org.freedesktop.DBus
call org.freedesktop.DBus.GetId | sed -E 's/"[0-9a-f]{32}"/"ID"/'
call org.freedesktop.DBus.Properties.Get string:org.freedesktop.DBus string:Features
call org.freedesktop.DBus.NoSuchMethod
dbus-send --session --print-reply --dest=com.example.Nobody /x com.example.X.Y 2>&1 | norm
echo "status ${PIPESTATUS[0]}"
dbus-send --session --print-reply --reply-timeout=500 --dest=org.freedesktop.DBus /org/freedesktop/DBus \
	org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.DBus | norm |
	sed -E "s/uint32 $(cat pid)\$/uint32 PID/"
kill "$(cat pid)"
for i in $(seq 100); do kill -0 "$(cat pid)" 2>/dev/null || break; sleep 0.1; done
kill -0 "$(cat pid)" 2>/dev/null && echo "daemon still running"
dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.ListNames
echo "after shutdown $?"
