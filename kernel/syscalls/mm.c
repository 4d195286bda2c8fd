/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Memory system calls: mmap (anonymous private memory for now; file and
 * shared mappings arrive with the VFS), munmap, mprotect, brk and
 * madvise(MADV_DONTNEED).  Argument checks follow Linux's order so the
 * same mistake gives the same errno.
 */
#include <klib/errno.h>
#include <linux/mman.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <generated/syscalls.h>
#include <kernel/sched.h>
#include <kernel/vm.h>

static struct vm *cur_vm(void)
{
	return current_thread()->vm;
}

/* mmap(addr, len, prot, flags, fd, offset) */
long sys_mmap(const struct syscall_args *a)
{
	unsigned flags = (unsigned)a->arg[3];

	if (!cur_vm())
		return -ENOMEM;
	if (a->arg[5] & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV; /* no file mappings until the VFS */
	return vm_mmap(cur_vm(), a->arg[0], a->arg[1], (unsigned)a->arg[2], flags);
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
