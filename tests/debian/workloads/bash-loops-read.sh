# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash read loops from a file and IFS
printf 'a:1\nb:2\nc:3\n' > f
while IFS=: read -r k v; do echo "$v$k"; done < f
mapfile -t lines < f; echo "${#lines[@]} ${lines[1]}"
for ((i = 0; i < 3; i++)); do printf '%d' $i; done; echo
case foo in f*) echo glob case ;; esac
