/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * vm_fork(): the child gets a copy of every VMA and shares every present
 * page with the parent.  Pages of private writable VMAs become read-only in
 * both; the first write by either side copies (fault.c).  MAP_SHARED
 * memory stays writable in both: it is one memory.  Cost is one reference
 * and one page-table entry per present page, no data copied.
 */
#include <klib/errno.h>
#include <platform/kmalloc.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <linux/mman.h>
#include <kevlar_vfs/service.h>
#include <kernel/path.h>
#include <kernel/vm.h>
#include <kernel/vfs.h>
#include "mm.h"

static int share_pages(struct vm *parent, struct vm *child, struct vma *v)
{
	bool shared = v->flags & MAP_SHARED; /* the same memory for both, writes included */
	unsigned prot = shared ? vma_mmu_prot(v) : vma_mmu_prot(v) & ~MMU_WRITE;
	/* only a private writable VMA's pages change in the parent: read-only
	 * ones (text) already have no write access there */
	bool downgrade = prot != vma_mmu_prot(v);
	uintptr_t va = v->start;
	paddr_t pa;

	for (; (pa = aspace_next(parent->as, &va, v->end)); va += PAGE_SIZE) {
		if (aspace_map(child->as, va, pa, prot))
			return -ENOMEM;
		page_get(phys_to_page(pa));
		if (downgrade &&
		    aspace_map(parent->as, va, pa, prot)) /* existing entry: cannot fail */
			panic("vm: remapping a present page failed");
	}
	return 0;
}

struct vm *vm_fork(struct vm *parent)
{
	struct vm *child = vm_create();
	struct vma *v;
	irqflags_t f;
	int err = 0;

	if (!child)
		return NULL;
	f = spin_lock_irqsave(&parent->lock);
	aspace_batch_begin(parent->as); /* the write-protected pages: one TLB flush */
	child->brk_start = parent->brk_start;
	child->brk = parent->brk;
	child->mmap_base = parent->mmap_base;
	/* membarrier registrations survive fork (exec starts a new vm) */
	child->membarrier = __atomic_load_n(&parent->membarrier, __ATOMIC_RELAXED);
	list_for_each_entry (v, &parent->vmas, link) {
		struct vma *n = kmalloc(sizeof(*n));

		if (!n) {
			err = -ENOMEM;
			break;
		}
		*n = *v;
		n->locked = false; /* memory locks are not inherited */
		if (n->file)
			inode_get(n->file);
		if (n->file_path)
			path_get(n->file_path);
		list_add_tail(&n->link, &child->vmas);
		err = share_pages(parent, child, n);
		if (err)
			break;
	}
	aspace_batch_end(parent->as);
	spin_unlock_irqrestore(&parent->lock, f);
	if (err) {
		vm_put(child); /* drops the references taken so far */
		return NULL;
	}
	return child;
}
