# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# date with a fixed time
date -u -d @0 '+%Y-%m-%d %H:%M:%S'
date -u -d '2024-02-29 12:00' +%j
date -d @86400 +%A
