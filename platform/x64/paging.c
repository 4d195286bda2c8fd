/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * x86_64 page tables.  paging_init() replaces boot.S's tables with the
 * kernel's own:
 *   - the direct map of all RAM (2 MiB pages, read-write, NX);
 *   - the kernel image with 4 KiB pages and W^X: text read-only+exec,
 *     rodata read-only+NX, data and bss read-write+NX;
 *   - the direct map's own alias of the image kept to the same rule: the
 *     2 MiB pages holding text or rodata are split into 4 KiB pages, text
 *     and rodata read-only, and nothing in the direct map is executable,
 *     so text runs only at its link address and no alias of text or
 *     rodata is writable (a kernel write through a user pointer in
 *     PROFILE=ludicrous faults);
 *   - an I/O window for ioremap() (uncached);
 *   - a window for kernel stacks (kstack.c), and no mapping of the page
 *     below the boot stack, so a stack overflow faults;
 *   - no identity map: a NULL dereference faults.
 * Every top-level entry of the kernel half is created here, once, so user
 * address spaces share the kernel half by copying those 256 entries.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/smp.h>
#include <platform/spinlock.h>
#include <arch/physmap.h>
#include "../mm/pmm.h"
#include "boot.h"
#include "mmio.h"
#include "x64.h"

#define PTE_P	 (1ull << 0)
#define PTE_W	 (1ull << 1)
#define PTE_U	 (1ull << 2)
#define PTE_PWT	 (1ull << 3)
#define PTE_PCD	 (1ull << 4)
#define PTE_PS	 (1ull << 7)
#define PTE_G	 (1ull << 8)
#define PTE_NONE (1ull << 9) /* software: a frame kept but inaccessible (PROT_NONE) */
#define PTE_NX	 (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull

#define IOREMAP_BASE 0xffffc90000000000ull
#define IOREMAP_SIZE (1ull << 30)

struct aspace {
	uint64_t *pml4;
	paddr_t pml4_phys;
	size_t resident, hiwater;     /* user pages holding a frame; their peak */
	uint64_t active;	      /* atomic: CPUs that have it loaded (CR3), maybe lazily */
	unsigned batching;	      /* the caller's lock: aspace_batch_begin() depth */
	uintptr_t batch_lo, batch_hi; /* the caller's lock: flushes owed by the batch */
};

/* Each CPU's loaded address space (NULL: the kernel's), touched by that CPU
 * with interrupts off. */
static struct aspace *loaded[MAX_CPUS];

/* Above this many pages a flush reloads CR3 instead of one invlpg each. */
#define FLUSH_PAGES_MAX 32

struct flush_req {
	struct aspace *as; /* NULL: kernel addresses */
	uintptr_t start, end;
	bool detach; /* the address space is going away: stop using it */
};

static void flush_remote(void *arg);

uint64_t kernel_pml4_phys;
static uint64_t *kernel_pml4;
static uintptr_t ioremap_next = IOREMAP_BASE; /* guarded by ioremap_lock */
static struct spinlock ioremap_lock = SPINLOCK_INIT("ioremap", LOCK_RANK_VM);

static uint64_t *table_of(uint64_t entry)
{
	return phys_to_virt(entry & PTE_ADDR);
}

static uint64_t *alloc_table(void)
{
	struct page *p = alloc_page(PAF_ZERO);

	return p ? page_address(p) : NULL;
}

/* The entry for `va` at `level` (1 = PT ... 4 = PML4), creating the tables
 * above it.  NULL if a table could not be allocated. */
static uint64_t *walk(uint64_t *pml4, uintptr_t va, int level, uint64_t table_flags)
{
	uint64_t *t = pml4;

	for (int l = 4; l > level; l--) {
		uint64_t *e = &t[(va >> (12 + 9 * (l - 1))) & 511];

		if (!(*e & PTE_P)) {
			uint64_t *n = alloc_table();

			if (!n)
				return NULL;
			*e = virt_to_phys(n) | PTE_P | PTE_W | table_flags;
		}
		BUG_ON(*e & PTE_PS);
		t = table_of(*e);
	}
	return &t[(va >> (12 + 9 * (level - 1))) & 511];
}

static void map_kernel(uintptr_t va, paddr_t pa, size_t len, uint64_t flags, int level)
{
	size_t step = 1ul << (12 + 9 * (level - 1));

	for (size_t off = 0; off < len; off += step) {
		uint64_t *e = walk(kernel_pml4, va + off, level, 0);

		if (!e)
			panic("paging: out of memory building kernel tables");
		*e = (pa + off) | flags | (level > 1 ? PTE_PS : 0);
	}
}

extern char __kernel_start[], __kernel_end[], __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[], __data_start[], __bss_end[];
extern char boot_stack[];

/* Whether physical range [pa, pa + len) overlaps the image's text or rodata. */
static bool image_read_only(paddr_t pa, size_t len)
{
	paddr_t ro_start = virt_to_phys(__text_start);
	paddr_t ro_end = ALIGN_UP(virt_to_phys(__rodata_end), PAGE_SIZE);

	return pa < ro_end && pa + len > ro_start;
}

/* The direct map of [0, ram_end): 2 MiB pages, read-write and NX, except
 * the 2 MiB pages holding some of the image's text or rodata, which get
 * 4 KiB pages so that text and rodata are read-only here too. */
static void map_direct(paddr_t ram_end)
{
	const uint64_t rw = PTE_P | PTE_W | PTE_G | PTE_NX;
	const size_t large = 1ul << 21;

	for (paddr_t pa = 0; pa < ram_end; pa += large) {
		if (!image_read_only(pa, large)) {
			map_kernel(KERNEL_DIRECT_MAP + pa, pa, large, rw, 2);
			continue;
		}
		for (paddr_t p = pa; p < pa + large; p += PAGE_SIZE)
			map_kernel(KERNEL_DIRECT_MAP + p, p, PAGE_SIZE,
				   image_read_only(p, PAGE_SIZE) ? rw & ~PTE_W : rw, 1);
	}
}

void paging_init(void)
{
	paddr_t ram_end = BOOT_DIRECT_MAP_LIMIT;

	for (size_t i = 0; i < boot_info.nram; i++)
		ram_end = MAX(ram_end, boot_info.ram[i].base + boot_info.ram[i].len);
	ram_end = ALIGN_UP(ram_end, 1ul << 21);

	kernel_pml4 = alloc_table();
	if (!kernel_pml4)
		panic("paging: no memory");
	for (int i = 256; i < 512; i++) { /* the shared kernel half */
		uint64_t *t = alloc_table();

		if (!t)
			panic("paging: no memory");
		kernel_pml4[i] = virt_to_phys(t) | PTE_P | PTE_W;
	}

	map_direct(ram_end);

#define IMG(a) ((uintptr_t)(a))
	map_kernel(IMG(__text_start), virt_to_phys(__text_start),
		   ALIGN_UP(IMG(__text_end), PAGE_SIZE) - IMG(__text_start), PTE_P | PTE_G, 1);
	map_kernel(IMG(__rodata_start), virt_to_phys(__rodata_start),
		   ALIGN_UP(IMG(__rodata_end), PAGE_SIZE) - IMG(__rodata_start),
		   PTE_P | PTE_G | PTE_NX, 1);
	map_kernel(IMG(__data_start), virt_to_phys(__data_start),
		   IMG(__bss_end) - IMG(__data_start), PTE_P | PTE_W | PTE_G | PTE_NX, 1);
#undef IMG
	/* The boot stack's guard: the page below it, the last of boot.S's page
	 * tables, unused from here on. */
	BUG_ON(!IS_ALIGNED((uintptr_t)boot_stack, PAGE_SIZE));
	*walk(kernel_pml4, (uintptr_t)boot_stack - PAGE_SIZE, 1, 0) = 0;
	kernel_pml4_phys = virt_to_phys(kernel_pml4);
	write_cr3(kernel_pml4_phys);
}

void __iomem *ioremap(paddr_t pa, size_t len)
{
	paddr_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	size_t size = ALIGN_UP(pa + len, PAGE_SIZE) - base;
	irqflags_t f = spin_lock_irqsave(&ioremap_lock);
	uintptr_t va = ioremap_next;

	BUG_ON(va + size > IOREMAP_BASE + IOREMAP_SIZE);
	BUG_ON(image_read_only(base, size)); /* no writable alias of text or rodata */
	ioremap_next += size + PAGE_SIZE;    /* a guard page between windows */
	map_kernel(va, base, size, PTE_P | PTE_W | PTE_PCD | PTE_PWT | PTE_G | PTE_NX, 1);
	spin_unlock_irqrestore(&ioremap_lock, f);
	return (void __iomem *)(va + (pa - base));
}

/* Map one 4 KiB kernel page, read-write and NX (kstack.c); -ENOMEM if a
 * page table could not be allocated.  The kernel half's top-level entries
 * exist from boot, so every address space sees the page at once. */
int paging_map_kernel_page(uintptr_t va, paddr_t pa)
{
	uint64_t *e;

	BUG_ON(va < KERNEL_DIRECT_MAP || image_read_only(pa, PAGE_SIZE));
	e = walk(kernel_pml4, va, 1, 0);
	if (!e)
		return -ENOMEM;
	*e = pa | PTE_P | PTE_W | PTE_G | PTE_NX;
	return 0;
}

/* Unmap a page mapped by paging_map_kernel_page(), from this CPU's TLB
 * (global pages included: invlpg drops them too); its frame.  Other CPUs
 * may still reach the frame until paging_flush_kernel(). */
paddr_t paging_unmap_kernel_page(uintptr_t va)
{
	uint64_t *e = walk(kernel_pml4, va, 1, 0);
	paddr_t pa;

	BUG_ON(!e || !(*e & PTE_P));
	pa = *e & PTE_ADDR;
	*e = 0;
	invlpg(va);
	return pa;
}

/* Flush kernel range [va, va + len) from the other CPUs' TLBs. */
void paging_flush_kernel(uintptr_t va, size_t len)
{
	struct flush_req r = {NULL, va, va + len, false};

	smp_call_urgent(smp_online_mask(), flush_remote, &r);
}

/* Every translation, global ones too: CR4.PGE off and on again. */
static void flush_all_global(void *arg)
{
	uint64_t cr4 = read_cr4();

	(void)arg;
	if (cr4 & CR4_PGE) {
		write_cr4(cr4 & ~CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
}

void paging_flush_kernel_all(void)
{
	irqflags_t f = irq_save();

	flush_all_global(NULL);
	smp_call_urgent(smp_online_mask(), flush_all_global, NULL);
	irq_restore(f);
}

/* ---- TLB shootdown ---- */

static void flush_local(uintptr_t start, uintptr_t end)
{
	if ((end - start) / PAGE_SIZE > FLUSH_PAGES_MAX) {
		write_cr3(read_cr3()); /* user pages are not global */
		return;
	}
	for (uintptr_t va = start; va < end; va += PAGE_SIZE)
		invlpg(va);
}

/* On another CPU, from smp_call_urgent(): no locks. */
static void flush_remote(void *arg)
{
	const struct flush_req *r = arg;
	unsigned me = cpu_id();

	if (!r->as) {
		for (uintptr_t va = r->start; va < r->end; va += PAGE_SIZE)
			invlpg(va);
		return;
	}
	if (loaded[me] != r->as)
		return; /* switched away since: CR3's reload flushed it */
	if (r->detach) {
		write_cr3(kernel_pml4_phys);
		__atomic_fetch_and(&r->as->active, ~(1ull << me), __ATOMIC_SEQ_CST);
		loaded[me] = NULL;
		return;
	}
	flush_local(r->start, r->end);
}

/* Flush [start, end) of `as` on every CPU that may cache it, this one too
 * (in a batch: when it ends). */
static void flush_user(struct aspace *as, uintptr_t start, uintptr_t end)
{
	struct flush_req r = {as, start, end, false};
	irqflags_t f;
	uint64_t others;

	if (as->batching) {
		as->batch_lo = MIN(as->batch_lo, start);
		as->batch_hi = MAX(as->batch_hi, end);
		return;
	}
	f = irq_save();
	flush_local(start, end);
	/* the entries are written: a CPU that loads `as` after this read
	 * walks the new ones */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	others = __atomic_load_n(&as->active, __ATOMIC_SEQ_CST) & ~(1ull << cpu_id());
	if (others)
		smp_call_urgent(others, flush_remote, &r);
	irq_restore(f);
}

void aspace_flush(struct aspace *as, uintptr_t start, uintptr_t end)
{
	flush_user(as, ALIGN_DOWN(start, PAGE_SIZE), ALIGN_UP(end, PAGE_SIZE));
}

void aspace_batch_begin(struct aspace *as)
{
	if (!as->batching++) {
		as->batch_lo = UINTPTR_MAX;
		as->batch_hi = 0;
	}
}

void aspace_batch_end(struct aspace *as)
{
	BUG_ON(!as->batching);
	if (--as->batching == 0 && as->batch_hi > as->batch_lo)
		flush_user(as, as->batch_lo, as->batch_hi);
}

/* ---- user address spaces ---- */

struct aspace *aspace_create(void)
{
	struct aspace *as = kmalloc(sizeof(*as));

	if (!as)
		return NULL;
	as->pml4 = alloc_table();
	if (!as->pml4) {
		kfree(as);
		return NULL;
	}
	memcpy(&as->pml4[256], &kernel_pml4[256], 256 * sizeof(uint64_t));
	as->pml4_phys = virt_to_phys(as->pml4);
	as->resident = as->hiwater = 0;
	as->active = 0;
	as->batching = 0;
	return as;
}

static void free_tables(uint64_t *t, int level)
{
	for (int i = 0; level > 1 && i < 512; i++) {
		if ((t[i] & PTE_P) && !(t[i] & PTE_PS))
			free_tables(table_of(t[i]), level - 1);
	}
	free_page(virt_to_page(t));
}

void aspace_deactivate(struct aspace *as)
{
	struct flush_req r = {as, 0, 0, true};
	irqflags_t f = irq_save();
	unsigned me = cpu_id();

	if (loaded[me] == as)
		aspace_activate(NULL);
	if (__atomic_load_n(&as->active, __ATOMIC_SEQ_CST))
		smp_call_urgent(as->active, flush_remote, &r);
	irq_restore(f);
	ASSERT(!__atomic_load_n(&as->active, __ATOMIC_SEQ_CST));
}

void aspace_destroy(struct aspace *as)
{
	aspace_deactivate(as); /* no CPU may walk the tables freed below */
	for (int i = 0; i < 256; i++) {
		if (as->pml4[i] & PTE_P)
			free_tables(table_of(as->pml4[i]), 3);
	}
	free_page(virt_to_page(as->pml4));
	kfree(as);
}

static uint64_t prot_to_pte(unsigned prot)
{
	uint64_t f = PTE_P;

	if (!(prot & (MMU_READ | MMU_WRITE | MMU_EXEC)))
		return PTE_NONE | PTE_NX; /* not present: any access faults */

	if (prot & MMU_WRITE)
		f |= PTE_W;
	if (prot & MMU_USER)
		f |= PTE_U;
	if (!(prot & MMU_EXEC))
		f |= PTE_NX;
	return f;
}

/* A user entry holding a frame: present, or kept inaccessible. */
static bool pte_has_frame(const uint64_t *e)
{
	return e && (*e & (PTE_P | PTE_NONE));
}

int aspace_map(struct aspace *as, uintptr_t va, paddr_t pa, unsigned prot)
{
	uint64_t *e, old;

	if (va >= USER_TOP || !IS_ALIGNED(va, PAGE_SIZE) || !IS_ALIGNED(pa, PAGE_SIZE))
		return -EINVAL;
	e = walk(as->pml4, va, 1, PTE_U);
	if (!e)
		return -ENOMEM;
	old = *e;
	if (!pte_has_frame(e) && ++as->resident > as->hiwater)
		as->hiwater = as->resident;
	*e = pa | prot_to_pte(prot);
	if ((old & PTE_P) && old != *e)
		flush_user(as, va, va + PAGE_SIZE); /* another frame, or other rights */
	return 0;
}

static uint64_t *lookup_pte(struct aspace *as, uintptr_t va)
{
	uint64_t *t = as->pml4;

	if (va >= USER_TOP)
		return NULL;
	for (int l = 4; l > 1; l--) {
		uint64_t e = t[(va >> (12 + 9 * (l - 1))) & 511];

		if (!(e & PTE_P) || (e & PTE_PS))
			return NULL;
		t = table_of(e);
	}
	return &t[(va >> 12) & 511];
}

paddr_t aspace_unmap(struct aspace *as, uintptr_t va)
{
	uint64_t *e = lookup_pte(as, va);
	uint64_t old;
	paddr_t pa;

	if (!pte_has_frame(e))
		return 0;
	pa = *e & PTE_ADDR;
	old = *e;
	*e = 0;
	as->resident--;
	if (old & PTE_P)
		flush_user(as, va, va + PAGE_SIZE);
	return pa;
}

paddr_t aspace_next(struct aspace *as, uintptr_t *va, uintptr_t end)
{
	uintptr_t a = ALIGN_DOWN(*va, PAGE_SIZE);

	end = MIN(end, USER_TOP);
	while (a < end) {
		uint64_t *t = as->pml4, e = 0;
		int l;

		for (l = 4; l > 1; l--) {
			e = t[(a >> (12 + 9 * (l - 1))) & 511];
			if (!(e & PTE_P) || (e & PTE_PS))
				break;
			t = table_of(e);
		}
		if (l == 1) { /* scan this page table */
			for (unsigned i = (a >> 12) & 511; i < 512 && a < end;
			     i++, a += PAGE_SIZE) {
				if (t[i] & (PTE_P | PTE_NONE)) {
					*va = a;
					return t[i] & PTE_ADDR;
				}
			}
			continue;
		}
		/* no table here: on to the next entry of the level that stopped */
		a = ALIGN_DOWN(a, 1ull << (12 + 9 * (l - 1))) + (1ull << (12 + 9 * (l - 1)));
	}
	return 0;
}

paddr_t aspace_lookup(struct aspace *as, uintptr_t va, unsigned *prot)
{
	uint64_t *e = lookup_pte(as, va);

	if (!pte_has_frame(e))
		return 0;
	if (prot && !(*e & PTE_P))
		*prot = 0;
	else if (prot)
		*prot = MMU_READ | ((*e & PTE_W) ? MMU_WRITE : 0) | ((*e & PTE_U) ? MMU_USER : 0) |
			((*e & PTE_NX) ? 0 : MMU_EXEC);
	return *e & PTE_ADDR;
}

size_t aspace_hiwater(const struct aspace *as)
{
	return READ_ONCE(as->hiwater);
}

size_t aspace_resident(const struct aspace *as)
{
	return READ_ONCE(as->resident);
}

void aspace_activate(struct aspace *as)
{
	irqflags_t f = irq_save();
	unsigned me = cpu_id();
	struct aspace *old = loaded[me];

	if (old != as) {
		/* in `active` before the first walk: a shootdown from now on
		 * includes this CPU */
		if (as)
			__atomic_fetch_or(&as->active, 1ull << me, __ATOMIC_SEQ_CST);
		write_cr3(as ? as->pml4_phys : kernel_pml4_phys);
		if (old)
			__atomic_fetch_and(&old->active, ~(1ull << me), __ATOMIC_SEQ_CST);
		loaded[me] = as;
	}
	irq_restore(f);
}

cpumask_t aspace_cpus(const struct aspace *as)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return __atomic_load_n(&as->active, __ATOMIC_SEQ_CST);
}

/* The leaf entry mapping kernel address `va` (any page size), 0 if none. */
uint64_t paging_kernel_pte(uintptr_t va)
{
	uint64_t *t = kernel_pml4;

	for (int l = 4; l >= 1; l--) {
		uint64_t e = t[(va >> (12 + 9 * (l - 1))) & 511];

		if (!(e & PTE_P))
			return 0;
		if (l == 1 || (e & PTE_PS))
			return e;
		t = table_of(e);
	}
	return 0;
}

/* One leaf of the kernel half against W^X; see paging_audit_wx(). */
static unsigned audit_leaf(uintptr_t va, uint64_t e, size_t size)
{
	uintptr_t text_end = ALIGN_UP((uintptr_t)__text_end, PAGE_SIZE);
	bool exec = !(e & PTE_NX), write = e & PTE_W;
	bool text = va >= (uintptr_t)__text_start && va + size <= text_end;

	if ((exec && (write || !text)) ||
	    (write && image_read_only(e & PTE_ADDR & ~(size - 1), size))) {
		pr_err("paging: W^X: %016lx (%zu KiB) is %s%s\n", (unsigned long)va, size >> 10,
		       write ? "writable" : "", exec ? " executable" : "");
		return 1;
	}
	return 0;
}

static unsigned audit_table(const uint64_t *t, uintptr_t base, int level)
{
	size_t size = 1ul << (12 + 9 * (level - 1));
	unsigned bad = 0;

	for (int i = 0; i < 512; i++) {
		uintptr_t va = base + i * size;

		if (!(t[i] & PTE_P))
			continue;
		if (level == 1 || (t[i] & PTE_PS))
			bad += audit_leaf(va, t[i], size);
		else
			bad += audit_table(table_of(t[i]), va, level - 1);
	}
	return bad;
}

unsigned paging_audit_wx(void)
{
	unsigned bad = 0;

	for (int i = 256; i < 512; i++) {
		uintptr_t va = 0xffff000000000000ul | ((uintptr_t)i << 39);

		if (kernel_pml4[i] & PTE_P)
			bad += audit_table(table_of(kernel_pml4[i]), va, 3);
	}
	return bad;
}
