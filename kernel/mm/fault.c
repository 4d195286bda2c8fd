/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Page faults and copy-on-write.  A fault in a VMA that permits the access
 * either maps a fresh zero page (first touch), or, on a write to a page
 * shared after fork, gives the writer its own copy (or takes the page over
 * when it is the last sharer).  Any other fault is the program's error.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/upcall.h>
#include <linux/mman.h>
#include <kernel/oom.h>
#include <kernel/pagecache.h>
#include <kernel/exec.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include "mm.h"

unsigned vma_mmu_prot(const struct vma *v)
{
	unsigned p = MMU_USER;

	/* x86 cannot map write-only or exec-only: both imply read, as on Linux */
	if (v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
		p |= MMU_READ;
	if (v->prot & PROT_WRITE)
		p |= MMU_WRITE;
	if (v->prot & PROT_EXEC)
		p |= MMU_EXEC;
	return p;
}

/* Mapping for a present page: writable only if the VMA allows it and no
 * one else shares the frame (else the first write copies it). */
static unsigned page_prot(const struct vma *v, paddr_t pa)
{
	unsigned p = vma_mmu_prot(v);

	if (page_refs(phys_to_page(pa)) > 1)
		p &= ~MMU_WRITE;
	return p;
}

void vma_update_ptes(struct vm *vm, struct vma *v)
{
	uintptr_t va = v->start;
	paddr_t pa;

	for (; (pa = aspace_next(vm->as, &va, v->end)); va += PAGE_SIZE) {
		/* remapping an existing entry needs no new table: cannot fail */
		if (aspace_map(vm->as, va, pa, page_prot(v, pa)))
			panic("vm: remapping a present page failed");
	}
}

static bool access_allowed(const struct vma *v, unsigned access)
{
	if (access & PF_WRITE_ACCESS)
		return v->prot & PROT_WRITE;
	if (access & PF_EXEC_ACCESS)
		return v->prot & PROT_EXEC;
	return v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
}

/* A write to a present read-only page of a writable VMA: copy on write. */
static int cow_break(struct vm *vm, struct vma *v, uintptr_t va, paddr_t pa)
{
	struct page *old = phys_to_page(pa), *copy;

	if (v->flags & MAP_SHARED) { /* shared memory is never copied */
		/* a cached file page: written from now on (pagecache.c) */
		if (v->file && pcache_enabled(v->file))
			(void)pcache_mark_dirty(v->file,
						(v->file_off + (va - v->start)) / PAGE_SIZE);
		return aspace_map(vm->as, va, pa, vma_mmu_prot(v));
	}
	if (page_refs(old) == 1) /* the other sharers are gone: take it over */
		return aspace_map(vm->as, va, pa, vma_mmu_prot(v));
	copy = alloc_page(0);
	if (!copy)
		return -ENOMEM;
	page_copy(copy, old);
	if (aspace_map(vm->as, va, page_to_phys(copy), vma_mmu_prot(v))) {
		free_page(copy);
		return -ENOMEM;
	}
	page_put(old);
	return 0;
}

/* The page for `off` of `file`: the service's own page when it keeps one
 * (a reference taken; *own set), else a fresh page with the bytes read
 * (zero past the end of the file).  -ENXIO for a page wholly past the end. */
static int file_page(struct inode *file, uint64_t off, struct page **out, bool *own)
{
	struct iobuf b = {.user = false, .len = PAGE_SIZE};
	struct vfs_stat st;
	struct page *p;
	ssize_t n;
	int err;

	if (pcache_enabled(file)) { /* the page cache's frame, with a reference */
		*own = true;
		err = pcache_read_page(file, off / PAGE_SIZE, out);
		return !err || err == -ENOMEM ? err : -ENXIO;
	}
	err = vfs_get_page(file, off / PAGE_SIZE, &p);
	if (!err) {
		*out = p;
		page_get(*out);
		*own = true;
		return 0;
	}
	if (err != -ENODEV)
		return err == -ENOMEM ? err : -ENXIO;
	*own = false;
	if (vfs_stat(file, &st) || (int64_t)off >= st.size)
		return -ENXIO;
	p = alloc_page(PAF_ZERO);
	if (!p)
		return -ENOMEM;
	b.kbuf = page_address(p);
	n = vfs_read_full(file, off, &b);
	if (n < 0) {
		free_page(p);
		return -ENXIO;
	}
	*out = p;
	return 0;
}

/*
 * A page of a file mapping, fetched with vm->lock dropped (reading may
 * sleep), then mapped if the mapping is still there and nobody mapped the
 * page meanwhile.  A shared mapping maps the file's own page writable; a
 * private one maps it read-only so the first write copies (cow_break), or
 * maps its private copy when the service keeps no pages.
 */
static int file_fault(struct vm *vm, struct vma *v, uintptr_t va, unsigned access, irqflags_t *f)
	__must_hold(&vm->lock)
{
	struct inode *file = v->file;
	uint64_t off = v->file_off + (va - v->start);
	struct page *p = NULL;
	unsigned prot;
	bool own = false;
	int err;

	bool cached = (v->flags & MAP_SHARED) && pcache_enabled(file);

	inode_get(file);
	vm_unlock(vm, *f);
	err = file_page(file, off, &p, &own);
	/* a shared mapping of a cached page is writable once written: the
	 * store dirties it, and writeback protects it again (pagecache.c) */
	if (!err && cached && (access & PF_WRITE_ACCESS))
		(void)pcache_mark_dirty(file, off / PAGE_SIZE);
	inode_put(file);
	*f = spin_lock_irqsave(&vm->lock);
	v = vm_find(vm, va);
	if (!err && (!v || v->file != file || aspace_lookup(vm->as, va, NULL)))
		err = 1; /* changed while unlocked: retry the access */
	if (!err) {
		prot = vma_mmu_prot(v);
		if ((own && !(v->flags & MAP_SHARED)) || (cached && !(access & PF_WRITE_ACCESS)))
			prot &= ~MMU_WRITE;
		if (aspace_map(vm->as, va, page_to_phys(p), prot))
			err = -ENOMEM;
	}
	if (err && p)
		page_put(p);
	return err > 0 ? 0 : err;
}

int vm_fault(struct vm *vm, uintptr_t addr, unsigned access)
{
	uintptr_t va = ALIGN_DOWN(addr, PAGE_SIZE);
	struct vma *v;
	unsigned cur;
	paddr_t pa;
	irqflags_t f = spin_lock_irqsave(&vm->lock);
	int err = 0;

	v = vm_find(vm, addr);
	if (!v) {
		err = -EFAULT;
		goto out;
	}
	if (!access_allowed(v, access)) {
		err = -EACCES;
		goto out;
	}
	pa = aspace_lookup(vm->as, va, &cur);
	/* RLIMIT_STACK bounds how far the main stack grows (SIGSEGV past it) */
	if (!pa && v->end == EXEC_STACK_TOP && v->end - va > rlimit_cur(RLIMIT_STACK)) {
		err = -EFAULT;
		goto out;
	}
	if (!pa && v->file) {
		err = file_fault(vm, v, va, access, &f);
	} else if (!pa && v->special) {
		err = vdso_fault(vm, v, va);
	} else if (!pa) {
		struct page *p = alloc_page(PAF_ZERO);

		if (!p) {
			err = -ENOMEM;
		} else if (aspace_map(vm->as, va, page_to_phys(p), vma_mmu_prot(v))) {
			free_page(p);
			err = -ENOMEM;
		}
	} else if ((access & PF_WRITE_ACCESS) && !(cur & MMU_WRITE)) {
		err = cow_break(vm, v, va, pa);
	}
	/* else: another thread resolved it first, or a stale TLB entry */
out:
	vm_unlock(vm, f);
	return err;
}

/* The platform upcall after page_fault() gave -ENOMEM: run the OOM killer
 * (kill a victim, or wait for the last one to go).  true: retry the
 * access from the start.  false when nothing can be freed, or the caller
 * is the victim: a usercopy then fails with EFAULT, and a user access gets
 * SIGSEGV unless its pending SIGKILL ends it first.  Kept apart from the
 * fault itself so the fault path pays nothing for it. */
bool page_fault_oom(void)
{
	return oom_recover();
}

/* The platform upcall: faults on user addresses from user mode or usercopy. */
int page_fault(uintptr_t addr, unsigned access)
{
	struct vm *vm = current_thread()->vm;

	return vm ? vm_fault(vm, addr, access) : -EFAULT;
}
