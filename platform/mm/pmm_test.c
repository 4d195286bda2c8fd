/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the kernel glue: pmm.c (boot carving of mem_map, memory
 * above 4 GiB, per-CPU caches, refcounts, panics on bad frees) and
 * kmalloc.c (size classes, alignment, large blocks, kfree, custom caches),
 * with the real cores under them.  "Physical memory" is a 4 GiB + 16 MiB
 * mmap(MAP_NORESERVE) region; only what is touched is backed.  Locks and
 * interrupt state come from hosttest/platform.h, which also checks the lock
 * ranks, so the heap -> page allocator protocol is exercised as it runs in
 * the kernel.  The tests share one pmm_init() and run in order; each gives
 * back what it takes.
 */
/* hosttest-sources: platform/mm/buddy.c platform/mm/pcp.c platform/mm/slab.c platform/mm/kmalloc.c */
/* hosttest-cflags: -Itests/host/include/hosttest/stubs */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>
#include <hosttest/panic.h>
#include <hosttest/platform.h>
#include <arch/physmap.h>
#include <platform/kmalloc.h>
#include "pcp.h"
#include "pmm.h"
#include "slab.h"

#define MiB(x) ((paddr_t)(x) << 20)
#define GiB4   0x100000000ull

char *host_phys_base;

/* The arch's page fill and copy (pageops.S in the kernel). */
void arch_page_zero(void *p, size_t bytes)
{
	memset(p, 0, bytes);
}

void arch_page_copy(void *dst, const void *src, size_t bytes)
{
	memcpy(dst, src, bytes);
}
static const size_t phys_size = GiB4 + MiB(16);

static const struct mem_range ranges[] = {
	{MiB(1), 0x10000},	     /* 16 pages: too small for mem_map */
	{MiB(16), MiB(80)},	     /* mem_map is carved from here */
	{MiB(128), MiB(2) + 0x3000}, /* odd length */
	{GiB4, MiB(16)},	     /* above 4 GiB */
};
static size_t map_pages, low_pages;

static int group_setup(void **state)
{
	pfn_t max_pfn = (GiB4 + MiB(16)) >> PAGE_SHIFT;

	host_phys_base = mmap(NULL, phys_size, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (host_phys_base == MAP_FAILED)
		return -1;
	map_pages = ALIGN_UP(max_pfn * sizeof(struct page), PAGE_SIZE) / PAGE_SIZE;
	low_pages = 16 + (MiB(80) >> PAGE_SHIFT) - map_pages + ((MiB(2) + 0x3000) >> PAGE_SHIFT);
	pmm_init(ranges, ARRAY_SIZE(ranges));
	kmalloc_init();
	return 0;
}

static int group_teardown(void **state)
{
	munmap(host_phys_base, phys_size);
	return 0;
}

static struct pmm_stats stats(void)
{
	struct pmm_stats st;

	pmm_stats(&st);
	return st;
}

static bool reserved(paddr_t pa)
{
	return phys_to_page(pa)->flags & PG_RESERVED;
}

static void test_init_layout(void **state)
{
	struct pmm_stats st = stats();

	assert_int_equal(st.total_pages, low_pages);
	assert_int_equal(st.free_pages, low_pages);
	/* mem_map sits at the start of the first range below 4 GiB that holds it */
	assert_ptr_equal(phys_to_page(0), phys_to_virt(MiB(16)));
	assert_true(reserved(MiB(16)));
	assert_true(reserved(MiB(16) + (map_pages - 1) * PAGE_SIZE));
	assert_false(reserved(MiB(16) + map_pages * PAGE_SIZE));
	/* holes and not-yet-added high memory are reserved */
	assert_true(reserved(0));
	assert_true(reserved(MiB(1) - PAGE_SIZE));
	assert_false(reserved(MiB(1)));
	assert_true(reserved(MiB(1) + 0x10000));
	assert_true(reserved(MiB(96)));
	assert_false(reserved(MiB(130) + 0x2000));
	assert_true(reserved(MiB(130) + 0x3000));
	assert_true(reserved(GiB4));
	assert_true(pmm_check());
}

static void test_add_high(void **state)
{
	static struct page *blocks[64];
	bool high = false;
	size_t n = 0;

	pmm_add_high();
	assert_int_equal(stats().total_pages, low_pages + (MiB(16) >> PAGE_SHIFT));
	assert_false(reserved(GiB4));
	assert_true(pmm_check());
	while (n < ARRAY_SIZE(blocks) && (blocks[n] = alloc_pages(0, MAX_ORDER - 1)) != NULL) {
		assert_int_equal(page_to_phys(blocks[n]) % (PAGE_SIZE << (MAX_ORDER - 1)), 0);
		high |= page_to_phys(blocks[n]) >= GiB4;
		n++;
	}
	assert_true(high);
	while (n > 0)
		free_pages(blocks[--n], MAX_ORDER - 1);
	assert_int_equal(stats().free_pages, stats().total_pages);
}

static void test_address_conversions(void **state)
{
	struct page *p = alloc_page(0);
	paddr_t pa = page_to_phys(p);

	assert_ptr_equal(phys_to_page(pa), p);
	assert_ptr_equal(phys_to_page(pa + 123), p);
	assert_ptr_equal(page_address(p), host_phys_base + pa);
	assert_ptr_equal(virt_to_page((char *)page_address(p) + 4095), p);
	assert_null(phys_to_page(GiB4 + MiB(16)));
	assert_non_null(phys_to_page(GiB4 + MiB(16) - 1));
	free_page(p);
}

static void test_alloc_zero_and_refcount(void **state)
{
	size_t before = stats().free_pages;
	struct page *p = alloc_pages(0, 3), *q;
	unsigned char *m;

	assert_int_equal(p->refcount, 1);
	memset(page_address(p), 0xa5, 8 * PAGE_SIZE);
	free_pages(p, 3);
	assert_int_equal(p->refcount, 0);
	/* a free-then-alloc of one order gets the same block back: dirty */
	q = alloc_pages(PAF_ZERO, 3);
	assert_ptr_equal(q, p);
	m = page_address(q);
	for (size_t i = 0; i < 8 * PAGE_SIZE; i++)
		assert_int_equal(m[i], 0);
	assert_int_equal(stats().free_pages, before - 8);
	free_pages(q, 3);
	assert_null(alloc_pages(0, MAX_ORDER));
	assert_int_equal(stats().free_pages, before);
}

static void test_percpu_caches(void **state)
{
	size_t before = stats().free_pages;
	struct page *p;

	host_cpu = 1;
	p = alloc_page(0);
	assert_false(p->flags & PG_PCP);
	assert_int_equal(stats().free_pages, before - 1); /* the cache's batch counts as free */
	host_cpu = 2;
	free_page(p);
	assert_true(p->flags & PG_PCP); /* parked in CPU 2's cache */
	assert_int_equal(stats().free_pages, before);
	host_cpu = 0;
	assert_true(pmm_check());
}

static void test_exhaustion_and_local_drain(void **state)
{
	static struct page *all[20000];
	size_t before = stats().free_pages, n = 0, i;
	struct page *pair = NULL;

	host_cpu = 0;
	while ((all[n] = alloc_page(0)) != NULL)
		n++;
	assert_true(n < ARRAY_SIZE(all));
	/* only other CPUs' caches can still hold pages */
	assert_true(stats().free_pages <= (MAX_CPUS - 1) * (PCP_HIGH + 1));
	assert_int_equal(n + stats().free_pages, before);
	assert_null(alloc_pages(0, 1));

	/* free an aligned pair: it sits in CPU 0's cache, yet order 1 must work */
	for (i = 0; i < n && !pair; i++) {
		paddr_t pa = page_to_phys(all[i]);
		struct page *buddy = phys_to_page(pa + PAGE_SIZE);

		if (pa % (2 * PAGE_SIZE) == 0 && buddy && buddy->refcount == 1) {
			pair = all[i];
			free_page(all[i]);
			free_page(buddy);
		}
	}
	assert_non_null(pair);
	assert_true(pair->flags & PG_PCP);
	assert_ptr_equal(alloc_pages(0, 1), pair);
	free_pages(pair, 1);
	for (i = 0; i < n; i++)
		if (all[i] != pair && all[i] != pair + 1)
			free_page(all[i]);
	assert_int_equal(stats().free_pages, before);
	assert_true(pmm_check());
}

static void test_bad_frees_panic(void **state)
{
	struct page *p = alloc_pages(0, 2);
	struct page *q = alloc_page(0);

	free_page(q);
	expect_assert_failure(free_page(q));		   /* double free */
	expect_assert_failure(free_page(phys_to_page(0))); /* reserved */
	expect_assert_failure(free_pages(p, 1));	   /* wrong order */
	p->refcount = 1;
	expect_assert_failure(free_page(p + 1)); /* tail page */
	p->refcount = 2;
	expect_assert_failure(free_pages(p, 2)); /* still shared */
	p->refcount = 1;
	free_pages(p, 2);
	assert_true(pmm_check());
}

static void test_kmalloc_classes(void **state)
{
	static const size_t sizes[] = {0, 1, 7, 8, 9, 16, 17, 100, 128, 129, 500, 1000, 1025, 2048};

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t cls = 8;
		char *a, *b, name[32];
		struct page *pg;

		while (cls < sizes[i])
			cls <<= 1;
		a = kmalloc(sizes[i]);
		b = kmalloc(sizes[i]);
		assert_non_null(a);
		assert_true(a != b);
		assert_int_equal((uintptr_t)a % cls, 0);
		assert_int_equal((uintptr_t)b % cls, 0);
		memset(a, 0x11, sizes[i]);
		memset(b, 0x22, sizes[i]);
		pg = virt_to_page(a);
		assert_true(pg->flags & PG_SLAB);
		snprintf(name, sizeof(name), "kmalloc-%zu", cls);
		assert_string_equal(((struct slab_cache *)slab_head(pg)->owner)->name, name);
		for (size_t j = 0; j < sizes[i]; j++)
			assert_int_equal(a[j], 0x11);
		kfree(a);
		kfree(b);
	}
	kfree(NULL);
}

static void test_kmalloc_large(void **state)
{
	static const size_t sizes[] = {2049, 4096, 4097, 100000, PAGE_SIZE << (MAX_ORDER - 1)};
	size_t before = stats().free_pages;

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned char *p = kmalloc(sizes[i]), *q;
		struct page *pg = virt_to_page(p);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % PAGE_SIZE, 0);
		assert_false(pg->flags & PG_SLAB);
		assert_true(PAGE_SIZE << pg->order >= sizes[i]);
		assert_true(pg->order == 0 || PAGE_SIZE << (pg->order - 1) < sizes[i]);
		memset(p, 0xff, sizes[i]);
		kfree(p);
		assert_int_equal(stats().free_pages, before);
		q = kzalloc(sizes[i]); /* the dirty block again */
		assert_ptr_equal(q, p);
		for (size_t j = 0; j < sizes[i]; j++)
			assert_int_equal(q[j], 0);
		kfree(q);
	}
	assert_null(kmalloc((PAGE_SIZE << (MAX_ORDER - 1)) + 1));
	expect_assert_failure(kfree(host_phys_base + MiB(130))); /* never allocated */
	host_locks_reset();
}

static void test_kzalloc_zeroes(void **state)
{
	unsigned char *p = kmalloc(200), *q;

	memset(p, 0xff, 200);
	kfree(p);
	q = kzalloc(200);
	assert_ptr_equal(q, p); /* LIFO reuse: the dirty object comes back */
	for (int i = 0; i < 200; i++)
		assert_int_equal(q[i], 0);
	kfree(q);
}

struct thing {
	uint64_t a[9];
};

static void test_kmem_cache(void **state)
{
	static struct thing *objs[500];
	struct kmem_cache *c = kmem_cache_create("thing", sizeof(struct thing), 64);
	size_t before = stats().free_pages;

	assert_non_null(c);
	assert_null(kmem_cache_create("bad", 8, 48));
	assert_null(kmem_cache_create("huge", PAGE_SIZE << 4, 0));
	for (int i = 0; i < 500; i++) {
		objs[i] = kmem_cache_zalloc(c);
		assert_non_null(objs[i]);
		assert_int_equal((uintptr_t)objs[i] % 64, 0);
		for (int j = 0; j < 9; j++)
			assert_int_equal(objs[i]->a[j], 0);
		objs[i]->a[0] = (uint64_t)i;
	}
	assert_true(stats().free_pages < before);
	for (int i = 0; i < 500; i++) {
		assert_int_equal(objs[i]->a[0], (uint64_t)i);
		if (i % 2)
			kmem_cache_free(c, objs[i]);
		else
			kfree(objs[i]); /* kfree finds the cache through the page */
	}
	kmem_cache_free(c, NULL);
	kmem_cache_drain(c); /* this CPU's magazine */
	/* everything back but the one empty slab the cache keeps */
	assert_int_equal(stats().free_pages, before - SLAB_KEEP_EMPTY);
	expect_assert_failure(kmem_cache_free(c, objs[0])); /* double free */
	host_locks_reset();
}

static void test_kmalloc_random_no_leak(void **state)
{
	static void *live[2000];
	static size_t len[2000];
	uint64_t rng = 42;
	size_t before = stats().free_pages, n = 0;

	for (int step = 0; step < 20000; step++) {
		rng = rng * 6364136223846793005ull + 1442695040888963407ull;
		if (n == ARRAY_SIZE(live) || (n > 0 && (rng >> 40) % 2)) {
			size_t i = (rng >> 20) % n;

			for (size_t j = 0; j < len[i]; j++)
				assert_int_equal(((unsigned char *)live[i])[j],
						 (unsigned char)len[i]);
			kfree(live[i]);
			live[i] = live[--n];
			len[i] = len[n];
		} else {
			len[n] = (rng >> 33) % ((rng >> 60) ? 700 : 20000);
			live[n] = kmalloc(len[n]);
			assert_non_null(live[n]);
			memset(live[n], (unsigned char)len[n], len[n]);
			n++;
		}
	}
	while (n > 0)
		kfree(live[--n]);
	kmalloc_drain();
	/* at most one kept empty slab per kmalloc class may remain */
	assert_true(before - stats().free_pages <= 9 * SLAB_KEEP_EMPTY);
	assert_true(pmm_check());
}

static void test_lock_rank_checker_works(void **state)
{
	static struct spinlock heap = SPINLOCK_INIT("heap", LOCK_RANK_HEAP);
	static struct spinlock page = SPINLOCK_INIT("page", LOCK_RANK_PAGE);
	irqflags_t f = spin_lock_irqsave(&heap);

	expect_assert_failure(spin_lock(&page));
	spin_unlock_irqrestore(&heap, f);
	host_locks_reset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_layout),
		cmocka_unit_test(test_add_high),
		cmocka_unit_test(test_address_conversions),
		cmocka_unit_test(test_alloc_zero_and_refcount),
		cmocka_unit_test(test_percpu_caches),
		cmocka_unit_test(test_exhaustion_and_local_drain),
		cmocka_unit_test(test_bad_frees_panic),
		cmocka_unit_test(test_kmalloc_classes),
		cmocka_unit_test(test_kmalloc_large),
		cmocka_unit_test(test_kzalloc_zeroes),
		cmocka_unit_test(test_kmem_cache),
		cmocka_unit_test(test_kmalloc_random_no_leak),
		cmocka_unit_test(test_lock_rank_checker_works),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
