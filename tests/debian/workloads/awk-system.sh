# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# gawk system(), getline from a command, and pipes
awk 'BEGIN { system("echo from system"); "echo via getline" | getline x; print x
  print "c\nb\na" | "sort"; close("sort"); print "done" }'
