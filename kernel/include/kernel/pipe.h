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
