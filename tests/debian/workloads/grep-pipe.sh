# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# grep in a pipeline with -q and context
seq 1 20 | grep -A1 -B1 '^10$'
seq 1 20 | grep -q 15 && echo found
seq 1 100000 | grep -c 7
