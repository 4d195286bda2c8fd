# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# df on tmpfs and the root
df -T /tmp | awk 'NR == 2 {print $2, $7}'
df -P /tmp > /dev/null; echo "df status $?"
