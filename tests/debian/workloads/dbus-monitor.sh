# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# dbus-monitor on a session bus sees signals and method calls sent with dbus-send; peer credentials of a connection.
dbus-daemon --session --fork --print-pid=4 --address=unix:path=/tmp/w/bus 4>pid
export DBUS_SESSION_BUS_ADDRESS=unix:path=/tmp/w/bus
: >mon
dbus-monitor --session "interface='com.example.Iface'" >>mon 2>&1 &
mpid=$!
# the monitor is ready once the bus names it with its own NameLost
for i in $(seq 100); do grep -q NameLost mon && break; sleep 0.1; done
dbus-send --session --type=signal /com/example com.example.Iface.Ping string:hello int32:42 \
	array:string:a,b dict:string:uint32:x,1,y,2 variant:double:1.5
dbus-send --session --type=signal /com/example com.example.Other.Ignored string:no
dbus-send --session --type=method_call --dest=org.freedesktop.DBus /com/example com.example.Iface.Call byte:7 boolean:true objpath:/a/b
dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
	org.freedesktop.DBus.GetConnectionCredentials string:org.freedesktop.DBus |
	sed -E 's/time=[0-9.]+/time=T/; s/:1\.[0-9]+/:1.N/g' | sed -E "s/uint32 $(cat pid)\$/uint32 PID/"
for i in $(seq 100); do grep -q 'member=Call' mon && break; sleep 0.1; done
sleep 0.2
kill $mpid; wait $mpid 2>/dev/null
sed -E 's/time=[0-9.]+/time=T/; s/:1\.[0-9]+/:1.N/g; s/serial=[0-9]+/serial=S/g' mon
kill "$(cat pid)"
for i in $(seq 100); do kill -0 "$(cat pid)" 2>/dev/null || break; sleep 0.1; done
