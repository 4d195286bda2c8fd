# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# make -j2 builds a small C project with gcc, cc1, as and ld, and it runs
cp -r /debian/files/cproject p && cd p
make -j2 -s && echo built
./prog; echo "status $?"
./prog fail; echo "status $?"; cat out.txt
make -s clean; ls
