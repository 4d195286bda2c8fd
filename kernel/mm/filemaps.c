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
#include <kernel/vfs.h>
#include <kernel/vm.h>
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

unsigned vm_file_maps(const struct inode *file, bool writable)
{
	struct vm *vms[VM_BATCH];
	struct process *p;
	unsigned total = 0;
	int skip = 0;
	bool more;

	/* a batch of address spaces under the tree lock, then each vm's own
	 * lock (it ranks below the tree lock); a vm shared by two processes
	 * (vfork) is counted once per batch */
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
			total += count_in(vms[i], file, writable);
			vm_put(vms[i]);
		}
	} while (more);
	return total;
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
