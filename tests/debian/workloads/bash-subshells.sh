# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash subshells, command substitution and pipelines statuses
x=$(echo a; echo b); echo "$x"
(cd /; pwd); pwd
false | true; echo "${PIPESTATUS[@]}"
set -o pipefail; false | true; echo $?
echo $(( $(seq 1 100 | paste -sd+) ))
