# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# grep -r over a tree
mkdir -p src/a src/b; echo 'int main' > src/a/m.c; echo 'main()' > src/b/n.py; echo other > src/o.txt
grep -r main src | sort
grep -rl main src | sort
grep -r --include='*.c' main src
grep -rc main src | sort
