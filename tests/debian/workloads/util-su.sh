# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# util-linux su through PAM, from root: a command as another user with its ids, groups and no capabilities; exit status; nologin.
su -s /bin/sh -c 'id; grep -E "^(Uid|Gid|Groups|CapPrm|CapEff)" /proc/self/status' nobody
echo "status $?"
su -s /bin/sh -c 'echo "USER=$USER HOME=$HOME SHELL=$SHELL"; exit 3' nobody
echo "status $?"
su -s /bin/sh -c 'id -u; id -G' root
echo "status $?"
su -c 'echo unreachable' nobody
echo "nologin status $?"
su -s /bin/sh -c 'id' no-such-user
echo "unknown user status $?"
