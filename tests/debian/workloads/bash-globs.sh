# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# bash globbing, extglob and brace expansion
touch a1 a2 b1 .hidden
echo a*; echo ?1; echo [ab]2; echo {x,y}{1,2}; echo {1..5}
shopt -s extglob
echo !(a*)
shopt -s nullglob; echo z*; shopt -s dotglob; echo *
