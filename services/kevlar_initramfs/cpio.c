/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * cpio "newc"/"crc" archive iterator (see cpio.h for the format and the
 * contract).
 *
 * The archive is untrusted input (a bootloader hands it over, a user may
 * build it), so every length is compared with what is left of the buffer
 * before anything is read or added: a header, then its name, then its data
 * must each fit in the bytes that remain.  Entries start 4-byte aligned
 * (archives start aligned and every entry's size is padded to 4), so the
 * padding is computed from absolute buffer offsets.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <klib/string.h>
#include "cpio.h"

#define S_IFMT_BITS 0170000u /* the file type bits of a mode, as in stat(2) */
#define S_IFREG_VAL 0100000u

/* Header fields, in file order after the 6-byte magic. */
enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJOR,
	F_DEVMINOR,
	F_RDEVMAJOR,
	F_RDEVMINOR,
	F_NAMESIZE,
	F_CHECK,
	NFIELDS
};

_Static_assert(6 + NFIELDS * 8 == CPIO_HEADER_SIZE, "newc header layout");

void cpio_iter_init(struct cpio_iter *it, const void *buf, size_t len)
{
	*it = (struct cpio_iter){.buf = buf, .len = buf ? len : 0, .result = 1};
}

/* Exactly 8 hex digits, either case; nothing else (no sign, no space). */
static int hex8(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		uint8_t c = p[i];
		uint32_t d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static size_t align4(size_t x)
{
	return ALIGN_UP(x, (size_t)4);
}

static uint32_t byte_sum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += p[i];
	return sum;
}

/* Drop any run of leading "/" and "./", then a lone "." (the root). */
static void strip_name(struct cpio_entry *e)
{
	const char *n = e->name;
	size_t l = e->namelen;

	for (;;) {
		if (l >= 1 && n[0] == '/') {
			n++;
			l--;
		} else if (l >= 2 && n[0] == '.' && n[1] == '/') {
			n += 2;
			l -= 2;
		} else {
			break;
		}
	}
	if (l == 1 && n[0] == '.') {
		n++;
		l--;
	}
	e->name = n;
	e->namelen = l;
}

/*
 * Read the entry at it->off and step past it: 1 (an entry in *e), 0 (the
 * trailer) or -EINVAL.
 */
static int read_entry(struct cpio_iter *it, struct cpio_entry *e)
{
	const uint8_t *h = it->buf + it->off;
	size_t rem = it->len - it->off;
	size_t name_end, data_off, end;
	uint32_t f[NFIELDS];
	const char *name;
	bool trailer;

	if (rem < CPIO_HEADER_SIZE)
		return -EINVAL;
	if (memcmp(h, "07070", 5) != 0 || (h[5] != '1' && h[5] != '2'))
		return -EINVAL;
	for (int i = 0; i < NFIELDS; i++)
		if (hex8(h + 6 + 8 * i, &f[i]))
			return -EINVAL;

	if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > rem - CPIO_HEADER_SIZE)
		return -EINVAL;
	name = (const char *)h + CPIO_HEADER_SIZE;
	if (strnlen(name, f[F_NAMESIZE]) != f[F_NAMESIZE] - 1)
		return -EINVAL;
	name_end = CPIO_HEADER_SIZE + f[F_NAMESIZE];
	data_off = align4(name_end);
	trailer = f[F_NAMESIZE] == sizeof(CPIO_TRAILER) &&
		  memcmp(name, CPIO_TRAILER, sizeof(CPIO_TRAILER)) == 0;

	/* The trailer may end the buffer without its padding. */
	if (trailer && f[F_FILESIZE] == 0) {
		it->off += MIN(data_off, rem);
		return 0;
	}
	if (data_off > rem || f[F_FILESIZE] > rem - data_off)
		return -EINVAL;
	end = align4(data_off + f[F_FILESIZE]);
	if (trailer) {
		it->off += MIN(end, rem);
		return 0;
	}
	/* Another entry must follow, so this one's padding must be there. */
	if (end > rem)
		return -EINVAL;
	if (h[5] == '2' && (f[F_MODE] & S_IFMT_BITS) == S_IFREG_VAL &&
	    byte_sum(h + data_off, f[F_FILESIZE]) != f[F_CHECK])
		return -EINVAL;

	*e = (struct cpio_entry){
		.name = name,
		.namelen = f[F_NAMESIZE] - 1,
		.mode = f[F_MODE],
		.uid = f[F_UID],
		.gid = f[F_GID],
		.nlink = f[F_NLINK],
		.mtime = f[F_MTIME],
		.ino = f[F_INO],
		.devmajor = f[F_DEVMAJOR],
		.devminor = f[F_DEVMINOR],
		.rdevmajor = f[F_RDEVMAJOR],
		.rdevminor = f[F_RDEVMINOR],
		.data = h + data_off,
		.size = f[F_FILESIZE],
	};
	strip_name(e);
	it->off += end;
	return 1;
}

static int finish(struct cpio_iter *it, int result)
{
	it->result = result;
	return result;
}

int cpio_next(struct cpio_iter *it, struct cpio_entry *e)
{
	int r;

	if (!it || !e)
		return -EINVAL;
	if (it->result != 1)
		return it->result;
	for (;;) {
		if (!it->in_archive) {
			/* Zero padding before, between and after archives. */
			while (it->off < it->len && it->buf[it->off] == 0)
				it->off++;
			if (it->off == it->len)
				return finish(it, 0);
			if (it->off % 4 != 0)
				return finish(it, -EINVAL);
			it->in_archive = true;
		}
		r = read_entry(it, e);
		if (r < 0)
			return finish(it, r);
		if (r == 1)
			return 1;
		it->in_archive = false;
	}
}
