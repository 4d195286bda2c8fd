# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# tar cJf and xJf round trip
mkdir src; seq 1 3000 > src/n; head -c 10000 /dev/zero > src/z
tar cJf t.txz src; tar tJvf t.txz | awk '{print $3, $6}' | sort -k2
mkdir out; cd out; tar xJf ../t.txz; cmp src/n ../src/n && cmp src/z ../src/z && echo identical
