# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# env, printenv and the fixed environment
env | sort
printenv HOME
env -u HOME printenv HOME; echo $?
env X=1 sh -c 'echo $X'
