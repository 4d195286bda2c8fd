/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the cpio iterator.  Archives come from two places: built
 * here byte by byte (every field distinct, so a swapped field shows; one
 * broken rule per case), and made by GNU cpio (-H newc and -H crc) from a
 * tree created at test time, whose entries are checked against lstat(),
 * the file contents and readlink() of the same tree.  Every prefix of a
 * valid archive is parsed from an exact-size heap copy, so ASan sees any
 * read past the end, and random damage must never crash.
 */
#define _GNU_SOURCE /* memmem, nftw */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <cmocka.h>
#include <klib/errno.h>
#include "cpio.h"
#include <hosttest/files.h>
#include <hosttest/rng.h>

#define AR_CAP (1u << 20)
/* The trailer entry: header, "TRAILER!!!\0", padding. */
#define TRAILER_SIZE ALIGN_UP(CPIO_HEADER_SIZE + sizeof(CPIO_TRAILER), 4)
#define MAX_ENTRIES  512

/* ---- building archives by hand ---- */

static uint8_t ar[AR_CAP];
static size_t ar_len;
static unsigned ar_ino;

/* Field values of the entries put_entry() writes: all different. */
#define T_UID	    0x1001u
#define T_GID	    0x2002u
#define T_MTIME	    0x5f5e1000u
#define T_DEVMAJOR  0x8u
#define T_DEVMINOR  0x11u
#define T_RDEVMAJOR 0x22u
#define T_RDEVMINOR 0x33u
#define T_INO0	    0x100u

enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_SIZE,
	F_DMAJ,
	F_DMIN,
	F_RMAJ,
	F_RMIN,
	F_NAMESIZE,
	F_CHECK,
	NF
};

static void ar_reset(void)
{
	memset(ar, 0, sizeof(ar));
	ar_len = 0;
	ar_ino = T_INO0;
}

static void put_bytes(const void *p, size_t n)
{
	assert_true(ar_len + n <= AR_CAP);
	if (n)
		memcpy(ar + ar_len, p, n);
	ar_len += n;
}

static void put_pad(void)
{
	while (ar_len % 4)
		ar[ar_len++] = 0;
}

/* One entry with explicit fields and name bytes (namesize taken from f). */
static void put_raw(const char *magic, const uint32_t f[NF], const void *name, const void *data,
		    size_t datalen)
{
	char hdr[CPIO_HEADER_SIZE + 1];
	int n = snprintf(hdr, sizeof(hdr), "%s", magic);

	for (int i = 0; i < NF; i++)
		n += snprintf(hdr + n, sizeof(hdr) - (size_t)n, "%08X", f[i]);
	assert_int_equal(n, CPIO_HEADER_SIZE);
	put_bytes(hdr, CPIO_HEADER_SIZE);
	put_bytes(name, f[F_NAMESIZE]);
	put_pad();
	put_bytes(data, datalen);
	put_pad();
}

static void fields(uint32_t f[NF], uint32_t mode, const char *name, size_t size)
{
	uint32_t v[NF] = {
		[F_INO] = ar_ino++,
		[F_MODE] = mode,
		[F_UID] = T_UID,
		[F_GID] = T_GID,
		[F_NLINK] = (mode & 0170000) == 0040000 ? 2 : 1,
		[F_MTIME] = T_MTIME,
		[F_SIZE] = (uint32_t)size,
		[F_DMAJ] = T_DEVMAJOR,
		[F_DMIN] = T_DEVMINOR,
		[F_RMAJ] = T_RDEVMAJOR,
		[F_RMIN] = T_RDEVMINOR,
		[F_NAMESIZE] = (uint32_t)strlen(name) + 1,
	};

	memcpy(f, v, sizeof(v));
}

static void put_entry(const char *name, uint32_t mode, const void *data, size_t size)
{
	uint32_t f[NF];

	fields(f, mode, name, size);
	put_raw("070701", f, name, data, size);
}

static void put_trailer(void)
{
	uint32_t f[NF] = {[F_NLINK] = 1, [F_NAMESIZE] = sizeof(CPIO_TRAILER)};

	put_raw("070701", f, CPIO_TRAILER, NULL, 0);
}

/* A small archive: the root, a directory, a file, a symlink, an empty file. */
static void small_archive(void)
{
	ar_reset();
	put_entry(".", 040755, NULL, 0);
	put_entry("bin", 040755, NULL, 0);
	put_entry("bin/sh", 0100755, "#!shell\n", 8);
	put_entry("bin/ls", 0120777, "sh", 2);
	put_entry("empty", 0100600, NULL, 0);
	put_trailer();
}

/* ---- parsing ---- */

struct result {
	int rc; /* the final return: 0 or -EINVAL */
	size_t n;
	struct cpio_entry e[MAX_ENTRIES];
};

static struct result res, ref;

/* Iterate over buf to the end; the iterator must then stay at its result. */
static void parse_buf(const void *buf, size_t len, struct result *r)
{
	struct cpio_iter it;
	struct cpio_entry e;
	int rc;

	r->n = 0;
	cpio_iter_init(&it, buf, len);
	while ((rc = cpio_next(&it, &e)) == 1) {
		assert_true(r->n < MAX_ENTRIES);
		/* Every entry lies inside the buffer, data 4-byte aligned. */
		assert_true(e.name >= (const char *)buf &&
			    e.name + e.namelen < (const char *)buf + len);
		assert_int_equal(e.name[e.namelen], '\0');
		assert_int_equal(strlen(e.name), e.namelen);
		assert_true((const uint8_t *)e.data >= (const uint8_t *)buf &&
			    e.size <=
				    (size_t)((const uint8_t *)buf + len - (const uint8_t *)e.data));
		assert_int_equal(((const uint8_t *)e.data - (const uint8_t *)buf) % 4, 0);
		r->e[r->n++] = e;
	}
	r->rc = rc;
	assert_true(rc == 0 || rc == -EINVAL);
	assert_int_equal(cpio_next(&it, &e), rc);
	assert_int_equal(cpio_next(&it, &e), rc);
}

/* Parse the first len bytes of `src` from an exact-size heap copy; the
 * entries' pointers are rebased onto src. */
static void parse_copy(const uint8_t *src, size_t len, struct result *r)
{
	uint8_t *copy = malloc(len ? len : 1);

	assert_non_null(copy);
	memcpy(copy, src, len);
	parse_buf(copy, len, r);
	for (size_t i = 0; i < r->n; i++) {
		r->e[i].name = (const char *)src + (r->e[i].name - (const char *)copy);
		r->e[i].data = src + ((const uint8_t *)r->e[i].data - copy);
	}
	free(copy);
}

static int parse_ar(void)
{
	parse_copy(ar, ar_len, &res);
	return res.rc;
}

static void assert_entry(const struct cpio_entry *e, const char *name, uint32_t mode,
			 const void *data, size_t size)
{
	assert_string_equal(e->name, name);
	assert_int_equal(e->namelen, strlen(name));
	assert_int_equal(e->mode, mode);
	assert_int_equal(e->size, size);
	if (size)
		assert_memory_equal(e->data, data, size);
}

static bool same_entries(const struct result *a, const struct result *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a->e[i].name, b->e[i].name) || a->e[i].data != b->e[i].data ||
		    a->e[i].size != b->e[i].size || a->e[i].mode != b->e[i].mode)
			return false;
	return true;
}

/* ---- archives built here ---- */

static void basic_fields(void **state)
{
	small_archive();
	assert_int_equal(parse_ar(), 0);
	assert_int_equal(res.n, 5);
	assert_entry(&res.e[0], "", 040755, NULL, 0);
	assert_entry(&res.e[1], "bin", 040755, NULL, 0);
	assert_entry(&res.e[2], "bin/sh", 0100755, "#!shell\n", 8);
	assert_entry(&res.e[3], "bin/ls", 0120777, "sh", 2);
	assert_entry(&res.e[4], "empty", 0100600, NULL, 0);
	for (size_t i = 0; i < res.n; i++) {
		const struct cpio_entry *e = &res.e[i];

		assert_int_equal(e->ino, T_INO0 + i);
		assert_int_equal(e->uid, T_UID);
		assert_int_equal(e->gid, T_GID);
		assert_int_equal(e->nlink, i < 2 ? 2 : 1);
		assert_int_equal(e->mtime, T_MTIME);
		assert_int_equal(e->devmajor, T_DEVMAJOR);
		assert_int_equal(e->devminor, T_DEVMINOR);
		assert_int_equal(e->rdevmajor, T_RDEVMAJOR);
		assert_int_equal(e->rdevminor, T_RDEVMINOR);
	}
	/* The data points into the archive itself: header 110 + "bin/sh\0"
	 * is 117, padded to 120 from the entry's start. */
	assert_int_equal((const uint8_t *)res.e[2].data -
				 (const uint8_t *)(res.e[2].name - CPIO_HEADER_SIZE),
			 120);
}

static void full_range_values(void **state)
{
	uint32_t f[NF];

	/* Every field's extremes, and lower-case hex. */
	ar_reset();
	fields(f, 0xffffffff, "x", 0);
	f[F_INO] = 0xffffffff;
	f[F_UID] = 0;
	f[F_GID] = 0xfffffffe;
	f[F_MTIME] = 0xdeadbeef;
	put_raw("070701", f, "x", NULL, 0);
	memcpy(ar + 6 + 8 * F_MTIME, "deadBeEf", 8);
	put_trailer();
	assert_int_equal(parse_ar(), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.e[0].ino, 0xffffffff);
	assert_int_equal(res.e[0].mode, 0xffffffff);
	assert_int_equal(res.e[0].uid, 0);
	assert_int_equal(res.e[0].gid, 0xfffffffe);
	assert_int_equal(res.e[0].mtime, 0xdeadbeef);
}

static void name_stripping(void **state)
{
	static const struct {
		const char *raw, *name;
	} cases[] = {
		{"./a", "a"},
		{"/a", "a"},
		{"//a", "a"},
		{"././a", "a"},
		{".//./a/b", "a/b"},
		{"/./a", "a"},
		{".", ""},
		{"./", ""},
		{"/", ""},
		{"./.", ""},
		{"/.", ""},
		{"..", ".."},
		{"../a", "../a"},
		{".x", ".x"},
		{"./.x", ".x"},
		{"a/./b", "a/./b"},
		{"a/", "a/"},
		{"...", "..."},
		{"./TRAILER!!!", "TRAILER!!!"}, /* not a trailer */
	};

	ar_reset();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		put_entry(cases[i].raw, 0100644, "d", 1);
	put_trailer();
	assert_int_equal(parse_ar(), 0);
	assert_int_equal(res.n, ARRAY_SIZE(cases));
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		assert_entry(&res.e[i], cases[i].name, 0100644, "d", 1);
}

/* Every combination of name and data length modulo 4, twice over. */
static void alignment(void **state)
{
	char name[16], data[16];
	size_t k = 0;

	ar_reset();
	for (size_t nl = 1; nl <= 8; nl++) {
		for (size_t dl = 0; dl <= 8; dl++) {
			memset(name, 'a' + (int)nl, nl);
			name[nl] = '\0';
			for (size_t i = 0; i < dl; i++)
				data[i] = (char)(0x80 + nl * 16 + i);
			put_entry(name, 0100644, data, dl);
		}
	}
	put_trailer();
	assert_int_equal(parse_ar(), 0);
	assert_int_equal(res.n, 8 * 9);
	for (size_t nl = 1; nl <= 8; nl++) {
		for (size_t dl = 0; dl <= 8; dl++, k++) {
			memset(name, 'a' + (int)nl, nl);
			name[nl] = '\0';
			for (size_t i = 0; i < dl; i++)
				data[i] = (char)(0x80 + nl * 16 + i);
			assert_entry(&res.e[k], name, 0100644, data, dl);
		}
	}
}

static void bad_hex(void **state)
{
	static const char bad[] = {'g', 'G', 'x', ' ', '-', '+', '\0', '\n', '/', ':', '@', '`'};

	small_archive();
	assert_int_equal(parse_ar(), 0);
	for (int field = 0; field < NF; field++) {
		for (int pos = 0; pos < 8; pos++) {
			for (size_t b = 0; b < ARRAY_SIZE(bad); b++) {
				size_t at = 6 + 8 * (size_t)field + (size_t)pos;
				uint8_t saved = ar[at];

				ar[at] = (uint8_t)bad[b];
				assert_int_equal(parse_ar(), -EINVAL);
				assert_int_equal(res.n, 0);
				ar[at] = saved;
			}
		}
	}
	/* The same in the last header (the trailer): one field is enough. */
	ar[ar_len - TRAILER_SIZE + 6 + 8 * F_MODE + 3] = 'z';
	assert_int_equal(parse_ar(), -EINVAL);
	assert_int_equal(res.n, 5);
}

static void bad_magic(void **state)
{
	static const char *bad[] = {"070707", "070700", "070703",
				    "070711", "170701", "07070a",
				    "O70701", "000000", "\x30\x37\x30\x37\x30\x00"};
	static const char *good[] = {"070701", "070702"};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		small_archive();
		memcpy(ar, bad[i], 6);
		assert_int_equal(parse_ar(), -EINVAL);
		/* A bad magic on a later entry stops there. */
		small_archive();
		memcpy(ar + 112, bad[i], 6); /* "." is 110 + 2 bytes */
		assert_int_equal(parse_ar(), -EINVAL);
		assert_int_equal(res.n, 1);
	}
	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		small_archive();
		memcpy(ar, good[i], 6);
		assert_int_equal(parse_ar(), 0);
		assert_int_equal(res.n, 5);
	}
}

static void bad_names(void **state)
{
	uint32_t f[NF];

	/* namesize 0 */
	ar_reset();
	fields(f, 0100644, "", 0);
	f[F_NAMESIZE] = 0;
	put_raw("070701", f, "", NULL, 0);
	put_trailer();
	assert_int_equal(parse_ar(), -EINVAL);
	/* namesize 1: the empty name is allowed (it is the root). */
	ar_reset();
	put_entry("", 040755, NULL, 0);
	put_trailer();
	assert_int_equal(parse_ar(), 0);
	assert_entry(&res.e[0], "", 040755, NULL, 0);
	/* last byte not the NUL */
	ar_reset();
	fields(f, 0100644, "abc", 0);
	put_raw("070701", f, "abcd", NULL, 0);
	put_trailer();
	assert_int_equal(parse_ar(), -EINVAL);
	/* an earlier NUL */
	ar_reset();
	fields(f, 0100644, "abc", 0);
	put_raw("070701", f, "a\0c", NULL, 0);
	put_trailer();
	assert_int_equal(parse_ar(), -EINVAL);
	/* a name running past the end, and one at the most 32 bits can say */
	for (int i = 0; i < 2; i++) {
		small_archive();
		memcpy(ar + 6 + 8 * F_NAMESIZE, i ? "FFFFFFFF" : "00010000", 8);
		assert_int_equal(parse_ar(), -EINVAL);
		assert_int_equal(res.n, 0);
	}
	/* a name that swallows the next header: still NUL-less, so bad */
	small_archive();
	memcpy(ar + 6 + 8 * F_NAMESIZE, "00000003", 8);
	assert_int_equal(parse_ar(), -EINVAL);
}

static void bad_sizes(void **state)
{
	static const char *sizes[] = {"FFFFFFFF", "FFFFFFFC", "7FFFFFFF", "00001000"};

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		small_archive();
		/* entry 3 is bin/sh, after "." (112) and "bin" (116): offset 228 */
		assert_memory_equal(ar + 228, "070701", 6);
		memcpy(ar + 228 + 6 + 8 * F_SIZE, sizes[i], 8);
		assert_int_equal(parse_ar(), -EINVAL);
		assert_int_equal(res.n, 2);
	}
	/* A size that lands the next header somewhere else is caught there. */
	small_archive();
	memcpy(ar + 228 + 6 + 8 * F_SIZE, "00000009", 8);
	assert_int_equal(parse_ar(), -EINVAL);
	assert_int_equal(res.n, 3);
}

/* The crc format: a regular file's bytes must sum to the check field. */
static void crc_format(void **state)
{
	const char data[] = "\x01\x02\xff hello";
	uint32_t f[NF], sum = 0;

	for (size_t i = 0; i < sizeof(data) - 1; i++)
		sum += (uint8_t)data[i];
	for (int delta = -1; delta <= 1; delta++) {
		ar_reset();
		fields(f, 0100644, "f", sizeof(data) - 1);
		f[F_CHECK] = sum + (uint32_t)delta;
		put_raw("070702", f, "f", data, sizeof(data) - 1);
		put_trailer();
		assert_int_equal(parse_ar(), delta ? -EINVAL : 0);
		assert_int_equal(res.n, delta ? 0 : 1);
		/* newc ignores the check field */
		memcpy(ar, "070701", 6);
		assert_int_equal(parse_ar(), 0);
	}
	/* Only regular files carry a checksum (Linux checks nothing else). */
	ar_reset();
	fields(f, 0120777, "l", 6);
	put_raw("070702", f, "l", "target", 6);
	put_trailer();
	assert_int_equal(parse_ar(), 0);
	assert_entry(&res.e[0], "l", 0120777, "target", 6);
	/* An empty regular file sums to 0. */
	ar_reset();
	fields(f, 0100644, "e", 0);
	put_raw("070702", f, "e", NULL, 0);
	put_trailer();
	assert_int_equal(parse_ar(), 0);
	f[F_CHECK] = 1;
	ar_reset();
	put_raw("070702", f, "e", NULL, 0);
	put_trailer();
	assert_int_equal(parse_ar(), -EINVAL);
}

/* Where a valid archive may end: not before its trailer's name. */
static size_t trailer_end(const uint8_t *buf, size_t len)
{
	const uint8_t *t = memmem(buf, len, CPIO_TRAILER, sizeof(CPIO_TRAILER));

	assert_non_null(t);
	return (size_t)(t - buf) + sizeof(CPIO_TRAILER);
}

/* Every prefix of `buf` parses to a prefix of its entries and fails unless
 * it holds the whole trailer name; the empty prefix is an empty image. */
static void check_prefixes(const uint8_t *buf, size_t len)
{
	size_t end = trailer_end(buf, len);

	parse_copy(buf, len, &ref);
	assert_int_equal(ref.rc, 0);
	for (size_t l = 0; l <= len; l++) {
		parse_copy(buf, l, &res);
		if (l == 0) {
			assert_int_equal(res.rc, 0);
			assert_int_equal(res.n, 0);
		} else if (l < end) {
			assert_int_equal(res.rc, -EINVAL);
			assert_true(res.n <= ref.n);
			assert_true(same_entries(&res, &ref, res.n));
		} else {
			assert_int_equal(res.rc, 0);
			assert_int_equal(res.n, ref.n);
			assert_true(same_entries(&res, &ref, res.n));
		}
	}
}

static void truncation(void **state)
{
	small_archive();
	check_prefixes(ar, ar_len);
	/* With cpio's zero padding to 512 after the trailer. */
	ar_len = ALIGN_UP(ar_len, 512);
	check_prefixes(ar, ar_len);
}

static void missing_trailer(void **state)
{
	small_archive();
	ar_len -= TRAILER_SIZE; /* the trailer entry */
	memset(ar + ar_len, 0, TRAILER_SIZE);
	assert_int_equal(parse_ar(), -EINVAL);
	assert_int_equal(res.n, 5);
	/* ... even with zero padding where it should be */
	ar_len += 512;
	assert_int_equal(parse_ar(), -EINVAL);
	assert_int_equal(res.n, 5);
}

static void concatenated(void **state)
{
	uint8_t one[4096];
	size_t n1;

	small_archive();
	n1 = ar_len;
	memcpy(one, ar, n1);

	/* Back to back, with zeros before, between and after. */
	for (size_t gap = 0; gap <= 16; gap++) {
		for (size_t lead = 0; lead <= 8; lead += 4) {
			ar_reset();
			ar_len = lead;
			put_bytes(one, n1);
			ar_len += gap;
			put_bytes(one, n1);
			ar_len += gap;
			assert_int_equal(parse_ar(), gap % 4 ? -EINVAL : 0);
			assert_int_equal(res.n, gap % 4 ? 5 : 10);
			if (!(gap % 4)) {
				assert_entry(&res.e[5], "", 040755, NULL, 0);
				assert_entry(&res.e[7], "bin/sh", 0100755, "#!shell\n", 8);
			}
		}
	}
	/* Leading zeros that leave the first archive unaligned. */
	ar_reset();
	ar_len = 2;
	put_bytes(one, n1);
	assert_int_equal(parse_ar(), -EINVAL);
	assert_int_equal(res.n, 0);

	/* Something other than zeros or an archive after the trailer. */
	static const char *junk[] = {"x", "\xff", "0", "07070", "070707"};
	for (size_t i = 0; i < ARRAY_SIZE(junk); i++) {
		ar_reset();
		put_bytes(one, n1);
		put_bytes(junk[i], strlen(junk[i]));
		assert_int_equal(parse_ar(), -EINVAL);
		assert_int_equal(res.n, 5);
	}
	/* Junk in the trailer's own padding is skipped with it, as on Linux. */
	ar_reset();
	put_bytes(one, n1);
	assert_int_equal(ar[n1 - 1], 0);
	ar[n1 - 1] = 'J';
	assert_int_equal(parse_ar(), 0);
	assert_int_equal(res.n, 5);
}

static void empty_images(void **state)
{
	struct cpio_iter it;
	struct cpio_entry e;

	cpio_iter_init(&it, NULL, 0);
	assert_int_equal(cpio_next(&it, &e), 0);
	cpio_iter_init(&it, NULL, 100);
	assert_int_equal(cpio_next(&it, &e), 0);
	ar_reset();
	ar_len = 4096;
	assert_int_equal(parse_ar(), 0);
	assert_int_equal(res.n, 0);
	/* A lone trailer is a valid, empty archive. */
	ar_reset();
	put_trailer();
	assert_int_equal(parse_ar(), 0);
	assert_int_equal(res.n, 0);
	/* Not a cpio archive at all. */
	ar_reset();
	put_bytes("\x1f\x8b\x08\x00", 4); /* gzip */
	assert_int_equal(parse_ar(), -EINVAL);
	/* NULL arguments. */
	small_archive();
	cpio_iter_init(&it, ar, ar_len);
	assert_int_equal(cpio_next(&it, NULL), -EINVAL);
	assert_int_equal(cpio_next(NULL, &e), -EINVAL);
	assert_int_equal(cpio_next(&it, &e), 1);
}

/* A trailer with data (Linux skips it) and one cut inside its padding. */
static void trailer_variants(void **state)
{
	uint32_t f[NF] = {[F_NLINK] = 1, [F_SIZE] = 5, [F_NAMESIZE] = sizeof(CPIO_TRAILER)};

	small_archive();
	ar_len -= TRAILER_SIZE;
	put_raw("070701", f, CPIO_TRAILER, "junk!", 5);
	assert_int_equal(parse_ar(), 0);
	assert_int_equal(res.n, 5);
	ar_len -= 3 + 5; /* padding and data cut short */
	assert_int_equal(parse_ar(), -EINVAL);
	ar_len += 5; /* the padding alone may be missing */
	assert_int_equal(parse_ar(), 0);
	for (size_t cut = 1; cut <= 3; cut++) { /* cut in the name's padding */
		ar_len = ar_len - 5 - cut;
		assert_int_equal(parse_ar(), -EINVAL);
		ar_len = ar_len + 5 + cut;
	}
	/* A name that only starts like the trailer is an entry. */
	small_archive();
	ar_len -= TRAILER_SIZE;
	put_entry("TRAILER!!", 0100644, NULL, 0);
	put_entry("TRAILER!!!x", 0100644, NULL, 0);
	put_trailer();
	assert_int_equal(parse_ar(), 0);
	assert_int_equal(res.n, 7);
	assert_string_equal(res.e[6].name, "TRAILER!!!x");
}

/* Random damage never crashes, and what is reported stays in bounds
 * (parse_buf checks that). */
static void mutations(void **state)
{
	uint8_t orig[4096];
	size_t n;
	unsigned ok = 0, bad = 0;

	small_archive();
	n = ar_len;
	memcpy(orig, ar, n);
	rng_seed(0xc910);
	for (unsigned iter = 0; iter < 20000; iter++) {
		memcpy(ar, orig, n);
		ar_len = n;
		for (unsigned f = 1 + rnd(3); f > 0; f--) {
			size_t at = rnd((unsigned)n);

			/* mostly plausible characters, sometimes anything */
			ar[at] = rnd(4) ? (uint8_t) "0123456789abcdefABCDEF\0"[rnd(23)]
					: (uint8_t)rnd(256);
		}
		if (parse_ar() == 0)
			ok++;
		else
			bad++;
	}
	assert_true(ok > 100 && bad > 100);
}

/* ---- archives made by GNU cpio ---- */

static char tmpdir[] = "build/host/cpio_test.XXXXXX";
static bool have_tmpdir;

static void sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd), 0);
}

/* Make tmpdir/<name>: a tree of every kind of entry cpio stores without
 * root privileges.  False if cpio is missing. */
static bool make_tree(const char *name, bool big)
{
	char p[PATH_MAX], longname[256];
	uint8_t blob[5003];

	if (system("command -v cpio >/dev/null 2>&1") != 0)
		return false;
	if (!have_tmpdir) {
		assert_non_null(mkdtemp(tmpdir));
		have_tmpdir = true;
	}
	sh("mkdir -p %s/%s/dir/sub/deeper %s/%s/emptydir", tmpdir, name, tmpdir, name);
	snprintf(p, sizeof(p), "%s/%s/file", tmpdir, name);
	host_write_file(p, "hello, world\n", 13);
	snprintf(p, sizeof(p), "%s/%s/empty", tmpdir, name);
	host_write_file(p, "", 0);
	sh("ln -s file %s/%s/link && ln -s /no/such/target %s/%s/dir/dangling", tmpdir, name,
	   tmpdir, name);
	snprintf(p, sizeof(p), "%s/%s/dir/hard1", tmpdir, name);
	host_write_file(p, "linked\n", 7);
	sh("ln %s/%s/dir/hard1 %s/%s/hard2 && ln %s/%s/dir/hard1 %s/%s/dir/sub/hard3", tmpdir, name,
	   tmpdir, name, tmpdir, name, tmpdir, name);
	sh("mkfifo %s/%s/fifo && chmod 4751 %s/%s/file", tmpdir, name, tmpdir, name);
	if (!big)
		return true;
	for (size_t i = 0; i < sizeof(blob); i++)
		blob[i] = (uint8_t)(i * 7 + i / 256);
	snprintf(p, sizeof(p), "%s/%s/dir/blob", tmpdir, name);
	host_write_file(p, blob, sizeof(blob));
	for (int i = 0; i <= 8; i++) {
		snprintf(p, sizeof(p), "%s/%s/dir/size%d", tmpdir, name, i);
		host_write_file(p, "abcdefgh", (size_t)i);
	}
	snprintf(p, sizeof(p), "%s/%s/with space\nand newline", tmpdir, name);
	host_write_file(p, "w", 1);
	/* a 255-byte name, and a path over 2000 bytes long */
	memset(longname, 'n', 255);
	longname[255] = '\0';
	snprintf(p, sizeof(p), "%s/%s/%s", tmpdir, name, longname);
	host_write_file(p, "long", 4);
	memset(longname, 'd', 255);
	snprintf(p, sizeof(p), "%s/%s", tmpdir, name);
	for (int d = 0; d < 8; d++) {
		strcat(p, "/");
		strcat(p, longname);
		assert_int_equal(mkdir(p, 0755), 0);
	}
	strcat(p, "/leaf");
	host_write_file(p, "deep", 4);
	sh("touch -d @1234567890 %s/%s/file", tmpdir, name);
	return true;
}

/* cpio's archive of tree `name` in the given format, in a fresh buffer. */
static uint8_t *archive(const char *name, const char *format, size_t *len)
{
	char out[PATH_MAX];

	snprintf(out, sizeof(out), "%s/%s.%s.cpio", tmpdir, name, format);
	sh("cd %s/%s && find . -print0 | LC_ALL=C sort -z | cpio -o0 -H %s --quiet > ../%s.%s.cpio",
	   tmpdir, name, format, name, format);
	return host_read_file(out, len);
}

static const char *walk_names[MAX_ENTRIES];
static size_t walk_n, walk_prefix;

/* Collect each path of the tree relative to its root ("" for the root). */
static int walk_cb(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *rel = path + walk_prefix;

	assert_true(walk_n < MAX_ENTRIES);
	walk_names[walk_n++] = strdup(*rel == '/' ? rel + 1 : rel);
	return 0;
}

/* Check every entry against the tree on disk, and that each file of the
 * tree came exactly once. */
static void check_against_tree(const char *name, const struct result *r)
{
	char root[PATH_MAX], path[2 * PATH_MAX], target[PATH_MAX];
	bool seen[MAX_ENTRIES] = {false};
	unsigned hard_with_data = 0, hard_total = 0;

	snprintf(root, sizeof(root), "%s/%s", tmpdir, name);
	walk_n = 0;
	walk_prefix = strlen(root);
	assert_int_equal(nftw(root, walk_cb, 16, FTW_PHYS), 0);

	assert_int_equal(r->rc, 0);
	assert_int_equal(r->n, walk_n);
	for (size_t i = 0; i < r->n; i++) {
		const struct cpio_entry *e = &r->e[i];
		struct stat st;
		size_t k;

		for (k = 0; k < walk_n && strcmp(walk_names[k], e->name); k++)
			;
		assert_true(k < walk_n);
		assert_false(seen[k]);
		seen[k] = true;

		snprintf(path, sizeof(path), "%s%s%s", root, e->namelen ? "/" : "", e->name);
		assert_int_equal(lstat(path, &st), 0);
		assert_int_equal(e->mode, st.st_mode);
		assert_int_equal(e->uid, st.st_uid);
		assert_int_equal(e->gid, st.st_gid);
		assert_int_equal(e->mtime, (uint32_t)st.st_mtime);
		assert_int_equal(e->nlink, st.st_nlink);
		assert_int_equal(e->ino, (uint32_t)st.st_ino);
		assert_int_equal(e->devmajor, major(st.st_dev));
		assert_int_equal(e->devminor, minor(st.st_dev));
		assert_int_equal(e->rdevmajor, major(st.st_rdev));
		assert_int_equal(e->rdevminor, minor(st.st_rdev));
		if (S_ISREG(st.st_mode) && st.st_nlink > 1) {
			hard_total++;
			if (e->size == 0)
				continue;
			hard_with_data++;
		}
		if (S_ISREG(st.st_mode)) {
			size_t n;
			uint8_t *want = host_read_file(path, &n);

			assert_int_equal(e->size, n);
			assert_memory_equal(e->data, want, n);
			free(want);
		} else if (S_ISLNK(st.st_mode)) {
			ssize_t n = readlink(path, target, sizeof(target));

			assert_true(n > 0);
			assert_int_equal(e->size, (size_t)n);
			assert_memory_equal(e->data, target, (size_t)n);
		} else {
			assert_int_equal(e->size, 0);
		}
	}
	/* One inode with three names: the data travels once. */
	assert_int_equal(hard_total, 3);
	assert_int_equal(hard_with_data, 1);
	for (size_t k = 0; k < walk_n; k++)
		free((void *)walk_names[k]);
}

static void real_newc(void **state)
{
	uint8_t *buf;
	size_t len;

	if (!make_tree("big", true))
		skip();
	buf = archive("big", "newc", &len);
	assert_int_equal(len % 512, 0);
	parse_copy(buf, len, &res);
	check_against_tree("big", &res);
	/* The old portable format is refused. */
	free(buf);
	buf = archive("big", "odc", &len);
	parse_copy(buf, len, &res);
	assert_int_equal(res.rc, -EINVAL);
	assert_int_equal(res.n, 0);
	free(buf);
}

static void real_crc(void **state)
{
	uint8_t *buf;
	size_t len, at;

	if (!make_tree("crc", true))
		skip();
	buf = archive("crc", "crc", &len);
	assert_memory_equal(buf, "070702", 6);
	parse_copy(buf, len, &res);
	check_against_tree("crc", &res);
	/* One flipped byte in a regular file's data is caught... */
	at = (size_t)((const uint8_t *)memmem(buf, len, "hello, world", 12) - buf);
	buf[at] ^= 1;
	parse_copy(buf, len, &res);
	assert_int_equal(res.rc, -EINVAL);
	buf[at] ^= 1;
	parse_copy(buf, len, &res);
	assert_int_equal(res.rc, 0);
	free(buf);
	/* ... but not in newc, which has no checksum. */
	buf = archive("crc", "newc", &len);
	at = (size_t)((const uint8_t *)memmem(buf, len, "hello, world", 12) - buf);
	buf[at] ^= 1;
	parse_copy(buf, len, &res);
	assert_int_equal(res.rc, 0);
	free(buf);
}

/* Every prefix of a cpio-made archive, then two of them concatenated, as
 * a bootloader passes several initrds. */
static void real_truncation_and_concat(void **state)
{
	uint8_t *buf, *two;
	size_t len;

	if (!make_tree("small", false))
		skip();
	buf = archive("small", "newc", &len);
	check_prefixes(buf, len);

	parse_copy(buf, len, &ref);
	two = malloc(2 * len);
	assert_non_null(two);
	memcpy(two, buf, len);
	memcpy(two + len, buf, len);
	parse_copy(two, 2 * len, &res);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.n, 2 * ref.n);
	for (size_t i = 0; i < ref.n; i++) {
		assert_string_equal(res.e[i].name, ref.e[i].name);
		assert_string_equal(res.e[ref.n + i].name, ref.e[i].name);
		assert_int_equal(res.e[ref.n + i].size, ref.e[i].size);
	}
	/* The second archive cut short fails, having given the first. */
	parse_copy(two, len + 200, &res);
	assert_int_equal(res.rc, -EINVAL);
	assert_true(res.n >= ref.n);
	free(two);
	free(buf);
}

static int cleanup(void **state)
{
	char cmd[128];

	if (have_tmpdir) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		return system(cmd);
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(basic_fields),	   cmocka_unit_test(full_range_values),
		cmocka_unit_test(name_stripping),  cmocka_unit_test(alignment),
		cmocka_unit_test(bad_hex),	   cmocka_unit_test(bad_magic),
		cmocka_unit_test(bad_names),	   cmocka_unit_test(bad_sizes),
		cmocka_unit_test(crc_format),	   cmocka_unit_test(truncation),
		cmocka_unit_test(missing_trailer), cmocka_unit_test(concatenated),
		cmocka_unit_test(empty_images),	   cmocka_unit_test(trailer_variants),
		cmocka_unit_test(mutations),	   cmocka_unit_test(real_newc),
		cmocka_unit_test(real_crc),	   cmocka_unit_test(real_truncation_and_concat),
	};

	return cmocka_run_group_tests(tests, NULL, cleanup);
}
