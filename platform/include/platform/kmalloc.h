/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kernel heap: slab caches for fixed-size objects, and kmalloc() on top of
 * power-of-two caches (8 B .. 2 KiB; larger sizes take whole pages).
 * Returned memory is aligned to min(size rounded up to a power of two,
 * PAGE_SIZE), and at least 8 bytes.  All functions may be called with
 * interrupts disabled and never sleep.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align);
void *kmem_cache_alloc(struct kmem_cache *c) __must_check;
void *kmem_cache_zalloc(struct kmem_cache *c) __must_check;
void kmem_cache_free(struct kmem_cache *c, void *obj);
/* Give this CPU's cached free objects of `c` (of every kmalloc class)
 * back to the slabs, and the slabs left empty to the page allocator. */
void kmem_cache_drain(struct kmem_cache *c);
void kmalloc_drain(void);

/* A cache's counters, as /proc/slabinfo shows them. */
struct kmem_cache_stat {
	const char *name;
	size_t active_objs, num_objs, objsize, objperslab, pagesperslab;
	size_t active_slabs, num_slabs;
};

/* Counters of the i-th built-in cache (kmem_cache, then kmalloc-8 ..
 * kmalloc-2048); returns false when there is no i-th.  Takes the cache's
 * lock; never sleeps. */
bool kmem_cache_stat(unsigned i, struct kmem_cache_stat *st);

void *kmalloc(size_t size) __must_check;
void *kzalloc(size_t size) __must_check;
void kfree(const void *p); /* NULL is a no-op */
