# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# cp, mv, rm and ln on tmpfs
seq 10 > a
cp a b; cp -p a c; mv b d; ln a h; ln -s a s
ls; cat d | wc -l; stat -c '%h' a
rm a; cat h | tail -1; cat s 2>&1; rm -f c d h s; ls | wc -l
