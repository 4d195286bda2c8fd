/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Boot interface of the memory allocators, private to platform/.  The arch's
 * bring-up calls, in this order, on the boot CPU with interrupts off and
 * cpu_id() already working:
 *
 *   pmm_init(ranges, n);   page allocator over RAM below 4 GiB
 *   ... build the direct map of all RAM ...
 *   pmm_add_high();        RAM above 4 GiB joins
 *   kmalloc_init();        kmalloc() and kmem_cache_create() work from here
 *
 * alloc_pages() works right after pmm_init() (page tables for the direct
 * map come from it).
 */
#pragma once

#include <klib/types.h>

/* Physical memory reachable through phys_to_virt() before pmm_add_high(). */
#define PMM_LOW_LIMIT 0x100000000ull

struct mem_range {
	paddr_t base;
	uint64_t len;
};

/*
 * Called once on the boot CPU, interrupts off, before any allocation.
 * `ranges` is usable RAM: sorted, non-overlapping, page-aligned, already
 * excluding the kernel image, boot modules and the first 1 MiB.  Sizes the
 * struct page array (mem_map) for the highest pfn in `ranges`, carves it out
 * of the first usable range below 4 GiB big enough (those frames become
 * reserved), marks every non-usable frame PG_RESERVED and frees usable
 * memory below 4 GiB into the buddy allocator.  Ranges above 4 GiB are
 * remembered (up to PMM_MAX_HIGH_RANGES of them) for pmm_add_high().
 * Panics on malformed ranges or if mem_map does not fit.
 */
void pmm_init(const struct mem_range *ranges, size_t n);
#define PMM_MAX_HIGH_RANGES 64

/* Frees usable memory above 4 GiB, called once the direct map covers it. */
void pmm_add_high(void);

/* Consistency check of the buddy zone (buddy_check()), for self-tests.
 * Takes the zone lock; O(free pages). */
bool pmm_check(void);

/* Creates the kmalloc size classes.  After pmm_init(), before kmalloc(). */
void kmalloc_init(void);

/* The arch's fastest fill with zeroes and copy of whole pages (`bytes` a
 * multiple of PAGE_SIZE, direct-map addresses). */
void arch_page_zero(void *p, size_t bytes);
void arch_page_copy(void *dst, const void *src, size_t bytes);
