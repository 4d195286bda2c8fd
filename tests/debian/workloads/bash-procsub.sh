# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash process substitution <(...) and >(...)
diff <(seq 1 3) <(seq 1 4); echo "status $?"
cat <(echo from procsub)
while read -r l; do echo "read $l"; done < <(printf 'a\nb\n')
tee >(tr a-z A-Z > up) <<< tee-me > /dev/null; wait $!; cat up
