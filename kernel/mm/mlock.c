/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Memory locks (mlock, mlockall, MAP_LOCKED) as RLIMIT_MEMLOCK accounts
 * them.  Every page Kevlar maps stays resident (there is no swap), so a
 * lock changes nothing but the count: each VMA carries a `locked` flag,
 * the locked bytes of a vm are the sum over its locked VMAs, and locking
 * more than RLIMIT_MEMLOCK allows fails as on Linux unless the caller holds
 * CAP_IPC_LOCK.  Locks are dropped by munmap with their VMA and are not
 * inherited by fork or kept by execve.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/mman.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <kernel/cred.h>
#include <kernel/rlimit.h>
#include <kernel/vm.h>
#include "mm.h"

/* Locked bytes of `vm` within [start, end) (vm->lock held). */
static size_t locked_in(struct vm *vm, uintptr_t start, uintptr_t end)
{
	struct vma *v;
	size_t n = 0;

	list_for_each_entry (v, &vm->vmas, link) {
		uintptr_t s = MAX(v->start, start), e = MIN(v->end, end);

		if (v->locked && s < e)
			n += e - s;
	}
	return n;
}

/* The caller's RLIMIT_MEMLOCK in pages, or UINT64_MAX for no limit. */
static uint64_t lock_limit_pages(void)
{
	uint64_t lim = rlimit_cur(RLIMIT_MEMLOCK);

	return lim == RLIM64_INFINITY || capable(CAP_IPC_LOCK) ? UINT64_MAX : lim / PAGE_SIZE;
}

bool mlock_allowed(struct vm *vm, size_t len)
{
	uint64_t lim = lock_limit_pages();

	return lim == UINT64_MAX || (locked_in(vm, 0, USER_TOP) + len) / PAGE_SIZE <= lim;
}

int vm_mlock(struct vm *vm, uintptr_t start, size_t len, bool lock)
{
	uintptr_t end = start + len;
	uint64_t lim = lock ? lock_limit_pages() : UINT64_MAX;
	struct vma *v;
	irqflags_t f;
	int err = 0;

	if (end < start)
		return -EINVAL;
	if (!len)
		return 0;
	f = spin_lock_irqsave(&vm->lock);
	/* pages locked already in the range are not counted twice */
	if (lim != UINT64_MAX &&
	    (locked_in(vm, 0, USER_TOP) - locked_in(vm, start, end) + len) / PAGE_SIZE > lim)
		err = -ENOMEM;
	else if (!vm_covered_locked(vm, start, end))
		err = -ENOMEM;
	else
		err = vm_isolate_locked(vm, start, end);
	if (!err) {
		list_for_each_entry (v, &vm->vmas, link) {
			if (v->start >= start && v->end <= end)
				v->locked = lock;
		}
	}
	vm_unlock(vm, f);
	return err;
}

int vm_mlockall(struct vm *vm, unsigned flags)
{
	uint64_t lim = flags ? lock_limit_pages() : UINT64_MAX;
	size_t total = 0;
	struct vma *v;
	irqflags_t f;
	int err = 0;

	f = spin_lock_irqsave(&vm->lock);
	list_for_each_entry (v, &vm->vmas, link)
		total += v->end - v->start;
	/* Linux compares everything mapped with the limit, locked or not */
	if ((flags & MCL_CURRENT) && lim != UINT64_MAX && total / PAGE_SIZE > lim) {
		err = -ENOMEM;
	} else {
		if (!flags || (flags & MCL_CURRENT)) {
			list_for_each_entry (v, &vm->vmas, link)
				v->locked = flags != 0;
		}
		vm->lock_future = flags & MCL_FUTURE;
	}
	vm_unlock(vm, f);
	return err;
}
