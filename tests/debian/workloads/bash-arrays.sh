# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash indexed and associative arrays
a=(one two three); a+=(four)
echo "${#a[@]} ${a[2]} ${a[@]:1:2}"
for i in "${!a[@]}"; do printf '%s=%s ' "$i" "${a[i]}"; done; echo
declare -A m=([x]=1 [y]=2); m[z]=3
for k in $(printf '%s\n' "${!m[@]}" | sort); do echo "$k ${m[$k]}"; done
unset 'a[1]'; echo "${a[*]}"
