# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash and /dev/fd, /dev/stdin
echo via-stdin | cat /dev/stdin
exec 5< <(echo via-fd5); cat /dev/fd/5
ls /dev/fd/ > /dev/null && echo "dev fd listed"
