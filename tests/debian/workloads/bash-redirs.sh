# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash redirections, here-docs, here-strings, fds
exec 3> out; echo to3 >&3; exec 3>&-; cat out
cat <<< 'here string'
cat <<E
here doc $((1 + 1))
E
{ echo a; echo b >&2; } 2>&1 | sort
exec 4< out; read -r line <&4; echo "$line"; exec 4<&-
echo x > /dev/stderr
