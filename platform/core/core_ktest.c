/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the arch-neutral ring-0 core on the real machine: the page
 * allocator over the firmware memory map, the heap, spinlocks, per-CPU
 * data and the log.  (The allocators' logic is also unit-tested on the
 * host; these prove the wiring: locks, per-CPU caches, the direct map.)
 */
#include <klib/string.h>
#include <platform/boot.h>
#include <platform/irq.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/percpu.h>
#include <platform/spinlock.h>

KTEST(pmm, blocks_are_aligned_to_their_order)
{
	for (unsigned order = 0; order < MAX_ORDER; order++) {
		struct page *p = alloc_pages(0, order);

		KTEST_EXPECT(t, p != NULL);
		if (!p)
			continue;
		KTEST_EXPECT(t, IS_ALIGNED(page_to_phys(p), PAGE_SIZE << order));
		KTEST_EXPECT(t, phys_to_page(page_to_phys(p)) == p);
		KTEST_EXPECT(t, virt_to_page(page_address(p)) == p);
		free_pages(p, order);
	}
}

KTEST(pmm, zeroed_pages_are_zero)
{
	struct page *p = alloc_page(0);
	char *a;

	memset(page_address(p), 0xa5, PAGE_SIZE);
	free_page(p);
	for (int i = 0; i < 8; i++) {
		p = alloc_page(PAF_ZERO);
		a = page_address(p);
		for (size_t j = 0; j < PAGE_SIZE; j++) {
			if (a[j]) {
				KTEST_EXPECT(t, a[j] == 0);
				break;
			}
		}
		free_page(p);
	}
}

KTEST(pmm, exhaustion_and_full_recovery)
{
	struct pmm_stats before, after;
	struct page *head = NULL, *p;
	size_t n = 0;

	pmm_stats(&before);
	/* take every page, chaining them through their own memory */
	while ((p = alloc_page(0))) {
		*(struct page **)page_address(p) = head;
		head = p;
		n++;
	}
	KTEST_EXPECT(t, n + 64 >= before.free_pages); /* per-CPU slack only */
	KTEST_EXPECT(t, alloc_pages(0, 3) == NULL);
	while (head) {
		p = *(struct page **)page_address(head);
		free_page(head);
		head = p;
	}
	pmm_stats(&after);
	KTEST_EXPECT_EQ(t, after.free_pages, before.free_pages);
	KTEST_EXPECT_EQ(t, after.total_pages, before.total_pages);
}

KTEST(pmm, distinct_pages_hold_their_data)
{
	struct page *pages[64];

	for (int i = 0; i < 64; i++) {
		pages[i] = alloc_page(0);
		memset(page_address(pages[i]), i, PAGE_SIZE);
	}
	for (int i = 0; i < 64; i++) {
		const unsigned char *a = page_address(pages[i]);

		KTEST_EXPECT(t, a[0] == i && a[PAGE_SIZE - 1] == i);
		free_page(pages[i]);
	}
}

KTEST(heap, kmalloc_sizes_are_aligned_and_usable)
{
	static const size_t sizes[] = {1,   7,	 8,    9,    24,   64,	 100,
				       255, 512, 1000, 2048, 2049, 4096, 10000};

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t sz = sizes[i], align = 8;
		char *p = kmalloc(sz);

		while (align < sz && align < PAGE_SIZE)
			align <<= 1;
		KTEST_EXPECT(t, p != NULL);
		if (!p)
			continue;
		KTEST_EXPECT(t, IS_ALIGNED((uintptr_t)p, align));
		memset(p, 0x5a, sz);
		kfree(p);
	}
	kfree(NULL);
}

KTEST(heap, kzalloc_zeroes_reused_memory)
{
	for (int i = 0; i < 16; i++) {
		char *p = kmalloc(200);

		memset(p, 0xff, 200);
		kfree(p);
		p = kzalloc(200);
		for (int j = 0; j < 200; j++) {
			if (p[j]) {
				KTEST_EXPECT(t, p[j] == 0);
				break;
			}
		}
		kfree(p);
	}
}

KTEST(heap, cache_objects_are_distinct)
{
	struct kmem_cache *c = kmem_cache_create("ktest48", 48, 16);
	void *objs[200];

	KTEST_EXPECT(t, c != NULL);
	if (!c)
		return;
	for (int i = 0; i < 200; i++) {
		objs[i] = kmem_cache_zalloc(c);
		KTEST_EXPECT(t, objs[i] && IS_ALIGNED((uintptr_t)objs[i], 16));
		memset(objs[i], i, 48);
	}
	for (int i = 0; i < 200; i++) {
		KTEST_EXPECT(t, ((unsigned char *)objs[i])[47] == (unsigned char)i);
		kmem_cache_free(c, objs[i]);
	}
}

KTEST(spinlock, lock_unlock_trylock)
{
	struct spinlock l;
	int pc = this_cpu()->preempt_count;
	bool took = false, again = false;

	spin_lock_init(&l, "ktest", LOCK_RANK_TEST);
	KTEST_EXPECT(t, !spin_held(&l));
	spin_lock(&l);
	KTEST_EXPECT(t, spin_held(&l));
	KTEST_EXPECT_EQ(t, this_cpu()->preempt_count, pc + 1);
	spin_unlock(&l);
	KTEST_EXPECT(t, !spin_held(&l));
	if (spin_trylock(&l)) {
		took = true;
		spin_unlock(&l);
	}
	spin_lock(&l);
	if (spin_trylock(&l)) { /* must fail: already held */
		again = true;
		spin_unlock(&l);
	}
	spin_unlock(&l);
	KTEST_EXPECT(t, took && !again);
	KTEST_EXPECT_EQ(t, this_cpu()->preempt_count, pc);
}

KTEST(spinlock, irqsave_restores_interrupt_state)
{
	struct spinlock l = SPINLOCK_INIT("ktest", LOCK_RANK_TEST);
	irqflags_t f;

	KTEST_EXPECT(t, irq_enabled());
	f = spin_lock_irqsave(&l);
	KTEST_EXPECT(t, !irq_enabled());
	spin_unlock_irqrestore(&l, f);
	KTEST_EXPECT(t, irq_enabled());
	irq_disable();
	f = spin_lock_irqsave(&l);
	spin_unlock_irqrestore(&l, f);
	KTEST_EXPECT(t, !irq_enabled());
	irq_enable();
}

KTEST(spinlock, ranked_locks_in_order)
{
	struct spinlock a = SPINLOCK_INIT("a", LOCK_RANK_PAGE),
			b = SPINLOCK_INIT("b", LOCK_RANK_HEAP);
	irqflags_t f = spin_lock_irqsave(&a);
	unsigned held = this_cpu()->nheld;

	spin_lock(&b); /* increasing rank: allowed */
	KTEST_EXPECT(t, spin_held(&a) && spin_held(&b));
	KTEST_EXPECT_EQ(t, this_cpu()->nheld, held + CONFIG_ASSERTS);
	spin_unlock(&b);
	spin_unlock_irqrestore(&a, f);
}

KTEST(percpu, self_pointer_and_ids)
{
	struct cpu *c = this_cpu();

	KTEST_EXPECT(t, c->self == c);
	KTEST_EXPECT(t, cpu_get(cpu_id()) == c);
	KTEST_EXPECT(t, ncpus() >= 1 && cpu_id() < ncpus());
	KTEST_EXPECT(t, cpu_get(MAX_CPUS) == NULL);
	preempt_disable();
	KTEST_EXPECT(t, c->preempt_count >= 1);
	preempt_enable();
}

static bool strstr_simple(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return true;
	return false;
}

KTEST(log, messages_reach_the_ring_buffer)
{
	static char buf[4096];
	size_t n;

	klog(LOG_DEBUG, "ktest-marker-%d", 4242);
	n = log_read(buf, sizeof(buf) - 1);
	buf[n] = '\0';
	KTEST_EXPECT(t, n > 0);
	KTEST_EXPECT(t, strstr_simple(buf, "ktest-marker-4242"));
	KTEST_EXPECT(t, strstr_simple(boot_cmdline(), "ktest"));
}

KTEST(log, records_carry_their_priority_and_number)
{
	static char buf[256];
	uint64_t first, next, first2, next2;
	long n;

	log_records(&first, &next);
	klog(LOG_DEBUG, "ktest-record-%d", 1);
	log_record(15, "ktest-user-record", 17); /* user.debug: not on the console */
	log_records(&first2, &next2);
	KTEST_EXPECT_EQ(t, next2, next + 2);
	KTEST_EXPECT(t, first <= first2 && first2 < next2);
	n = log_get_record(next, buf, sizeof(buf) - 1);
	KTEST_EXPECT(t, n > 0 && n < (long)sizeof(buf));
	buf[n > 0 ? n : 0] = '\0';
	KTEST_EXPECT(t, !strncmp(buf, "<7>[", 4) && strstr_simple(buf, "] ktest-record-1\n"));
	n = log_get_record(next + 1, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	KTEST_EXPECT(t, !strncmp(buf, "<15>[", 5) && strstr_simple(buf, "] ktest-user-record\n"));
	KTEST_EXPECT_EQ(t, log_get_record(next2, buf, sizeof(buf)), -1);
}

KTEST(log, old_records_are_overwritten_whole)
{
	static char buf[256];
	uint64_t first, next, first2, next2;
	long n;

	log_records(&first, &next);
	/* more than the ring holds, at user.debug (not on the console) */
	for (int i = 0; i < LOG_BUF_SIZE / 64 + 100; i++)
		log_record(15, "ktest-wrap-0123456789012345678901234567890123456789", 50);
	log_records(&first2, &next2);
	KTEST_EXPECT(t, first2 > next);
	KTEST_EXPECT_EQ(t, log_get_record(next, buf, sizeof(buf)), -1);
	n = log_get_record(first2, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	KTEST_EXPECT(t, n > 0 && !strncmp(buf, "<15>[", 5));
	KTEST_EXPECT(t, next2 - first2 <= 4096);
}
