/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * VMAs: creation, lookup, splitting, and the mmap/munmap/mprotect/brk
 * operations on them.  Pages are only allocated on fault (fault.c); here a
 * range's pages are released when it is unmapped.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/mmu.h>
#include <platform/percpu.h>
#include <platform/page.h>
#include <linux/capability.h>
#include <linux/mman.h>
#include <kevlar_vfs/service.h>
#include <kernel/vfs.h>
#include <kernel/path.h>
#include <kernel/exec.h>
#include <kernel/process.h>
#include <kernel/cred.h>
#include <kernel/oom.h>
#include <kernel/rlimit.h>
#include <kernel/vm.h>
#include "mm.h"

#define MAP_ALLOWED                                                                             \
	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_NORESERVE | \
	 MAP_POPULATE | MAP_STACK | MAP_FIXED_NOREPLACE | MAP_DENYWRITE | MAP_EXECUTABLE |      \
	 MAP_LOCKED | MAP_NONBLOCK | MAP_HUGETLB)

struct vm *vm_create(void)
{
	struct vm *vm = kzalloc(sizeof(*vm));

	if (!vm)
		return NULL;
	vm->as = aspace_create();
	if (!vm->as) {
		kfree(vm);
		return NULL;
	}
	spin_lock_init(&vm->lock, "vm", LOCK_RANK_VM);
	list_init(&vm->vmas);
	list_init(&vm->dead);
	vm->mmap_base = VM_MMAP_BASE;
	vm->refs = 1;
	return vm;
}

void vm_get(struct vm *vm)
{
	__atomic_add_fetch(&vm->refs, 1, __ATOMIC_RELAXED);
}

void vm_put(struct vm *vm)
{
	struct list_head *pos, *tmp;

	if (__atomic_sub_fetch(&vm->refs, 1, __ATOMIC_ACQ_REL))
		return;
	aspace_deactivate(vm->as); /* the teardown below then flushes no other CPU */
	list_for_each_safe (pos, tmp, &vm->vmas) {
		struct vma *v = list_entry(pos, struct vma, link);

		vma_release_pages(vm, v->start, v->end);
		list_del(&v->link);
		vma_drop_file(v);
		kfree(v);
	}
	aspace_destroy(vm->as);
	if (vm->oom_victim)
		oom_victim_freed(vm);
	kfree(vm);
}

/* Drop the VMA's file references (may sleep: outside vm->lock). */
void vma_drop_file(struct vma *v)
{
	if (v->file)
		inode_put(v->file);
	if (v->file_path)
		path_put(v->file_path);
	v->file = NULL;
	v->file_path = NULL;
}

void vm_name_file(struct vm *vm, const struct inode *file, struct path_component *pc)
{
	irqflags_t f = spin_lock_irqsave(&vm->lock);
	struct vma *v;

	list_for_each_entry (v, &vm->vmas, link) {
		if (v->file == file && !v->file_path)
			v->file_path = path_get(pc);
	}
	vm_unlock(vm, f);
}

void vma_kill(struct vm *vm, struct vma *v)
{
	vm->vmas_gen++;
	list_del(&v->link);
	list_add_tail(&v->link, &vm->dead);
}

void vm_unlock(struct vm *vm, irqflags_t f) __releases(&vm->lock)
{
	LIST_HEAD(dead);

	/* take the dead list over, then free outside the lock: dropping a
	 * file reference may call into its filesystem, which may sleep */
	if (!list_empty(&vm->dead)) {
		dead = vm->dead;
		dead.next->prev = &dead;
		dead.prev->next = &dead;
		list_init(&vm->dead);
	}
	spin_unlock_irqrestore(&vm->lock, f);
	while (!list_empty(&dead)) {
		struct vma *v = list_first_entry(&dead, struct vma, link);

		list_del(&v->link);
		vma_drop_file(v);
		kfree(v);
	}
}

/* membarrier's expedited commands read the CPUs that may run a vm from
 * the platform's aspace_cpus(): aspace_activate() enters a CPU in that set
 * (and leaves the old one) with locked read-modify-writes, full barriers
 * between the user accesses before and after, so no fence is needed here. */
void vm_activate(struct vm *vm)
{
	if (vm)
		aspace_activate(vm->as);
}

void vm_leave(void)
{
	aspace_activate(NULL);
}

struct vma *vm_find(struct vm *vm, uintptr_t addr)
{
	struct vma *v;

	list_for_each_entry (v, &vm->vmas, link) {
		if (addr < v->start)
			return NULL;
		if (addr < v->end)
			return v;
	}
	return NULL;
}

/* Frames unmapped in one TLB batch: they are freed only once no CPU's TLB
 * can reach them (aspace_batch_end). */
#define RELEASE_BATCH 16

static void release_batch(struct vm *vm, struct page **pages, unsigned *n)
{
	aspace_batch_end(vm->as);
	for (unsigned i = 0; i < *n; i++)
		page_put(pages[i]);
	*n = 0;
}

/* Drop the frames mapped in [start, end). */
void vma_release_pages(struct vm *vm, uintptr_t start, uintptr_t end)
{
	struct page *pages[RELEASE_BATCH];
	unsigned n = 0;

	aspace_batch_begin(vm->as);
	for (uintptr_t va = start; va < end; va += PAGE_SIZE) {
		paddr_t pa = aspace_unmap(vm->as, va);

		/* a hole: skip to the next page with a frame (absent tables whole) */
		if (!pa && aspace_next(vm->as, &va, end))
			pa = aspace_unmap(vm->as, va);
		if (!pa)
			break;
		pages[n++] = phys_to_page(pa);
		if (n == RELEASE_BATCH) {
			release_batch(vm, pages, &n);
			aspace_batch_begin(vm->as);
		}
	}
	release_batch(vm, pages, &n);
}

/* Split `v` at `at` (start < at < end); the new upper half follows it.
 * -ENOMEM if no memory for the new VMA. */
static int vma_split(struct vm *vm, struct vma *v, uintptr_t at)
{
	struct vma *hi = kmalloc(sizeof(*hi));

	if (!hi)
		return -ENOMEM;
	*hi = *v;
	hi->start = at;
	if (hi->file || hi->special) /* the vDSO's parts: an offset into the part */
		hi->file_off += at - v->start;
	if (hi->file)
		inode_get(hi->file);
	if (hi->file_path)
		path_get(hi->file_path);
	v->end = at;
	list_add(&hi->link, &v->link);
	vm->vmas_gen++;
	return 0;
}

/* Make [start, end) a union of whole VMAs (splitting at the edges). */
static int vma_isolate(struct vm *vm, uintptr_t start, uintptr_t end)
{
	struct vma *v;
	int err;

	v = vm_find(vm, start);
	if (v && v->start < start && (err = vma_split(vm, v, start)))
		return err;
	v = vm_find(vm, end - 1);
	if (v && v->end > end && (err = vma_split(vm, v, end)))
		return err;
	return 0;
}

static void vma_insert(struct vm *vm, struct vma *n)
{
	struct vma *v;

	vm->vmas_gen++;
	list_for_each_entry (v, &vm->vmas, link) {
		if (v->start > n->start) {
			list_add_tail(&n->link, &v->link);
			return;
		}
	}
	list_add_tail(&n->link, &vm->vmas);
}

/* Remove everything in [start, end); the range must be isolated. */
static void unmap_locked(struct vm *vm, uintptr_t start, uintptr_t end)
{
	struct list_head *pos, *tmp;

	list_for_each_safe (pos, tmp, &vm->vmas) {
		struct vma *v = list_entry(pos, struct vma, link);

		if (v->end <= start || v->start >= end)
			continue;
		vma_release_pages(vm, v->start, v->end);
		vma_kill(vm, v);
	}
}

/*
 * Shared anonymous memory is allocated whole when mapped, so every process
 * that inherits the mapping over fork maps the very same frames (fork.c
 * shares them writable).  Linux backs it with a shmem object and allocates
 * on touch; allocating up front trades memory for that object.
 */
static int populate_locked(struct vm *vm, struct vma *v)
{
	for (uintptr_t va = v->start; va < v->end; va += PAGE_SIZE) {
		struct page *p = alloc_page(PAF_ZERO);

		if (!p)
			return -ENOMEM;
		if (aspace_map(vm->as, va, page_to_phys(p), vma_mmu_prot(v))) {
			free_page(p);
			return -ENOMEM;
		}
	}
	return 0;
}

static bool range_free(struct vm *vm, uintptr_t start, uintptr_t end)
{
	struct vma *v;

	list_for_each_entry (v, &vm->vmas, link) {
		if (v->start < end && v->end > start)
			return false;
	}
	return true;
}

/* Highest free gap of `len` bytes ending at or below `top`; 0 if none. */
static uintptr_t find_gap(struct vm *vm, size_t len, uintptr_t top)
{
	uintptr_t cand = top - len;

	while (cand >= VM_MMAP_MIN_ADDR && cand < top) {
		struct vma *v;
		uintptr_t lowest = cand;

		list_for_each_entry (v, &vm->vmas, link) {
			if (v->start < cand + len && v->end > cand && v->start < lowest + len)
				lowest = v->start >= len ? v->start - len : 0;
		}
		if (lowest == cand)
			return cand;
		cand = lowest;
	}
	return 0;
}

static bool valid_range(uintptr_t addr, size_t len)
{
	return len && addr < USER_TOP && len <= USER_TOP - addr;
}

/* A fixed address below vm.mmap_min_addr needs CAP_SYS_RAWIO (Linux's
 * cap_mmap_addr), whatever the caller maps there. */
static bool addr_allowed(uintptr_t addr)
{
	return addr >= VM_MMAP_MIN_ADDR || capable(CAP_SYS_RAWIO);
}

/* What RLIMIT_DATA counts, as Linux: private writable memory other than
 * the stack. */
static bool is_data(const struct vma *v)
{
	return (v->prot & PROT_WRITE) && !(v->flags & (MAP_SHARED | MAP_GROWSDOWN)) &&
	       v->end != EXEC_STACK_TOP;
}

/* may_expand() with a limit set: count the VMAs. */
static __attribute__((noinline)) bool within_limits(struct vm *vm, size_t len, bool data,
						    uintptr_t rs, uintptr_t re,
						    const struct process *p)
{
	uint64_t as = READ_ONCE(p->rlim[RLIMIT_AS].rlim_cur);
	uint64_t dl = READ_ONCE(p->rlim[RLIMIT_DATA].rlim_cur);
	size_t all = 0, dat = 0, gone = 0;
	struct vma *v;

	list_for_each_entry (v, &vm->vmas, link) {
		uintptr_t s = MAX(v->start, rs), e = MIN(v->end, re);

		all += v->end - v->start;
		if (is_data(v))
			dat += v->end - v->start;
		if (s < e)
			gone += e - s;
	}
	len = len > gone ? (len - gone) / PAGE_SIZE : 0;
	if (as != RLIM64_INFINITY && all / PAGE_SIZE + len > as / PAGE_SIZE)
		return false;
	/* Linux lets RLIMIT_DATA 0 stand for its hard limit (for Valgrind) */
	if (data && dl != RLIM64_INFINITY && dat / PAGE_SIZE + len > dl / PAGE_SIZE &&
	    (dl || dat / PAGE_SIZE + len > p->rlim[RLIMIT_DATA].rlim_max / PAGE_SIZE))
		return false;
	return true;
}

/*
 * RLIMIT_AS and RLIMIT_DATA, as Linux's may_expand_vm: may `vm` gain `len`
 * bytes of mapping (`data`: private and writable) in place of what lies in
 * [rs, re) now (MAP_FIXED replaces it)?  Without limits (the usual case)
 * two loads and compares; the VMAs are counted only when a limit is set.
 * vm->lock held.
 */
static inline bool may_expand(struct vm *vm, size_t len, bool data, uintptr_t rs, uintptr_t re)
{
	const struct process *p = current_process();

	if (!p || (READ_ONCE(p->rlim[RLIMIT_AS].rlim_cur) == RLIM64_INFINITY &&
		   (!data || READ_ONCE(p->rlim[RLIMIT_DATA].rlim_cur) == RLIM64_INFINITY)))
		return true;
	return within_limits(vm, len, data, rs, re, p);
}

/* mprotect adding PROT_WRITE to the isolated range [start, end): its
 * private read-only mappings become data, refused (as Linux refuses it)
 * when that passes RLIMIT_DATA while RLIMIT_AS would allow it.  vm->lock
 * held. */
static bool data_may_grow(struct vm *vm, uintptr_t start, uintptr_t end)
{
	size_t becoming = 0;
	struct vma *v;

	if (rlimit_cur(RLIMIT_DATA) == RLIM64_INFINITY)
		return true;
	list_for_each_entry (v, &vm->vmas, link) {
		if (v->start >= start && v->end <= end && !(v->prot & PROT_WRITE) &&
		    !(v->flags & (MAP_SHARED | MAP_GROWSDOWN)) && v->end != EXEC_STACK_TOP)
			becoming += v->end - v->start;
	}
	return !becoming || may_expand(vm, becoming, true, 0, 0) ||
	       !may_expand(vm, becoming, false, 0, 0);
}

static long do_mmap(struct vm *vm, uintptr_t addr, size_t len, unsigned prot, unsigned flags,
		    struct inode *file, uint64_t off, bool no_write);

long vm_mmap(struct vm *vm, uintptr_t addr, size_t len, unsigned prot, unsigned flags)
{
	if (!(flags & MAP_ANONYMOUS))
		return -EINVAL; /* file mappings: vm_mmap_file */
	return do_mmap(vm, addr, len, prot, flags, NULL, 0, false);
}

long vm_mmap_file(struct vm *vm, uintptr_t addr, size_t len, unsigned prot, unsigned flags,
		  struct inode *file, uint64_t off, bool no_write)
{
	if ((flags & MAP_ANONYMOUS) || (no_write && (prot & PROT_WRITE)))
		return -EINVAL;
	return do_mmap(vm, addr, len, prot, flags, file, off, no_write);
}

static long do_mmap(struct vm *vm, uintptr_t addr, size_t len, unsigned prot, unsigned flags,
		    struct inode *file, uint64_t off, bool no_write)
{
	struct vma *n;
	irqflags_t f;
	long ret;

	if (!len || (flags & ~MAP_ALLOWED) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (!(flags & (MAP_PRIVATE | MAP_SHARED)) || (flags & MAP_PRIVATE && flags & MAP_SHARED))
		return -EINVAL;
	if (len > USER_TOP)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	/* the address first (Linux's get_unmapped_area), then the memory */
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) &&
	    (!IS_ALIGNED(addr, PAGE_SIZE) || !valid_range(addr, len)))
		return -EINVAL;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && !addr_allowed(addr))
		return -EPERM;
	/* Linux reserves memory only for what may need fresh pages of its
	 * own: private writable memory and shared anonymous memory.  A shared
	 * or read-only mapping of a file reserves nothing: its pages are the
	 * file's. */
	if (((flags & MAP_PRIVATE && prot & PROT_WRITE) || (flags & MAP_SHARED && !file)) &&
	    !vm_enough_memory(len / PAGE_SIZE, flags & MAP_NORESERVE))
		return -ENOMEM;
	n = kzalloc(sizeof(*n));
	if (!n)
		return -ENOMEM;

	f = spin_lock_irqsave(&vm->lock);
	if ((flags & MAP_LOCKED || vm->lock_future) && !mlock_allowed(vm, len)) {
		ret = -EAGAIN;
	} else if (!may_expand(
			   vm, len,
			   (flags & MAP_PRIVATE) && (prot & PROT_WRITE) && !(flags & MAP_GROWSDOWN),
			   (flags & MAP_FIXED) ? addr : 0, (flags & MAP_FIXED) ? addr + len : 0)) {
		ret = -ENOMEM;
	} else if (flags & MAP_FIXED_NOREPLACE) {
		ret = range_free(vm, addr, addr + len) ? (long)addr : -EEXIST;
	} else if (flags & MAP_FIXED) {
		ret = vma_isolate(vm, addr, addr + len);
		if (!ret) {
			unmap_locked(vm, addr, addr + len);
			ret = (long)addr;
		}
	} else {
		addr = ALIGN_DOWN(addr, PAGE_SIZE);
		if (addr && addr < VM_MMAP_MIN_ADDR)
			addr = VM_MMAP_MIN_ADDR; /* a hint is raised to the floor */
		if (!(addr && valid_range(addr, len) && range_free(vm, addr, addr + len)))
			addr = find_gap(vm, len, vm->mmap_base);
		ret = addr ? (long)addr : -ENOMEM;
	}
	if (ret >= 0) {
		n->start = (uintptr_t)ret;
		n->end = n->start + len;
		n->prot = prot;
		n->flags = flags & (MAP_PRIVATE | MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN |
				    MAP_NORESERVE);
		n->file = file;
		n->file_off = off;
		n->no_write = no_write;
		n->locked = (flags & MAP_LOCKED) || vm->lock_future;
		vma_insert(vm, n);
		if ((flags & MAP_SHARED) && !file && populate_locked(vm, n)) {
			n->file = NULL; /* the caller keeps its reference on failure */
			unmap_locked(vm, n->start, n->end);
			ret = -ENOMEM;
		}
		n = NULL;
	}
	vm_unlock(vm, f);
	kfree(n);
	return ret;
}

int vm_munmap(struct vm *vm, uintptr_t addr, size_t len)
{
	irqflags_t f;
	int err;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || !valid_range(addr, len))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	f = spin_lock_irqsave(&vm->lock);
	err = vma_isolate(vm, addr, addr + len);
	if (!err)
		unmap_locked(vm, addr, addr + len);
	vm_unlock(vm, f);
	return err;
}

static bool range_covered(struct vm *vm, uintptr_t start, uintptr_t end)
{
	struct vma *v;
	uintptr_t at = start;

	list_for_each_entry (v, &vm->vmas, link) {
		if (v->end <= at)
			continue;
		if (v->start > at)
			return false;
		at = v->end;
		if (at >= end)
			return true;
	}
	return false;
}

int vm_mprotect(struct vm *vm, uintptr_t addr, size_t len, unsigned prot)
{
	struct vma *v;
	irqflags_t f;
	int err;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (!len)
		return 0;
	if (!valid_range(addr, len))
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	f = spin_lock_irqsave(&vm->lock);
	err = range_covered(vm, addr, addr + len) ? vma_isolate(vm, addr, addr + len) : -ENOMEM;
	if (!err && (prot & PROT_WRITE)) {
		/* each mapping in address order, as Linux: one that may not be
		 * written (EACCES), or a private one becoming writable, which
		 * now may need pages of its own: the overcommit policy
		 * decides (ENOMEM) unless it is MAP_NORESERVE */
		list_for_each_entry (v, &vm->vmas, link) {
			if (err || v->start < addr || v->end > addr + len)
				continue;
			if (v->no_write)
				err = -EACCES;
			else if (!(v->prot & PROT_WRITE) &&
				 !(v->flags & (MAP_SHARED | MAP_NORESERVE)) &&
				 !vm_enough_memory((v->end - v->start) / PAGE_SIZE, false))
				err = -ENOMEM;
		}
	}
	if (!err && (prot & PROT_WRITE) && !data_may_grow(vm, addr, addr + len))
		err = -ENOMEM;
	if (!err) {
		bool batch = len > PAGE_SIZE; /* one TLB shootdown for the range */

		if (batch)
			aspace_batch_begin(vm->as);
		list_for_each_entry (v, &vm->vmas, link) {
			if (v->start >= addr && v->end <= addr + len) {
				v->prot = prot;
				vma_update_ptes(vm, v);
			}
		}
		if (batch)
			aspace_batch_end(vm->as);
	}
	vm_unlock(vm, f);
	return err;
}

int vm_discard(struct vm *vm, uintptr_t addr, size_t len)
{
	irqflags_t f;
	int err = 0;

	if (!len)
		return 0;
	if (!valid_range(addr, len))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	f = spin_lock_irqsave(&vm->lock);
	if (range_covered(vm, addr, addr + len)) {
		struct vma *v;

		/* private pages read back as zero; shared memory keeps its
		 * contents (on Linux they refault from the shared object) */
		list_for_each_entry (v, &vm->vmas, link) {
			uintptr_t s = MAX(v->start, addr), e = MIN(v->end, addr + len);

			if (s < e && !(v->flags & MAP_SHARED))
				vma_release_pages(vm, s, e);
		}
	} else {
		err = -ENOMEM;
	}
	vm_unlock(vm, f);
	return err;
}

uintptr_t vm_brk(struct vm *vm, uintptr_t new_brk)
{
	uintptr_t old_end, new_end, ret;
	struct vma *heap;
	irqflags_t f;

	f = spin_lock_irqsave(&vm->lock);
	ret = vm->brk;
	if (new_brk < vm->brk_start || new_brk >= vm->mmap_base)
		goto out;
	old_end = ALIGN_UP(vm->brk, PAGE_SIZE);
	new_end = ALIGN_UP(new_brk, PAGE_SIZE);
	heap = vm->brk > vm->brk_start ? vm_find(vm, ALIGN_DOWN(vm->brk - 1, PAGE_SIZE)) : NULL;
	if (new_end > old_end) {
		if (!range_free(vm, old_end, new_end) ||
		    !may_expand(vm, new_end - old_end, true, 0, 0) ||
		    !vm_enough_memory((new_end - old_end) / PAGE_SIZE, false))
			goto out;
		if (heap && heap->end == old_end) {
			heap->end = new_end;
		} else {
			struct vma *n = kzalloc(sizeof(*n));

			if (!n)
				goto out;
			*n = (struct vma){.start = old_end,
					  .end = new_end,
					  .prot = PROT_READ | PROT_WRITE,
					  .flags = MAP_PRIVATE | MAP_ANONYMOUS};
			vma_insert(vm, n);
		}
	} else if (new_end < old_end) {
		if (vma_isolate(vm, new_end, old_end))
			goto out;
		unmap_locked(vm, new_end, old_end);
	}
	vm->brk = ret = new_brk;
out:
	vm_unlock(vm, f);
	return ret;
}

/* mremap(2) on private anonymous memory (what file mappings are here too):
 * shrink in place, grow in place when the pages after are free, else move
 * the frames to a new range (MREMAP_MAYMOVE) or to `new_addr`
 * (MREMAP_FIXED).  Returns the address or -EINVAL / -EFAULT / -ENOMEM, or
 * -EPERM for a fixed target below vm.mmap_min_addr. */
long vm_mremap(struct vm *vm, uintptr_t old, size_t old_len, size_t new_len, unsigned flags,
	       uintptr_t new_addr)
{
	struct vma *v, *n = NULL;
	uintptr_t old_end, to;
	irqflags_t f;
	long ret;

	if (!IS_ALIGNED(old, PAGE_SIZE) || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) || !new_len)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len || !old_len)
		return -EINVAL; /* old_len 0 duplicates shared mappings only */
	if ((flags & MREMAP_FIXED) &&
	    (!IS_ALIGNED(new_addr, PAGE_SIZE) || !valid_range(new_addr, new_len) ||
	     (new_addr < old + old_len && old < new_addr + new_len)))
		return -EINVAL;
	if (!valid_range(old, old_len))
		return -EFAULT;
	n = kzalloc(sizeof(*n));
	if (!n)
		return -ENOMEM;
	old_end = old + old_len;
	f = spin_lock_irqsave(&vm->lock);
	v = vm_find(vm, old);
	ret = -EFAULT;
	if (!v || v->end < old_end)
		goto out; /* the old range must lie in one mapping */
	ret = -EAGAIN;	  /* a locked mapping grows within RLIMIT_MEMLOCK */
	if (new_len > old_len && v->locked && !mlock_allowed(vm, new_len - old_len))
		goto out;
	ret = -ENOMEM;
	if (new_len > old_len && !may_expand(vm, new_len - old_len, is_data(v), 0, 0))
		goto out;
	ret = -EPERM;
	if ((flags & MREMAP_FIXED) && !addr_allowed(new_addr))
		goto out;
	if (!(flags & MREMAP_FIXED) && new_len <= old_len) {
		ret = vma_isolate(vm, old + new_len, old_end);
		if (!ret && new_len < old_len)
			unmap_locked(vm, old + new_len, old_end);
		ret = ret ? ret : (long)old;
		goto out;
	}
	/* growing memory that reserves pages is held to the overcommit policy */
	ret = -ENOMEM;
	if (new_len > old_len &&
	    (((v->flags & MAP_PRIVATE) && (v->prot & PROT_WRITE)) ||
	     ((v->flags & MAP_SHARED) && !v->file)) &&
	    !vm_enough_memory((new_len - old_len) / PAGE_SIZE, v->flags & MAP_NORESERVE))
		goto out;
	if (!(flags & MREMAP_FIXED) && v->end == old_end &&
	    range_free(vm, old_end, old + new_len) && valid_range(old, new_len)) {
		v->end = old + new_len; /* grow in place */
		ret = (long)old;
		goto out;
	}
	ret = -ENOMEM;
	if (!(flags & MREMAP_MAYMOVE))
		goto out;
	if (flags & MREMAP_FIXED) {
		to = new_addr;
		if (vma_isolate(vm, to, to + new_len))
			goto out;
		unmap_locked(vm, to, to + new_len);
	} else {
		to = find_gap(vm, new_len, vm->mmap_base);
		if (!to)
			goto out;
	}
	if (vma_isolate(vm, old, old_end))
		goto out;
	v = vm_find(vm, old);
	/* move the frames (one TLB shootdown for the old range), then the VMA */
	aspace_batch_begin(vm->as);
	for (uintptr_t off = 0; off < MIN(old_len, new_len); off += PAGE_SIZE) {
		unsigned mprot;
		paddr_t pa = aspace_lookup(vm->as, old + off, &mprot);

		if (!pa)
			continue;
		aspace_unmap(vm->as, old + off);
		if (aspace_map(vm->as, to + off, pa, mprot)) {
			/* out of page-table memory: the page is lost, freed once
			 * no TLB reaches it */
			aspace_batch_end(vm->as);
			page_put(phys_to_page(pa));
			aspace_batch_begin(vm->as);
		}
	}
	aspace_batch_end(vm->as); /* before vma_release_pages frees frames */
	if (old_len > new_len)
		vma_release_pages(vm, old + new_len, old_end);
	*n = *v;
	n->start = to;
	n->end = to + new_len;
	v->file = NULL; /* its references move to n */
	v->file_path = NULL;
	vma_kill(vm, v);
	vma_insert(vm, n);
	n = NULL;
	ret = (long)to;
out:
	vm_unlock(vm, f);
	kfree(n);
	return ret;
}

/* Drop the pages of `file` at offsets >= `size` (page aligned up) from
 * one vm's mappings of it: a later access faults and finds the end. */
static void drop_file_pages(struct vm *vm, const struct inode *file, uint64_t size)
{
	uint64_t keep = ALIGN_UP(size, PAGE_SIZE);
	struct vma *v;
	irqflags_t f = spin_lock_irqsave(&vm->lock);

	list_for_each_entry (v, &vm->vmas, link) {
		uint64_t end = v->file_off + (v->end - v->start);

		if (v->file != file || end <= keep)
			continue;
		vma_release_pages(vm, v->start + (keep > v->file_off ? keep - v->file_off : 0),
				  v->end);
	}
	vm_unlock(vm, f);
}

void vm_file_truncated(struct inode *file, uint64_t size)
{
	struct process *p;
	struct vm *vms[32];
	int n, skip = 0;

	/* a batch of address spaces under the tree lock, then each vm's own
	 * lock (it ranks below the tree lock) */
	do {
		int seen = 0;
		irqflags_t f = process_lock_tree();

		n = 0;
		for_each_process(p)
		{
			if (p->state != PROC_ALIVE || !p->vm || seen++ < skip)
				continue;
			if (n == (int)ARRAY_SIZE(vms))
				break;
			vm_get(p->vm);
			vms[n++] = p->vm;
		}
		process_unlock_tree(f);
		for (int i = 0; i < n; i++) {
			drop_file_pages(vms[i], file, size);
			vm_put(vms[i]);
		}
		skip += n;
	} while (n == (int)ARRAY_SIZE(vms));
}

bool vm_range_mapped(struct vm *vm, uintptr_t start, uintptr_t end)
{
	irqflags_t f = spin_lock_irqsave(&vm->lock);
	bool r = range_covered(vm, start, end);

	vm_unlock(vm, f);
	return r;
}

/* The two for mlock.c (vm->lock held), static above so that vm.c's own
 * paths may inline them. */
int vm_isolate_locked(struct vm *vm, uintptr_t start, uintptr_t end)
{
	return vma_isolate(vm, start, end);
}

bool vm_covered_locked(struct vm *vm, uintptr_t start, uintptr_t end)
{
	return range_covered(vm, start, end);
}
