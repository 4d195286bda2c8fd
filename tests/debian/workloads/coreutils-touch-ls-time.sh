# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# touch -d and ls --full-time
touch -d '2020-05-06 07:08:09' f
ls --full-time f | awk '{print $6, $7, $9}'
touch -r f g; [ f -nt g ] || [ g -nt f ] || echo same mtime
