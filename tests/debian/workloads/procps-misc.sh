# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# pgrep, pkill, free, uptime, kill -l
sleep 30 & p=$!
# wait until the child has exec'd (its name is no longer bash)
for i in {1..200}; do read -r c < /proc/$p/comm && [ "$c" = sleep ] && break; sleep 0.05; done
pgrep -x sleep | grep -qx $p && echo pgrep ok
pkill -P $$ -x sleep; wait $p; echo "wait $?"
free -b | awk 'NR==1 {print $1, $2, $3}'
uptime > /dev/null && echo uptime ok
kill -l 15; /usr/bin/kill -l 9
