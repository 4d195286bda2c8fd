# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# a six-stage coreutils pipeline
seq 1 2000 | sed 's/$/ x/' | tr ' ' '\n' | grep -v x | sort -rn | head -5
