/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * /dev/kmsg (kernel/fs/kmsg.c): the kernel log as records.  devfs makes a
 * reader per open file (a fresh inode whose priv it is) and forwards its
 * file operations here; lseek and writev of the device come here too.
 */
#pragma once

#include <klib/types.h>
#include <kevlar_vfs/types.h>

/* A reader positioned at the oldest record, or NULL (no memory). */
void *kmsg_reader_new(void);
void kmsg_reader_free(void *reader);
/* One record per call: its length, -EINVAL (buffer too small), -EPIPE
 * (records lost; the reader moved to the oldest), -EAGAIN (O_NONBLOCK,
 * none yet), -ERESTARTSYS, -EFAULT.  May sleep. */
ssize_t kmsg_read(void *reader, struct iobuf *b, unsigned flags);
/* poll of /dev/kmsg: POLLIN while a record is left to read (with POLLERR
 * and POLLPRI once the next was overwritten), never POLLOUT, as Linux. */
struct poll_table;
unsigned kmsg_poll(void *reader, struct poll_table *pt);
/* The written line becomes a record: b->len, -EINVAL (too long), -EFAULT. */
ssize_t kmsg_write(struct iobuf *b);
/* writev: the vector's bytes together become one record (as Linux);
 * their count, -EINVAL (too long, a bad length), -EFAULT. */
struct iovec;
ssize_t kmsg_writev(const struct iovec __user *uiov, unsigned long cnt);
/* May the caller read the log (open /dev/kmsg for reading)?  With
 * kernel.dmesg_restrict 1 (Debian's default) only with CAP_SYSLOG or
 * CAP_SYS_ADMIN: 0 or -EPERM. */
int kmsg_may_read(void);
/* Is this the /dev/kmsg device (devfs)? */
bool devfs_is_kmsg(const struct inode *ino);
/* lseek(fd, off, whence): 0, -ESPIPE (off != 0), -EINVAL (whence). */
long kmsg_seek(void *reader, int64_t off, int whence);
