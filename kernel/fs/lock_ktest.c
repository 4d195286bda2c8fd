/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of the lock manager: range split and merge, and deadlock detection. */
#include <klib/errno.h>
#include <linux/fcntl.h>
#include <platform/ktest.h>
#include <platform/time.h>
#include <kevlar_vfs/inode.h>
#include <kernel/lock.h>
#include <kernel/sched.h>

/* Owners are only compared: any two distinct addresses will do. */
static int owner_a, owner_b;

static int set(struct inode *i, const void *owner, int type, int64_t start, int64_t end, bool wait)
{
	struct lock_range r = {.type = type, .start = start, .end = end};

	return lock_posix_set(i, owner, false, 1, &r, wait);
}

/* What owner_b meets when it asks for a write lock of byte `at`. */
static struct lock_range probe(struct inode *i, int64_t at)
{
	struct lock_range r = {.type = F_WRLCK, .start = at, .end = at};

	lock_posix_test(i, &owner_b, &r);
	return r;
}

KTEST(locks, split_and_merge)
{
	struct inode ino = {.kind = INODE_FILE};
	struct lock_range r;

	KTEST_EXPECT_EQ(t, set(&ino, &owner_a, F_WRLCK, 0, 99, false), 0);
	KTEST_EXPECT_EQ(t, set(&ino, &owner_a, F_UNLCK, 40, 59, false), 0);
	r = probe(&ino, 45);
	KTEST_EXPECT_EQ(t, r.type, F_UNLCK);
	r = probe(&ino, 39);
	KTEST_EXPECT(t, r.type == F_WRLCK && r.start == 0 && r.end == 39);
	r = probe(&ino, 60);
	KTEST_EXPECT(t, r.type == F_WRLCK && r.start == 60 && r.end == 99);
	/* adjacent read locks merge; one over the hole joins both pieces' neighbours */
	KTEST_EXPECT_EQ(t, set(&ino, &owner_a, F_RDLCK, 100, 109, false), 0);
	KTEST_EXPECT_EQ(t, set(&ino, &owner_a, F_RDLCK, 110, LOCK_OFFSET_MAX, false), 0);
	r = probe(&ino, 1000);
	KTEST_EXPECT(t, r.type == F_RDLCK && r.start == 100 && r.end == LOCK_OFFSET_MAX);
	KTEST_EXPECT_EQ(t, set(&ino, &owner_a, F_RDLCK, 30, 100, false), 0);
	r = probe(&ino, 30);
	KTEST_EXPECT(t, r.type == F_RDLCK && r.start == 30 && r.end == LOCK_OFFSET_MAX);
	r = probe(&ino, 29);
	KTEST_EXPECT(t, r.type == F_WRLCK && r.start == 0 && r.end == 29);
	/* a conflict for another owner, none for the holder */
	KTEST_EXPECT_EQ(t, set(&ino, &owner_b, F_RDLCK, 50, 50, false), 0);
	KTEST_EXPECT_EQ(t, set(&ino, &owner_b, F_WRLCK, 50, 50, false), -EAGAIN);
	KTEST_EXPECT_EQ(t, set(&ino, &owner_a, F_UNLCK, 0, LOCK_OFFSET_MAX, false), 0);
	KTEST_EXPECT_EQ(t, set(&ino, &owner_b, F_WRLCK, 0, 10, false), 0);
	lock_close_posix(&ino, &owner_b);
	KTEST_EXPECT_EQ(t, probe(&ino, 50).type, F_UNLCK);
}

struct waiter_arg {
	struct inode *ino;
	int result;
	bool done;
};

/* owner_b, holding byte 1, waits for byte 0 (owner_a's). */
static void b_waits(void *p)
{
	struct waiter_arg *w = p;

	w->result = set(w->ino, &owner_b, F_WRLCK, 0, 0, true);
	__atomic_store_n(&w->done, true, __ATOMIC_RELEASE);
}

KTEST(locks, deadlock_detected)
{
	struct inode ino = {.kind = INODE_FILE};
	struct waiter_arg w = {.ino = &ino, .result = 1};
	struct thread *th;

	KTEST_EXPECT_EQ(t, set(&ino, &owner_a, F_WRLCK, 0, 0, false), 0);
	KTEST_EXPECT_EQ(t, set(&ino, &owner_b, F_WRLCK, 1, 1, false), 0);
	th = thread_create("lock-waiter", b_waits, &w);
	KTEST_EXPECT(t, th != NULL);
	if (!th)
		goto out;
	for (uint64_t end = time_ns() + 5000000000ull;
	     th->state != THREAD_SLEEPING && time_ns() < end;)
		sched_yield_cpu();
	KTEST_EXPECT(t, !__atomic_load_n(&w.done, __ATOMIC_ACQUIRE));
	/* owner_a waiting for byte 1 would close the cycle */
	KTEST_EXPECT_EQ(t, set(&ino, &owner_a, F_WRLCK, 1, 1, true), -EDEADLK);
	KTEST_EXPECT_EQ(t, set(&ino, &owner_a, F_UNLCK, 0, 0, false), 0);
	thread_join(th);
	thread_put(th);
	KTEST_EXPECT_EQ(t, w.result, 0);
out:
	lock_close_posix(&ino, &owner_a);
	lock_close_posix(&ino, &owner_b);
}
