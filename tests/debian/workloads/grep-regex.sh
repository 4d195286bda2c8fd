# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# grep -E, -F, -w, -x and back-references
printf 'foo123\nbar\nfoofoo\nfoo bar\n' > f
grep -E 'o{2}[0-9]+' f; grep -F 'o b' f; grep -w bar f; grep -x bar f
grep '\(foo\)\1' f; grep -P '\d{3}' f
