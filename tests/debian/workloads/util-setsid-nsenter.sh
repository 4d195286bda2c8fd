# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# setsid, nice, prlimit, ionice
setsid -w sh -c 'ps -o sid=,pid= -p $$ | awk "{print (\$1 == \$2)}"'
nice -n 5 nice
prlimit --pid $$ --nofile=100:200 && prlimit -n --pid $$ -o SOFT,HARD --noheadings
