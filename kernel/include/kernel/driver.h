/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The driver API ring 1 exports to the driver ring (exts/), besides the
 * block layer (<kernel/blkdev.h>) and ring 0's bus and memory API
 * (<platform/pci.h>, <platform/mmio.h>, <platform/dma.h>).
 *
 * A driver announces itself with DRIVER(its struct driver): at boot,
 * after interrupts are on and before init runs, the kernel calls each
 * driver's init in a kernel thread; init registers with its bus, whose
 * probes run inside that call.
 *
 * Containment (docs/architecture.md, "Drivers"): each device a driver
 * drives is a `struct drv_instance`, made in probe.  Every call from the
 * kernel into the driver for that device (its init and probes, the block
 * layer's submit, its interrupt handlers) is a crossing of the driver
 * gate (kernel/driver/gate.c).  In the containing profiles a fault in the
 * driver's code (a page fault, #GP, #UD, a division by zero, drv_panic or
 * a failed DRV_ASSERT) unwinds the crossing: the locks the driver took
 * with drv_lock are released, the instance is failed, its device loses
 * bus mastering and its interrupts, and the instance's users (the block
 * layer: every pending and later request completes with -EIO) are told
 * once no crossing is inside it any more.  The kernel goes on.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <platform/pci.h>
#include <platform/spinlock.h>

struct driver {
	const char *name; /* "virtio_blk": logs, inject=virtio_blk:OP */
	/* Boot, in a kernel thread (may sleep): register with the bus. */
	int (*init)(void);
};

#define DRIVER(drv)                                    \
	static const struct driver *const driver_##drv \
		__attribute__((used, section(".drivers"), aligned(8))) = &(drv)

/* The gate's operations, as inject= names them: "probe", "submit" (a
 * disk's I/O), "irq", "xmit" (a network device's transmission), "ctl" (a
 * network device brought up or down). */
enum drv_op { DRV_OP_PROBE, DRV_OP_SUBMIT, DRV_OP_IRQ, DRV_OP_XMIT, DRV_OP_CTL, DRV_OP_COUNT };

/* One device as the kernel keeps it (opaque to drivers). */
struct drv_instance;

/* A new instance of driver `name` for `pci` (which is quiesced if the
 * instance fails); NULL when out of memory.  Call it from probe. */
struct drv_instance *drv_instance_new(const char *name, struct pci_dev *pci) __must_check;
/* Whether the instance has failed (its crossings return at once). */
bool drv_failed(const struct drv_instance *in);
const char *drv_name(const struct drv_instance *in);

/* Attach `fn(dev, nr, ctx)` to vector `nr` of the instance's device, as
 * pci_request_irq(), each interrupt a crossing of the gate (op "irq"):
 * 0, -EINVAL, -EBUSY, -ENOMEM. */
int drv_request_irq(struct drv_instance *in, unsigned nr, pci_irq_fn fn, void *ctx) __must_check;

/* A driver's spinlock: taken with interrupts off, recorded in the
 * crossing in progress so that a fault releases it, and never waited for
 * in vain (a thread spinning on a lock whose holder faulted unwinds too).
 * It must be a leaf: nothing else is taken under it (complete requests
 * after dropping it). */
struct drv_lock {
	struct spinlock sl;
	struct drv_instance *in;
};
void drv_lock_init(struct drv_lock *l, struct drv_instance *in, const char *name);
/* (Not annotated for sparse's lock contexts: a lock the gate releases for
 * a dead crossing is released where sparse cannot see it taken.) */
irqflags_t drv_lock(struct drv_lock *l);
void drv_unlock(struct drv_lock *l, irqflags_t flags);

/* A driver's panic: contained like a fault while its instance's crossing
 * runs (a kernel panic otherwise). */
__noreturn void drv_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define DRV_ASSERT(cond)                                                                       \
	do {                                                                                   \
		if (unlikely(!(cond)))                                                         \
			drv_panic("assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

/* For the kernel's own users of an instance (the block layer): `fn(arg)`
 * runs once when the instance has failed and no crossing is inside it,
 * from the context that left last (may be an interrupt; must not sleep).
 * At most one per instance. */
void drv_on_fail(struct drv_instance *in, void (*fn)(void *arg), void *arg);
