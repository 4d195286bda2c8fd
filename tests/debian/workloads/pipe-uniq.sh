# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# uniq -c after sort
printf 'a\nb\na\nc\nb\na\n' | sort | uniq -c
printf 'a\nb\na\n' | sort | uniq -d
