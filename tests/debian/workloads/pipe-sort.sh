# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# sort of a pipe, numeric and reverse
printf '3\n10\n2\n1\n' | sort
printf '3\n10\n2\n1\n' | sort -n
printf '3\n10\n2\n1\n' | sort -rn
printf 'b a\na c\nb b\n' | sort -k2
