# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# tr translates and deletes
echo 'Hello, World' | tr a-z A-Z
echo 'Hello, World' | tr -d lo
echo 'a  b   c' | tr -s ' '
