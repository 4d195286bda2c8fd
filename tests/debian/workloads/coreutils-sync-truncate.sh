# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# truncate, fallocate-free sizing, sync
truncate -s 10000 f; stat -c %s f
truncate -s 10 f; stat -c %s f
truncate -s +5 f; stat -c %s f
od -An -c f | head -1
sync; echo synced
