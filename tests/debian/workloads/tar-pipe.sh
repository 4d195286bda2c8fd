# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# tar through a pipe, with permissions kept
mkdir a; echo x > a/f; chmod 751 a/f; touch -d '2019-09-09 09:09' a/f
tar cf - a | (mkdir b && cd b && tar xpf -)
stat -c '%a %s' b/a/f; date -u -r b/a/f +%F
