# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# wc counts from a pipe and a file
printf 'one two\nthree\n' | wc
printf 'one two\nthree\n' > f
wc -l f; wc -w < f; wc -c f
