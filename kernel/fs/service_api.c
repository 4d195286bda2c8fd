/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The service API (libs/kevlar_vfs/include/kevlar_vfs/service.h): what
 * ring-2 filesystem services may call.  Thin, checked wrappers over ring 1
 * and platform facilities; a service never sees a platform type.
 */
#include <stdarg.h>
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/list.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/crc32c.h>
#include <platform/image.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <kernel/cred.h>
#include <kernel/mqueue.h>
#include <kernel/mutex.h>
#include <kernel/clock.h>
#include <kernel/oom.h>
#include <kernel/pagecache.h>
#include <kernel/process.h>
#include <kernel/vfs.h>
#include "contain.h"
#include "fs.h"
#include "svc_cap.h"

/* ---- inodes and buffers ---- */

/* A new inode with one reference, ring 1's (`refs` INODE_KREF) or its
 * service's (1). */
static struct inode *new_inode(struct vfs_sb *sb, enum inode_kind kind, const void *ops,
			       uint64_t ino, uint64_t refs)
{
	struct inode *i;

	svc_check();
	if (kind < INODE_FILE || kind > INODE_SYMLINK || !ops)
		return NULL;
	i = kzalloc(sizeof(*i));
	if (!i)
		return NULL;
	i->kind = kind;
	i->ops.file = ops; /* the union's members share one representation */
	i->sb = sb;
	i->ino = ino;
	i->refs = refs;
	if (sb) {
		vfs_sb_hold(sb); /* the record outlives its inodes */
		svc_inode_track(i);
	}
	return i;
}

struct inode *inode_alloc(struct vfs_sb *sb, enum inode_kind kind, const void *ops, uint64_t ino)
{
	return new_inode(sb, kind, ops, ino, INODE_KREF);
}

struct inode *svc_inode_alloc(struct svc_cap cap, struct vfs_sb *sb, enum inode_kind kind,
			      const void *ops, uint64_t ino)
{
	if (!svc_cap_ok(cap, sb, "svc_inode_alloc"))
		return NULL;
	return new_inode(sb, kind, ops, ino, 1);
}

void inode_free(struct inode *i)
{
	struct vfs_sb *sb = i->sb;

	pcache_inode_free(i);
	if (sb)
		svc_inode_untrack(i);
	kfree(i);
	if (sb)
		vfs_sb_put(sb);
}

/* The last reference to `i` is gone. */
static void inode_last(struct inode *i)
{
	vfs_evict(i);
	inode_free(i);
}

void inode_put(struct inode *i)
{
	if (i && !(uint32_t)__atomic_sub_fetch(&i->refs, INODE_KREF, __ATOMIC_ACQ_REL))
		inode_last(i);
}

void svc_inode_get(struct svc_cap cap, struct inode *i)
{
	if (!svc_cap_ok(cap, i ? i->sb : NULL, "svc_inode_get"))
		return;
	__atomic_add_fetch(&i->refs, 1, __ATOMIC_RELAXED);
}

bool svc_inode_tryget(struct svc_cap cap, struct inode *i)
{
	uint64_t v;

	if (!svc_cap_ok(cap, i ? i->sb : NULL, "svc_inode_tryget") || !i)
		return false;
	v = __atomic_load_n(&i->refs, __ATOMIC_RELAXED);
	while ((uint32_t)v) {
		if (__atomic_compare_exchange_n(&i->refs, &v, v + 1, false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	}
	return false;
}

void svc_inode_put(struct svc_cap cap, struct inode *i)
{
	uint64_t v;

	if (!svc_cap_ok(cap, i ? i->sb : NULL, "svc_inode_put") || !i)
		return;
	v = __atomic_load_n(&i->refs, __ATOMIC_RELAXED);
	do {
		/* only a reference of its own: the kernel's stay the kernel's */
		if (CONFIG_RING2_CONTAIN && (uint32_t)v <= (uint32_t)(v >> 32))
			svc_refuse("svc_inode_put: inode %llu holds no reference of the service's",
				   (unsigned long long)i->ino);
	} while (!__atomic_compare_exchange_n(&i->refs, &v, v - 1, false, __ATOMIC_ACQ_REL,
					      __ATOMIC_RELAXED));
	if (!(uint32_t)(v - 1))
		inode_last(i);
}

static bool iobuf_range(const struct iobuf *b, size_t at, size_t n)
{
	return at <= b->len && n <= b->len - at;
}

int vfs_iobuf_put(struct iobuf *b, size_t at, const void *src, size_t n)
{
	if (!iobuf_range(b, at, n))
		return -EFAULT;
	if (b->user)
		return copy_to_user((char __user *)b->ubuf + at, src, n);
	memcpy((char *)b->kbuf + at, src, n);
	return 0;
}

int iobuf_put(struct iobuf *b, size_t at, const void *src, size_t n)
{
	svc_check();
	return vfs_iobuf_put(b, at, src, n);
}

int vfs_iobuf_get(struct iobuf *b, size_t at, void *dst, size_t n)
{
	if (!iobuf_range(b, at, n))
		return -EFAULT;
	if (b->user)
		return copy_from_user(dst, (const char __user *)b->ubuf + at, n);
	memcpy(dst, (const char *)b->kbuf + at, n);
	return 0;
}

int iobuf_get(struct iobuf *b, size_t at, void *dst, size_t n)
{
	svc_check();
	return vfs_iobuf_get(b, at, dst, n);
}

size_t vfs_iobuf_put_upto(struct iobuf *b, size_t at, const void *src, size_t n)
{
	if (!iobuf_range(b, at, n))
		return 0;
	if (b->user)
		return copy_to_user_upto((char __user *)b->ubuf + at, src, n);
	memcpy((char *)b->kbuf + at, src, n);
	return n;
}

size_t iobuf_put_upto(struct iobuf *b, size_t at, const void *src, size_t n)
{
	svc_check();
	return vfs_iobuf_put_upto(b, at, src, n);
}

size_t vfs_iobuf_get_upto(struct iobuf *b, size_t at, void *dst, size_t n)
{
	if (!iobuf_range(b, at, n))
		return 0;
	if (b->user)
		return copy_from_user_upto(dst, (const char __user *)b->ubuf + at, n);
	memcpy(dst, (const char *)b->kbuf + at, n);
	return n;
}

size_t iobuf_get_upto(struct iobuf *b, size_t at, void *dst, size_t n)
{
	svc_check();
	return vfs_iobuf_get_upto(b, at, dst, n);
}

/* ---- memory ---- */

/*
 * A service's memory is charged like a process's: when it cannot be had,
 * the OOM killer runs (kills the worst process, or waits for the last
 * victim to go) and the allocation is tried again, as Linux does for
 * shmem pages.  A file's data pages stop at the killer's threshold (the
 * last 1/32 of memory), as Linux's stop at the min watermark, so a
 * process whose write failed can still fault in its program's pages
 * (private copies from the initramfs) to report it.  Only
 * when nothing can be freed does the service see NULL
 * (tmpfs: ENOMEM from write, SIGBUS on a mapping, where Linux would
 * panic with no killable process left).  The caller may hold its own
 * sleeping locks, never a spinlock (service.h), and may sleep here.  A
 * victim asleep on one of those locks cannot exit until the caller gives
 * up; the killer passes it over after its grace period and chooses again.
 */
void *svc_alloc(struct svc_cap cap, size_t size)
{
	void *p;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_alloc"))
		return NULL;
	while (!(p = svc_obj_alloc(size)) && oom_recover())
		;
	return p;
}

void *svc_alloc_raw(struct svc_cap cap, size_t size)
{
	void *p;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_alloc_raw"))
		return NULL;
	while (!(p = svc_obj_alloc_raw(size)) && oom_recover())
		;
	return p;
}

void svc_free(struct svc_cap cap, const void *p)
{
	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_free"))
		return;
	svc_obj_free(p);
}

/* A page, from the last 1/32 of memory too unless `data`. */
static void *alloc_service_page(bool data)
{
	struct page *p;

	svc_check();
	do {
		p = data && oom_memory_exhausted() ? NULL : alloc_page(PAF_ZERO);
		if (p) {
			svc_page_charge(page_address(p));
			return page_address(p);
		}
	} while (oom_recover());
	return NULL;
}

void *svc_alloc_page(struct svc_cap cap)
{
	if (!svc_cap_ok(cap, NULL, "svc_alloc_page"))
		return NULL;
	return alloc_service_page(false);
}

void *svc_alloc_data_page(struct svc_cap cap)
{
	if (!svc_cap_ok(cap, NULL, "svc_alloc_data_page"))
		return NULL;
	return alloc_service_page(true);
}

uint64_t svc_ram_pages(void)
{
	struct pmm_stats st;

	pmm_stats(&st);
	return st.total_pages;
}

/* A reference, not a free: a page a service handed out through get_page()
 * may still be mapped by processes, and goes with their last mapping. */
void svc_free_page(struct svc_cap cap, void *page)
{
	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_free_page"))
		return;
	if (page) {
		svc_page_uncharge(page);
		page_put(virt_to_page(page));
	}
}

/* ---- page frames ---- */

/* A handle is the frame's struct page (never its address).  In fortress
 * each use checks it is a live frame charged to the calling instance
 * (contain.c), without trusting the pointer; everywhere, that the range
 * lies inside the page.  A bad one is the service's fault. */
static void *frame(struct svc_page *h, size_t off, size_t n, const char *call)
{
	struct page *pg = (struct page *)h;

	if (off > SVC_PAGE_SIZE || n > SVC_PAGE_SIZE - off)
		svc_refuse("%s: bytes %zu..%zu outside the page", call, off, off + n);
#if CONFIG_COPY_FRAMES
	if (!svc_frame_ours(pg))
		svc_refuse("%s: not a frame of this instance", call);
#endif
	return (char *)page_address(pg) + off;
}

struct page *svc_page_frame(struct vfs_sb *sb, struct svc_page *h)
{
	struct page *pg = (struct page *)h;

#if CONFIG_COPY_FRAMES
	if (svc_contained(sb) && !svc_frame_of(sb, pg)) {
		svc_fail(sb, "get_page gave a handle that is not one of its frames");
		return NULL;
	}
#else
	(void)sb;
#endif
	return pg;
}

struct svc_page *svc_page_alloc(struct svc_cap cap, unsigned flags)
{
	void *p;

	if (!svc_cap_ok(cap, NULL, "svc_page_alloc"))
		return NULL;
	p = alloc_service_page(flags & SVC_PAGE_DATA);
	return p ? (struct svc_page *)virt_to_page(p) : NULL;
}

void svc_page_put(struct svc_cap cap, struct svc_page *h)
{
	if (h)
		svc_free_page(cap, frame(h, 0, 0, "svc_page_put"));
}

void svc_page_write(struct svc_page *h, size_t off, const void *src, size_t n)
{
	svc_check();
	memcpy(frame(h, off, n, "svc_page_write"), src, n);
}

void svc_page_read(struct svc_page *h, size_t off, void *dst, size_t n)
{
	svc_check();
	memcpy(dst, frame(h, off, n, "svc_page_read"), n);
}

void svc_page_zero(struct svc_page *h, size_t off, size_t n)
{
	svc_check();
	memset(frame(h, off, n, "svc_page_zero"), 0, n);
}

size_t svc_page_to_iobuf(struct svc_page *h, size_t off, struct iobuf *b, size_t at, size_t n)
{
	return iobuf_put_upto(b, at, frame(h, off, n, "svc_page_to_iobuf"), n);
}

size_t svc_page_from_iobuf(struct svc_page *h, size_t off, struct iobuf *b, size_t at, size_t n)
{
	return iobuf_get_upto(b, at, frame(h, off, n, "svc_page_from_iobuf"), n);
}

ssize_t svc_page_splice(struct svc_page *h, size_t off, size_t n, vfs_splice_fn fn, void *ctx)
{
	static const char zeros[SVC_PAGE_SIZE];

	svc_check();
	if (!h) {
		if (off > SVC_PAGE_SIZE || n > SVC_PAGE_SIZE - off)
			svc_refuse("svc_page_splice: bytes %zu..%zu outside the page", off,
				   off + n);
		return fn(ctx, zeros + off, n);
	}
	return fn(ctx, frame(h, off, n, "svc_page_splice"), n);
}

/* ---- the page cache (kernel/mm/pagecache.c) ---- */

/* An inode of the calling instance whose file has a page cache. */
static bool pcache_ino_ok(struct svc_cap cap, struct inode *ino, const char *call)
{
	svc_check();
	if (!svc_cap_ok(cap, ino ? ino->sb : NULL, call) || !ino)
		return false;
	if (!pcache_enabled(ino))
		svc_refuse("%s: inode %llu has no page cache (no readpage)", call,
			   (unsigned long long)ino->ino);
	return true;
}

struct svc_page *svc_pcache_get(struct svc_cap cap, struct inode *ino, uint64_t pgoff,
				unsigned flags, bool *uptodate)
{
	struct page *pg;
	int err;

	if (!pcache_ino_ok(cap, ino, "svc_pcache_get"))
		return NULL;
	pg = pcache_get(ino, pgoff,
			(flags & SVC_PCACHE_CREATE ? PCACHE_CREATE : 0) |
				(flags & SVC_PCACHE_NOWAIT ? PCACHE_NOWAIT : 0) |
				(flags & SVC_PCACHE_UNWRITTEN ? PCACHE_UNWRITTEN : 0) |
				(flags & SVC_PCACHE_WHOLE ? PCACHE_WHOLE : 0),
			uptodate, &err);
	/* the fill is the call's: ended as failed if the call fails */
	if (pg && !*uptodate && !(flags & SVC_PCACHE_UNWRITTEN) && current_thread()->svc_frame)
		pcache_tag_fill(ino, pgoff, pg, current_thread()->svc_frame);
	return (struct svc_page *)pg;
}

void svc_pcache_filled(struct svc_cap cap, struct inode *ino, uint64_t pgoff, bool ok)
{
	if (!pcache_ino_ok(cap, ino, "svc_pcache_filled"))
		return;
	if (ok)
		(void)pcache_mark_uptodate(ino, pgoff);
	else
		pcache_fill_failed(ino, pgoff);
}

int svc_pcache_dirty(struct svc_cap cap, struct inode *ino, uint64_t pgoff)
{
	if (!pcache_ino_ok(cap, ino, "svc_pcache_dirty"))
		return -EIO;
	return pcache_mark_dirty(ino, pgoff);
}

void svc_pcache_truncate(struct svc_cap cap, struct inode *ino, uint64_t size)
{
	if (pcache_ino_ok(cap, ino, "svc_pcache_truncate"))
		pcache_truncate(ino, size);
}

void svc_pcache_punch(struct svc_cap cap, struct inode *ino, uint64_t first, uint64_t last)
{
	if (pcache_ino_ok(cap, ino, "svc_pcache_punch"))
		pcache_punch(ino, first, last);
}

void svc_pcache_put(struct svc_cap cap, struct svc_page *h)
{
	svc_check();
	if (!h || !svc_cap_ok(cap, NULL, "svc_pcache_put"))
		return;
	/* the frame may have left the cache (a truncate) and the instance:
	 * only that it is a frame with a reference is checked */
	if (!page_is_frame((struct page *)h) || page_refs((struct page *)h) <= 0)
		svc_refuse("svc_pcache_put: not a frame");
	page_put((struct page *)h);
}

/* ---- locks ---- */

struct svc_lock {
	struct mutex m;
};

struct svc_lock *svc_lock_new(struct svc_cap cap, const char *name)
{
	struct svc_lock *l;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_lock_new"))
		return NULL;
	l = svc_obj_alloc(sizeof(*l));
	if (l)
		mutex_init(&l->m, name);
	return l;
}

void svc_lock_free(struct svc_cap cap, struct svc_lock *l)
{
	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_lock_free"))
		return;
	svc_obj_free(l);
}

/* Each lock a call takes is recorded in its crossing, so that a fault
 * releases it (contain.c); one the instance failed under while we waited
 * unwinds this call too, once it is ours. */
void svc_lock(struct svc_cap cap, struct svc_lock *l)
{
	/* no svc_check first: svc_lock_taken makes the same test once the
	 * lock is ours, and an injected fault waits for the unlock */
	struct svc_frame *f = svc_current_frame(); /* looked up once for both */

	if (!svc_cap_ok_in(f, cap, NULL, "svc_lock"))
		return;
	mutex_lock(&l->m);
	svc_lock_taken_in(f, l);
}

void svc_unlock(struct svc_cap cap, struct svc_lock *l)
{
	struct svc_frame *f = svc_current_frame();

	if (!svc_cap_ok_in(f, cap, NULL, "svc_unlock"))
		return;
	svc_lock_dropped_in(f, l); /* checks too: an injected fault fires here, the lock held */
	mutex_unlock(&l->m);
}

void svc_release_lock(struct svc_lock *l)
{
	mutex_unlock(&l->m);
}

void svc_log(const char *fmt, ...)
{
	char msg[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_warn("%s\n", msg);
}

/* ---- time ---- */

/* File times come from the coarse clock, as Linux's current_time():
 * writes within one tick change no metadata. */
struct vfs_time vfs_now(void)
{
	int64_t ns = clock_realtime_coarse_ns();

	return (struct vfs_time){.sec = ns / 1000000000, .nsec = (uint32_t)(ns % 1000000000)};
}

struct vfs_time svc_now(void)
{
	svc_check();
	return vfs_now();
}

/* ---- checksums ---- */

uint32_t svc_crc32c(uint32_t crc, const void *buf, size_t len)
{
	svc_check();
	return platform_crc32c(crc, buf, len);
}

/* ---- credentials ---- */

void svc_creator(uint32_t *uid, uint32_t *gid)
{
	const struct cred *c = current_cred(); /* the kernel's own: root's */

	svc_check();
	*uid = c->fsuid;
	*gid = c->fsgid;
}

/* ---- registration ---- */

/*
 * The filesystem types mount(2) knows: the kernel's own (ring 1) first,
 * then the image's service set (ring 2) in link order.  A type from the
 * service set is checked before it is taken, since a broken entry would
 * fault the kernel at its first mount outside any recovery point: a name
 * of 1..FS_NAME_MAX-1 printable bytes with no '/', and a mount slot.
 * Registration happens at boot (and in self-tests), one at a time; a
 * type is published with a release store after its service flag, so a
 * mount on another CPU that finds it (an acquire load) sees the flag.
 */
#define MAX_FS_TYPES 16
#define FS_NAME_MAX  32
static const struct fs_type *fs_types[MAX_FS_TYPES];
static bool fs_service[MAX_FS_TYPES]; /* fs_types[i] came from the service set */

static const struct fs_type *fs_type_at(unsigned i)
{
	return __atomic_load_n(&fs_types[i], __ATOMIC_ACQUIRE);
}

static int fs_type_check(const struct fs_type *type)
{
	size_t len;

	if (!type || !type->name || !type->mount)
		return -EINVAL;
	len = strnlen(type->name, FS_NAME_MAX);
	if (!len || len == FS_NAME_MAX)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (type->name[i] <= ' ' || type->name[i] > '~' || type->name[i] == '/')
			return -EINVAL;
	}
	return 0;
}

static int register_fs(const struct fs_type *type, bool service)
{
	int err = fs_type_check(type);

	if (err)
		return err;
	for (unsigned i = 0; i < MAX_FS_TYPES; i++) {
		const struct fs_type *t = fs_type_at(i);

		if (t && !strcmp(t->name, type->name))
			return -EBUSY;
		if (!t) {
			fs_service[i] = service;
			__atomic_store_n(&fs_types[i], type, __ATOMIC_RELEASE);
			return 0;
		}
	}
	return -ENOSPC;
}

/* A type a service announces: contained like the image's services. */
int vfs_register_fs(const struct fs_type *type)
{
	return register_fs(type, true);
}

const struct fs_type *vfs_find_fs(const char *name)
{
	const struct fs_type *t;

	for (unsigned i = 0; i < MAX_FS_TYPES && (t = fs_type_at(i)) != NULL; i++) {
		if (!strcmp(t->name, name))
			return t;
	}
	return NULL;
}

const struct fs_type *vfs_fs_type(unsigned i)
{
	return i < MAX_FS_TYPES ? fs_type_at(i) : NULL;
}

bool vfs_fs_is_service(const struct fs_type *type)
{
	const struct fs_type *t;

	for (unsigned i = 0; i < MAX_FS_TYPES && (t = fs_type_at(i)) != NULL; i++) {
		if (t == type)
			return fs_service[i];
	}
	return false;
}

void vfs_init(void)
{
	static const struct fs_type *const kernel_types[] = {
		&devfs_fs_type, &devpts_fs_type, &procfs_fs_type, &sysfs_fs_type, &mqueue_fs_type,
	};
	size_t n;
	const void *const *set = image_vfs_services(&n);

	for (size_t i = 0; i < ARRAY_SIZE(kernel_types); i++) {
		int err = register_fs(kernel_types[i], false);

		if (err)
			pr_err("vfs: cannot register %s: %d\n", kernel_types[i]->name, err);
	}
	for (size_t i = 0; i < n; i++) {
		const struct fs_type *t = set[i];
		int err = register_fs(t, true);

		if (err == -EINVAL)
			pr_err("vfs: service set entry %zu is not a valid filesystem type\n", i);
		else if (err)
			pr_err("vfs: cannot register %s: %d\n", t->name, err);
	}
}
