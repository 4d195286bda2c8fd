/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Buddy allocator core (see buddy.h for the contract).
 *
 * State lives only in block heads: a free block's head is PG_FREE with its
 * order and sits on z->free[order]; an allocated block's head is PG_ALLOC
 * with its order; every other page of a managed block has no buddy flags.
 * Splitting hands out the lower half and files the upper half; freeing
 * climbs orders while the buddy is a free head of the same order.  Nothing
 * here locks: the caller serializes all calls on a zone.
 */
#include <klib/errno.h>
#include "buddy.h"

/* A page with any of these cannot be the head of a live allocated block. */
#define NOT_ALLOCATED (PG_FREE | PG_RESERVED | PG_PCP | PG_SLAB | PG_SLAB_TAIL)

static inline pfn_t order_pages(unsigned order)
{
	return (pfn_t)1 << order;
}

static bool in_map(const struct buddy_zone *z, const struct page *p)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)z->map;

	return a >= lo && a < lo + z->npages * sizeof(*p) && (a - lo) % sizeof(*p) == 0;
}

void buddy_init(struct buddy_zone *z, struct page *map, pfn_t base_pfn, size_t npages)
{
	z->map = map;
	z->base_pfn = base_pfn;
	z->npages = npages;
	for (unsigned o = 0; o < MAX_ORDER; o++) {
		list_init(&z->free[o]);
		z->nr_free[o] = 0;
	}
	z->free_pages = 0;
	z->managed_pages = 0;
	for (size_t i = 0; i < npages; i++) {
		map[i] = (struct page){.flags = PG_RESERVED};
		list_init(&map[i].list);
	}
}

static void push_free(struct buddy_zone *z, struct page *p, unsigned order)
{
	p->flags |= PG_FREE;
	p->order = (uint8_t)order;
	list_add(&p->list, &z->free[order]);
	z->nr_free[order]++;
}

static void pop_free(struct buddy_zone *z, struct page *p)
{
	list_del(&p->list);
	p->flags &= ~PG_FREE;
	z->nr_free[p->order]--;
}

/* File the block [pfn, pfn + 2^order), merging it with free buddies. */
static void free_block(struct buddy_zone *z, pfn_t pfn, unsigned order)
{
	z->free_pages += order_pages(order);
	while (order < MAX_ORDER - 1) {
		pfn_t bpfn = pfn ^ order_pages(order);
		struct page *b;

		if (!buddy_contains(z, bpfn))
			break;
		b = buddy_page(z, bpfn);
		if (!(b->flags & PG_FREE) || b->order != order)
			break;
		pop_free(z, b);
		pfn &= ~order_pages(order);
		order++;
	}
	push_free(z, buddy_page(z, pfn), order);
}

int buddy_add_range(struct buddy_zone *z, pfn_t start, size_t n)
{
	pfn_t pfn, end;

	if (n == 0)
		return 0;
	if (!buddy_contains(z, start) || n > z->npages - (start - z->base_pfn))
		return -EINVAL;
	end = start + n;
	for (pfn = start; pfn < end; pfn++)
		if (buddy_page(z, pfn)->flags != PG_RESERVED)
			return -EINVAL;
	for (pfn = start; pfn < end; pfn++)
		buddy_page(z, pfn)->flags = 0;

	/* Largest order that is both aligned at pfn and fits before end. */
	for (pfn = start; pfn < end;) {
		unsigned order = MAX_ORDER - 1;

		while (order > 0 &&
		       ((pfn & (order_pages(order) - 1)) || end - pfn < order_pages(order)))
			order--;
		free_block(z, pfn, order);
		pfn += order_pages(order);
	}
	z->managed_pages += n;
	return 0;
}

struct page *buddy_alloc(struct buddy_zone *z, unsigned order)
{
	struct page *p;
	unsigned o;

	if (order >= MAX_ORDER)
		return NULL;
	for (o = order; o < MAX_ORDER && list_empty(&z->free[o]); o++)
		;
	if (o == MAX_ORDER)
		return NULL;
	p = list_first_entry(&z->free[o], struct page, list);
	pop_free(z, p);
	while (o > order) {
		o--;
		push_free(z, p + order_pages(o), o);
	}
	p->flags |= PG_ALLOC;
	p->order = (uint8_t)order;
	z->free_pages -= order_pages(order);
	return p;
}

int buddy_free(struct buddy_zone *z, struct page *p, unsigned order)
{
	pfn_t pfn;

	if (order >= MAX_ORDER || !in_map(z, p))
		return -EINVAL;
	pfn = buddy_pfn(z, p);
	if (pfn & (order_pages(order) - 1))
		return -EINVAL;
	if (!(p->flags & PG_ALLOC) || (p->flags & NOT_ALLOCATED) || p->order != order)
		return -EINVAL;
	p->flags &= ~PG_ALLOC;
	free_block(z, pfn, order);
	return 0;
}

static bool check_block(const struct buddy_zone *z, const struct page *p, unsigned o)
{
	pfn_t pfn, bpfn;

	if (!in_map(z, p))
		return false;
	pfn = buddy_pfn(z, p);
	if ((p->flags & ~PG_FREE & (NOT_ALLOCATED | PG_ALLOC)) || !(p->flags & PG_FREE) ||
	    p->order != o || (pfn & (order_pages(o) - 1)) ||
	    !buddy_contains(z, pfn + order_pages(o) - 1))
		return false;
	/* the rest of the block is plain managed memory */
	for (pfn_t i = 1; i < order_pages(o); i++)
		if (p[i].flags & (NOT_ALLOCATED | PG_ALLOC))
			return false;
	/* fully coalesced: the buddy is not a free block of the same order */
	bpfn = pfn ^ order_pages(o);
	if (o < MAX_ORDER - 1 && buddy_contains(z, bpfn)) {
		const struct page *b = buddy_page(z, bpfn);

		if ((b->flags & PG_FREE) && b->order == o)
			return false;
	}
	return true;
}

bool buddy_check(const struct buddy_zone *z)
{
	size_t pages = 0;

	for (unsigned o = 0; o < MAX_ORDER; o++) {
		const struct page *p;
		size_t n = 0;

		list_for_each_entry (p, &z->free[o], list) {
			if (!check_block(z, p, o) || ++n > z->npages)
				return false;
			pages += order_pages(o);
		}
		if (n != z->nr_free[o])
			return false;
	}
	return pages == z->free_pages && z->free_pages <= z->managed_pages;
}
