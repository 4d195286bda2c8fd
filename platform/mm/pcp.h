/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Per-CPU page caches: a small LIFO stack of order-0 pages in front of the
 * buddy zone, so the common single-page alloc/free touches no shared lock
 * and reuses cache-hot pages.  Pure logic, private to platform/mm: pmm.c
 * keeps one cache per CPU and calls these with that CPU's interrupts off;
 * the host tests drive them directly.
 *
 * Watermarks: the low watermark is an empty cache.  pcp_take() on an empty
 * cache returns NULL; the caller takes the zone lock and pcp_refill()s
 * `batch` pages.  pcp_put() pushes a freed page; when the count rises above
 * `high`, pcp_needs_drain() says so and the caller takes the zone lock and
 * pcp_drain()s `batch` of the coldest pages back.  A cache therefore holds
 * at most `high` pages once the caller is done, and the pages an allocation
 * on one CPU cannot reach in other CPUs' caches are bounded by
 * (MAX_CPUS - 1) * high.
 *
 * Cached pages stay PG_ALLOC from the buddy's point of view and carry
 * PG_PCP, so a double free into a cache is caught like one into the zone.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/list.h>
#include <klib/types.h>
#include <platform/page.h>
#include "buddy.h"

#define PCP_BATCH 16		  /* pages moved per refill or drain */
#define PCP_HIGH  (4 * PCP_BATCH) /* drain when holding more than this */

struct pcp_cache {
	struct list_head pages; /* hottest (most recently freed) first */
	unsigned count;		/* pages on `pages`; others may READ_ONCE it */
	unsigned high;		/* drain above this many pages */
	unsigned batch;		/* pages per refill/drain, 1 <= batch <= high */
};

void pcp_init(struct pcp_cache *c, unsigned high, unsigned batch);

/* Pop the hottest page (PG_PCP cleared), or NULL if the cache is empty. */
struct page *pcp_take(struct pcp_cache *c) __must_check;

/* Push a freed order-0 page.  Returns 0, or -EINVAL (cache unchanged) if `p`
 * is not an allocated order-0 block head (double free, slab page, ...). */
int pcp_put(struct pcp_cache *c, struct page *p) __must_check;

/* true when the cache is above its high watermark. */
static inline bool pcp_needs_drain(const struct pcp_cache *c)
{
	return c->count > c->high;
}

/* Move up to `batch` pages from the zone into the cache.  Zone lock held.
 * Returns the number moved (0 when the zone is out of pages). */
unsigned pcp_refill(struct pcp_cache *c, struct buddy_zone *z);

/* Return up to `n` of the coldest pages to the zone.  Zone lock held.
 * Returns the number moved. */
unsigned pcp_drain(struct pcp_cache *c, struct buddy_zone *z, unsigned n);
