/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the per-CPU page caches, over a real buddy zone: batch
 * refill and drain at the watermarks, LIFO reuse, draining the coldest
 * pages, misuse detection, and conservation of pages across several
 * simulated CPUs under random traffic.
 */
/* hosttest-sources: platform/mm/buddy.c */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <hosttest/panic.h>
#include <klib/errno.h>
#include "pcp.h"
#include <hosttest/rng.h>

#define NPAGES 2048
#define NCPUS  4

static struct page map[NPAGES];
static struct buddy_zone zone;
static struct pcp_cache cpu[NCPUS];

static void setup(size_t npages)
{
	buddy_init(&zone, map, 0, NPAGES);
	assert_int_equal(buddy_add_range(&zone, 0, npages), 0);
	for (int i = 0; i < NCPUS; i++)
		pcp_init(&cpu[i], PCP_HIGH, PCP_BATCH);
}

static unsigned list_len(const struct pcp_cache *c)
{
	const struct list_head *pos;
	unsigned n = 0;

	list_for_each (pos, &c->pages)
		n++;
	return n;
}

/* What pmm.c does for an order-0 allocation. */
static struct page *get(struct pcp_cache *c)
{
	struct page *p = pcp_take(c);

	if (!p) {
		pcp_refill(c, &zone);
		p = pcp_take(c);
	}
	if (p)
		assert_int_equal(p->flags & (PG_PCP | PG_FREE | PG_ALLOC), PG_ALLOC);
	return p;
}

/* What pmm.c does for an order-0 free. */
static void put(struct pcp_cache *c, struct page *p)
{
	assert_int_equal(pcp_put(c, p), 0);
	assert_true(p->flags & PG_PCP);
	if (pcp_needs_drain(c))
		assert_int_equal(pcp_drain(c, &zone, c->batch), c->batch);
	assert_true(c->count <= c->high);
}

static void test_empty_take_returns_null(void **state)
{
	setup(64);
	assert_null(pcp_take(&cpu[0]));
	assert_int_equal(cpu[0].count, 0);
	assert_int_equal(zone.free_pages, 64);
}

static void test_refill_moves_one_batch(void **state)
{
	struct page *p;

	setup(256);
	assert_int_equal(pcp_refill(&cpu[0], &zone), PCP_BATCH);
	assert_int_equal(cpu[0].count, PCP_BATCH);
	assert_int_equal(list_len(&cpu[0]), PCP_BATCH);
	assert_int_equal(zone.free_pages, 256 - PCP_BATCH);
	assert_true(buddy_check(&zone));
	/* refilled pages come out in ascending pfn order */
	for (unsigned i = 0; i < PCP_BATCH; i++) {
		p = pcp_take(&cpu[0]);
		assert_non_null(p);
		assert_int_equal(p - map, i);
		assert_false(p->flags & PG_PCP);
	}
	assert_null(pcp_take(&cpu[0]));
	/* the next get() refills again, from the zone */
	assert_non_null(get(&cpu[0]));
	assert_int_equal(cpu[0].count, PCP_BATCH - 1);
	assert_int_equal(zone.free_pages, 256 - 2 * PCP_BATCH);
}

static void test_partial_refill_when_zone_short(void **state)
{
	setup(5);
	assert_int_equal(pcp_refill(&cpu[0], &zone), 5);
	assert_int_equal(zone.free_pages, 0);
	assert_int_equal(pcp_refill(&cpu[1], &zone), 0);
	assert_null(get(&cpu[1]));
	for (int i = 0; i < 5; i++)
		assert_non_null(get(&cpu[0]));
	assert_null(get(&cpu[0]));
}

static void test_lifo_reuse(void **state)
{
	struct page *a, *b;

	setup(256);
	a = get(&cpu[0]);
	b = get(&cpu[0]);
	put(&cpu[0], a);
	put(&cpu[0], b);
	assert_ptr_equal(get(&cpu[0]), b); /* hottest first */
	assert_ptr_equal(get(&cpu[0]), a);
}

static void test_drain_above_high(void **state)
{
	static struct page *got[PCP_HIGH + 1];
	struct page *last;

	setup(1024);
	for (int i = 0; i <= PCP_HIGH; i++)
		got[i] = get(&cpu[0]);
	/* the get()s above left some refilled pages in the cache: move them
	 * to the zone so the count below is all ours */
	pcp_drain(&cpu[0], &zone, cpu[0].count);
	assert_int_equal(cpu[0].count, 0);
	for (int i = 0; i < PCP_HIGH; i++) {
		assert_int_equal(pcp_put(&cpu[0], got[i]), 0);
		assert_false(pcp_needs_drain(&cpu[0]));
	}
	last = got[PCP_HIGH];
	assert_int_equal(pcp_put(&cpu[0], last), 0);
	assert_true(pcp_needs_drain(&cpu[0]));
	assert_int_equal(pcp_drain(&cpu[0], &zone, cpu[0].batch), PCP_BATCH);
	assert_int_equal(cpu[0].count, PCP_HIGH + 1 - PCP_BATCH);
	/* the coldest (first freed) pages went back, the hottest stayed */
	for (int i = 0; i < PCP_BATCH; i++)
		assert_int_equal(got[i]->flags & (PG_PCP | PG_ALLOC), 0);
	assert_ptr_equal(pcp_take(&cpu[0]), last);
	assert_true(buddy_check(&zone));
}

static void test_drain_all_coalesces(void **state)
{
	static struct page *got[300];

	setup(512);
	for (int i = 0; i < 300; i++)
		got[i] = get(&cpu[i % NCPUS]);
	for (int i = 0; i < 300; i++)
		put(&cpu[(i * 3) % NCPUS], got[i]);
	for (int i = 0; i < NCPUS; i++) {
		unsigned had = cpu[i].count;

		assert_int_equal(pcp_drain(&cpu[i], &zone, ~0u), had);
		assert_int_equal(cpu[i].count, 0);
		assert_true(list_empty(&cpu[i].pages));
	}
	assert_int_equal(zone.free_pages, 512);
	assert_int_equal(zone.nr_free[9], 1);
	assert_true(buddy_check(&zone));
}

static void test_bad_put_rejected(void **state)
{
	struct page *p, *big;

	setup(256);
	p = get(&cpu[0]);
	put(&cpu[0], p);
	assert_int_equal(pcp_put(&cpu[0], p), -EINVAL); /* double free */
	assert_int_equal(pcp_put(&cpu[1], p), -EINVAL); /* ... on another CPU */
	assert_int_equal(cpu[1].count, 0);
	big = buddy_alloc(&zone, 2);
	assert_int_equal(pcp_put(&cpu[0], big), -EINVAL);	       /* order 2 */
	assert_int_equal(pcp_put(&cpu[0], big + 1), -EINVAL);	       /* tail page */
	assert_int_equal(pcp_put(&cpu[0], &map[NPAGES - 1]), -EINVAL); /* reserved */
	assert_int_equal(buddy_free(&zone, big, 2), 0);
	assert_int_equal(pcp_put(&cpu[0], big), -EINVAL); /* free in the zone */
	/* a cached page is not free in the zone either */
	assert_int_equal(buddy_free(&zone, p, 0), -EINVAL);
	assert_true(buddy_check(&zone));
}

static void test_take_from_drained_cache(void **state)
{
	struct page *p;

	setup(64);
	p = get(&cpu[2]);
	put(&cpu[2], p);
	pcp_drain(&cpu[2], &zone, ~0u);
	assert_int_equal(zone.free_pages, 64);
	assert_int_equal(zone.nr_free[6], 1);
	assert_null(pcp_take(&cpu[2]));
}

static void test_random_conservation(void **state)
{
	static struct page *live[NPAGES];
	static bool taken[NPAGES];
	size_t nlive = 0;

	rng_seed(0xdeadbeefcafef00dull);
	setup(1000);
	memset(taken, 0, sizeof(taken));
	for (int step = 0; step < 20000; step++) {
		struct pcp_cache *c = &cpu[rnd(NCPUS)];
		size_t cached = 0;

		/* bursts: long runs of allocation, then of freeing */
		if (nlive > 0 && ((step / 500) % 2 ? rnd(10) < 8 : rnd(10) < 2)) {
			size_t i = rnd((unsigned)nlive);

			taken[live[i] - map] = false;
			put(c, live[i]);
			live[i] = live[--nlive];
		} else {
			struct page *p = get(c);

			if (!p) {
				/* only when the zone is empty (other CPUs may still cache pages) */
				assert_int_equal(zone.free_pages, 0);
				continue;
			}
			assert_false(taken[p - map]);
			taken[p - map] = true;
			live[nlive++] = p;
		}
		for (int i = 0; i < NCPUS; i++) {
			assert_true(cpu[i].count <= PCP_HIGH);
			cached += cpu[i].count;
		}
		assert_int_equal(zone.free_pages + cached + nlive, 1000);
		if (step % 1000 == 0)
			assert_true(buddy_check(&zone));
	}
	while (nlive > 0)
		put(&cpu[0], live[--nlive]);
	for (int i = 0; i < NCPUS; i++)
		pcp_drain(&cpu[i], &zone, ~0u);
	assert_int_equal(zone.free_pages, 1000);
	assert_true(buddy_check(&zone));
}

static void test_drain_corruption_panics(void **state)
{
	struct page *p;

	setup(64);
	p = get(&cpu[0]);
	put(&cpu[0], p);
	p->order = 3; /* corrupt a cached page behind the cache's back */
	expect_assert_failure(pcp_drain(&cpu[0], &zone, ~0u));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_take_returns_null),
		cmocka_unit_test(test_refill_moves_one_batch),
		cmocka_unit_test(test_partial_refill_when_zone_short),
		cmocka_unit_test(test_lifo_reuse),
		cmocka_unit_test(test_drain_above_high),
		cmocka_unit_test(test_drain_all_coalesces),
		cmocka_unit_test(test_bad_put_rejected),
		cmocka_unit_test(test_take_from_drained_cache),
		cmocka_unit_test(test_random_conservation),
		cmocka_unit_test(test_drain_corruption_panics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
