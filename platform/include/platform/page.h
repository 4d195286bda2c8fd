/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Physical page allocator (the PMM): a buddy allocator over the firmware
 * memory map, with per-CPU caches of single pages in front of it.  Every
 * physical frame has a `struct page`; kernel code reaches a frame's memory
 * through the direct map (page_address()).
 */
#pragma once

#include <klib/compiler.h>
#include <klib/list.h>
#include <klib/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define MAX_ORDER  11 /* largest block: 2^(MAX_ORDER-1) pages = 4 MiB */

/* flags for alloc_pages() */
#define PAF_ZERO 0x1u /* zero-fill the block */

struct page {
	struct list_head list; /* free list, per-CPU cache or slab list */
	uint32_t flags;	       /* PG_* */
	int32_t refcount;      /* 0 when free; copy-on-write sharing counts here */
	void *owner;	       /* slab cache that owns the page, if PG_SLAB */
	union {
		void *freelist;	   /* slab head page: first free object */
		struct page *head; /* PG_SLAB_TAIL: first page of the slab */
	};
	uint32_t inuse; /* slab: objects in use */
	uint8_t order;	/* order of the buddy block this page heads, free or allocated */
};

#define PG_FREE	     0x01u /* head of a free buddy block */
#define PG_RESERVED  0x02u /* not managed (firmware, kernel image, holes, mem_map) */
#define PG_SLAB	     0x04u /* part of a slab */
#define PG_PCP	     0x08u /* in a per-CPU cache */
#define PG_ALLOC     0x10u /* head of a block the buddy allocator handed out */
#define PG_SLAB_TAIL 0x20u /* a slab page other than the first */

struct page *alloc_pages(unsigned flags, unsigned order) __must_check;
void free_pages(struct page *p, unsigned order);
static inline struct page *alloc_page(unsigned flags)
{
	return alloc_pages(flags, 0);
}
static inline void free_page(struct page *p)
{
	free_pages(p, 0);
}

/* Shared single pages (copy-on-write, shared mappings): alloc_page() gives
 * one reference; page_get() adds one per extra mapping; page_put() drops
 * one and frees the page with the last. */
static inline void page_get(struct page *p)
{
	__atomic_add_fetch(&p->refcount, 1, __ATOMIC_RELAXED);
}
static inline int page_refs(const struct page *p)
{
	return __atomic_load_n(&p->refcount, __ATOMIC_ACQUIRE);
}
void page_put(struct page *p);

paddr_t page_to_phys(const struct page *p);
struct page *phys_to_page(paddr_t pa);	  /* NULL if `pa` is beyond the memory map */
void *page_address(const struct page *p); /* direct-map address */
/* `p` points at a struct page of the memory map (never dereferenced) */
bool page_is_frame(const struct page *p);
/* Copy the 4 KiB of `src` into `dst`. */
void page_copy(struct page *dst, const struct page *src);
struct page *virt_to_page(const void *kva);

struct pmm_stats {
	size_t total_pages; /* usable RAM managed by the allocator */
	size_t free_pages;  /* free in the buddy lists and per-CPU caches */
};
void pmm_stats(struct pmm_stats *st);
