# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# tar czf and xzf round trip
mkdir -p src/sub; seq 1 500 > src/a; echo hi > src/sub/b; ln -s a src/l
tar czf t.tgz src
tar tzf t.tgz | sort
mkdir out; tar xzf t.tgz -C out; diff -r src out/src && echo identical
