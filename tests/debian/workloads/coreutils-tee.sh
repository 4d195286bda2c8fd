# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# tee to files and a pipe
seq 3 | tee a b | wc -l
cat a b
echo more | tee -a a > /dev/null; cat a
