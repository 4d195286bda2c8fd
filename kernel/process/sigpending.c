/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Per-user counters of pending signals (kernel/sigpending.h).
 *
 * An open-addressed table keyed by uid, insert-only: a slot's key goes
 * from empty to a uid once (a compare-and-swap) and never changes again,
 * so a lookup that probes from the uid's hash and stops at the first empty
 * slot finds the uid's one slot, and two CPUs claiming the same uid race
 * on the same empty slot, the loser seeing the winner's key.  Counts are
 * relaxed atomics: they order nothing, the siglock of each process orders
 * its own pending sets.  The handle an instance keeps is the slot's index
 * plus one.
 */
#include <kernel/sigpending.h>

#define SIGQ_USERS 256 /* uids with their own counter; one more is shared */

struct sigq_user {
	uint64_t key; /* uid + 1; 0 while the slot is free */
	long count;   /* instances charged */
};

static struct sigq_user users[SIGQ_USERS + 1];

/* The slot of `uid`, claimed if it has none and `claim`; the shared last
 * one if the table is full; -1 if it has none and !claim. */
static int slot_of(uint32_t uid, bool claim)
{
	uint64_t key = (uint64_t)uid + 1;
	unsigned h = (uint32_t)(uid * 2654435761u) % SIGQ_USERS;

	for (unsigned i = 0; i < SIGQ_USERS; i++) {
		unsigned s = (h + i) % SIGQ_USERS;
		uint64_t seen = __atomic_load_n(&users[s].key, __ATOMIC_ACQUIRE);

		if (seen == 0 && !claim)
			return -1;
		/* a failed swap leaves the key it found in `seen` */
		if (seen == 0)
			(void)__atomic_compare_exchange_n(&users[s].key, &seen, key, false,
							  __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
		if (seen == 0 || seen == key)
			return (int)s;
	}
	return SIGQ_USERS;
}

int sigpending_charge(uint32_t uid, uint64_t limit, bool override)
{
	int s = slot_of(uid, true);
	long n = __atomic_add_fetch(&users[s].count, 1, __ATOMIC_RELAXED);

	if (!override && (uint64_t)n > limit) {
		__atomic_sub_fetch(&users[s].count, 1, __ATOMIC_RELAXED);
		return 0;
	}
	return s + 1;
}

void sigpending_uncharge(int handle)
{
	if (handle > 0 && handle <= SIGQ_USERS + 1)
		__atomic_sub_fetch(&users[handle - 1].count, 1, __ATOMIC_RELAXED);
}

uint64_t sigpending_count(uint32_t uid)
{
	int s = slot_of(uid, false);
	long n = s < 0 ? 0 : __atomic_load_n(&users[s].count, __ATOMIC_RELAXED);

	return n > 0 ? (uint64_t)n : 0;
}
