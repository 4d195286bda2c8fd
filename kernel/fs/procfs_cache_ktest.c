/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of procfs_cache.c: a file read in pieces is generated once,
 * by the first piece; a read from offset 0 generates it afresh.  The
 * witness is /proc/meminfo's MemFree across a 1 MiB allocation made
 * between the pieces: the pieces carry the figure from before it.
 */
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/page.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include "fs.h"

#define BUFSZ 8192
#define FIRST 20 /* the first piece ends before MemFree's line */

/* The kB figure of "MemFree:" in text, or -1. */
static long long mem_free(const char *text)
{
	const char *p = text;
	long long v = 0;

	while (*p && strncmp(p, "MemFree:", 8)) {
		p = strchr(p, '\n');
		if (!p)
			return -1;
		p++;
	}
	if (!*p)
		return -1;
	for (p += 8; *p == ' '; p++)
		;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	return v;
}

static ssize_t read_at(struct inode *ino, char *buf, size_t len, uint64_t off)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = len};

	return vfs_read_full(ino, off, &b);
}

KTEST(procfs_cache, pieces_come_from_one_generation)
{
	struct test_mount m;
	struct inode *ino = NULL;
	char *whole = kmalloc(BUFSZ), *fresh = kmalloc(BUFSZ);
	struct page *pg = NULL;
	ssize_t n;

	if (!whole || !fresh || test_mount(&m, "proc", 81, NULL, 0)) {
		KTEST_EXPECT(t, false);
		goto out_free;
	}
	if (vfs_lookup_inode(m.root, m.root, "meminfo", RESOLVE_FOLLOW, &ino)) {
		KTEST_EXPECT(t, false);
		goto out_unmount;
	}
	memset(whole, 0, BUFSZ);
	KTEST_EXPECT_EQ(t, read_at(ino, whole, FIRST, 0), FIRST);
	pg = alloc_pages(0, 8); /* 1 MiB off MemFree */
	KTEST_EXPECT(t, pg != NULL);
	n = read_at(ino, whole + FIRST, BUFSZ - FIRST - 1, FIRST);
	KTEST_EXPECT(t, n > 0);
	/* from offset 0: a new generation, which sees the allocation */
	memset(fresh, 0, BUFSZ);
	KTEST_EXPECT(t, read_at(ino, fresh, BUFSZ - 1, 0) > 0);
	KTEST_EXPECT(t, mem_free(whole) > 0 && mem_free(fresh) > 0);
	KTEST_EXPECT(t, mem_free(whole) - mem_free(fresh) >= 512);
	/* a read elsewhere than where the last stopped generates too */
	KTEST_EXPECT_EQ(t, read_at(ino, fresh, 4, 3), 4);
	KTEST_EXPECT(t, !memcmp(fresh, "Tota", 4));
	if (pg)
		free_pages(pg, 8);
	inode_put(ino);
out_unmount:
	test_unmount(&m);
out_free:
	kfree(whole);
	kfree(fresh);
}
