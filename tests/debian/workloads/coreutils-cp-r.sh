# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# cp -r, cp -a and rm -r of a tree
mkdir -p t/a/b t/c; echo x > t/a/b/f; echo y > t/c/g; ln -s a/b/f t/l
cp -r t u; cp -a t v
find u v | sort
readlink v/l; cat v/l
rm -r t u v; ls
