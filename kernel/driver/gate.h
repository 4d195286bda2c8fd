/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The driver gate, ring 1's side (gate.c; the drivers' side is
 * <kernel/driver.h>).  Every call from the kernel into a driver for one
 * of its devices is written
 *
 *	if (!DRV_CALL(in, DRV_OP_SUBMIT, d->ops->submit(d, b)))
 *		... the driver was not entered, or faulted ...
 *
 * DRV_CALL evaluates to true when the call ran to its end.  In the
 * containing profiles (RING2_CONTAIN) it refuses a failed instance and
 * runs the call under a recovery point; otherwise it is the bare call (a
 * driver's fault is then a kernel panic, an armed injection too).
 */
#pragma once

#include <klib/compiler.h>
#include <kernel/driver.h>
#include <platform/recover.h>

#define DRV_MAX_LOCKS 4

struct drv_instance {
	const char *name;
	struct pci_dev *pci; /* NULL: the driver itself (its init) */
	int inside;	     /* atomic: crossings in progress */
	bool failed;	     /* atomic */
	bool told;	     /* atomic: the device was quiesced and on_fail ran */
	unsigned faults;
	void (*on_fail)(void *arg);
	void *fail_arg;
};

/* One crossing in progress, on the caller's stack; innermost first from
 * thread->drv_frame, or in interrupt context from the CPU's own chain. */
struct drv_frame {
	struct recover_point rp;
	struct drv_frame *prev;
	struct drv_instance *in;
	struct drv_lock *locks[DRV_MAX_LOCKS];
	uint8_t nlocks;
	uint8_t op;	/* enum drv_op */
	uint8_t fault;	/* enum svc_fault: an injected fault still to raise */
	bool injecting; /* raising it */
	bool aborted;	/* unwound because the instance failed meanwhile */
	bool irq;	/* on the CPU's chain */
	bool counted;	/* in in->inside (a probe stops counting once it made its instance) */
	int preempt;
};

/* Nonzero: do not call (the instance failed). */
int drv_enter(struct drv_frame *f, struct drv_instance *in, enum drv_op op);
void drv_leave(struct drv_frame *f);
void drv_unwound(struct drv_frame *f);
/* performance/ludicrous: an armed injection fires as the kernel's fault */
void drv_inject_direct(struct drv_instance *in, enum drv_op op);

#if CONFIG_RING2_CONTAIN
#define DRV_CALL(in, op, expr)                             \
	({                                                 \
		struct drv_frame drv_f_;                   \
		bool drv_ok_;                              \
		if (drv_enter(&drv_f_, (in), (op))) {      \
			drv_ok_ = false;                   \
		} else if (arch_recover_set(&drv_f_.rp)) { \
			drv_unwound(&drv_f_);              \
			drv_ok_ = false;                   \
		} else {                                   \
			(expr);                            \
			drv_leave(&drv_f_);                \
			drv_ok_ = true;                    \
		}                                          \
		drv_ok_;                                   \
	})
#else
#define DRV_CALL(in, op, expr)                 \
	({                                     \
		drv_inject_direct((in), (op)); \
		(expr);                        \
		true;                          \
	})
#endif

/* The driver-op names inject= uses ("probe", "submit", "irq"). */
extern const char *const drv_op_names[DRV_OP_COUNT];
/* A driver called `name` is built in (inject= accepts it). */
bool drv_known(const char *name);
/* gate.c, for contain_fault: the recovery point of the driver crossing
 * that owns a fault at `pc`, or NULL. */
const struct recover_point *drv_contain_fault(uintptr_t pc, unsigned vector, const char *what,
					      uintptr_t addr);
/* Boot: every DRIVER's init, each a crossing (may sleep). */
void drivers_init(void);
