# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# util-linux setpriv: new uid/gid and groups, keeping or dropping capabilities, no_new_privs, as Linux's credential rules give them.
setpriv --reuid=65534 --regid=65534 --clear-groups id
echo "status $?"
setpriv --reuid=65534 --regid=65534 --groups=1,2,3 sh -c 'id; grep -E "^(Groups|CapPrm|CapEff)" /proc/self/status'
echo "status $?"
setpriv --no-new-privs sh -c 'grep NoNewPrivs /proc/self/status'
setpriv --reuid=65534 --regid=65534 --clear-groups setpriv --reuid=0 id
echo "regain root: status $?"
setpriv --euid=65534 sh -c 'id -u; id -ru'
setpriv --reuid=65534 --regid=65534 --clear-groups --keep-groups id 2>&1 | head -1
