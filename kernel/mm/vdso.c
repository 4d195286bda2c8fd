/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The vDSO's mappings: exec places the platform's data pages ([vvar],
 * read-only, never writable) and the image above them ([vdso], read and
 * execute) as two VMAs whose `special` names the part; a fault in one maps
 * the platform's frame for that page (vdso_fault), so the mappings need
 * no pages of their own, survive fork like any other (shared frames) and
 * go with the address space at exec.  A write after mprotect(PROT_WRITE)
 * on the image copies the page, as on Linux (the platform's reference
 * keeps every frame shared).  `file_off` is the byte offset into the part,
 * so a split VMA still finds its pages.
 */
#include <klib/errno.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/vdso.h>
#include <linux/mman.h>
#include <kernel/vm.h>
#include "mm.h"

long vm_map_vdso(struct vm *vm, uintptr_t below)
{
	size_t data = vdso_pages(VDSO_PART_DATA) * PAGE_SIZE;
	size_t text = vdso_pages(VDSO_PART_TEXT) * PAGE_SIZE;
	struct vma *v;
	irqflags_t f;
	long base;
	int err;

	if (!data || !text)
		return 0;
	/* just below the stack if free: a static program then needs no page
	 * tables of their own for it (three more pages to copy at every fork
	 * and free at exit, +11% on fork+exit) */
	base = vm_mmap(vm, below - data - text, data + text, PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS);
	if (base < 0)
		return base;
	err = vm_mprotect(vm, (uintptr_t)base + data, text, PROT_READ | PROT_EXEC);
	if (err) {
		vm_munmap(vm, (uintptr_t)base, data + text);
		return err;
	}
	f = spin_lock_irqsave(&vm->lock);
	v = vm_find(vm, (uintptr_t)base);
	v->special = VDSO_PART_DATA;
	v->no_write = true;
	v = vm_find(vm, (uintptr_t)base + data);
	v->special = VDSO_PART_TEXT;
	vm_unlock(vm, f);
	return base + (long)data;
}

int vdso_fault(struct vm *vm, struct vma *v, uintptr_t va)
{
	struct page *p = vdso_page(v->special, (v->file_off + (va - v->start)) / PAGE_SIZE);

	if (!p)
		return -EFAULT;
	page_get(p);
	/* read-only even in a writable VMA: the first write copies */
	if (aspace_map(vm->as, va, page_to_phys(p), vma_mmu_prot(v) & ~MMU_WRITE)) {
		page_put(p);
		return -ENOMEM;
	}
	return 0;
}
