/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The physical page allocator (page.h): one buddy zone over all RAM behind
 * a spinlock, fronted by a per-CPU cache of single pages.
 *
 * mem_map is one struct page per frame from pfn 0 to the top of RAM, so
 * pfn <-> struct page is an index; holes and everything that is not usable
 * RAM stay PG_RESERVED forever.  An order-0 allocation or free runs with
 * interrupts off on its CPU's cache and takes the zone lock only to move a
 * batch (pcp.h); larger orders go to the zone directly.  The zone lock is
 * LOCK_RANK_PAGE and nothing is called under it, so the heap (which ranks
 * above) must not hold its lock while calling in here.
 *
 * alloc_pages() returns a block whose head has refcount 1; free_pages()
 * expects exactly that (CoW shares pages by raising it, and frees on the
 * last put).  Any other misuse the buddy core detects is a panic.
 */
#include <klib/string.h>
#include <platform/irq.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/spinlock.h>
#include <arch/physmap.h>
#include "buddy.h"
#include "pcp.h"
#include "pmm.h"

_Static_assert(sizeof(struct page) <= 48, "struct page exists per 4 KiB frame: keep it small");

static struct spinlock zone_lock = SPINLOCK_INIT("pmm zone", LOCK_RANK_PAGE);
static struct buddy_zone zone; /* guarded by zone_lock */

/* pcp[i]: touched only by CPU i with interrupts off; others READ_ONCE count */
static struct pcp_cache pcp[MAX_CPUS];

/* set once by pmm_init(), read-only afterwards */
static struct page *mem_map;
static pfn_t max_pfn;

/* boot CPU only: ranges above PMM_LOW_LIMIT waiting for pmm_add_high() */
static struct mem_range high_ranges[PMM_MAX_HIGH_RANGES];
static size_t nr_high;

static inline unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
}

/* Zone lock held (or boot). */
static void add_free(paddr_t base, paddr_t end)
{
	if (end <= base)
		return;
	if (buddy_add_range(&zone, base >> PAGE_SHIFT, (end - base) >> PAGE_SHIFT))
		panic("pmm: cannot free [%#llx-%#llx): outside mem_map or already free", ull(base),
		      ull(end));
}

static void check_ranges(const struct mem_range *ranges, size_t n)
{
	paddr_t prev_end = 0;

	for (size_t i = 0; i < n; i++) {
		const struct mem_range *r = &ranges[i];

		if (!IS_ALIGNED(r->base, PAGE_SIZE) || !IS_ALIGNED(r->len, PAGE_SIZE) ||
		    r->base < prev_end || r->base + r->len < r->base)
			panic("pmm: memory range %zu [%#llx, +%#llx) is unaligned or out of order",
			      i, ull(r->base), ull(r->len));
		prev_end = r->base + r->len;
	}
}

void pmm_init(const struct mem_range *ranges, size_t n)
{
	paddr_t map_base = 0, map_end, top;
	size_t map_bytes, i;

	if (n == 0)
		panic("pmm: no usable memory");
	check_ranges(ranges, n);
	top = ranges[n - 1].base + ranges[n - 1].len;
	max_pfn = top >> PAGE_SHIFT;
	map_bytes = ALIGN_UP(max_pfn * sizeof(struct page), PAGE_SIZE);

	for (i = 0; i < n; i++) {
		paddr_t lo = ranges[i].base, hi = MIN(lo + ranges[i].len, PMM_LOW_LIMIT);

		if (hi > lo && hi - lo >= map_bytes) {
			map_base = lo;
			break;
		}
	}
	if (i == n)
		panic("pmm: no usable range below 4 GiB holds mem_map (%zu KiB)", map_bytes >> 10);
	map_end = map_base + map_bytes;
	mem_map = phys_to_virt(map_base);
	buddy_init(&zone, mem_map, 0, max_pfn);

	for (i = 0; i < n; i++) {
		paddr_t lo = ranges[i].base, hi = lo + ranges[i].len;
		paddr_t low_hi = MIN(hi, PMM_LOW_LIMIT);

		/* the part below 4 GiB, minus mem_map */
		add_free(lo, MIN(low_hi, map_base));
		add_free(MAX(lo, map_end), low_hi);
		if (hi <= PMM_LOW_LIMIT)
			continue;
		if (nr_high == PMM_MAX_HIGH_RANGES) {
			pr_warn("pmm: too many ranges above 4 GiB, ignoring [%#llx-%#llx)\n",
				ull(MAX(lo, PMM_LOW_LIMIT)), ull(hi));
			continue;
		}
		lo = MAX(lo, PMM_LOW_LIMIT);
		high_ranges[nr_high++] = (struct mem_range){lo, hi - lo};
	}
	for (unsigned c = 0; c < MAX_CPUS; c++)
		pcp_init(&pcp[c], PCP_HIGH, PCP_BATCH);
	pr_info("pmm: %zu KiB free below 4 GiB; mem_map for %llu frames, %zu KiB at %#llx\n",
		zone.free_pages << (PAGE_SHIFT - 10), ull(max_pfn), map_bytes >> 10, ull(map_base));
}

void pmm_add_high(void)
{
	irqflags_t f = spin_lock_irqsave(&zone_lock);
	size_t before = zone.free_pages, added;

	for (size_t i = 0; i < nr_high; i++)
		add_free(high_ranges[i].base, high_ranges[i].base + high_ranges[i].len);
	nr_high = 0;
	added = zone.free_pages - before;
	spin_unlock_irqrestore(&zone_lock, f);
	if (added)
		pr_info("pmm: %zu KiB free above 4 GiB\n", added << (PAGE_SHIFT - 10));
}

/* Interrupts off. */
static struct page *alloc_one(void)
{
	struct pcp_cache *c = &pcp[cpu_id()];
	struct page *p = pcp_take(c);

	if (!p) {
		spin_lock(&zone_lock);
		pcp_refill(c, &zone);
		spin_unlock(&zone_lock);
		p = pcp_take(c);
	}
	return p;
}

/* Interrupts off.  When the zone is short, this CPU's cached pages may be
 * what keeps a block from coalescing: give them back and retry once. */
static struct page *alloc_block(unsigned order)
{
	struct pcp_cache *c = &pcp[cpu_id()];
	struct page *p;

	spin_lock(&zone_lock);
	p = buddy_alloc(&zone, order);
	if (!p && c->count > 0) {
		pcp_drain(c, &zone, c->count);
		p = buddy_alloc(&zone, order);
	}
	spin_unlock(&zone_lock);
	return p;
}

struct page *alloc_pages(unsigned flags, unsigned order)
{
	struct page *p;
	irqflags_t f;

	ASSERT(!(flags & ~PAF_ZERO));
	if (order >= MAX_ORDER)
		return NULL;
	f = irq_save();
	p = order == 0 ? alloc_one() : alloc_block(order);
	irq_restore(f);
	if (!p)
		return NULL;
	ASSERT(p->refcount == 0);
	p->refcount = 1;
	if (flags & PAF_ZERO)
		arch_page_zero(page_address(p), PAGE_SIZE << order);
	return p;
}

void page_copy(struct page *dst, const struct page *src)
{
	arch_page_copy(page_address(dst), page_address(src), PAGE_SIZE);
}

void page_put(struct page *p)
{
	int left = __atomic_sub_fetch(&p->refcount, 1, __ATOMIC_ACQ_REL);

	ASSERT(left >= 0);
	if (left == 0) {
		p->refcount = 1; /* free_pages() takes the last reference */
		free_pages(p, 0);
	}
}

void free_pages(struct page *p, unsigned order)
{
	irqflags_t f;
	int err;

	ASSERT(p >= mem_map && p < mem_map + max_pfn);
	ASSERT(p->refcount == 1);
	p->refcount = 0;
	f = irq_save();
	if (order == 0) {
		struct pcp_cache *c = &pcp[cpu_id()];

		err = pcp_put(c, p);
		if (!err && pcp_needs_drain(c)) {
			spin_lock(&zone_lock);
			pcp_drain(c, &zone, c->batch);
			spin_unlock(&zone_lock);
		}
	} else {
		spin_lock(&zone_lock);
		err = buddy_free(&zone, p, order);
		spin_unlock(&zone_lock);
	}
	irq_restore(f);
	if (err)
		panic("free_pages: pfn %#llx order %u is not an allocated block (flags %#x, order "
		      "%u)",
		      ull(page_to_phys(p) >> PAGE_SHIFT), order, p->flags, p->order);
}

paddr_t page_to_phys(const struct page *p)
{
	return (paddr_t)(p - mem_map) << PAGE_SHIFT;
}

struct page *phys_to_page(paddr_t pa)
{
	pfn_t pfn = pa >> PAGE_SHIFT;

	return pfn < max_pfn ? &mem_map[pfn] : NULL;
}

bool page_is_frame(const struct page *p)
{
	uintptr_t off = (uintptr_t)p - (uintptr_t)mem_map;

	return off < (uintptr_t)max_pfn * sizeof(struct page) && off % sizeof(struct page) == 0;
}

void *page_address(const struct page *p)
{
	return phys_to_virt(page_to_phys(p));
}

struct page *virt_to_page(const void *kva)
{
	return phys_to_page(virt_to_phys(kva));
}

void pmm_stats(struct pmm_stats *st)
{
	irqflags_t f = spin_lock_irqsave(&zone_lock);

	st->total_pages = zone.managed_pages;
	st->free_pages = zone.free_pages;
	spin_unlock_irqrestore(&zone_lock, f);
	for (unsigned c = 0; c < MAX_CPUS; c++)
		st->free_pages += READ_ONCE(pcp[c].count);
}

bool pmm_check(void)
{
	irqflags_t f = spin_lock_irqsave(&zone_lock);
	bool ok = buddy_check(&zone);

	spin_unlock_irqrestore(&zone_lock, f);
	return ok;
}
