# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# flock serializes two writers
touch lock
flock lock sh -c 'touch held; echo first; sleep 1; echo first done' &
for i in {1..200}; do [ -e held ] && break; sleep 0.05; done
flock lock sh -c 'echo second'
wait
flock -n lock true; echo "free $?"
(flock -n 9 || echo busy) 9>lock
exec 9>lock; flock 9; (flock -n lock true; echo "held $?"); flock -u 9
