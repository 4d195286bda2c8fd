/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the buddy allocator core.  A reference model tracks, per
 * pfn, whether it is managed and whether it is allocated; after every step
 * the zone must agree with it: free counts add up, blocks never overlap,
 * allocation fails exactly when the model has no free aligned block, and
 * the free lists hold exactly the maximal aligned blocks of the free set
 * (computed here by a different method than buddy.c uses).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <klib/errno.h>
#include "buddy.h"
#include <hosttest/rng.h>

#define NPAGES	 4096
#define BLOCK(o) ((pfn_t)1 << (o))

static struct page map[NPAGES];
static struct buddy_zone zone;
/* the model, indexed by pfn - base */
static bool managed[NPAGES];
static int owner[NPAGES]; /* 0: not allocated, else allocation id */

static void zone_setup(pfn_t base, size_t n)
{
	assert_true(n <= NPAGES);
	memset(managed, 0, sizeof(managed));
	memset(owner, 0, sizeof(owner));
	buddy_init(&zone, map, base, n);
}

static void add(pfn_t start, size_t n)
{
	assert_int_equal(buddy_add_range(&zone, start, n), 0);
	for (size_t i = 0; i < n; i++)
		managed[start - zone.base_pfn + i] = true;
	assert_true(buddy_check(&zone));
}

static pfn_t pfn_of(const struct page *p)
{
	return buddy_pfn(&zone, p);
}

static size_t model_free(void)
{
	size_t n = 0;

	for (size_t i = 0; i < zone.npages; i++)
		n += managed[i] && !owner[i];
	return n;
}

static bool model_block_free(pfn_t pfn, unsigned o)
{
	for (pfn_t p = pfn; p < pfn + BLOCK(o); p++)
		if (!buddy_contains(&zone, p) || !managed[p - zone.base_pfn] ||
		    owner[p - zone.base_pfn])
			return false;
	return true;
}

/* Does the model have a free block of order o, aligned in absolute pfns? */
static bool model_has_block(unsigned o)
{
	pfn_t first = ALIGN_UP(zone.base_pfn, BLOCK(o));

	for (pfn_t p = first; p + BLOCK(o) <= zone.base_pfn + zone.npages; p += BLOCK(o))
		if (model_block_free(p, o))
			return true;
	return false;
}

/* The fully coalesced state, by covering the free set with aligned blocks
 * from the largest order down, and compared with the zone's free lists. */
static void assert_coalesced(void)
{
	static int8_t head_order[NPAGES];
	static bool covered[NPAGES];
	size_t want[MAX_ORDER] = {0};

	memset(head_order, -1, sizeof(head_order));
	memset(covered, 0, sizeof(covered));
	for (int o = MAX_ORDER - 1; o >= 0; o--) {
		pfn_t first = ALIGN_UP(zone.base_pfn, BLOCK(o));

		for (pfn_t p = first; p + BLOCK(o) <= zone.base_pfn + zone.npages; p += BLOCK(o)) {
			size_t i = p - zone.base_pfn;

			if (covered[i] || !model_block_free(p, (unsigned)o))
				continue;
			want[o]++;
			head_order[i] = (int8_t)o;
			for (size_t j = 0; j < BLOCK(o); j++)
				covered[i + j] = true;
		}
	}
	for (unsigned o = 0; o < MAX_ORDER; o++) {
		struct page *p;

		assert_int_equal(zone.nr_free[o], want[o]);
		list_for_each_entry (p, &zone.free[o], list) {
			assert_int_equal(head_order[pfn_of(p) - zone.base_pfn], o);
		}
	}
	assert_int_equal(zone.free_pages, model_free());
	assert_true(buddy_check(&zone));
}

static struct page *alloc_model(unsigned o, int id)
{
	struct page *p = buddy_alloc(&zone, o);

	if (!p) {
		assert_false(model_has_block(o));
		return NULL;
	}
	assert_true(p->flags & PG_ALLOC);
	assert_int_equal(p->order, o);
	assert_int_equal(pfn_of(p) % BLOCK(o), 0);
	assert_true(model_block_free(pfn_of(p), o)); /* no overlap, managed */
	for (size_t j = 0; j < BLOCK(o); j++)
		owner[pfn_of(p) - zone.base_pfn + j] = id;
	return p;
}

static void free_model(struct page *p, unsigned o)
{
	int id = owner[pfn_of(p) - zone.base_pfn];

	for (size_t j = 0; j < BLOCK(o); j++) {
		assert_int_equal(owner[pfn_of(p) - zone.base_pfn + j], id);
		owner[pfn_of(p) - zone.base_pfn + j] = 0;
	}
	assert_int_equal(buddy_free(&zone, p, o), 0);
}

static void test_init_all_reserved(void **state)
{
	zone_setup(100, 300);
	for (size_t i = 0; i < 300; i++)
		assert_int_equal(map[i].flags, PG_RESERVED);
	assert_int_equal(zone.free_pages, 0);
	assert_null(buddy_alloc(&zone, 0));
	assert_true(buddy_check(&zone));
}

static void test_aligned_range_is_max_blocks(void **state)
{
	zone_setup(0, NPAGES);
	add(0, NPAGES);
	assert_int_equal(zone.nr_free[MAX_ORDER - 1], NPAGES / BLOCK(MAX_ORDER - 1));
	assert_int_equal(zone.free_pages, NPAGES);
	assert_int_equal(zone.managed_pages, NPAGES);
	assert_coalesced();
}

static void test_odd_range_decomposition(void **state)
{
	zone_setup(0, 64);
	add(3, 17); /* [3,20) = 3 | 4..7 | 8..15 | 16..19 */
	assert_int_equal(zone.nr_free[0], 1);
	assert_int_equal(zone.nr_free[1], 0);
	assert_int_equal(zone.nr_free[2], 2);
	assert_int_equal(zone.nr_free[3], 1);
	assert_int_equal(zone.free_pages, 17);
	assert_coalesced();

	zone_setup(0x12345, 3000); /* odd base, odd length */
	add(0x12345 + 7, 2993);
	assert_coalesced();
}

static void test_split_and_merge_back(void **state)
{
	struct page *p;

	zone_setup(0, BLOCK(MAX_ORDER - 1));
	add(0, BLOCK(MAX_ORDER - 1));
	p = alloc_model(0, 1);
	assert_non_null(p);
	assert_int_equal(pfn_of(p), 0);
	for (unsigned o = 0; o < MAX_ORDER - 1; o++)
		assert_int_equal(zone.nr_free[o], 1); /* one buddy left per order */
	assert_int_equal(zone.nr_free[MAX_ORDER - 1], 0);
	assert_coalesced();
	free_model(p, 0);
	assert_int_equal(zone.nr_free[MAX_ORDER - 1], 1);
	assert_coalesced();
}

static void test_alignment_all_orders(void **state)
{
	zone_setup(5, NPAGES - 5);
	add(5, NPAGES - 5);
	for (unsigned o = 0; o < MAX_ORDER; o++) {
		struct page *p = alloc_model(o, (int)o + 1);

		assert_non_null(p);
		assert_int_equal(pfn_of(p) & (BLOCK(o) - 1), 0);
	}
	assert_coalesced();
	assert_null(buddy_alloc(&zone, MAX_ORDER));
	assert_null(buddy_alloc(&zone, 100));
}

static void test_exhaustion(void **state)
{
	static struct page *got[600];
	size_t n = 0;
	struct page *p;

	zone_setup(0, 600);
	add(1, 513);
	while ((p = alloc_model(0, (int)n + 1)) != NULL)
		got[n++] = p;
	assert_int_equal(n, 513);
	assert_int_equal(zone.free_pages, 0);
	assert_null(buddy_alloc(&zone, 0));
	assert_null(buddy_alloc(&zone, 3));
	/* free in a scrambled order; everything must merge back */
	for (size_t i = 0; i < n; i++)
		free_model(got[(i * 7) % n], 0);
	assert_coalesced();
	assert_int_equal(zone.free_pages, 513);
}

static void test_fragmentation_blocks_high_orders(void **state)
{
	static struct page *got[256];

	zone_setup(0, 256);
	add(0, 256);
	for (int i = 0; i < 256; i++)
		got[i] = alloc_model(0, i + 1);
	for (int i = 0; i < 256; i += 2)
		free_model(got[i], 0);
	assert_int_equal(zone.free_pages, 128);
	assert_null(alloc_model(1, 999));
	assert_coalesced();
	free_model(got[3], 0); /* pages 2,3 become an order-1 block */
	assert_int_equal(zone.nr_free[1], 1);
	assert_non_null(alloc_model(1, 1000));
	assert_coalesced();
}

static void test_double_free_rejected(void **state)
{
	struct page *a, *b;

	zone_setup(0, 64);
	add(0, 64);
	a = alloc_model(2, 1);
	b = alloc_model(0, 2);
	free_model(a, 2);
	assert_int_equal(buddy_free(&zone, a, 2), -EINVAL); /* head, free */
	assert_coalesced();
	free_model(b, 0);
	/* b merged into a larger free block: no longer a head at all */
	assert_int_equal(buddy_free(&zone, b, 0), -EINVAL);
	assert_int_equal(buddy_free(&zone, &map[17], 0), -EINVAL);
	assert_coalesced();
}

static void test_bad_frees_rejected(void **state)
{
	struct page *p, other;

	zone_setup(0, 128);
	add(8, 100);
	p = alloc_model(3, 1);
	assert_int_equal(buddy_free(&zone, &map[0], 0), -EINVAL);	   /* reserved */
	assert_int_equal(buddy_free(&zone, &map[120], 0), -EINVAL);	   /* reserved */
	assert_int_equal(buddy_free(&zone, p, 2), -EINVAL);		   /* wrong order */
	assert_int_equal(buddy_free(&zone, p, 4), -EINVAL);		   /* wrong order */
	assert_int_equal(buddy_free(&zone, p + 1, 0), -EINVAL);		   /* tail page */
	assert_int_equal(buddy_free(&zone, p + 2, 1), -EINVAL);		   /* tail block */
	assert_int_equal(buddy_free(&zone, p, MAX_ORDER), -EINVAL);	   /* bad order */
	assert_int_equal(buddy_free(&zone, &other, 0), -EINVAL);	   /* not in map */
	assert_int_equal(buddy_free(&zone, &map[NPAGES - 1], 0), -EINVAL); /* past npages */
	p->flags |= PG_PCP;
	assert_int_equal(buddy_free(&zone, p, 3), -EINVAL); /* cached per-CPU */
	p->flags &= ~PG_PCP;
	p->flags |= PG_SLAB;
	assert_int_equal(buddy_free(&zone, p, 3), -EINVAL); /* still a slab */
	p->flags &= ~PG_SLAB;
	assert_coalesced();
	free_model(p, 3);
	assert_coalesced();
}

static void test_add_range_errors(void **state)
{
	zone_setup(1000, 500);
	assert_int_equal(buddy_add_range(&zone, 1000, 0), 0);
	assert_int_equal(buddy_add_range(&zone, 999, 10), -EINVAL);  /* below zone */
	assert_int_equal(buddy_add_range(&zone, 1490, 11), -EINVAL); /* past end */
	assert_int_equal(buddy_add_range(&zone, 1500, 1), -EINVAL);
	assert_int_equal(buddy_add_range(&zone, 1000, (size_t)-1), -EINVAL);
	add(1100, 50);
	assert_int_equal(buddy_add_range(&zone, 1140, 20), -EINVAL); /* overlap */
	assert_int_equal(buddy_add_range(&zone, 1100, 1), -EINVAL);
	assert_int_equal(zone.managed_pages, 50);
	/* a failed add leaves its non-overlapping pages reserved */
	assert_int_equal(map[1150 - 1000].flags, PG_RESERVED);
	assert_coalesced();
}

static void test_adjacent_ranges_coalesce(void **state)
{
	zone_setup(0, 2048);
	add(0, 512);
	add(512, 512);
	assert_int_equal(zone.nr_free[MAX_ORDER - 1], 1);
	add(1536, 256);
	add(1024 + 256, 256);
	add(1024, 256);
	add(1792, 256);
	assert_int_equal(zone.nr_free[MAX_ORDER - 1], 2);
	assert_int_equal(zone.free_pages, 2048);
	assert_coalesced();
}

static void test_no_merge_across_holes(void **state)
{
	struct page *p;

	zone_setup(0, 1024);
	add(0, 511);
	add(512, 512); /* pfn 511 is a hole */
	assert_int_equal(zone.nr_free[MAX_ORDER - 1], 0);
	assert_int_equal(zone.nr_free[9], 1);
	assert_coalesced();
	p = alloc_model(9, 1);
	assert_int_equal(pfn_of(p), 512);
	assert_null(alloc_model(9, 2));
	free_model(p, 9);
	assert_coalesced();

	/* a zone starting at an unaligned pfn never reaches outside itself */
	zone_setup(3, 1021);
	add(3, 1021);
	assert_int_equal(zone.nr_free[MAX_ORDER - 1], 0);
	assert_coalesced();
}

struct alloc_rec {
	struct page *p;
	unsigned order;
};

static void random_run(uint64_t seed, pfn_t base, size_t n)
{
	static struct alloc_rec live[NPAGES];
	size_t nlive = 0;

	rng_seed(seed);
	zone_setup(base, n);
	/* usable memory in pieces with holes between, added in random order */
	for (int k = 0; k < 6; k++) {
		pfn_t s = base + rnd((unsigned)n);
		size_t len = rnd((unsigned)(base + n - s)) + 1;
		bool free_run = true;

		for (size_t i = 0; i < len; i++)
			free_run &= !managed[s - base + i];
		if (free_run)
			add(s, len);
	}
	for (int step = 0; step < 4000; step++) {
		if (nlive > 0 && rnd(100) < 45) {
			size_t i = rnd((unsigned)nlive);

			free_model(live[i].p, live[i].order);
			live[i] = live[--nlive];
		} else {
			unsigned o = rnd(4) ? rnd(3) : rnd(MAX_ORDER);
			struct page *p = alloc_model(o, step + 1);

			if (p)
				live[nlive++] = (struct alloc_rec){p, o};
		}
		assert_int_equal(zone.free_pages, model_free());
		if (step % 97 == 0)
			assert_coalesced();
	}
	while (nlive > 0) {
		nlive--;
		free_model(live[nlive].p, live[nlive].order);
	}
	assert_coalesced();
	assert_int_equal(zone.free_pages, zone.managed_pages);
}

static void test_random_against_model(void **state)
{
	random_run(0x9e3779b97f4a7c15ull, 0, NPAGES);
	random_run(12345, 0x40001, 3333);
	random_run(777, 0x100000, NPAGES);
	random_run(31337, 17, 1500);
}

static void test_check_catches_corruption(void **state)
{
	struct page *p;

	zone_setup(0, 64);
	add(0, 64);
	p = alloc_model(0, 1);
	assert_true(buddy_check(&zone));
	zone.free_pages++;
	assert_false(buddy_check(&zone));
	zone.free_pages--;
	map[32].order = 4; /* free head with the wrong order */
	assert_false(buddy_check(&zone));
	map[32].order = 5;
	map[33].flags = PG_RESERVED; /* a reserved page inside a free block */
	assert_false(buddy_check(&zone));
	map[33].flags = 0;
	assert_true(buddy_check(&zone));
	free_model(p, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_all_reserved),
		cmocka_unit_test(test_aligned_range_is_max_blocks),
		cmocka_unit_test(test_odd_range_decomposition),
		cmocka_unit_test(test_split_and_merge_back),
		cmocka_unit_test(test_alignment_all_orders),
		cmocka_unit_test(test_exhaustion),
		cmocka_unit_test(test_fragmentation_blocks_high_orders),
		cmocka_unit_test(test_double_free_rejected),
		cmocka_unit_test(test_bad_frees_rejected),
		cmocka_unit_test(test_add_range_errors),
		cmocka_unit_test(test_adjacent_ranges_coalesce),
		cmocka_unit_test(test_no_merge_across_holes),
		cmocka_unit_test(test_random_against_model),
		cmocka_unit_test(test_check_catches_corruption),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
