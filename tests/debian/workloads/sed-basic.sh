# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# sed substitutions, addresses and deletes
seq 1 10 > f
sed -n '3,5p' f; sed '2,9d' f; sed 's/1/one/g' f | head -2
sed -e '/5/,$d' -e 's/^/> /' f
echo 'hello world' | sed -E 's/(\w+) (\w+)/\2 \1/'
