# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# tty and stty see a terminal on stdin
tty -s && echo "stdin is a terminal"
[ -t 1 ] && echo "stdout is a terminal"
stty -g >/dev/null && echo "stty -g works"
