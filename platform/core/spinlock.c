/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Ticket spinlocks with rank checking.  Under a hypervisor (a virtual CPU
 * can be descheduled by the host at any instruction) the same locks are
 * taken test-and-set style instead (spin_unfair, set at boot): with
 * tickets, a waiter whose turn has come but whose vCPU is not running
 * holds up every CPU queued behind it, and with more vCPUs than host
 * cores that convoy is the common case; Linux makes the same choice.
 *
 * Taking a lock bumps the CPU's
 * preempt count; in the checking profiles (CONFIG_ASSERTS) the CPU also
 * keeps a stack of the ranks it holds, and taking a lock whose rank is not
 * above the top of that stack panics, naming both locks.  Unranked locks
 * (LOCK_RANK_NONE) are leaves: nothing may be taken while one is held.
 */
#include <platform/log.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/spinlock.h>
#include "core.h"

#define RANK_LEAF 0xffff

bool spin_unfair;

void spin_lock_init(struct spinlock *l, const char *name, enum lock_rank rank)
{
	*l = (struct spinlock)SPINLOCK_INIT(name, rank);
}

#if CONFIG_ASSERTS
static uint16_t effective_rank(const struct spinlock *l)
{
	return l->rank == LOCK_RANK_NONE ? RANK_LEAF : l->rank;
}

static void rank_acquire(struct cpu *c, struct spinlock *l)
{
	uint16_t r = effective_rank(l);

	if (c->nheld > c->held_base && c->held_ranks[c->nheld - 1] >= r)
		panic("lock order: taking '%s' (rank %u) while holding rank %u", l->name, l->rank,
		      c->held_ranks[c->nheld - 1]);
	if (c->nheld == ARRAY_SIZE(c->held_ranks))
		panic("lock order: more than %zu locks held", ARRAY_SIZE(c->held_ranks));
	c->held_ranks[c->nheld++] = r;
}

static void rank_release(struct cpu *c, struct spinlock *l)
{
	uint16_t r = effective_rank(l);

	/* locks are usually released in reverse order, but need not be */
	for (unsigned i = c->nheld; i-- > 0;) {
		if (c->held_ranks[i] == r) {
			for (; i + 1 < c->nheld; i++)
				c->held_ranks[i] = c->held_ranks[i + 1];
			c->nheld--;
			return;
		}
	}
	panic("unlocking '%s', which this CPU does not hold", l->name);
}
#endif

void spin_lock(struct spinlock *l)
{
	struct cpu *c;
	uint32_t ticket;

	preempt_disable(); /* first: from here the thread stays on this CPU */
	c = this_cpu();
#if CONFIG_ASSERTS
	if (l->cpu == (int16_t)c->id)
		panic("recursive lock of '%s'", l->name);
	rank_acquire(c, l);
#endif
	if (spin_unfair) {
		/* held while next != owner: take it only when free */
		for (;;) {
			uint32_t owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);

			ticket = owner;
			if (__atomic_load_n(&l->next, __ATOMIC_RELAXED) == owner &&
			    __atomic_compare_exchange_n(&l->next, &ticket, owner + 1, false,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				break;
			cpu_relax();
		}
	} else {
		ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
		while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
			cpu_relax();
	}
	l->cpu = (int16_t)c->id;
}

bool __spin_trylock(struct spinlock *l)
{
	struct cpu *c;
	uint32_t owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
	uint32_t expect = owner;

	preempt_disable();
	if (!__atomic_compare_exchange_n(&l->next, &expect, owner + 1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED)) {
		preempt_enable();
		return false;
	}
	c = this_cpu();
#if CONFIG_ASSERTS
	rank_acquire(c, l);
#endif
	l->cpu = (int16_t)c->id;
	return true;
}

void spin_unlock(struct spinlock *l)
{
#if CONFIG_ASSERTS
	struct cpu *c = this_cpu();

	if (l->cpu != (int16_t)c->id)
		panic("unlocking '%s' held by cpu %d", l->name, l->cpu);
	rank_release(c, l);
#endif
	l->cpu = -1;
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
	preempt_enable();
}

irqflags_t spin_lock_irqsave(struct spinlock *l)
{
	irqflags_t f = irq_save();

	spin_lock(l);
	return f;
}

void spin_unlock_irqrestore(struct spinlock *l, irqflags_t f)
{
	spin_unlock(l);
	irq_restore(f);
}

bool spin_held(const struct spinlock *l)
{
	return l->cpu == (int16_t)cpu_id() && l->owner != l->next;
}
