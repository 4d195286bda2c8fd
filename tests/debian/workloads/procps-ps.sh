# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# ps sees this shell and its children
ps -o comm= -p $$
sleep 20 & p=$!
# wait until the child has exec'd (its name is no longer bash)
for i in {1..200}; do read -r c < /proc/$p/comm && [ "$c" = sleep ] && break; sleep 0.05; done
ps -o comm= -p $p
ps -o ppid= -p $p | grep -qx " *$$" && echo "parent is this shell"
kill $p; wait $p; echo "wait $?"
