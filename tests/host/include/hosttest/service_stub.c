/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The service API on the host, for service unit tests (the contract and
 * how it differs from kernel/fs/service_api.c are in service_stub.h).
 * Single-threaded, like the tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <klib/compiler.h>
#include <klib/errno.h>
#include <hosttest/service_stub.h>

long stub_live_allocs;
long stub_live_inodes;
long stub_evictions;
long stub_fail_countdown;
long stub_clock;
uint32_t stub_fsuid, stub_fsgid;

#define MAX_FS_TYPES 16
static const struct fs_type *fs_types[MAX_FS_TYPES];

void stub_reset(void)
{
	stub_live_allocs = 0;
	stub_live_inodes = 0;
	stub_evictions = 0;
	stub_fail_countdown = 0;
	stub_clock = 0;
	stub_fsuid = stub_fsgid = 0;
	stub_user_good = 0;
	memset(fs_types, 0, sizeof(fs_types));
}

/* true if this allocation is the one the countdown says must fail */
static bool inject_failure(void)
{
	return stub_fail_countdown > 0 && --stub_fail_countdown == 0;
}

/* ---- inodes and buffers ---- */

struct inode *svc_inode_alloc(struct svc_cap cap, struct vfs_sb *sb, enum inode_kind kind,
			      const void *ops, uint64_t ino)
{
	struct inode *i;

	if (kind < INODE_FILE || kind > INODE_SYMLINK || !ops || inject_failure())
		return NULL;
	i = calloc(1, sizeof(*i));
	assert_non_null(i);
	i->kind = kind;
	i->ops.file = ops;
	i->sb = sb;
	i->ino = ino;
	i->refs = 1;
	stub_live_inodes++;
	return i;
}

bool svc_inode_tryget(struct svc_cap cap, struct inode *i)
{
	(void)cap;
	if (!i->refs)
		return false;
	i->refs++;
	return true;
}

void svc_inode_get(struct svc_cap cap, struct inode *i)
{
	(void)cap;
	assert_true(i->refs > 0);
	i->refs++;
}

void inode_put(struct inode *i)
{
	if (!i)
		return;
	assert_true(i->refs > 0);
	if (__atomic_sub_fetch(&i->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (i->kind == INODE_FILE && stub_pcache_dirty(i)) {
		struct vfs_stat st;

		/* the kernel's pin: written back before the evict */
		assert_int_equal(i->ops.file->stat(i, &st), 0);
		(void)stub_pcache_writeback(i, (uint64_t)st.size);
	}
	if (i->sb && i->sb->ops && i->sb->ops->evict) {
		stub_evictions++;
		i->sb->ops->evict(i);
	}
	stub_pcache_drop(i); /* the kernel frees the cache with the inode */
	free(i);
	stub_live_inodes--;
}

void svc_inode_put(struct svc_cap cap, struct inode *i)
{
	inode_put(i);
}

static bool iobuf_range(const struct iobuf *b, size_t at, size_t n)
{
	return at <= b->len && n <= b->len - at;
}

int iobuf_put(struct iobuf *b, size_t at, const void *src, size_t n)
{
	if (!iobuf_range(b, at, n) || b->user)
		return -EFAULT;
	if (n)
		memcpy((char *)b->kbuf + at, src, n);
	return 0;
}

int iobuf_get(struct iobuf *b, size_t at, void *dst, size_t n)
{
	if (!iobuf_range(b, at, n) || b->user)
		return -EFAULT;
	if (n)
		memcpy(dst, (const char *)b->kbuf + at, n);
	return 0;
}

size_t stub_user_good;

size_t iobuf_put_upto(struct iobuf *b, size_t at, const void *src, size_t n)
{
	if (!iobuf_range(b, at, n))
		return 0;
	if (b->user) {
		size_t ok = at < stub_user_good ? MIN(n, stub_user_good - at) : 0;

		if (ok)
			memcpy((char *)b->kbuf + at, src, ok);
		return ok;
	}
	if (n)
		memcpy((char *)b->kbuf + at, src, n);
	return n;
}

size_t iobuf_get_upto(struct iobuf *b, size_t at, void *dst, size_t n)
{
	if (!iobuf_range(b, at, n))
		return 0;
	if (b->user) {
		size_t ok = at < stub_user_good ? MIN(n, stub_user_good - at) : 0;

		if (ok)
			memcpy(dst, (const char *)b->kbuf + at, ok);
		memset((char *)dst + ok, 0, n - ok);
		return ok;
	}
	if (n)
		memcpy(dst, (const char *)b->kbuf + at, n);
	return n;
}

/* ---- memory ---- */

void *svc_alloc(struct svc_cap cap, size_t size)
{
	void *p;

	if (inject_failure())
		return NULL;
	p = calloc(1, size ? size : 1);
	assert_non_null(p);
	stub_live_allocs++;
	return p;
}

void svc_free(struct svc_cap cap, const void *p)
{
	if (!p)
		return;
	stub_live_allocs--;
	free((void *)p);
}

uint64_t svc_ram_pages(void)
{
	return STUB_RAM_PAGES;
}

void *svc_alloc_page(struct svc_cap cap)
{
	void *p;

	if (inject_failure())
		return NULL;
	p = aligned_alloc(4096, 4096);
	assert_non_null(p);
	memset(p, 0, 4096);
	stub_live_allocs++;
	return p;
}

void *svc_alloc_data_page(struct svc_cap cap)
{
	return svc_alloc_page(cap);
}

void svc_free_page(struct svc_cap cap, void *page)
{
	svc_free(cap, page);
}

/* ---- page frames: a page-aligned block; the handle is its address ---- */

struct svc_page {
	unsigned char data[4096];
};

struct svc_page *svc_page_alloc(struct svc_cap cap, unsigned flags)
{
	(void)flags;
	return svc_alloc_page(cap);
}

void svc_page_put(struct svc_cap cap, struct svc_page *pg)
{
	svc_free_page(cap, pg);
}

static unsigned char *in_page(struct svc_page *pg, size_t off, size_t n)
{
	assert_non_null(pg);
	assert_true(off <= 4096 && n <= 4096 - off);
	return pg->data + off;
}

void svc_page_write(struct svc_page *pg, size_t off, const void *src, size_t n)
{
	memcpy(in_page(pg, off, n), src, n);
}

void svc_page_read(struct svc_page *pg, size_t off, void *dst, size_t n)
{
	memcpy(dst, in_page(pg, off, n), n);
}

void svc_page_zero(struct svc_page *pg, size_t off, size_t n)
{
	memset(in_page(pg, off, n), 0, n);
}

size_t svc_page_to_iobuf(struct svc_page *pg, size_t off, struct iobuf *b, size_t at, size_t n)
{
	return iobuf_put_upto(b, at, in_page(pg, off, n), n);
}

size_t svc_page_from_iobuf(struct svc_page *pg, size_t off, struct iobuf *b, size_t at, size_t n)
{
	return iobuf_get_upto(b, at, in_page(pg, off, n), n);
}

ssize_t svc_page_splice(struct svc_page *pg, size_t off, size_t n, vfs_splice_fn fn, void *ctx)
{
	static const unsigned char zeros[4096];

	if (!pg) {
		assert_true(off <= 4096 && n <= 4096 - off);
		return fn(ctx, zeros + off, n);
	}
	return fn(ctx, in_page(pg, off, n), n);
}

/* The page cache, as a host test needs it: any number of pages, each
 * owned by its slot (a handle is the slot's page; put frees only a page
 * that is no slot's).  A page is uptodate once filled; dirty ones are
 * written by stub_pcache_writeback, which calls the file's writepages on
 * runs of consecutive dirty pages (writepage without it), as the
 * kernel's writeback does, and by the last inode_put of the file (the
 * kernel's pin: no evict with dirty pages).  Whatever is left is freed
 * at exit (before the leak check). */
static struct stub_pc {
	struct inode *ino;
	uint64_t pgoff;
	struct svc_page *pg;
	bool uptodate, dirty;
} * stub_pc;
static unsigned stub_npc, stub_pc_cap;

static struct stub_pc *pc_find(struct inode *ino, uint64_t pgoff)
{
	for (unsigned i = 0; i < stub_npc; i++)
		if (stub_pc[i].pg && stub_pc[i].ino == ino && stub_pc[i].pgoff == pgoff)
			return &stub_pc[i];
	return NULL;
}

static void pc_drop(struct stub_pc *e)
{
	svc_free_page((struct svc_cap){}, e->pg);
	memset(e, 0, sizeof(*e));
}

void stub_pcache_drop(struct inode *ino)
{
	for (unsigned i = 0; i < stub_npc; i++)
		if (stub_pc[i].pg && (!ino || stub_pc[i].ino == ino))
			pc_drop(&stub_pc[i]);
	if (!ino) {
		free(stub_pc);
		stub_pc = NULL;
		stub_npc = stub_pc_cap = 0;
	}
}

static void pc_drop_all(void)
{
	stub_pcache_drop(NULL);
}

struct svc_page *stub_pcache_page(struct inode *ino, uint64_t pgoff)
{
	struct stub_pc *e = pc_find(ino, pgoff);

	return e && e->uptodate ? e->pg : NULL;
}

bool stub_pcache_dirty(struct inode *ino)
{
	for (unsigned i = 0; i < stub_npc; i++)
		if (stub_pc[i].pg && stub_pc[i].ino == ino && stub_pc[i].dirty)
			return true;
	return false;
}

int stub_pcache_writeback(struct inode *ino, uint64_t size)
{
	int err = 0;

	for (;;) {
		struct stub_pc *e = NULL;
		struct svc_page *run[64];
		uint64_t first, idx[64];
		unsigned n = 0;

		for (unsigned i = 0; i < stub_npc; i++) /* the lowest dirty page */
			if (stub_pc[i].pg && stub_pc[i].ino == ino && stub_pc[i].dirty &&
			    (!e || stub_pc[i].pgoff < e->pgoff))
				e = &stub_pc[i];
		if (!e)
			return err;
		first = e->pgoff;
		while (n < 64 && (e = pc_find(ino, first + n)) && e->dirty) {
			e->dirty = false;
			idx[n] = first + n;
			run[n++] = e->pg;
		}
		while (n && (first + n - 1) * 4096 >= size) /* past the end: cleaned only */
			n--;
		if (n && ino->ops.file->writepages) {
			int r = ino->ops.file->writepages(ino, idx, run, n, size);

			err = err ? err : r;
		} else {
			for (unsigned k = 0; k < n; k++) {
				uint64_t at = (first + k) * 4096;
				int r = ino->ops.file->writepage(
					ino, first + k, run[k],
					(size_t)(size - at < 4096 ? size - at : 4096));

				err = err ? err : r;
			}
		}
	}
}

struct svc_page *svc_pcache_get(struct svc_cap cap, struct inode *ino, uint64_t pgoff,
				unsigned flags, bool *uptodate)
{
	static bool registered;
	struct stub_pc *e = pc_find(ino, pgoff);

	if (e && (flags & SVC_PCACHE_UNWRITTEN) && !e->dirty)
		e = NULL;
	if (e || (flags & SVC_PCACHE_UNWRITTEN)) {
		*uptodate = e && e->uptodate;
		return e ? e->pg : NULL;
	}
	*uptodate = false;
	if (!(flags & SVC_PCACHE_CREATE))
		return NULL;
	if (!registered) {
		registered = atexit(pc_drop_all) == 0;
		assert_true(registered);
	}
	for (unsigned i = 0; i < stub_npc; i++) {
		if (!stub_pc[i].pg) {
			e = &stub_pc[i];
			break;
		}
	}
	if (!e) {
		if (stub_npc == stub_pc_cap) {
			stub_pc_cap = stub_pc_cap ? 2 * stub_pc_cap : 64;
			stub_pc = realloc(stub_pc, stub_pc_cap * sizeof(*stub_pc));
			assert_non_null(stub_pc);
		}
		e = &stub_pc[stub_npc++];
	}
	*e = (struct stub_pc){.ino = ino, .pgoff = pgoff};
	e->pg = svc_page_alloc(cap, 0);
	return e->pg;
}
void svc_pcache_filled(struct svc_cap cap, struct inode *ino, uint64_t pgoff, bool ok)
{
	struct stub_pc *e = pc_find(ino, pgoff);

	(void)cap;
	if (e && ok)
		e->uptodate = true;
	else if (e) /* out of the cache; the filler's reference frees it at its put */
		memset(e, 0, sizeof(*e));
}

int svc_pcache_dirty(struct svc_cap cap, struct inode *ino, uint64_t pgoff)
{
	struct stub_pc *e = pc_find(ino, pgoff);

	(void)cap;
	if (!e)
		return -ENOENT;
	e->dirty = true;
	return 0;
}

void svc_pcache_truncate(struct svc_cap cap, struct inode *ino, uint64_t size)
{
	(void)cap;
	for (unsigned i = 0; i < stub_npc; i++) {
		struct stub_pc *e = &stub_pc[i];

		if (!e->pg || e->ino != ino)
			continue;
		if (e->pgoff * 4096 >= size)
			pc_drop(e);
		else if ((e->pgoff + 1) * 4096 > size)
			svc_page_zero(e->pg, size % 4096, 4096 - size % 4096);
	}
}

void svc_pcache_punch(struct svc_cap cap, struct inode *ino, uint64_t first, uint64_t last)
{
	(void)cap;
	for (unsigned i = 0; i < stub_npc; i++)
		if (stub_pc[i].pg && stub_pc[i].ino == ino && stub_pc[i].pgoff >= first &&
		    stub_pc[i].pgoff <= last)
			pc_drop(&stub_pc[i]);
}

void svc_pcache_put(struct svc_cap cap, struct svc_page *pg)
{
	for (unsigned i = 0; i < stub_npc; i++)
		if (stub_pc[i].pg == pg)
			return;
	svc_page_put(cap, pg);
}

void *stub_page_data(struct svc_page *pg)
{
	return pg->data;
}

/* ---- locks ---- */

struct svc_lock {
	const char *name;
	bool held;
};

struct svc_lock *svc_lock_new(struct svc_cap cap, const char *name)
{
	struct svc_lock *l = svc_alloc(cap, sizeof(*l));

	if (l)
		l->name = name;
	return l;
}

void svc_lock_free(struct svc_cap cap, struct svc_lock *l)
{
	if (l)
		assert_false(l->held);
	svc_free(cap, l);
}

void svc_lock(struct svc_cap cap, struct svc_lock *l)
{
	assert_false(l->held);
	l->held = true;
}

void svc_unlock(struct svc_cap cap, struct svc_lock *l)
{
	assert_true(l->held);
	l->held = false;
}

/* ---- log ---- */

char stub_last_log[256];

void svc_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(stub_last_log, sizeof(stub_last_log), fmt, ap);
	va_end(ap);
}

/* A service's fatal error fails the running test (expect_assert_failure
 * catches it), as containment would fail the instance. */
void svc_panic(const char *fmt, ...)
{
	static char msg[256]; /* cmocka prints it after the jump */
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	mock_assert(0, msg, __FILE__, __LINE__);
	abort(); /* not reached */
}

/* ---- time ---- */

long stub_crc_bytes;

/* CRC-32C's raw update through a table made at the first call (the stub
 * links without klib) */
uint32_t svc_crc32c(uint32_t crc, const void *buf, size_t len)
{
	static uint32_t table[256];
	const uint8_t *p = buf;

	if (!table[1]) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = (c >> 1) ^ (0x82f63b78u & -(c & 1));
			table[i] = c;
		}
	}
	stub_crc_bytes += (long)len;
	while (len--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}

struct vfs_time svc_now(void)
{
	return (struct vfs_time){.sec = STUB_NOW_SEC + stub_clock, .nsec = STUB_NOW_NSEC};
}

/* ---- credentials ---- */

void svc_creator(uint32_t *uid, uint32_t *gid)
{
	*uid = stub_fsuid;
	*gid = stub_fsgid;
}

/* ---- registration ---- */

int vfs_register_fs(const struct fs_type *type)
{
	for (unsigned i = 0; i < MAX_FS_TYPES; i++) {
		if (fs_types[i] && !strcmp(fs_types[i]->name, type->name))
			return -EBUSY;
		if (!fs_types[i]) {
			fs_types[i] = type;
			return 0;
		}
	}
	return -ENOSPC;
}

const struct fs_type *stub_find_fs(const char *name)
{
	for (unsigned i = 0; i < MAX_FS_TYPES && fs_types[i]; i++) {
		if (!strcmp(fs_types[i]->name, name))
			return fs_types[i];
	}
	return NULL;
}

/* ---- calling a service ---- */

int stub_stat(struct inode *i, struct vfs_stat *st)
{
	int (*fn)(struct inode *, struct vfs_stat *) = i->kind == INODE_FILE ? i->ops.file->stat
						       : i->kind == INODE_DIR
							       ? i->ops.dir->stat
							       : i->ops.symlink->stat;
	int err;

	memset(st, 0, sizeof(*st));
	if (!fn)
		return -EIO;
	err = fn(i, st);
	if (!err) {
		st->dev = i->sb ? i->sb->dev_id : 0;
		st->ino = i->ino;
	}
	return err;
}

int stub_lookup_path(struct inode *root, const char *path, struct inode **out)
{
	struct inode *cur = root;

	inode_get(cur);
	while (*path) {
		size_t n = strcspn(path, "/");
		struct inode *next;
		int err;

		if (cur->kind != INODE_DIR) {
			inode_put(cur);
			return -ENOTDIR;
		}
		err = cur->ops.dir->lookup ? cur->ops.dir->lookup(cur, path, n, &next) : -ENOENT;
		inode_put(cur);
		if (err)
			return err;
		cur = next;
		path += n;
		path += *path == '/';
	}
	*out = cur;
	return 0;
}

ssize_t stub_read(struct inode *i, uint64_t off, void *buf, size_t len)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = len};

	assert_int_equal(i->kind, INODE_FILE);
	return i->ops.file->read ? i->ops.file->read(i, off, &b, 0) : -EINVAL;
}

struct collect {
	long budget;
	struct stub_dirent *out;
	size_t max, n;
};

static int collect(void *ctx, const char *name, size_t len, uint64_t ino, unsigned type)
{
	struct collect *c = ctx;

	if (c->budget == 0)
		return 1;
	assert_true(c->n < c->max);
	assert_true(len >= 1 && len <= 255);
	memcpy(c->out[c->n].name, name, len);
	c->out[c->n].name[len] = '\0';
	c->out[c->n].len = len;
	c->out[c->n].ino = ino;
	c->out[c->n].type = type;
	c->n++;
	if (c->budget > 0)
		c->budget--;
	return 0;
}

long stub_readdir(struct inode *dir, uint64_t *pos, long budget, struct stub_dirent *out,
		  size_t max)
{
	struct collect c = {.budget = budget, .out = out, .max = max};
	int err;

	assert_int_equal(dir->kind, INODE_DIR);
	if (!dir->ops.dir->readdir)
		return 0;
	err = dir->ops.dir->readdir(dir, pos, collect, &c);
	return err ? err : (long)c.n;
}

struct inode *stub_get(struct inode *root, const char *path)
{
	struct inode *i = NULL;
	int err = stub_lookup_path(root, path, &i);

	if (err)
		fail_msg("lookup %s: %d", path, err);
	return i;
}

int stub_lookup_err(struct inode *root, const char *path)
{
	struct inode *i;
	int err = stub_lookup_path(root, path, &i);

	if (!err)
		inode_put(i);
	return err;
}

int stub_statfs_used(struct vfs_sb *sb, uint64_t *blocks, uint64_t *bfree, uint64_t *files)
{
	struct vfs_statfs st = {.magic = 0x01021994,
				.bsize = 4096,
				.blocks = 1000,
				.bfree = 1000,
				.bavail = 1000,
				.files = 1000,
				.ffree = 1000};
	int err = sb->ops->statfs(sb, &st);

	*blocks = st.blocks - st.bfree;
	*bfree = st.bfree;
	*files = st.files - st.ffree;
	return err;
}
