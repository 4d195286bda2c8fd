/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The service API (libs/kevlar_vfs/include/kevlar_vfs/service.h): what
 * ring-2 filesystem services may call.  Thin, checked wrappers over ring 1
 * and platform facilities; a service never sees a platform type.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/image.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <kernel/cred.h>
#include <kernel/mutex.h>
#include <kernel/clock.h>
#include <kernel/oom.h>
#include <kernel/process.h>
#include <kernel/vfs.h>
#include "fs.h"
#include "svc_cap.h"

/* ---- inodes and buffers ---- */

struct inode *inode_alloc(struct vfs_sb *sb, enum inode_kind kind, const void *ops, uint64_t ino)
{
	struct inode *i;

	if (kind < INODE_FILE || kind > INODE_SYMLINK || !ops)
		return NULL;
	i = kzalloc(sizeof(*i));
	if (!i)
		return NULL;
	i->kind = kind;
	i->ops.file = ops; /* the union's members share one representation */
	i->sb = sb;
	i->ino = ino;
	i->refs = 1;
	return i;
}

struct inode *svc_inode_alloc(struct svc_cap cap, struct vfs_sb *sb, enum inode_kind kind,
			      const void *ops, uint64_t ino)
{
	if (!svc_cap_ok(cap, sb, "svc_inode_alloc"))
		return NULL;
	return inode_alloc(sb, kind, ops, ino);
}

void inode_put(struct inode *i)
{
	if (!i || __atomic_sub_fetch(&i->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (i->sb && i->sb->ops && i->sb->ops->evict)
		i->sb->ops->evict(i);
	kfree(i);
}

void svc_inode_put(struct svc_cap cap, struct inode *i)
{
	if (!svc_cap_ok(cap, i ? i->sb : NULL, "svc_inode_put"))
		return;
	inode_put(i);
}

static bool iobuf_range(const struct iobuf *b, size_t at, size_t n)
{
	return at <= b->len && n <= b->len - at;
}

int iobuf_put(struct iobuf *b, size_t at, const void *src, size_t n)
{
	if (!iobuf_range(b, at, n))
		return -EFAULT;
	if (b->user)
		return copy_to_user((char __user *)b->ubuf + at, src, n);
	memcpy((char *)b->kbuf + at, src, n);
	return 0;
}

int iobuf_get(struct iobuf *b, size_t at, void *dst, size_t n)
{
	if (!iobuf_range(b, at, n))
		return -EFAULT;
	if (b->user)
		return copy_from_user(dst, (const char __user *)b->ubuf + at, n);
	memcpy(dst, (const char *)b->kbuf + at, n);
	return 0;
}

size_t iobuf_put_upto(struct iobuf *b, size_t at, const void *src, size_t n)
{
	if (!iobuf_range(b, at, n))
		return 0;
	if (b->user)
		return copy_to_user_upto((char __user *)b->ubuf + at, src, n);
	memcpy((char *)b->kbuf + at, src, n);
	return n;
}

size_t iobuf_get_upto(struct iobuf *b, size_t at, void *dst, size_t n)
{
	if (!iobuf_range(b, at, n))
		return 0;
	if (b->user)
		return copy_from_user_upto(dst, (const char __user *)b->ubuf + at, n);
	memcpy(dst, (const char *)b->kbuf + at, n);
	return n;
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

	if (!svc_cap_ok(cap, NULL, "svc_alloc"))
		return NULL;
	while (!(p = kzalloc(size)) && oom_recover())
		;
	return p;
}

void svc_free(struct svc_cap cap, const void *p)
{
	if (!svc_cap_ok(cap, NULL, "svc_free"))
		return;
	kfree(p);
}

/* A page, from the last 1/32 of memory too unless `data`. */
static void *alloc_service_page(bool data)
{
	struct page *p;

	do {
		p = data && oom_memory_exhausted() ? NULL : alloc_page(PAF_ZERO);
		if (p)
			return page_address(p);
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
	if (!svc_cap_ok(cap, NULL, "svc_free_page"))
		return;
	if (page)
		page_put(virt_to_page(page));
}

/* ---- locks ---- */

struct svc_lock {
	struct mutex m;
};

struct svc_lock *svc_lock_new(struct svc_cap cap, const char *name)
{
	struct svc_lock *l;

	if (!svc_cap_ok(cap, NULL, "svc_lock_new"))
		return NULL;
	l = kmalloc(sizeof(*l));
	if (l)
		mutex_init(&l->m, name);
	return l;
}

void svc_lock_free(struct svc_cap cap, struct svc_lock *l)
{
	if (!svc_cap_ok(cap, NULL, "svc_lock_free"))
		return;
	kfree(l);
}

void svc_lock(struct svc_cap cap, struct svc_lock *l)
{
	if (!svc_cap_ok(cap, NULL, "svc_lock"))
		return;
	mutex_lock(&l->m);
}

void svc_unlock(struct svc_cap cap, struct svc_lock *l)
{
	if (!svc_cap_ok(cap, NULL, "svc_unlock"))
		return;
	mutex_unlock(&l->m);
}

/* ---- time ---- */

/* No real-time clock is read yet: time starts at the epoch at boot. */
struct vfs_time svc_now(void)
{
	int64_t ns = clock_realtime_ns();

	return (struct vfs_time){.sec = ns / 1000000000, .nsec = (uint32_t)(ns % 1000000000)};
}

/* ---- credentials ---- */

void svc_creator(uint32_t *uid, uint32_t *gid)
{
	const struct cred *c = current_cred(); /* the kernel's own: root's */

	*uid = c->fsuid;
	*gid = c->fsgid;
}

/* ---- registration ---- */

#define MAX_FS_TYPES 16
static const struct fs_type *fs_types[MAX_FS_TYPES]; /* boot-time only, no lock */

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

const struct fs_type *vfs_find_fs(const char *name)
{
	for (unsigned i = 0; i < MAX_FS_TYPES && fs_types[i]; i++) {
		if (!strcmp(fs_types[i]->name, name))
			return fs_types[i];
	}
	return NULL;
}

const struct fs_type *vfs_fs_type(unsigned i)
{
	return i < MAX_FS_TYPES ? fs_types[i] : NULL;
}

void vfs_init(void)
{
	size_t n;
	const void *const *set = image_vfs_services(&n);

	for (size_t i = 0; i < n; i++) {
		const struct fs_type *t = set[i];
		int err = vfs_register_fs(t);

		if (err)
			pr_err("vfs: cannot register %s: %d\n", t->name, err);
	}
}
