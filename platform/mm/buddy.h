/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Buddy allocator core: pure bookkeeping over a `struct page` array, no
 * locks, no globals, no arch.  Private to platform/mm (pmm.c wraps it in a
 * lock; the host tests drive it directly).
 *
 * A zone covers pfns [base_pfn, base_pfn + npages); map[i] describes pfn
 * base_pfn + i.  buddy_init() marks every page PG_RESERVED; buddy_add_range()
 * hands usable ranges to the allocator.  A block of order k is 2^k pages
 * whose first pfn is a multiple of 2^k (absolute pfn, so physical alignment
 * follows: an order-9 block is a 2 MiB-aligned 2 MiB page).  Only a block's
 * head page carries state: PG_FREE + order while on free[order], PG_ALLOC +
 * order while handed out.  Freeing merges a block with its buddy (pfn ^ 2^k)
 * as long as the buddy is a free head of the same order, so after every
 * block is freed the zone is back to maximal blocks.
 *
 * Misuse policy: the core never corrupts itself on a bad free.  buddy_free()
 * and buddy_add_range() detect double frees, frees of reserved, per-CPU-
 * cached, slab or tail pages, wrong orders and ranges outside the zone, and
 * return -EINVAL leaving the zone unchanged; the caller (pmm.c) turns that
 * into a panic.  The page memory itself is never touched.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/list.h>
#include <klib/types.h>
#include <platform/page.h>

struct buddy_zone {
	struct page *map;		  /* struct page of pfn base_pfn + i */
	pfn_t base_pfn;			  /* first pfn the map describes */
	size_t npages;			  /* pages the map describes */
	struct list_head free[MAX_ORDER]; /* free block heads, by order */
	size_t nr_free[MAX_ORDER];	  /* blocks on free[order] */
	size_t free_pages;		  /* pages in free blocks */
	size_t managed_pages;		  /* pages given by buddy_add_range() */
};

/* Set up `z` over `map` (npages entries) and mark every page reserved. */
void buddy_init(struct buddy_zone *z, struct page *map, pfn_t base_pfn, size_t npages);

/* Free the pfns [start, start + n) into the zone, as maximal aligned blocks
 * that coalesce with free neighbours.  Returns 0, or -EINVAL (zone
 * unchanged) if the range leaves the zone or a page in it is not reserved. */
int buddy_add_range(struct buddy_zone *z, pfn_t start, size_t n) __must_check;

/* A block of 2^order pages, head marked PG_ALLOC, or NULL if none is free or
 * order >= MAX_ORDER. */
struct page *buddy_alloc(struct buddy_zone *z, unsigned order) __must_check;

/* Give back a block from buddy_alloc() with the same order.  Returns 0, or
 * -EINVAL (zone unchanged) if `p` is not the head of an allocated block of
 * that order in this zone. */
int buddy_free(struct buddy_zone *z, struct page *p, unsigned order) __must_check;

/* Full consistency check of the free lists (O(free blocks)): counts,
 * alignment, flags, and that no two free buddies were left unmerged.  For
 * tests and self-tests. */
bool buddy_check(const struct buddy_zone *z);

static inline pfn_t buddy_pfn(const struct buddy_zone *z, const struct page *p)
{
	return z->base_pfn + (pfn_t)(p - z->map);
}

static inline struct page *buddy_page(const struct buddy_zone *z, pfn_t pfn)
{
	return &z->map[pfn - z->base_pfn];
}

static inline bool buddy_contains(const struct buddy_zone *z, pfn_t pfn)
{
	return pfn >= z->base_pfn && pfn - z->base_pfn < z->npages;
}
