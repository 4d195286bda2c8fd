# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# expr, test and true/false statuses
expr 6 \* 7; expr length hello; expr 5 \> 3
/usr/bin/test -d /tmp; echo $?
/usr/bin/false; echo $?
/usr/bin/true; echo $?
