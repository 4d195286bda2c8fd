# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# ls -l of files on tmpfs
printf 'abc' > a; printf '12345' > b; ln -s a link; mkdir dir
chmod 600 a; chmod 755 b
touch -h -d '2021-01-01 00:00' a b link dir
ls -l --time-style=long-iso a b link
ls -ld --time-style=long-iso dir | cut -c1-10
