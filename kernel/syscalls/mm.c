/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Memory system calls: mmap (anonymous private memory for now; file and
 * shared mappings arrive with the VFS), munmap, mprotect, brk and
 * madvise(MADV_DONTNEED).  Argument checks follow Linux's order so the
 * same mistake gives the same errno.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/mman.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/memfd.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <platform/usercopy.h>
#include "sys.h"

static struct vm *cur_vm(void)
{
	return current_thread()->vm;
}

/*
 * A mapping of a file, paged in from it on first touch (vm_mmap_file).
 * Shared mappings need the service's own pages (get_page: tmpfs) or the
 * page cache's (readpage: the initramfs, disk services); of a file with
 * neither a shared mapping that could be written is -ENODEV, not a copy
 * whose writes would never reach the file.  Shared mappings stay as they are when the file
 * shrinks (Linux unmaps the pages past the new end: SIGBUS there).
 */
static long mmap_file(struct vm *vm, uintptr_t addr, size_t len, unsigned prot, unsigned flags,
		      int fd, uint64_t off)
{
	struct file *f = get_file(fd);
	bool shared = (flags & MAP_TYPE) != MAP_PRIVATE;
	unsigned acc;
	bool sealed;
	struct vfs_stat st;
	long at;

	/* Linux's order: the descriptor, then the length and type, then access */
	if (!f)
		return -EBADF;
	at = -EINVAL;
	if (!len || ((flags & MAP_TYPE) != MAP_SHARED && (flags & MAP_TYPE) != MAP_PRIVATE &&
		     (flags & MAP_TYPE) != MAP_SHARED_VALIDATE))
		goto out;
	at = -ENOMEM;
	if (len > USER_TOP)
		goto out;
	len = ALIGN_UP(len, PAGE_SIZE);
	acc = f->flags & O_ACCMODE;
	at = -EACCES;
	if (shared && (prot & PROT_WRITE) && acc != O_RDWR)
		goto out;
	if (acc == O_WRONLY || (f->flags & O_PATH))
		goto out;
	at = -ENODEV;
	if (f->inode->kind != INODE_FILE || vfs_stat(f->inode, &st))
		goto out;
	if (S_ISCHR(st.mode) && st.rdev == ((1 << 8) | 5)) { /* /dev/zero: anonymous memory */
		at = vm_mmap(vm, addr, len, prot, flags | MAP_ANONYMOUS);
		goto out;
	}
	if (!S_ISREG(st.mode))
		goto out;
	if (shared && !vfs_has_pages(f->inode) && (prot & PROT_WRITE))
		goto out;
	/* a write-sealed memfd: no shared mapping may ever write */
	sealed = shared && (memfd_seals(f->inode) & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE));
	at = -EPERM;
	if (sealed && (prot & PROT_WRITE))
		goto out;
	inode_get(f->inode);
	at = vm_mmap_file(vm, addr, len, prot,
			  (flags & ~MAP_SHARED_VALIDATE) | (shared ? MAP_SHARED : MAP_PRIVATE),
			  f->inode, off,
			  shared && (sealed || acc != O_RDWR || !vfs_has_pages(f->inode)));
	if (at < 0)
		inode_put(f->inode);
	else if (f->path)
		vm_name_file(vm, f->inode, f->path);
out:
	file_put(f);
	return at;
}

/*
 * mlock family: all memory is resident already, so a lock only counts
 * against RLIMIT_MEMLOCK (kernel/mm/mlock.c).  Without CAP_IPC_LOCK a limit
 * of 0 refuses every lock with EPERM, as Linux's can_do_mlock.
 */
static bool can_mlock(void)
{
	return rlimit_cur(RLIMIT_MEMLOCK) != 0 || capable(CAP_IPC_LOCK);
}

/* mmap(addr, len, prot, flags, fd, offset) */
long sys_mmap(const struct syscall_args *a)
{
	unsigned flags = (unsigned)a->arg[3];

	if (!cur_vm())
		return -ENOMEM;
	if (a->arg[5] & (PAGE_SIZE - 1))
		return -EINVAL;
	if ((flags & MAP_LOCKED) && !can_mlock())
		return -EPERM;
	if (!(flags & MAP_ANONYMOUS))
		return mmap_file(cur_vm(), a->arg[0], a->arg[1], (unsigned)a->arg[2], flags,
				 (int)a->arg[4], a->arg[5]);
	return vm_mmap(cur_vm(), a->arg[0], a->arg[1], (unsigned)a->arg[2], flags);
}

/* mremap(old, old_len, new_len, flags, new_addr) */
long sys_mremap(const struct syscall_args *a)
{
	return cur_vm() ? vm_mremap(cur_vm(), a->arg[0], a->arg[1], a->arg[2], (unsigned)a->arg[3],
				    a->arg[4])
			: -ENOMEM;
}

long sys_munmap(const struct syscall_args *a)
{
	return cur_vm() ? vm_munmap(cur_vm(), a->arg[0], a->arg[1]) : -EINVAL;
}

long sys_mprotect(const struct syscall_args *a)
{
	return cur_vm() ? vm_mprotect(cur_vm(), a->arg[0], a->arg[1], (unsigned)a->arg[2])
			: -ENOMEM;
}

long sys_brk(const struct syscall_args *a)
{
	return cur_vm() ? (long)vm_brk(cur_vm(), a->arg[0]) : 0;
}

/* madvise(addr, len, advice): DONTNEED drops private pages (they read back
 * as zero); the hints that only steer the page cache are accepted. */
long sys_madvise(const struct syscall_args *a)
{
	uintptr_t addr = a->arg[0];
	size_t len = a->arg[1];

	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	switch ((int)a->arg[2]) {
	case MADV_DONTNEED:
		return cur_vm() ? vm_discard(cur_vm(), addr, len) : -ENOMEM;
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_FREE:
		return 0;
	default:
		return -EINVAL;
	}
}

/* msync(addr, len, flags): MS_SYNC writes back the cached dirty pages of
 * the shared file mappings in the range, waits and fsyncs their files'
 * metadata (vm_msync); MS_ASYNC
 * does nothing more, as on Linux since 2.6.19 (the writeback thread will);
 * tmpfs pages are the file's own, so only the arguments are checked. */
long sys_msync(const struct syscall_args *a)
{
	unsigned flags = (unsigned)a->arg[2];
	struct vm *vm = cur_vm();
	uintptr_t addr = a->arg[0];
	size_t len = ALIGN_UP(a->arg[1], PAGE_SIZE);
	long err = 0;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	if (!vm || !len)
		return 0;
	if (addr + len < addr || !vm_range_mapped(vm, addr, addr + len))
		err = -ENOMEM;
	if (!err && (flags & MS_SYNC))
		err = vm_msync(vm, addr, addr + len);
	return err;
}

/* mincore(addr, length, vec): a byte per page, 1 when resident (bit 0),
 * filled VMA by VMA; a page outside every mapping ends it with ENOMEM. */
long sys_mincore(const struct syscall_args *a)
{
	uintptr_t addr = a->arg[0];
	size_t len = a->arg[1], pages;
	uint8_t __user *vec = uptr(a->arg[2]);
	struct vm *vm = cur_vm();
	uint8_t buf[256];

	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	if (addr > USER_TOP || len > USER_TOP - addr)
		return -ENOMEM;
	pages = len / PAGE_SIZE + (len % PAGE_SIZE != 0);
	if (a->arg[2] > USER_TOP || pages > USER_TOP - a->arg[2])
		return -EFAULT; /* before any page is looked at, as Linux's access_ok */
	if (!vm)
		return pages ? -ENOMEM : 0;
	while (pages) {
		long n = vm_mincore(vm, addr, MIN(pages, sizeof(buf)), buf);

		if (n < 0)
			return n;
		if (copy_to_user(vec, buf, (size_t)n))
			return -EFAULT;
		vec += n;
		addr += (size_t)n * PAGE_SIZE;
		pages -= (size_t)n;
	}
	return 0;
}

static long do_mlock(uintptr_t start, size_t len, bool lock)
{
	struct vm *vm = cur_vm();

	if (lock && !can_mlock())
		return -EPERM;
	len = ALIGN_UP(len + (start & (PAGE_SIZE - 1)), PAGE_SIZE);
	start = ALIGN_DOWN(start, PAGE_SIZE);
	if (!vm)
		return len ? -ENOMEM : 0;
	return vm_mlock(vm, start, len, lock);
}

long sys_mlock(const struct syscall_args *a)
{
	return do_mlock(a->arg[0], a->arg[1], true);
}

long sys_munlock(const struct syscall_args *a)
{
	return do_mlock(a->arg[0], a->arg[1], false);
}

long sys_mlockall(const struct syscall_args *a)
{
	unsigned f = (unsigned)a->arg[0];

	if (!f || (f & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || f == MCL_ONFAULT)
		return -EINVAL;
	if (!can_mlock())
		return -EPERM;
	return cur_vm() ? vm_mlockall(cur_vm(), f) : 0;
}

long sys_munlockall(const struct syscall_args *a)
{
	return cur_vm() ? vm_mlockall(cur_vm(), 0) : 0;
}
