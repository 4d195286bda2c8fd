/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Message-signalled interrupts on x86: a device raises vector V on a CPU
 * by writing V (edge, fixed delivery) to 0xfee00000 | apic_id << 12.
 * Vectors VEC_MSI_BASE..VEC_MSI_END-1 are handed out in aligned blocks
 * (MSI's multiple messages put the message number in the data's low
 * bits, so a block of n starts at a multiple of n) and each has one
 * handler.  Every message targets the boot CPU.
 */
#include <klib/errno.h>
#include <platform/irq.h>
#include <platform/log.h>
#include <platform/spinlock.h>
#include "../core/core.h"
#include "x64.h"

#define NR_MSI (VEC_MSI_END - VEC_MSI_BASE)

struct msi_slot {
	bool used;
	arch_msi_fn fn;
	void *ctx;
};
static struct msi_slot slots[NR_MSI]; /* guarded by msi_lock */
static struct spinlock msi_lock = SPINLOCK_INIT("msi", LOCK_RANK_IRQCHIP + 2);
static uint32_t msi_apic_id; /* the boot CPU's, set by msi_init */

void msi_init(void)
{
	msi_apic_id = lapic_id();
}

int arch_msi_alloc(unsigned n, uint8_t *vecs)
{
	irqflags_t f;
	int err = -ENOSPC;

	if (!n || n > 32 || (n & (n - 1)))
		return -EINVAL;
	f = spin_lock_irqsave(&msi_lock);
	for (unsigned v = ALIGN_UP(VEC_MSI_BASE, n); v + n <= VEC_MSI_END; v += n) {
		unsigned i;

		for (i = 0; i < n && !slots[v - VEC_MSI_BASE + i].used; i++)
			;
		if (i < n)
			continue;
		for (i = 0; i < n; i++) {
			slots[v - VEC_MSI_BASE + i] = (struct msi_slot){true, NULL, NULL};
			vecs[i] = (uint8_t)(v + i);
		}
		err = 0;
		break;
	}
	spin_unlock_irqrestore(&msi_lock, f);
	return err;
}

void arch_msi_free(const uint8_t *vecs, unsigned n)
{
	irqflags_t f = spin_lock_irqsave(&msi_lock);

	for (unsigned i = 0; i < n; i++) {
		if (vecs[i] >= VEC_MSI_BASE && vecs[i] < VEC_MSI_END)
			slots[vecs[i] - VEC_MSI_BASE] = (struct msi_slot){false, NULL, NULL};
	}
	spin_unlock_irqrestore(&msi_lock, f);
}

void arch_msi_set_handler(uint8_t vec, arch_msi_fn fn, void *ctx)
{
	irqflags_t f;

	if (vec < VEC_MSI_BASE || vec >= VEC_MSI_END)
		return;
	f = spin_lock_irqsave(&msi_lock);
	slots[vec - VEC_MSI_BASE].fn = fn;
	slots[vec - VEC_MSI_BASE].ctx = ctx;
	spin_unlock_irqrestore(&msi_lock, f);
}

void arch_msi_message(uint8_t vec, uint64_t *addr, uint32_t *data)
{
	*addr = 0xfee00000u | msi_apic_id << 12;
	*data = vec; /* fixed delivery, edge */
}

bool msi_dispatch(unsigned vector)
{
	struct msi_slot s;

	if (vector < VEC_MSI_BASE || vector >= VEC_MSI_END)
		return false;
	spin_lock(&msi_lock);
	s = slots[vector - VEC_MSI_BASE];
	spin_unlock(&msi_lock);
	if (s.fn)
		s.fn(vector, s.ctx);
	else
		pr_warn("msi: unexpected vector %#x\n", vector);
	return true;
}
