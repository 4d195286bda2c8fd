/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The driver gate: containment of the driver ring (exts/), as
 * kernel/fs/contain.c contains ring-2 services, for the calls the kernel
 * makes into a driver: its init (with the bus's probes inside), the block
 * layer's submit, and its interrupt handlers.
 *
 * A crossing pushes a frame (on the caller's stack) on the calling
 * thread's chain, or in interrupt context on the CPU's own, and sets a
 * recovery point in it.  A CPU exception whose instruction is in the
 * driver ring's code (linked apart: image_exts_text), an injected fault,
 * or drv_panic() from inside the crossing resumes that point:
 * drv_unwound() releases the drv_locks the call holds (newest first),
 * puts the preemption count back, fails the instance, and quiesces its
 * PCI function (bus mastering off, so it no longer reads or writes
 * memory, and INTx disabled; MSI and MSI-X messages are memory writes,
 * stopped with the mastering).  Every later crossing of the instance
 * returns at once.  When the last crossing still inside has left, the
 * instance's user is told once (drv_on_fail: the block layer fails its
 * pending requests with -EIO), so that nothing the driver still touches
 * is completed under it.
 *
 * A crossing that spins on a drv_lock whose holder failed unwinds too
 * (aborted, without a second report), so no CPU waits forever on a lock a
 * dead crossing held.
 *
 * Injection: each crossing asks inject.c (driver:op, as
 * inject=virtio_blk:submit:1:gp); an armed fault fires at the first
 * drv_lock the call takes (so a lock is released by the unwinding), in a
 * probe as soon as it made its instance (drv_instance_new: the device
 * fails, and the driver's init stops there), or else as the call returns.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/pci_regs.h>
#include <platform/image.h>
#include <platform/irq.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/recover.h>
#include <kernel/sched.h>
#include "../fs/contain.h"
#include "../fs/inject.h"
#include "gate.h"

const char *const drv_op_names[DRV_OP_COUNT] = {
	[DRV_OP_PROBE] = "probe", [DRV_OP_SUBMIT] = "submit", [DRV_OP_IRQ] = "irq",
	[DRV_OP_XMIT] = "xmit",	  [DRV_OP_CTL] = "ctl",
};

/* inject= finds a driver's op at SVC_OP_PROBE + its drv_op */
_Static_assert(SVC_OP_PROBE + DRV_OP_COUNT == SVC_OP_COUNT, "driver ops out of step");

static struct drv_frame *irq_frame[MAX_CPUS]; /* this CPU's, interrupts off */

static const struct driver *const *drivers(size_t *n)
{
	return (const struct driver *const *)image_drivers(n);
}

bool drv_known(const char *name)
{
	size_t n;
	const struct driver *const *d = drivers(&n);

	for (size_t i = 0; i < n; i++) {
		if (d[i]->name && !strcmp(d[i]->name, name))
			return true;
	}
	return false;
}

/* ---- instances ---- */

static __noreturn void fire(struct drv_frame *f);

struct drv_instance *drv_instance_new(const char *name, struct pci_dev *pci)
{
	struct drv_instance *in = kzalloc(sizeof(*in));
	struct drv_frame *f;

	if (!in)
		return NULL;
	in->name = name;
	in->pci = pci;
	/* the probe in progress is this instance's from now on: a fault in
	 * the rest of it fails the device, not the whole driver */
	f = current_thread() ? current_thread()->drv_frame : NULL;
	if (f && !this_cpu()->in_irq && f->op == DRV_OP_PROBE) {
		/* not counted inside it: the probe waits in the kernel for the
		 * instance's I/O (the partition scan), and a failure of that I/O
		 * must not wait for the probe to leave */
		if (f->counted)
			__atomic_sub_fetch(&f->in->inside, 1, __ATOMIC_ACQ_REL);
		f->counted = false;
		f->in = in;
		if (f->fault)
			fire(f); /* an injected fault in probe: now it fails a device */
	}
	return in;
}

bool drv_failed(const struct drv_instance *in)
{
	return __atomic_load_n(&in->failed, __ATOMIC_ACQUIRE);
}

const char *drv_name(const struct drv_instance *in)
{
	return in->name;
}

void drv_on_fail(struct drv_instance *in, void (*fn)(void *arg), void *arg)
{
	in->fail_arg = arg;
	__atomic_store_n(&in->on_fail, fn, __ATOMIC_RELEASE);
}

/* Stop the device touching memory or raising interrupts. */
static void quiesce(struct drv_instance *in)
{
	uint16_t cmd;

	if (!in->pci)
		return;
	cmd = pci_read16(in->pci, PCI_COMMAND);
	pci_write16(in->pci, PCI_COMMAND,
		    (uint16_t)((cmd & ~PCI_COMMAND_MASTER) | PCI_COMMAND_INTX_DISABLE));
}

/* The instance failed and nothing is inside it: tell its user, once. */
static void tell(struct drv_instance *in)
{
	void (*fn)(void *);

	if (__atomic_exchange_n(&in->told, true, __ATOMIC_ACQ_REL))
		return;
	fn = __atomic_load_n(&in->on_fail, __ATOMIC_ACQUIRE);
	if (fn)
		fn(in->fail_arg);
}

/* ---- crossings ---- */

static struct drv_frame **chain(void)
{
	struct thread *t = current_thread();

	if (this_cpu()->in_irq || !t)
		return &irq_frame[this_cpu()->id];
	return &t->drv_frame;
}

static struct drv_frame *innermost(void)
{
	return *chain();
}

static void pop(struct drv_frame *f)
{
	struct drv_instance *in = f->in;

	*chain() = f->prev;
	if (!f->counted) {
		if (drv_failed(in) && !__atomic_load_n(&in->inside, __ATOMIC_ACQUIRE))
			tell(in);
		return;
	}
	if (!__atomic_sub_fetch(&in->inside, 1, __ATOMIC_ACQ_REL) && drv_failed(in))
		tell(in);
}

static enum svc_fault inject_kind(struct drv_instance *in, enum drv_op op)
{
	if (!__atomic_load_n(&svc_inject_armed, __ATOMIC_RELAXED))
		return SVC_FAULT_NONE;
	return inject_take_named(in->name, (enum svc_op)(SVC_OP_PROBE + op));
}

int drv_enter(struct drv_frame *f, struct drv_instance *in, enum drv_op op)
{
	struct drv_frame **c;

	if (drv_failed(in))
		return 1;
	__atomic_add_fetch(&in->inside, 1, __ATOMIC_ACQ_REL);
	if (drv_failed(in)) { /* failed meanwhile: leave as if never in */
		if (!__atomic_sub_fetch(&in->inside, 1, __ATOMIC_ACQ_REL))
			tell(in);
		return 1;
	}
	c = chain();
	f->in = in;
	f->op = (uint8_t)op;
	f->nlocks = 0;
	f->fault = (uint8_t)inject_kind(in, op);
	f->injecting = false;
	f->aborted = false;
	f->irq = this_cpu()->in_irq || !current_thread();
	f->counted = true;
	f->preempt = this_cpu()->preempt_count;
	f->prev = *c;
	*c = f;
	return 0;
}

static __noreturn void fire(struct drv_frame *f);

void drv_leave(struct drv_frame *f)
{
	if (unlikely(f->fault))
		fire(f); /* it took no lock: the fault fires as it returns */
	if (unlikely(f->nlocks))
		pr_warn("drv: %s returned from %s holding %u lock(s)\n", f->in->name,
			drv_op_names[f->op], f->nlocks);
	pop(f);
}

/* A lock the unwound call held (sparse cannot see it was taken). */
static void release_lock(struct drv_frame *f)
{
	struct drv_lock *l = f->locks[--f->nlocks];

	__acquire(&l->sl);
	spin_unlock(&l->sl);
}

void drv_unwound(struct drv_frame *f)
{
	struct drv_instance *in = f->in;
	unsigned held = f->nlocks;

	while (f->nlocks)
		release_lock(f);
	while (this_cpu()->preempt_count > f->preempt)
		preempt_enable();
	if (!f->aborted) {
		__atomic_add_fetch(&in->faults, 1, __ATOMIC_RELAXED);
		pr_err("drv: %s instance%s%s failed in %s; %u lock(s) released; its device is "
		       "stopped and its requests fail with EIO\n",
		       in->name, in->pci ? " at " : "", in->pci ? "PCI" : "", drv_op_names[f->op],
		       held);
	}
	__atomic_store_n(&in->failed, true, __ATOMIC_RELEASE);
	quiesce(in);
	pop(f);
}

static __noreturn void unwind(struct drv_frame *f, bool aborted)
{
	f->aborted = aborted;
	__atomic_store_n(&f->in->failed, true, __ATOMIC_RELEASE);
	arch_recover_jump(&f->rp);
}

const struct recover_point *drv_contain_fault(uintptr_t pc, unsigned vector, const char *what,
					      uintptr_t addr)
{
	struct drv_frame *f;

	if (!CONFIG_RING2_CONTAIN)
		return NULL;
	f = innermost();
	if (!f || !(f->injecting || image_exts_text(pc)))
		return NULL;
	pr_err("drv: %s (vector %u) in %s's %s at %016lx, address %016lx%s\n", what, vector,
	       f->in->name, drv_op_names[f->op], (unsigned long)pc, (unsigned long)addr,
	       f->injecting ? " (injected)" : "");
	f->aborted = false;
	__atomic_store_n(&f->in->failed, true, __ATOMIC_RELEASE);
	return &f->rp;
}

static __noreturn void contain_panic(uintptr_t caller, bool injected, const char *fmt, va_list ap)
{
	struct drv_frame *f = CONFIG_RING2_CONTAIN ? innermost() : NULL;
	char msg[192];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (f && (injected || f->injecting || image_exts_text(caller))) {
		pr_err("drv: panic in %s's %s: %s%s\n", f->in->name, drv_op_names[f->op], msg,
		       f->injecting ? " (injected)" : "");
		unwind(f, false);
	}
	panic("%s", msg);
}

void drv_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	contain_panic((uintptr_t)__builtin_return_address(0), false, fmt, ap);
}

static __noreturn void raise_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	contain_panic(0, true, fmt, ap);
}

static __noreturn void fire(struct drv_frame *f)
{
	static const uint8_t exception[SVC_FAULT_COUNT] = {
		[SVC_FAULT_PAGEFAULT] = ARCH_FAULT_PAGE + 1, [SVC_FAULT_GP] = ARCH_FAULT_GP + 1,
		[SVC_FAULT_UD] = ARCH_FAULT_UD + 1,	     [SVC_FAULT_DIV0] = ARCH_FAULT_DIV0 + 1,
		[SVC_FAULT_STACK] = ARCH_FAULT_STACK + 1,
	};
	enum svc_fault k = (enum svc_fault)f->fault;

	f->fault = SVC_FAULT_NONE;
	f->injecting = true;
	if (k == SVC_FAULT_ASSERT)
		raise_panic("assertion failed: %s at %s:%d", "injected", __FILE__, __LINE__);
	if (k < SVC_FAULT_COUNT && exception[k])
		arch_raise_fault((enum arch_fault)(exception[k] - 1));
	raise_panic("injected %s in %s", svc_fault_names[k < SVC_FAULT_COUNT ? k : 0],
		    drv_op_names[f->op]);
}

void drv_inject_direct(struct drv_instance *in, enum drv_op op)
{
	struct drv_frame f = {.in = in, .op = (uint8_t)op};

	if (!in || !__atomic_load_n(&svc_inject_armed, __ATOMIC_RELAXED))
		return;
	f.fault = (uint8_t)inject_kind(in, op);
	if (f.fault)
		fire(&f); /* nothing catches it: the kernel's panic, as documented */
}

/* ---- locks ---- */

void drv_lock_init(struct drv_lock *l, struct drv_instance *in, const char *name)
{
	spin_lock_init(&l->sl, name, LOCK_RANK_DRIVER);
	l->in = in;
}

irqflags_t drv_lock(struct drv_lock *l)
{
	irqflags_t flags = irq_save();
	struct drv_frame *f = CONFIG_RING2_CONTAIN ? innermost() : NULL;

	while (!__spin_trylock(&l->sl)) {
		/* its holder may have died: then this crossing goes too */
		if (f && drv_failed(f->in)) {
			irq_restore(flags);
			unwind(f, true);
		}
		cpu_relax();
	}
	if (f) {
		if (f->nlocks == DRV_MAX_LOCKS) {
			__acquire(&l->sl);
			spin_unlock(&l->sl);
			raise_panic("%s took more than %d locks", f->in->name, DRV_MAX_LOCKS);
		}
		f->locks[f->nlocks++] = l;
		if (f->fault)
			fire(f);
	}
	return flags;
}

void drv_unlock(struct drv_lock *l, irqflags_t flags)
{
	struct drv_frame *f = CONFIG_RING2_CONTAIN ? innermost() : NULL;

	if (f) {
		for (int i = f->nlocks - 1; i >= 0; i--) {
			if (f->locks[i] == l) {
				memmove(&f->locks[i], &f->locks[i + 1],
					(size_t)(f->nlocks - 1 - i) * sizeof(f->locks[0]));
				f->nlocks--;
				break;
			}
		}
	}
	__acquire(&l->sl);
	spin_unlock(&l->sl);
	irq_restore(flags);
}

/* ---- interrupts ---- */

struct drv_irq {
	struct drv_instance *in;
	pci_irq_fn fn;
	void *ctx;
};

static void irq_gate(struct pci_dev *dev, unsigned nr, void *arg)
{
	struct drv_irq *di = arg;

	(void)DRV_CALL(di->in, DRV_OP_IRQ, di->fn(dev, nr, di->ctx));
}

int drv_request_irq(struct drv_instance *in, unsigned nr, pci_irq_fn fn, void *ctx)
{
	struct drv_irq *di = kzalloc(sizeof(*di));
	int r;

	if (!di)
		return -ENOMEM;
	*di = (struct drv_irq){.in = in, .fn = fn, .ctx = ctx};
	r = pci_request_irq(in->pci, nr, irq_gate, di);
	if (r)
		kfree(di);
	return r;
}

/* ---- boot ---- */

void drivers_init(void)
{
	size_t n;
	const struct driver *const *d = drivers(&n);

	for (size_t i = 0; i < n; i++) {
		struct drv_instance *in = kzalloc(sizeof(*in));
		int r = -ENOMEM;

		if (!in || !d[i]->init) {
			kfree(in);
			continue;
		}
		in->name = d[i]->name;
		if (!DRV_CALL(in, DRV_OP_PROBE, r = d[i]->init()))
			r = -EIO;
		if (r)
			pr_err("drv: %s: init failed: error %d\n", d[i]->name, r);
	}
}
