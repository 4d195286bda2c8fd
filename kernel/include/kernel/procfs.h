/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * What the rest of the kernel asks of procfs (kernel/fs/procfs.c).
 */
#pragma once

struct inode;

/* The pid of a /proc/<pid> directory (what pidfd_send_signal(2) takes
 * as a pidfd, as Linux does), or 0 for any other inode. */
int procfs_pid_of_dir(const struct inode *ino);
