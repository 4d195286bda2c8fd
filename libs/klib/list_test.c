/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for <klib/list.h>: insertion order, deletion, the iterators
 * and container_of.  Every check walks the list both ways, so a broken
 * prev link fails as surely as a broken next link.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <klib/list.h>

struct item {
	int id;
	struct list_head node; /* not at offset 0: exercises container_of */
	char pad[3];
};

static void init_items(struct item *items, int n)
{
	for (int i = 0; i < n; i++) {
		items[i].id = i;
		list_init(&items[i].node);
	}
}

/* The list must hold exactly `ids`, in order, following next and prev. */
static void check_list(const struct list_head *h, const int *ids, int n)
{
	const struct list_head *pos;
	int i = 0;

	for (pos = h->next; pos != h; pos = pos->next, i++) {
		assert_true(i < n);
		assert_int_equal(list_entry(pos, struct item, node)->id, ids[i]);
		assert_ptr_equal(pos->next->prev, pos);
	}
	assert_int_equal(i, n);
	for (pos = h->prev; pos != h; pos = pos->prev)
		assert_int_equal(list_entry(pos, struct item, node)->id, ids[--i]);
	assert_int_equal(i, 0);
	assert_int_equal(list_empty(h), n == 0);
}

static void test_list_init_empty(void **state)
{
	LIST_HEAD(stat);
	struct list_head dyn = {NULL, NULL};

	assert_true(list_empty(&stat));
	assert_ptr_equal(stat.next, &stat);
	assert_ptr_equal(stat.prev, &stat);
	list_init(&dyn);
	assert_true(list_empty(&dyn));
	assert_ptr_equal(dyn.prev, &dyn);
	check_list(&dyn, NULL, 0);
}

static void test_list_add_is_stack_order(void **state)
{
	LIST_HEAD(h);
	struct item it[3];
	static const int want[] = {2, 1, 0};

	init_items(it, 3);
	for (int i = 0; i < 3; i++)
		list_add(&it[i].node, &h);
	check_list(&h, want, 3);
	assert_int_equal(list_first_entry(&h, struct item, node)->id, 2);
}

static void test_list_add_tail_is_queue_order(void **state)
{
	LIST_HEAD(h);
	struct item it[4];
	static const int want[] = {0, 1, 2, 3};

	init_items(it, 4);
	for (int i = 0; i < 4; i++)
		list_add_tail(&it[i].node, &h);
	check_list(&h, want, 4);
	assert_int_equal(list_first_entry(&h, struct item, node)->id, 0);
}

/* list_add after an element inserts in the middle. */
static void test_list_add_after_element(void **state)
{
	LIST_HEAD(h);
	struct item it[4];
	static const int want[] = {0, 3, 1, 2};

	init_items(it, 4);
	for (int i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &h);
	list_add(&it[3].node, &it[0].node);
	check_list(&h, want, 4);
}

static void test_list_del(void **state)
{
	LIST_HEAD(h);
	struct item it[5];
	static const int after_mid[] = {0, 1, 3, 4}, after_ends[] = {1, 3};

	init_items(it, 5);
	for (int i = 0; i < 5; i++)
		list_add_tail(&it[i].node, &h);
	list_del(&it[2].node);
	check_list(&h, after_mid, 4);
	assert_true(list_empty(&it[2].node)); /* self-linked after del */
	list_del(&it[0].node);
	list_del(&it[4].node);
	check_list(&h, after_ends, 2);
	list_del(&it[1].node);
	list_del(&it[3].node);
	check_list(&h, NULL, 0);
	/* A deleted node can be added again, and deleting it twice is harmless. */
	list_del(&it[3].node);
	list_add(&it[2].node, &h);
	check_list(&h, (const int[]){2}, 1);
}

static void test_list_for_each_safe_deletes(void **state)
{
	LIST_HEAD(h);
	struct item it[8];
	struct list_head *pos, *tmp;
	static const int odd[] = {1, 3, 5, 7};
	int visited = 0;

	init_items(it, 8);
	for (int i = 0; i < 8; i++)
		list_add_tail(&it[i].node, &h);
	list_for_each_safe (pos, tmp, &h) {
		visited++;
		if (list_entry(pos, struct item, node)->id % 2 == 0)
			list_del(pos);
	}
	assert_int_equal(visited, 8);
	check_list(&h, odd, 4);
	list_for_each_safe (pos, tmp, &h)
		list_del(pos);
	check_list(&h, NULL, 0);
}

static void test_list_for_each_entry(void **state)
{
	LIST_HEAD(h);
	struct item it[5], *e;
	struct list_head *pos;
	int sum = 0, count = 0;

	init_items(it, 5);
	list_for_each_entry (e, &h, node)
		count++;
	assert_int_equal(count, 0);
	for (int i = 0; i < 5; i++)
		list_add_tail(&it[i].node, &h);
	list_for_each_entry (e, &h, node) {
		assert_ptr_equal(e, &it[count]);
		sum += e->id;
		count++;
	}
	assert_int_equal(count, 5);
	assert_int_equal(sum, 0 + 1 + 2 + 3 + 4);
	count = 0;
	list_for_each (pos, &h)
		count++;
	assert_int_equal(count, 5);
}

static void test_container_of(void **state)
{
	struct item it = {.id = 99};

	assert_ptr_equal(container_of(&it.node, struct item, node), &it);
	assert_ptr_equal(list_entry(&it.node, struct item, node), &it);
	assert_int_equal(list_entry(&it.node, struct item, node)->id, 99);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_init_empty),
		cmocka_unit_test(test_list_add_is_stack_order),
		cmocka_unit_test(test_list_add_tail_is_queue_order),
		cmocka_unit_test(test_list_add_after_element),
		cmocka_unit_test(test_list_del),
		cmocka_unit_test(test_list_for_each_safe_deletes),
		cmocka_unit_test(test_list_for_each_entry),
		cmocka_unit_test(test_container_of),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
