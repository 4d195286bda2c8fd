/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of sleeping mutexes: exclusion across yields, trylock. */
#include <platform/ktest.h>
#include <kernel/mutex.h>
#include <kernel/sched.h>

struct shared {
	struct mutex m;
	int inside; /* threads in the critical section */
	int max_inside;
	int count;
};

static void worker(void *arg)
{
	struct shared *s = arg;

	for (int i = 0; i < 20; i++) {
		mutex_lock(&s->m);
		s->inside++;
		if (s->inside > s->max_inside)
			s->max_inside = s->inside;
		sched_yield_cpu(); /* sleep-safe: others must block, not enter */
		s->count++;
		s->inside--;
		mutex_unlock(&s->m);
	}
}

KTEST(mutex, excludes_across_yields)
{
	struct shared s = {.inside = 0, .max_inside = 0, .count = 0};
	struct thread *th[4];

	mutex_init(&s.m, "ktest");
	for (int i = 0; i < 4; i++)
		th[i] = thread_create("mutex", worker, &s);
	for (int i = 0; i < 4; i++) {
		KTEST_EXPECT(t, th[i] != NULL);
		if (!th[i])
			continue;
		thread_join(th[i]);
		thread_put(th[i]);
	}
	KTEST_EXPECT_EQ(t, s.count, 80);
	KTEST_EXPECT_EQ(t, s.max_inside, 1);
	KTEST_EXPECT(t, !mutex_held(&s.m));
}

KTEST(mutex, trylock_and_held)
{
	struct mutex m = MUTEX_INIT(m, "ktest");

	KTEST_EXPECT(t, mutex_trylock(&m));
	KTEST_EXPECT(t, mutex_held(&m));
	KTEST_EXPECT(t, !mutex_trylock(&m));
	mutex_unlock(&m);
	KTEST_EXPECT(t, !mutex_held(&m));
	mutex_lock(&m);
	KTEST_EXPECT(t, mutex_held(&m));
	mutex_unlock(&m);
}
