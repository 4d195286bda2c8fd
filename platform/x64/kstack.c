/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kernel stacks with guard pages (<platform/kstack.h>).  Each stack lives
 * in a slot of a window of its own, KSTACK_SLOT bytes: the upper
 * KSTACK_SIZE bytes are the stack, the lower half is never mapped.  A
 * thread running off the bottom of its stack faults on that guard; the
 * page fault cannot push its frame onto the same stack, so the CPU raises
 * a double fault, which runs on its own IST stack and which trap.c reports
 * as a kernel stack overflow.  Before, stacks were direct-map pages and an
 * overflow overwrote the neighbouring frame without a word.
 *
 * The frames come from the page allocator (one order-2 block) and remain
 * reachable through the direct map like any page.  Slots are a bitmap
 * searched next-fit.  A few freed stacks stay mapped for the next threads
 * (zeroed again when reused), so fork and exit do not edit page tables.
 * kstack_lock guards the bitmap, the cache and the window's page tables.
 * A stack freed with the cache full is unmapped at once but its slot and
 * frames wait, on the purge list, until KSTACK_LAZY of them are: one TLB
 * flush of every CPU then covers them all, outside the lock, before any
 * slot or frame is reused (a burst of thread exits cost one shootdown
 * each, every CPU waiting in turn for the others).
 */
#include <klib/string.h>
#include <platform/kstack.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/spinlock.h>
#include "../mm/pmm.h"
#include "x64.h"

#define KSTACK_WINDOW 0xffffc80000000000ul
#define KSTACK_SLOT   (2 * KSTACK_SIZE)
#define KSTACK_SLOTS  65536u /* 2 GiB of address space */
#define KSTACK_ORDER  2	     /* KSTACK_SIZE in pages, as a buddy order */
#define KSTACK_CACHE  32     /* freed stacks kept mapped */
#define KSTACK_LAZY   32     /* unmapped stacks whose TLB flush is batched */

_Static_assert(PAGE_SIZE << KSTACK_ORDER == KSTACK_SIZE, "KSTACK_ORDER");

extern char boot_stack[];

static struct spinlock kstack_lock = SPINLOCK_INIT("kstack", LOCK_RANK_KSTACK);
static uint64_t slot_used[KSTACK_SLOTS / 64]; /* kstack_lock */
static unsigned next_slot;		      /* kstack_lock: where the search starts */
static void *cached[KSTACK_CACHE];	      /* kstack_lock: freed, still mapped */
static unsigned ncached;		      /* kstack_lock */

struct unmapped {
	unsigned slot;
	paddr_t pa; /* its frames (one order-KSTACK_ORDER block) */
};
static struct unmapped purge[KSTACK_LAZY]; /* kstack_lock: unmapped, not yet flushed */
static unsigned npurge;			   /* kstack_lock */

/* A cached stack, zeroed, or NULL. */
static void *cache_take(void)
{
	irqflags_t f = spin_lock_irqsave(&kstack_lock);
	void *s = ncached ? cached[--ncached] : NULL;

	spin_unlock_irqrestore(&kstack_lock, f);
	if (s)
		arch_page_zero(s, KSTACK_SIZE);
	return s;
}

static long slot_take(void)
{
	for (unsigned n = 0; n < KSTACK_SLOTS; n++) {
		unsigned i = (next_slot + n) % KSTACK_SLOTS;

		if (!(slot_used[i / 64] & (1ull << (i % 64)))) {
			slot_used[i / 64] |= 1ull << (i % 64);
			next_slot = i + 1;
			return i;
		}
	}
	return -1;
}

static void slot_release(unsigned i)
{
	BUG_ON(!(slot_used[i / 64] & (1ull << (i % 64))));
	slot_used[i / 64] &= ~(1ull << (i % 64));
}

static uintptr_t slot_stack(unsigned i)
{
	return KSTACK_WINDOW + (uintptr_t)i * KSTACK_SLOT + KSTACK_SIZE;
}

void *kstack_alloc(void)
{
	struct page *p;
	irqflags_t f;
	uintptr_t va;
	size_t off = 0;
	long slot;
	void *s = cache_take();

	if (s)
		return s;
	p = alloc_pages(PAF_ZERO, KSTACK_ORDER);
	if (!p)
		return NULL;
	f = spin_lock_irqsave(&kstack_lock);
	slot = slot_take();
	if (slot < 0)
		goto err_unlock;
	va = slot_stack(slot);
	for (; off < KSTACK_SIZE; off += PAGE_SIZE) {
		if (paging_map_kernel_page(va + off, page_to_phys(p) + off))
			goto err_unmap;
	}
	spin_unlock_irqrestore(&kstack_lock, f);
	return (void *)va;

err_unmap:
	while (off) {
		off -= PAGE_SIZE;
		paging_unmap_kernel_page(va + off);
	}
	spin_unlock_irqrestore(&kstack_lock, f);
	paging_flush_kernel(va, KSTACK_SIZE);
	f = spin_lock_irqsave(&kstack_lock);
	slot_release(slot);
err_unlock:
	spin_unlock_irqrestore(&kstack_lock, f);
	free_pages(p, KSTACK_ORDER);
	return NULL;
}

void kstack_free(void *base)
{
	uintptr_t va = (uintptr_t)base;
	unsigned slot = (va - KSTACK_WINDOW) / KSTACK_SLOT;
	struct unmapped batch[KSTACK_LAZY];
	unsigned n = 0;
	paddr_t pa = 0;
	irqflags_t f;

	BUG_ON(va < KSTACK_WINDOW || slot >= KSTACK_SLOTS || va != slot_stack(slot));
	f = spin_lock_irqsave(&kstack_lock);
	if (ncached < KSTACK_CACHE) {
		cached[ncached++] = base;
		spin_unlock_irqrestore(&kstack_lock, f);
		return;
	}
	for (size_t off = KSTACK_SIZE; off;) {
		off -= PAGE_SIZE;
		pa = paging_unmap_kernel_page(va + off);
	}
	purge[npurge++] = (struct unmapped){slot, pa};
	if (npurge == KSTACK_LAZY) {
		n = npurge;
		memcpy(batch, purge, sizeof(batch));
		npurge = 0;
	}
	spin_unlock_irqrestore(&kstack_lock, f);
	if (!n)
		return;
	paging_flush_kernel_all(); /* one call for the batch, no lock held */
	f = spin_lock_irqsave(&kstack_lock);
	for (unsigned i = 0; i < n; i++)
		slot_release(batch[i].slot);
	spin_unlock_irqrestore(&kstack_lock, f);
	for (unsigned i = 0; i < n; i++)
		free_pages(phys_to_page(batch[i].pa), KSTACK_ORDER);
}

bool kstack_guard_hit(uintptr_t addr)
{
	uintptr_t boot = (uintptr_t)boot_stack;

	if (addr >= boot - PAGE_SIZE && addr < boot)
		return true;
	return addr >= KSTACK_WINDOW &&
	       addr < KSTACK_WINDOW + (uintptr_t)KSTACK_SLOTS * KSTACK_SLOT &&
	       (addr - KSTACK_WINDOW) % KSTACK_SLOT < KSTACK_SIZE;
}
