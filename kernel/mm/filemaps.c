/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Who maps a file: the shared mappings of one inode across every address
 * space, counted by walking each live process's VMAs.  memfd's F_SEAL_WRITE
 * asks whether a writable shared mapping exists (EBUSY), System V shared
 * memory derives a segment's attach count from it, so neither needs a
 * counter kept in step with mmap, fork, split and exit.  The answer is a
 * snapshot: a mapping made during the walk may be missed, as a racing
 * mmap on Linux would land just after the check.
 */
#include <klib/list.h>
#include <linux/mman.h>
#include <kevlar_vfs/inode.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/pagecache.h>
#include <kernel/vm.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include "mm.h"

#define VM_BATCH 32

static unsigned count_in(struct vm *vm, const struct inode *file, bool writable)
{
	unsigned n = 0;
	struct vma *v;
	irqflags_t f = spin_lock_irqsave(&vm->lock);

	list_for_each_entry (v, &vm->vmas, link)
		if (v->file == file && (v->flags & MAP_SHARED) && (!writable || !v->no_write))
			n++;
	vm_unlock(vm, f);
	return n;
}

/* Call fn(vm, arg) on every live address space, each with a reference
 * held and no lock: batches of them under the tree lock (a vm's own lock
 * ranks below it); a vm shared by two processes (vfork) comes once per
 * batch. */
static void for_each_vm(void (*fn)(struct vm *vm, void *arg), void *arg)
{
	struct vm *vms[VM_BATCH];
	struct process *p;
	int skip = 0;
	bool more;

	do {
		int n = 0, seen = 0;
		irqflags_t f = process_lock_tree();

		more = false;
		for_each_process(p)
		{
			bool dup = false;

			if (p->state != PROC_ALIVE || !p->vm || seen++ < skip)
				continue;
			if (n == VM_BATCH) {
				more = true;
				break;
			}
			skip++;
			for (int i = 0; i < n; i++)
				dup |= vms[i] == p->vm;
			if (dup)
				continue;
			vm_get(p->vm);
			vms[n++] = p->vm;
		}
		process_unlock_tree(f);
		for (int i = 0; i < n; i++) {
			fn(vms[i], arg);
			vm_put(vms[i]);
		}
	} while (more);
}

struct maps_count {
	const struct inode *file;
	bool writable;
	unsigned total;
};

static void count_fn(struct vm *vm, void *arg)
{
	struct maps_count *c = arg;

	c->total += count_in(vm, c->file, c->writable);
}

unsigned vm_file_maps(const struct inode *file, bool writable)
{
	struct maps_count c = {.file = file, .writable = writable};

	for_each_vm(count_fn, &c);
	return c.total;
}

struct wrprotect {
	const struct inode *file;
	uint64_t from, to; /* page indexes, inclusive */
};

/* Make the present writable pages of file's shared mappings in vm that
 * hold pages [from, to] read-only: the next store faults and dirties the
 * page again (fault.c). */
static void wrprotect_fn(struct vm *vm, void *arg)
{
	const struct wrprotect *w = arg;
	irqflags_t f = spin_lock_irqsave(&vm->lock);
	struct vma *v;

	aspace_batch_begin(vm->as);
	list_for_each_entry (v, &vm->vmas, link) {
		uint64_t first = v->file_off / PAGE_SIZE;
		uint64_t last = first + (v->end - v->start) / PAGE_SIZE - 1;
		uintptr_t va, end;

		if (v->file != w->file || !(v->flags & MAP_SHARED) || last < w->from ||
		    first > w->to)
			continue;
		va = v->start + (MAX(first, w->from) - first) * PAGE_SIZE;
		end = v->start + (MIN(last, w->to) - first + 1) * PAGE_SIZE;
		for (paddr_t pa; va < end && (pa = aspace_next(vm->as, &va, end));
		     va += PAGE_SIZE) {
			unsigned prot;

			if (!aspace_lookup(vm->as, va, &prot) || !(prot & MMU_WRITE) ||
			    !aspace_map(vm->as, va, pa, prot & ~MMU_WRITE))
				continue;
			/* cannot happen (the entry exists); unmapped, the
			 * next store faults it in and dirties it all the same */
			(void)aspace_unmap(vm->as, va);
			page_put(phys_to_page(pa)); /* the cache keeps its own */
		}
	}
	aspace_batch_end(vm->as);
	vm_unlock(vm, f);
}

void vm_file_wrprotect(const struct inode *file, uint64_t from, uint64_t to)
{
	struct wrprotect w = {.file = file, .from = from, .to = to};
	struct thread *t = current_thread();

	for_each_vm(wrprotect_fn, &w);
	if (!t->proc && t->vm) /* a kernel thread's own (the self-tests') */
		wrprotect_fn(t->vm, &w);
}

int vm_msync(struct vm *vm, uintptr_t start, uintptr_t end)
{
	uintptr_t at = start;
	int err = 0;

	/* one mapping at a time, its file held across the writeback (which
	 * sleeps, so without vm->lock) */
	while (at < end) {
		struct inode *file = NULL;
		uint64_t from = 0, to = 0;
		irqflags_t f = spin_lock_irqsave(&vm->lock);
		struct vma *v;

		list_for_each_entry (v, &vm->vmas, link) {
			if (v->end <= at || !v->file || !(v->flags & MAP_SHARED) ||
			    !pcache_enabled(v->file))
				continue;
			if (v->start >= end)
				break;
			file = v->file;
			inode_get(file);
			from = (v->file_off + (MAX(v->start, at) - v->start)) / PAGE_SIZE;
			to = (v->file_off + (MIN(v->end, end) - v->start)) / PAGE_SIZE - 1;
			at = v->end;
			break;
		}
		vm_unlock(vm, f);
		if (!file)
			break;
		/* the pages and then the metadata that reaches them (blocks the
		 * writeback allocated): MS_SYNC's data is durable when it returns */
		if (!err)
			err = vfs_fsync_range(file, from, to, true);
		inode_put(file);
	}
	return err;
}

struct inode *vm_file_at(struct vm *vm, uintptr_t addr)
{
	struct inode *file = NULL;
	irqflags_t f = spin_lock_irqsave(&vm->lock);
	struct vma *v = vm_find(vm, addr);

	if (v && v->start == addr && v->file && (v->flags & MAP_SHARED)) {
		file = v->file;
		inode_get(file);
	}
	vm_unlock(vm, f);
	return file;
}

bool vm_range_used(struct vm *vm, uintptr_t start, uintptr_t end)
{
	irqflags_t f = spin_lock_irqsave(&vm->lock);
	bool used = false;
	struct vma *v;

	list_for_each_entry (v, &vm->vmas, link)
		used |= v->start < end && start < v->end;
	vm_unlock(vm, f);
	return used;
}
