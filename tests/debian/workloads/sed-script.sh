# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# a sed script with hold space
printf '1\n2\n3\n4\n' | sed -n '1!G;h;$p'
printf 'a\nb\nc\n' | sed '$!N;s/\n/-/'
printf 'x\n' | sed 'a\
after' | sed 'i\
before'
