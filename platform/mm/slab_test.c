/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the slab core.  Pages come from a real buddy zone over a
 * heap arena, through the same grow/reap protocol kmalloc.c follows, so a
 * leaked or double-returned slab shows up as a zone that does not coalesce
 * back.  Objects are filled with a per-object pattern while live, which
 * catches overlapping objects and free-list writes into live objects.
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
#include "buddy.h"
#include "slab.h"
#include <hosttest/rng.h>

#define NPAGES 1024

static char *arena;
static struct page map[NPAGES];
static struct buddy_zone zone;

static void *t_address(const struct page *p)
{
	return arena + (size_t)(p - map) * PAGE_SIZE;
}

static struct page *t_lookup(const void *a)
{
	uintptr_t off = (uintptr_t)a - (uintptr_t)arena;

	return (uintptr_t)a >= (uintptr_t)arena && off < NPAGES * PAGE_SIZE ? &map[off / PAGE_SIZE]
									    : NULL;
}

static const struct slab_page_ops ops = {.address = t_address, .lookup = t_lookup};

static int group_setup(void **state)
{
	arena = aligned_alloc(PAGE_SIZE, NPAGES * PAGE_SIZE);
	return arena ? 0 : -1;
}

static int group_teardown(void **state)
{
	free(arena);
	return 0;
}

static int setup(void **state)
{
	buddy_init(&zone, map, 0, NPAGES);
	return buddy_add_range(&zone, 0, NPAGES);
}

static void init(struct slab_cache *c, size_t size, size_t align)
{
	assert_int_equal(slab_cache_init(c, "test", size, align, &ops), 0);
}

/* kmalloc.c's protocol, without the locks */
static void *get(struct slab_cache *c)
{
	void *o = slab_alloc(c);

	if (!o) {
		struct page *p = buddy_alloc(&zone, c->order);

		if (!p)
			return NULL;
		slab_grow(c, p);
		o = slab_alloc(c);
		assert_non_null(o);
	}
	assert_int_equal((uintptr_t)o % c->align, 0);
	assert_non_null(t_lookup(o));
	return o;
}

static void put(struct slab_cache *c, void *o)
{
	struct page *surplus;

	assert_int_equal(slab_free(c, o), 0);
	surplus = slab_reap(c, SLAB_KEEP_EMPTY);
	if (surplus)
		assert_int_equal(buddy_free(&zone, surplus, c->order), 0);
	assert_true(c->nr_slabs[SLAB_EMPTY] <= SLAB_KEEP_EMPTY);
}

/* Return every empty slab and check that no page leaked. */
static void shrink_all(struct slab_cache *c)
{
	struct page *p;

	while ((p = slab_reap(c, 0)) != NULL) {
		assert_int_equal(p->flags & (PG_SLAB | PG_SLAB_TAIL), 0);
		assert_int_equal(buddy_free(&zone, p, c->order), 0);
	}
}

static void assert_zone_whole(void)
{
	assert_int_equal(zone.free_pages, NPAGES);
	assert_int_equal(zone.nr_free[MAX_ORDER - 1], NPAGES / (1u << (MAX_ORDER - 1)));
	assert_true(buddy_check(&zone));
}

static void test_init_rejects_bad_params(void **state)
{
	struct slab_cache c;

	assert_int_equal(slab_cache_init(&c, "x", 0, 0, &ops), -EINVAL);
	assert_int_equal(slab_cache_init(&c, "x", 16, 3, &ops), -EINVAL);
	assert_int_equal(slab_cache_init(&c, "x", 16, 24, &ops), -EINVAL);
	assert_int_equal(slab_cache_init(&c, "x", 16, 2 * PAGE_SIZE, &ops), -EINVAL);
	assert_int_equal(slab_cache_init(&c, "x", (PAGE_SIZE << SLAB_MAX_ORDER) + 1, 0, &ops),
			 -EINVAL);
	assert_int_equal(slab_cache_init(&c, "x", (size_t)-1, 0, &ops), -EINVAL);
	init(&c, PAGE_SIZE << SLAB_MAX_ORDER, PAGE_SIZE);
	assert_int_equal(c.per_slab, 1);
	init(&c, 1, 1); /* tiny alignment is raised to a pointer */
	assert_int_equal(c.align, SLAB_MIN_ALIGN);
	assert_int_equal(c.stride, sizeof(void *));
}

static void test_layout(void **state)
{
	static const struct {
		size_t size, align, stride;
		unsigned order, per_slab;
	} cases[] = {
		{8, 0, 8, 0, 512},     {1, 0, 8, 0, 512},	 {24, 0, 24, 0, 170},
		{40, 64, 64, 0, 64},   {2048, 2048, 2048, 0, 2}, {100, 4096, 4096, 0, 1},
		{3000, 0, 3000, 2, 5}, {5000, 0, 5000, 2, 3},	 {20000, 0, 20000, 3, 1},
		{1100, 0, 1104, 1, 7},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct slab_cache c;

		init(&c, cases[i].size, cases[i].align);
		assert_int_equal(c.stride, cases[i].stride);
		assert_int_equal(c.order, cases[i].order);
		assert_int_equal(c.per_slab, cases[i].per_slab);
		/* waste is at most 1/8 of a slab, unless even the largest slab cannot do better */
		if (c.order < SLAB_MAX_ORDER)
			assert_true(((PAGE_SIZE << c.order) - c.per_slab * c.stride) * 8 <=
				    PAGE_SIZE << c.order);
	}
}

static void test_alloc_needs_grow(void **state)
{
	struct slab_cache c;

	init(&c, 512, 0);
	assert_null(slab_alloc(&c));
	slab_grow(&c, buddy_alloc(&zone, c.order));
	assert_int_equal(c.nr_slabs[SLAB_EMPTY], 1);
	for (unsigned i = 0; i < c.per_slab; i++)
		assert_non_null(slab_alloc(&c));
	assert_null(slab_alloc(&c));
	assert_int_equal(c.nr_slabs[SLAB_FULL], 1);
	assert_int_equal(c.inuse, c.per_slab);
	assert_true(slab_check(&c));
}

static void test_objects_unique_aligned(void **state)
{
	static void *objs[3 * 64];
	struct slab_cache c;
	unsigned n;

	init(&c, 40, 64);
	n = 3 * c.per_slab;
	for (unsigned i = 0; i < n; i++) {
		objs[i] = get(&c);
		memset(objs[i], (int)i + 1, c.size);
	}
	for (unsigned i = 0; i < n; i++) {
		for (unsigned j = 0; j < i; j++)
			assert_ptr_not_equal(objs[i], objs[j]);
		for (size_t b = 0; b < c.size; b++)
			assert_int_equal(((unsigned char *)objs[i])[b], (i + 1) & 0xff);
	}
	assert_int_equal(c.nr_slabs[SLAB_FULL], 3);
	assert_true(slab_check(&c));
	for (unsigned i = 0; i < n; i++)
		put(&c, objs[i]);
	shrink_all(&c);
	assert_zone_whole();
}

static void test_free_reuses_lifo(void **state)
{
	struct slab_cache c;
	void *a, *b;

	init(&c, 64, 0);
	a = get(&c);
	b = get(&c);
	put(&c, a);
	put(&c, b);
	assert_ptr_equal(get(&c), b);
	assert_ptr_equal(get(&c), a);
	assert_int_equal(c.nr_slabs[SLAB_EMPTY] + c.nr_slabs[SLAB_PARTIAL] + c.nr_slabs[SLAB_FULL],
			 1);
}

static void test_state_transitions(void **state)
{
	struct slab_cache c;
	void *a, *b;

	init(&c, 2048, 2048); /* two objects per slab */
	a = get(&c);
	assert_int_equal(c.nr_slabs[SLAB_PARTIAL], 1);
	b = get(&c);
	assert_int_equal(c.nr_slabs[SLAB_PARTIAL], 0);
	assert_int_equal(c.nr_slabs[SLAB_FULL], 1);
	put(&c, a);
	assert_int_equal(c.nr_slabs[SLAB_PARTIAL], 1);
	assert_int_equal(c.nr_slabs[SLAB_FULL], 0);
	put(&c, b);
	assert_int_equal(c.nr_slabs[SLAB_PARTIAL], 0);
	assert_int_equal(c.nr_slabs[SLAB_EMPTY], 1);
	assert_int_equal(c.inuse, 0);
	assert_true(slab_check(&c));
	/* the kept empty slab is reused without touching the zone */
	assert_int_equal(zone.free_pages, NPAGES - 1);
	a = get(&c);
	assert_int_equal(zone.free_pages, NPAGES - 1);
	put(&c, a);
}

static void test_empty_slabs_released(void **state)
{
	static void *objs[5 * 2];
	struct slab_cache c;

	init(&c, 2048, 0);
	for (int i = 0; i < 10; i++)
		objs[i] = get(&c);
	assert_int_equal(zone.free_pages, NPAGES - 5);
	for (int i = 0; i < 10; i++)
		put(&c, objs[i]);
	/* all slabs emptied; only the reserve stays */
	assert_int_equal(c.nr_slabs[SLAB_EMPTY], SLAB_KEEP_EMPTY);
	assert_int_equal(zone.free_pages, NPAGES - SLAB_KEEP_EMPTY);
	assert_null(slab_reap(&c, SLAB_KEEP_EMPTY));
	shrink_all(&c);
	assert_int_equal(c.nr_slabs[SLAB_EMPTY], 0);
	assert_zone_whole();
}

static void test_multi_page_slab(void **state)
{
	static void *objs[5];
	struct slab_cache c;
	struct page *head;

	init(&c, 3000, 0);
	assert_int_equal(c.order, 2);
	for (int i = 0; i < 5; i++)
		objs[i] = get(&c);
	head = t_lookup(objs[0]);
	assert_ptr_equal(slab_head(head), head);
	for (int i = 0; i < 5; i++) {
		struct page *p = t_lookup(objs[i]);

		assert_ptr_equal(slab_head(p), head);
		assert_ptr_equal(slab_head(p)->owner, &c);
		assert_int_equal((p != head), !!(p->flags & PG_SLAB_TAIL));
	}
	assert_true(t_lookup(objs[4]) != head); /* 12000..15000 is in page 2 */
	assert_true(slab_check(&c));
	for (int i = 4; i >= 0; i--)
		put(&c, objs[i]);
	shrink_all(&c);
	for (int i = 0; i < 4; i++)
		assert_int_equal(head[i].flags & (PG_SLAB | PG_SLAB_TAIL), 0);
	assert_zone_whole();
}

static void test_bad_free_rejected(void **state)
{
	struct slab_cache c, d, tiny;
	char *a, *b, *x, *t, *t2;
	struct page *plain;

	init(&c, 64, 0);
	init(&d, 64, 0);
	init(&tiny, 8, 0);
	a = get(&c);
	b = get(&c);
	x = get(&d);
	t = get(&tiny);
	t2 = get(&tiny);
	plain = buddy_alloc(&zone, 0);
	assert_int_equal(slab_free(&c, x), -EINVAL);		       /* another cache's object */
	assert_int_equal(slab_free(&c, a + 8), -EINVAL);	       /* inside an object */
	assert_int_equal(slab_free(&c, a + 64 * c.per_slab), -EINVAL); /* next page */
	assert_int_equal(slab_free(&c, t_address(plain)), -EINVAL);    /* not a slab page */
	assert_int_equal(slab_free(&c, &c), -EINVAL);		       /* not in the arena */
	assert_int_equal(slab_free(&c, a + 5 * 64), -EINVAL);	       /* never allocated */
	assert_int_equal(slab_free(&c, a), 0);
	assert_int_equal(slab_free(&c, a), -EINVAL); /* double free, list head */
	assert_int_equal(slab_free(&c, b), 0);
	assert_int_equal(slab_free(&c, a), -EINVAL); /* double free, deeper */
	assert_int_equal(slab_free(&tiny, t), 0);
	assert_int_equal(slab_free(&tiny, t), -EINVAL); /* no marker room: list head */
	assert_int_equal(slab_free(&tiny, t2), 0);
	assert_int_equal(c.inuse, 0);
	assert_true(slab_check(&c));
	assert_true(slab_check(&d));
	assert_true(slab_check(&tiny));
}

struct live {
	void *obj;
	unsigned cache;
	unsigned char tag;
};

static void test_random_many_caches(void **state)
{
	static const size_t sizes[][2] = {{8, 0},	{16, 0},   {24, 8},    {32, 32},  {72, 8},
					  {96, 32},	{200, 0},  {256, 256}, {700, 64}, {1024, 0},
					  {2048, 2048}, {3000, 0}, {6000, 16}};
	enum { NCACHES = ARRAY_SIZE(sizes), MAXLIVE = 3000 };
	static struct slab_cache caches[NCACHES];
	static struct live live[MAXLIVE];
	size_t nlive = 0;

	rng_seed(0x0123456789abcdefull);
	for (unsigned i = 0; i < NCACHES; i++)
		init(&caches[i], sizes[i][0], sizes[i][1]);
	for (int step = 0; step < 30000; step++) {
		if (nlive == MAXLIVE || (nlive > 0 && rnd(100) < ((step / 3000) % 2 ? 70 : 35))) {
			size_t i = rnd((unsigned)nlive);
			struct slab_cache *c = &caches[live[i].cache];

			for (size_t b = 0; b < c->size; b++)
				assert_int_equal(((unsigned char *)live[i].obj)[b], live[i].tag);
			put(c, live[i].obj);
			live[i] = live[--nlive];
		} else {
			unsigned ci = rnd(NCACHES);
			void *o = get(&caches[ci]);

			if (!o)
				continue; /* arena exhausted: fine, keep freeing */
			live[nlive] = (struct live){o, ci, (unsigned char)(step * 31 + 7)};
			memset(o, live[nlive].tag, caches[ci].size);
			nlive++;
		}
		if (step % 1500 == 0)
			for (unsigned i = 0; i < NCACHES; i++)
				assert_true(slab_check(&caches[i]));
	}
	while (nlive > 0) {
		nlive--;
		put(&caches[live[nlive].cache], live[nlive].obj);
	}
	for (unsigned i = 0; i < NCACHES; i++) {
		assert_int_equal(caches[i].inuse, 0);
		assert_true(slab_check(&caches[i]));
		shrink_all(&caches[i]);
	}
	assert_zone_whole();
}

static void test_check_catches_corruption(void **state)
{
	struct slab_cache c;
	struct page *head;
	void *a;

	init(&c, 128, 0);
	a = get(&c);
	head = t_lookup(a);
	assert_true(slab_check(&c));
	head->inuse++;
	assert_false(slab_check(&c));
	head->inuse--;
	c.nr_slabs[SLAB_FULL]++;
	assert_false(slab_check(&c));
	c.nr_slabs[SLAB_FULL]--;
	((void **)((char *)a + 128))[0] = (char *)a + 1; /* corrupt a free object's link */
	assert_false(slab_check(&c));
}

/* A write into a freed object (use after free) is caught when the object
 * would next be handed out, in both the link and the marker word. */
static void test_write_after_free_caught(void **state)
{
	struct slab_cache c, d;
	void *a, *b;
	static void *got; /* static: cmocka longjmps out of the allocation */

	init(&c, 64, 0);
	a = get(&c);
	b = get(&c);
	assert_int_equal(slab_free(&c, b), 0);
	assert_int_equal(slab_free(&c, a), 0);
	((uint32_t *)a)[0] = 41; /* a pid written over the link's low half */
	got = NULL;
	expect_assert_failure(got = slab_alloc(&c));

	init(&d, 96, 0);
	a = get(&d);
	assert_int_equal(slab_free(&d, a), 0);
	((void **)a)[1] = NULL; /* the marker */
	expect_assert_failure(got = slab_alloc(&d));
	assert_null(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_init_rejects_bad_params, setup),
		cmocka_unit_test_setup(test_layout, setup),
		cmocka_unit_test_setup(test_alloc_needs_grow, setup),
		cmocka_unit_test_setup(test_objects_unique_aligned, setup),
		cmocka_unit_test_setup(test_free_reuses_lifo, setup),
		cmocka_unit_test_setup(test_state_transitions, setup),
		cmocka_unit_test_setup(test_empty_slabs_released, setup),
		cmocka_unit_test_setup(test_multi_page_slab, setup),
		cmocka_unit_test_setup(test_bad_free_rejected, setup),
		cmocka_unit_test_setup(test_random_many_caches, setup),
		cmocka_unit_test_setup(test_check_catches_corruption, setup),
		cmocka_unit_test_setup(test_write_after_free_caught, setup),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
