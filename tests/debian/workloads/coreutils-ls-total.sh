# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# ls -l with its total line (st_blocks on tmpfs)
head -c 5000 /dev/zero > f; printf x > g
touch -d '2021-01-01 00:00' f g
ls -l --time-style=long-iso
du -k f g
