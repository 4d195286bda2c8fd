/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Pipes: a FileLike with two kinds of open file, a read end and a write
 * end, over a ring of PIPE_SLOTS page buffers, with Linux's semantics
 * (pipe(7)): 65536 bytes of room when writes merge into pages, writes of
 * at most PIPE_BUF bytes are atomic, end of file once no writer is left,
 * EPIPE once no reader is left, O_NONBLOCK gives EAGAIN, and a write end
 * opened with O_DIRECT writes packets that each read returns alone.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <linux/limits.h> /* PIPE_BUF */

struct file;

#define PIPE_SLOTS     16
#define PIPE_PAGE_SIZE 4096
#define PIPE_CAPACITY  (PIPE_SLOTS * PIPE_PAGE_SIZE)

/*
 * A new pipe: *rd is its read end (O_RDONLY), *wr its write end
 * (O_WRONLY), each one reference (file_put).  `flags` may hold O_NONBLOCK
 * (both ends) and O_DIRECT (packet mode, write end); the caller refuses
 * anything else.  0 or -ENOMEM.  May sleep.
 */
int pipe_create(unsigned flags, struct file **rd, struct file **wr) __must_check;

struct inode;
/*
 * Open the named pipe of the FIFO node `node` with O_* `flags`, as fifo(7)
 * says: every opener of one node shares one pipe, which goes (with any
 * unread data) when its last end closes.  A read-only open waits for a
 * writer unless O_NONBLOCK; a write-only open waits for a reader, or with
 * O_NONBLOCK fails with -ENXIO when there is none; O_RDWR never waits.
 * The pipe's inode in *out (new reference) for file_new(); its release
 * slot closes the end.  0, -ENXIO, -ENOMEM, or -ERESTARTSYS when a signal
 * ends the wait.  May sleep.
 */
int pipe_open_fifo(struct inode *node, unsigned flags, struct inode **out) __must_check;

/* ---- splice(2), tee(2), sendfile(2) and pipe sizes (kernel/fs/pipe.c) ---- */

/* The inode is a pipe (what splice and tee call a pipe). */
bool pipe_is(const struct inode *ino);

/* Fill `page` with up to `len` bytes: the count (short at end of the
 * source), or -errno.  Called with the pipe's mutex held. */
typedef ssize_t (*pipe_fill_fn)(void *ctx, void *page, size_t len);
/* Take up to `len` bytes from `data`: the count taken, or -errno.  Called
 * with the pipe's mutex held. */
typedef ssize_t (*pipe_drain_fn)(void *ctx, void *data, size_t len);

/*
 * Into pipe `ino`: wait for a free slot (unless `nonblock`: -EAGAIN), then
 * fill the free slots with fresh pages from `fill`, up to `len` bytes.  The
 * bytes added, or -EPIPE (no reader: the caller sends SIGPIPE), -EAGAIN,
 * -EINTR, -ENOMEM or fill's error.  May sleep.
 */
ssize_t pipe_splice_in(struct inode *ino, size_t len, bool nonblock, pipe_fill_fn fill, void *ctx);
/*
 * Out of pipe `ino`: wait while it is empty and has writers (unless
 * `nonblock`: -EAGAIN), then hand up to `len` bytes in order to `drain`,
 * consuming what it took.  The bytes taken, 0 at end of file, or -EAGAIN,
 * -EINTR or drain's error.  May sleep.
 */
ssize_t pipe_splice_out(struct inode *ino, size_t len, bool nonblock, pipe_drain_fn drain,
			void *ctx);
/* splice(2) between two different pipes: bytes moved, 0 at end of file,
 * -EAGAIN, -EPIPE, -EINTR or -ENOMEM.  May sleep. */
ssize_t pipe_splice_pipe(struct inode *in, struct inode *out, size_t len, bool nonblock);
/* tee(2): the same, but copying without consuming `in`. */
ssize_t pipe_tee(struct inode *in, struct inode *out, size_t len, bool nonblock);

/* F_GETPIPE_SZ: the capacity in bytes. */
long pipe_get_size(struct inode *ino);
/* F_SETPIPE_SZ: round `size` up to a power-of-two number of pages (at least
 * one) and resize; the new capacity, or -EINVAL (over 2 GiB), -EPERM
 * (growing past pipe_max_size() unprivileged), -EBUSY (fewer slots than
 * buffers held), -ENOMEM.  May sleep. */
long pipe_set_size(struct inode *ino, unsigned long size, bool privileged);
/* Linux's round_pipe_size(): bytes, or 0 when `size` is over 2 GiB. */
unsigned long pipe_round_size(unsigned long size);
/* /proc/sys/fs/pipe-max-size: read, and set (rounded; -EINVAL over 2 GiB). */
unsigned pipe_max_size(void);
int pipe_set_max_size(unsigned long size);
