# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# GNU cat between two pipes
seq 1 5 | cat | cat -A
