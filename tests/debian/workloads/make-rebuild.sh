# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# make rebuilds only what changed, make -n, make -q
cp -r /debian/files/cproject p && cd p
make -s -j2 prog
make prog
touch -d '2000-01-01' *.c *.h; touch util.c; make -n | sed 's/ -o .*//' | sort
make -q prog; echo "q status $?"
