# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# find -size, -perm, -newer, -empty
head -c 3000 /dev/zero > big; touch empty; chmod 700 big
find . -size +2k; find . -empty -type f; find . -perm 700
touch -d '2000-01-01' old; find . -newer old -type f | sort
