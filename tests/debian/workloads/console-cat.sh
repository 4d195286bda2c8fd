# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# GNU cat writes a file to the console (stdout a terminal)
printf 'line one\nline two\n' > f
cat f
cat -n f
