/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * An iterator over a cpio archive in memory, in the "newc" format (magic
 * 070701) and its "crc" variant (070702), the formats Linux's initramfs
 * takes.  Pure: no allocation, no globals, no locks, never sleeps; entries
 * point into the caller's buffer, which must outlive them.
 *
 * The buffer holds one or more archives, each ending with the entry named
 * "TRAILER!!!", with runs of zero bytes before, between and after them (as
 * Linux accepts: cpio pads archives to 512 bytes and bootloaders
 * concatenate them); each archive starts 4-byte aligned in the buffer.
 * The trailers are consumed here, never reported; the buffer may end right
 * after the last trailer's name (its padding is optional).  An empty or
 * all-zero buffer is a valid, empty image.
 *
 * An entry is a 110-byte header (the magic, then 13 fields of exactly 8
 * hex digits), the name (namesize bytes with its NUL), zero padding to a
 * multiple of 4 from the header's start, the data (filesize bytes) and
 * padding to 4 again.  The padding bytes are not checked (Linux skips them
 * too).  The archive is malformed (-EINVAL) on: a bad magic (070707, the
 * old portable format, included), a field that is not 8 hex digits,
 * namesize 0, a name whose last byte is not the NUL or that holds an
 * earlier NUL, a name or data running past the buffer (truncation), a
 * missing TRAILER!!! at the end of the buffer, something other than zero
 * bytes or a 4-aligned next archive after a trailer, and in 070702 archives
 * a regular file whose data bytes do not sum to its check field.
 *
 * Names are reported without leading "/" and "./" (any run of them), so
 * "./bin/sh", "/bin/sh" and "bin/sh" all give "bin/sh"; the root itself
 * ("." or "/") is reported with the name "" so its mode, owner and mtime
 * can be applied to the root directory, as Linux does.  Names are not
 * otherwise checked: they may contain ".." or "//" and any length; the
 * consumer resolves them (Linux skips names longer than PATH_MAX).
 *
 * Hard links: entries with nlink >= 2 and the same (devmajor, devminor,
 * ino) are one file; GNU cpio stores the data with the last of them and
 * size 0 with the others.  Linux links each later name to the first one
 * seen and writes the data through whichever entry carries it.  A symlink's
 * data is its target, without a NUL.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

#define CPIO_HEADER_SIZE 110
#define CPIO_TRAILER	 "TRAILER!!!"

struct cpio_entry {
	const char *name; /* NUL-terminated, inside the buffer; "" for the root */
	size_t namelen;	  /* strlen(name) */
	uint32_t mode;	  /* file type and permission bits (S_IFMT | 07777) */
	uint32_t uid, gid;
	uint32_t nlink;
	uint32_t mtime; /* seconds since the epoch */
	uint32_t ino;
	uint32_t devmajor, devminor;   /* the device the file came from */
	uint32_t rdevmajor, rdevminor; /* for device nodes */
	const void *data;	       /* filesize bytes inside the buffer */
	size_t size;
};

/* Iterator state: private to cpio.c, set up by cpio_iter_init(). */
struct cpio_iter {
	const uint8_t *buf;
	size_t len;
	size_t off;	 /* next byte to look at */
	bool in_archive; /* between an archive's first header and its trailer */
	int result;	 /* 1 while going, then the final 0 or -EINVAL */
};

/* Start iterating over the `len` bytes at `buf` (NULL is fine when len is 0). */
void cpio_iter_init(struct cpio_iter *it, const void *buf, size_t len);

/*
 * Fill *e with the next entry.  Returns 1 (an entry), 0 (the clean end of
 * the buffer, after the last archive's trailer and any zero padding) or
 * -EINVAL (malformed, see above, or a NULL argument; *e is then
 * undefined).  After 0 or -EINVAL every further call returns the same.
 * Entries before an -EINVAL were well formed, but a consumer that must not
 * apply half an image should iterate once to validate before acting.
 */
int cpio_next(struct cpio_iter *it, struct cpio_entry *e) __must_check;
