/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Slab core: caches of fixed-size objects carved out of page blocks.  Pure
 * bookkeeping, private to platform/mm: no locks and no page allocation of
 * its own, so kmalloc.c can call the page allocator with no heap lock held
 * (the page lock ranks below the heap lock) and the host tests can supply
 * fake pages.
 *
 * A slab is a block of 2^order pages; its objects sit back to back from the
 * block's start, `stride` bytes apart, so each is aligned to `align`.  Its
 * metadata lives in the head page's struct page (PG_SLAB, owner = cache,
 * freelist, inuse); every later page is PG_SLAB_TAIL and points at the head,
 * so any object's page leads to its slab and its cache.  Free objects hold
 * the next free object in their first word.  Slabs are on one of three
 * lists (empty, partial, full) by their in-use count.
 *
 * The caller's protocol: slab_alloc(); if NULL, get a block of 2^order pages
 * (unlocked), slab_grow() it in and slab_alloc() again.  After slab_free(),
 * slab_reap(c, SLAB_KEEP_EMPTY) detaches a surplus empty slab, which the
 * caller frees (unlocked).  Every call on one cache must be serialized.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/list.h>
#include <klib/types.h>
#include <platform/page.h>

#define SLAB_MIN_ALIGN	sizeof(void *)
#define SLAB_MAX_ORDER	3 /* slabs up to 32 KiB; bigger objects take whole pages */
#define SLAB_KEEP_EMPTY 1 /* empty slabs a cache keeps for the next burst */

/* How the core reaches page memory; the kernel passes page_address and
 * virt_to_page.  Pages of one block are consecutive struct pages. */
struct slab_page_ops {
	void *(*address)(const struct page *p);	  /* start of the page's memory */
	struct page *(*lookup)(const void *addr); /* page holding addr, or NULL */
};

enum slab_state { SLAB_EMPTY, SLAB_PARTIAL, SLAB_FULL, SLAB_NSTATES };

struct slab_cache {
	const char *name;
	const struct slab_page_ops *ops;
	size_t size;			      /* requested object size */
	size_t align;			      /* object alignment, a power of two <= PAGE_SIZE */
	size_t stride;			      /* bytes between objects: size rounded up to align */
	unsigned order;			      /* a slab is 2^order pages */
	unsigned per_slab;		      /* objects per slab */
	struct list_head slabs[SLAB_NSTATES]; /* head pages, by state */
	size_t nr_slabs[SLAB_NSTATES];
	size_t inuse; /* objects allocated */
};

/* Set up a cache of `size`-byte objects aligned to `align` (0: the minimum).
 * Chooses the smallest slab order that wastes at most 1/8 of the slab.
 * Returns 0, or -EINVAL for size 0, an alignment that is not a power of two
 * or exceeds PAGE_SIZE, or objects too big for a slab of SLAB_MAX_ORDER. */
int slab_cache_init(struct slab_cache *c, const char *name, size_t size, size_t align,
		    const struct slab_page_ops *ops) __must_check;

/* An object from a partial or empty slab, or NULL if every slab is full. */
void *slab_alloc(struct slab_cache *c) __must_check;

/* Turn the block of 2^c->order pages at `head` into an empty slab. */
void slab_grow(struct slab_cache *c, struct page *head);

/* Give `obj` back.  Returns 0, or -EINVAL (cache unchanged) if obj is not an
 * allocated object of this cache (foreign, misaligned, already free). */
int slab_free(struct slab_cache *c, void *obj) __must_check;
/* Whether obj is at an object's place in one of c's slabs (no lock
 * needed while obj is allocated: its slab cannot go away). */
bool slab_owns(const struct slab_cache *c, const void *obj);

/* Detach one empty slab if more than `keep` are empty; its pages are no
 * longer slab pages and go back to the page allocator (order c->order).
 * NULL if there is no surplus. */
struct page *slab_reap(struct slab_cache *c, size_t keep) __must_check;

/* Consistency check of every slab of the cache.  For tests and self-tests. */
bool slab_check(const struct slab_cache *c);

/* The head page of the slab that `p` (a PG_SLAB page) belongs to. */
static inline struct page *slab_head(struct page *p)
{
	return (p->flags & PG_SLAB_TAIL) ? p->head : p;
}
