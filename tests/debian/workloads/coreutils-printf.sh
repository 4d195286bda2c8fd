# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# GNU printf formats
/usr/bin/printf '%5d|%-5s|%x|%o|%e\n' 42 ab 255 8 1.5
/usr/bin/printf '%q\n' 'a b'
