# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# stat of a regular file and a directory on tmpfs
printf 'hello' > f; chmod 640 f; mkdir d
stat -c '%n %s %a %F %U %G %h' f d
stat -c '%F' /dev/null
