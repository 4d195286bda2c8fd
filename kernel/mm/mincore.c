/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * mincore: which pages of a range are in memory.  A page is resident when
 * the address space holds a frame for it (touched anonymous memory, a
 * copied or faulted file page) or, in a file mapping, when it lies within
 * the file: every file here is in memory (tmpfs, the initramfs), where
 * Linux asks its page cache; a hole in a sparse file counts as resident.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <kernel/vfs.h>
#include "mm.h"

/* One VMA's part of [addr, addr + n pages): fills out[], returns the
 * number of pages done (> 0), or -ENOMEM when addr is in no VMA. */
long vm_mincore(struct vm *vm, uintptr_t addr, size_t n, uint8_t *out)
{
	struct inode *file = NULL;
	uint64_t off = 0;
	irqflags_t f = spin_lock_irqsave(&vm->lock);
	struct vma *v, *in = NULL;
	size_t done = 0;

	list_for_each_entry (v, &vm->vmas, link) {
		if (addr >= v->start && addr < v->end) {
			in = v;
			break;
		}
	}
	if (!in) {
		vm_unlock(vm, f);
		return -ENOMEM;
	}
	n = MIN(n, (in->end - addr) / PAGE_SIZE);
	if (in->file) {
		file = in->file;
		inode_get(file);
		off = in->file_off + (addr - in->start);
	}
	for (; done < n; done++)
		out[done] = aspace_lookup(vm->as, addr + done * PAGE_SIZE, NULL) != 0;
	vm_unlock(vm, f);
	if (file) {
		struct vfs_stat st;

		if (vfs_stat(file, &st) == 0) {
			for (size_t i = 0; i < n; i++) {
				if (off + i * PAGE_SIZE < (uint64_t)st.size)
					out[i] = 1;
			}
		}
		inode_put(file);
	}
	return (long)n;
}
