# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# perl -e, -n, -p, -i one-liners
perl -e 'print join(",", map { $_ * $_ } 1..5), "\n"'
seq 1 5 | perl -ne 'print if $_ % 2'
echo 'hello world' | perl -pe 's/(\w+)/\u$1/g'
printf 'x=1\ny=2\n' > f; perl -i -pe 's/=/: /' f; cat f
perl -le 'print scalar reverse "abc"; printf "%.3f\n", atan2(1,1)*4'
