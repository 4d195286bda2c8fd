/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * System V shared memory: shmget, shmat, shmdt, shmctl.
 *
 * A segment is an unnamed file on memfd's internal tmpfs ("/SYSV<key>",
 * as Linux names it in /proc/PID/maps); shmat is a shared mapping of it,
 * so fork inherits attachments and exec and exit detach them with the
 * address space, with no hook of their own.  The attach count is read
 * off the address spaces (vm_file_maps: one per mapping, as Linux counts
 * VMAs).  IPC_RMID of an attached segment marks it SHM_DEST with key
 * IPC_PRIVATE; it goes when seen unattached: at shmdt, and before every
 * table walk or lookup (a detach by munmap, exec or exit is noticed
 * there).  Its memory goes with the file's last reference either way.
 * The table's mutex (shm_table.lock) guards every segment field.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/mman.h>
#include <linux/ipc.h>
#include <asm/shmbuf.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/ipc.h>
#include <kernel/memfd.h>
#include <kernel/oom.h>
#include <kernel/path.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include "ipc.h"

/* From Linux's <linux/shm.h>, which cannot be included here (it pulls in
 * the C library's unistd.h). */
#define SHMMIN	      1
#define SHMSEG	      4096
#define SHM_RDONLY    010000
#define SHM_NORESERVE 010000 /* shmget's, the same bit as shmat's SHM_RDONLY */
#define SHM_RND	      020000
#define SHM_REMAP     040000
#define SHM_EXEC      0100000
#define SHM_LOCK      11
#define SHM_UNLOCK    12
#define SHM_STAT      13
#define SHM_INFO      14
#define SHM_STAT_ANY  15

struct shm_info { /* SHM_INFO's answer */
	int used_ids;
	unsigned long shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

#define SHM_DEST_BIT   01000 /* in perm.mode: removed, goes at the last detach */
#define SHM_LOCKED_BIT 02000 /* SHM_LOCK */

struct shm_seg {
	struct kipc_perm perm; /* first: the table holds &perm */
	size_t size;
	int64_t atime, dtime, ctime;
	int cpid, lpid;
	struct path_component *pc; /* holds the file: pc->inode */
};

static struct ipc_table shm_table = IPC_TABLE_INIT(shm_table, "sysv_shm", IPC_SHMMNI);
static uint64_t shm_pages; /* every segment's pages; shm_table.lock */

static struct shm_seg *seg_of(struct kipc_perm *p)
{
	return (struct shm_seg *)p;
}

static unsigned long nattch(struct shm_seg *s)
{
	return vm_file_maps(s->pc->inode, false);
}

static void seg_free(struct shm_seg *s)
{
	ipc_remove(&shm_table, &s->perm);
	shm_pages -= ALIGN_UP(s->size, PAGE_SIZE) / PAGE_SIZE;
	path_put(s->pc);
	kfree(s);
}

/* Drop the removed segments nothing maps any more (lock held). */
static void sweep(void)
{
	for (int i = 0; i < shm_table.cap; i++) {
		struct kipc_perm *p = shm_table.slots[i];

		if (p && (p->mode & SHM_DEST_BIT) && !nattch(seg_of(p)))
			seg_free(seg_of(p));
	}
}

static struct kipc_perm *shm_create(int key, int flag, void *ctx)
{
	size_t size = *(size_t *)ctx, pages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	char name[16];
	struct shm_seg *s;
	int err;

	if (size < SHMMIN || size > IPC_SHMMAX || !pages)
		return ERR_PTR(-EINVAL);
	if (shm_pages + pages < shm_pages || shm_pages + pages > IPC_SHMALL)
		return ERR_PTR(-ENOSPC);
	if (size > (size_t)INT64_MAX) /* past any file's size */
		return ERR_PTR(-EINVAL);
	if (!vm_enough_memory(pages, flag & SHM_NORESERVE))
		return ERR_PTR(-ENOMEM);
	s = kzalloc(sizeof(*s));
	if (!s)
		return ERR_PTR(-ENOMEM);
	snprintf(name, sizeof(name), "SYSV%08x", (unsigned)key);
	s->pc = memfd_anon_path(name, S_IFREG | ((unsigned)flag & 0777));
	if (IS_ERR(s->pc)) {
		err = (int)PTR_ERR(s->pc);
		goto err_free;
	}
	err = vfs_truncate(s->pc->inode, size);
	if (err)
		goto err_put;
	s->perm.key = key;
	s->perm.mode = (unsigned)flag & 0777;
	s->size = size;
	s->cpid = ipc_pid();
	s->ctime = ipc_now();
	err = ipc_add(&shm_table, &s->perm);
	if (err)
		goto err_put;
	shm_pages += pages;
	return &s->perm;
err_put:
	path_put(s->pc);
err_free:
	kfree(s);
	return ERR_PTR(err);
}

static int shm_check(struct kipc_perm *p, void *ctx)
{
	return seg_of(p)->size < *(size_t *)ctx ? -EINVAL : 0;
}

/* shmget(key, size, shmflg) */
long sys_shmget(const struct syscall_args *a)
{
	size_t size = a->arg[1];

	mutex_lock(&shm_table.lock);
	sweep();
	mutex_unlock(&shm_table.lock);
	return ipc_get(&shm_table, (int)a->arg[0], (int)a->arg[2], shm_create, shm_check, &size);
}

/* shmat(shmid, shmaddr, shmflg) */
long sys_shmat(const struct syscall_args *a)
{
	int id = (int)a->arg[0], flag = (int)a->arg[2];
	uintptr_t addr = a->arg[1];
	struct vm *vm = current_thread()->vm;
	unsigned prot = PROT_READ, mflags = MAP_SHARED, acc = S_IRUGO;
	struct kipc_perm *p;
	struct shm_seg *s;
	size_t len;
	long r;

	if (id < 0)
		return -EINVAL;
	if (addr) {
		if (addr & (PAGE_SIZE - 1)) {
			if (!(flag & SHM_RND))
				return -EINVAL;
			addr &= ~(uintptr_t)(PAGE_SIZE - 1);
			if (!addr && (flag & SHM_REMAP))
				return -EINVAL;
		}
		mflags |= MAP_FIXED;
	} else if (flag & SHM_REMAP) {
		return -EINVAL;
	}
	if (!(flag & SHM_RDONLY)) {
		prot |= PROT_WRITE;
		acc |= S_IWUGO;
	}
	if (flag & SHM_EXEC) {
		prot |= PROT_EXEC;
		acc |= S_IXUGO;
	}
	if (!vm)
		return -ENOMEM;
	mutex_lock(&shm_table.lock);
	r = -EINVAL;
	p = ipc_find_id(&shm_table, id);
	if (!p)
		goto out;
	s = seg_of(p);
	r = ipc_perms(p, (int)acc);
	if (r)
		goto out;
	len = ALIGN_UP(s->size, PAGE_SIZE);
	r = -EINVAL;
	if (addr && !(flag & SHM_REMAP) &&
	    (addr + len < addr || vm_range_used(vm, addr, addr + len)))
		goto out;
	inode_get(s->pc->inode);
	r = vm_mmap_file(vm, addr, len, prot, mflags, s->pc->inode, 0, flag & SHM_RDONLY);
	if (r < 0) {
		inode_put(s->pc->inode);
		goto out;
	}
	vm_name_file(vm, s->pc->inode, s->pc);
	s->atime = ipc_now();
	s->lpid = ipc_pid();
out:
	mutex_unlock(&shm_table.lock);
	return r;
}

/* shmdt(shmaddr) */
long sys_shmdt(const struct syscall_args *a)
{
	uintptr_t addr = a->arg[0];
	struct vm *vm = current_thread()->vm;
	struct inode *file;
	long r = -EINVAL;

	if (!vm || (addr & (PAGE_SIZE - 1)))
		return -EINVAL;
	file = vm_file_at(vm, addr);
	if (!file)
		return -EINVAL;
	mutex_lock(&shm_table.lock);
	for (int i = 0; i < shm_table.cap; i++) {
		struct shm_seg *s = shm_table.slots[i] ? seg_of(shm_table.slots[i]) : NULL;

		if (!s || s->pc->inode != file)
			continue;
		r = vm_munmap(vm, addr, ALIGN_UP(s->size, PAGE_SIZE));
		s->dtime = ipc_now();
		s->lpid = ipc_pid();
		break;
	}
	inode_put(file);
	sweep();
	mutex_unlock(&shm_table.lock);
	return r;
}

static long shm_info(int cmd, void __user *ubuf)
{
	union {
		struct shminfo64 info;
		struct shm_info si;
	} u;
	size_t n;
	int max;

	memset(&u, 0, sizeof(u));
	mutex_lock(&shm_table.lock);
	sweep();
	if (cmd == IPC_INFO) {
		u.info.shmmax = IPC_SHMMAX;
		u.info.shmmin = SHMMIN;
		u.info.shmmni = IPC_SHMMNI;
		u.info.shmseg = SHMSEG;
		u.info.shmall = IPC_SHMALL;
		n = sizeof(u.info);
	} else {
		u.si.used_ids = shm_table.used;
		u.si.shm_tot = shm_pages;
		n = sizeof(u.si);
		for (int i = 0; i < shm_table.cap; i++) {
			struct vfs_stat st;

			if (shm_table.slots[i] &&
			    !vfs_stat(seg_of(shm_table.slots[i])->pc->inode, &st))
				u.si.shm_rss += st.blocks * 512 / PAGE_SIZE;
		}
	}
	max = ipc_max_idx(&shm_table);
	mutex_unlock(&shm_table.lock);
	if (copy_to_user(ubuf, &u, n))
		return -EFAULT;
	return max < 0 ? 0 : max;
}

static long shm_cmd(struct shm_seg *s, int cmd, const struct shmid64_ds *in, void __user *ubuf)
{
	struct shmid64_ds ds;
	long r;

	switch (cmd) {
	case IPC_RMID:
		r = ipc_owner(&s->perm);
		if (r)
			return r;
		s->perm.mode |= SHM_DEST_BIT;
		s->perm.key = IPC_PRIVATE;
		if (!nattch(s))
			seg_free(s);
		return 0;
	case IPC_SET:
		r = ipc_owner(&s->perm);
		if (!r) {
			ipc_set_perm(&s->perm, &in->shm_perm);
			s->ctime = ipc_now();
		}
		return r;
	case SHM_LOCK:
	case SHM_UNLOCK:
		if (!capable(CAP_IPC_LOCK)) {
			uint32_t euid = current_cred()->euid;

			if (euid != s->perm.uid && euid != s->perm.cuid)
				return -EPERM;
			if (cmd == SHM_LOCK && !rlimit_cur(RLIMIT_MEMLOCK))
				return -EPERM;
		}
		if (cmd == SHM_LOCK)
			s->perm.mode |= SHM_LOCKED_BIT;
		else
			s->perm.mode &= ~SHM_LOCKED_BIT;
		return 0;
	default: /* IPC_STAT, SHM_STAT, SHM_STAT_ANY */
		if (cmd != SHM_STAT_ANY) {
			r = ipc_perms(&s->perm, S_IRUGO);
			if (r)
				return r;
		}
		memset(&ds, 0, sizeof(ds));
		ipc_fill_perm(&s->perm, &ds.shm_perm);
		ds.shm_segsz = s->size;
		ds.shm_atime = s->atime;
		ds.shm_dtime = s->dtime;
		ds.shm_ctime = s->ctime;
		ds.shm_cpid = s->cpid;
		ds.shm_lpid = s->lpid;
		ds.shm_nattch = nattch(s);
		if (copy_to_user(ubuf, &ds, sizeof(ds)))
			return -EFAULT;
		return cmd == IPC_STAT ? 0 : s->perm.id;
	}
}

/* shmctl(shmid, cmd, buf) */
long sys_shmctl(const struct syscall_args *a)
{
	int id = (int)a->arg[0], cmd = (int)a->arg[1];
	void __user *ubuf = uptr(a->arg[2]);
	struct shmid64_ds in;
	struct kipc_perm *p;
	long r;

	if (cmd < 0 || id < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SHM_INFO:
		return shm_info(cmd, ubuf);
	case IPC_SET:
		if (copy_from_user(&in, ubuf, sizeof(in)))
			return -EFAULT;
		break;
	case IPC_RMID:
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
	case SHM_LOCK:
	case SHM_UNLOCK:
		break;
	default:
		return -EINVAL;
	}
	mutex_lock(&shm_table.lock);
	sweep();
	p = (cmd == SHM_STAT || cmd == SHM_STAT_ANY) ? ipc_at(&shm_table, id)
						     : ipc_find_id(&shm_table, id);
	r = p ? shm_cmd(seg_of(p), cmd, &in, ubuf) : -EINVAL;
	mutex_unlock(&shm_table.lock);
	return r;
}

int shm_proc_show(ipc_emit_fn emit, void *ctx)
{
	char line[256];
	int err = 0;

	mutex_lock(&shm_table.lock);
	sweep();
	for (int i = 0; i < shm_table.cap && !err; i++) {
		struct shm_seg *s = shm_table.slots[i] ? seg_of(shm_table.slots[i]) : NULL;
		struct vfs_stat st;
		uint64_t rss = 0;

		if (!s)
			continue;
		if (!vfs_stat(s->pc->inode, &st))
			rss = (uint64_t)st.blocks * 512;
		snprintf(line, sizeof(line),
			 "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10lld %10lld %10lld "
			 "%21llu %21u\n",
			 s->perm.key, s->perm.id, s->perm.mode, (unsigned long)s->size,
			 (unsigned)s->cpid, (unsigned)s->lpid, nattch(s), s->perm.uid, s->perm.gid,
			 s->perm.cuid, s->perm.cgid, (long long)s->atime, (long long)s->dtime,
			 (long long)s->ctime, (unsigned long long)rss, 0u);
		err = emit(ctx, line);
	}
	mutex_unlock(&shm_table.lock);
	return err;
}
