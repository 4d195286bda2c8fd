# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# grep patterns, counts and statuses
printf 'apple\nbanana\ncherry\nApple pie\n' > f
grep apple f; grep -i apple f; grep -c a f; grep -v a f
grep -n an f; grep -o 'an' f | wc -l
grep nothing f; echo "status $?"
grep x /nonexistent; echo "status $?"
