# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# dbus-daemon activating services from .service files: one that takes its name, one that exits, one that cannot exec; the starter environment.
mkdir services
cat >client.py <<'P'
import os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, "/debian/files")
from dbus_client import own
with open("/tmp/w/starter", "w") as out:
    print(os.environ["DBUS_STARTER_BUS_TYPE"], os.environ["DBUS_STARTER_ADDRESS"].split(",")[0], file=out)
c, _ = own(os.environ["DBUS_STARTER_ADDRESS"].split(",")[0].split("=", 1)[1], sys.argv[1])
while c.recv(4096):
    pass
P
printf '[D-BUS Service]\nName=com.example.Act\nExec=/usr/bin/python3 /tmp/w/client.py com.example.Act\n' >services/act.service
printf '[D-BUS Service]\nName=com.example.Fails\nExec=/bin/sh -c "exit 3"\n' >services/fails.service
printf '[D-BUS Service]\nName=com.example.Missing\nExec=/nonexistent/program\n' >services/missing.service
cat >bus.conf <<'C'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=/tmp/w/bus</listen>
  <auth>EXTERNAL</auth>
  <servicedir>/tmp/w/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
C
dbus-daemon --config-file=bus.conf --fork --print-pid=4 4>pid
export DBUS_SESSION_BUS_ADDRESS=unix:path=/tmp/w/bus
bus() { dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus "$@" 2>&1 |
	sed -E '/^method return/d'; }
bus org.freedesktop.DBus.ListActivatableNames | grep string | sort
bus org.freedesktop.DBus.NameHasOwner string:com.example.Act
bus org.freedesktop.DBus.StartServiceByName string:com.example.Act uint32:0
cat starter
bus org.freedesktop.DBus.NameHasOwner string:com.example.Act
bus org.freedesktop.DBus.StartServiceByName string:com.example.Act uint32:0
bus org.freedesktop.DBus.StartServiceByName string:com.example.Fails uint32:0
bus org.freedesktop.DBus.StartServiceByName string:com.example.Missing uint32:0
bus org.freedesktop.DBus.StartServiceByName string:com.example.Unknown uint32:0
# auto-start: a message to an activatable name starts it
dbus-send --session --print-reply --dest=com.example.Fails /x com.example.X.Y 2>&1
kill "$(cat pid)"
for i in $(seq 100); do kill -0 "$(cat pid)" 2>/dev/null || break; sleep 0.1; done
