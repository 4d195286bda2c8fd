/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The PCI bus, as ring 0 exports it to drivers (exts/) and to sysfs.
 *
 * At boot ring 0 enumerates every bus, device and function it can reach
 * from bus 0 (multi-function devices, and the secondary bus of every
 * PCI-to-PCI bridge, as the firmware numbered it), through ECAM when ACPI
 * has an MCFG table and through the legacy configuration ports
 * 0xcf8/0xcfc otherwise, sizes every BAR and records the capabilities.
 * Devices are never added or removed afterwards, so a `struct pci_dev *`
 * stays valid for the kernel's life and its identity fields may be read
 * without a lock.
 *
 * A driver registers a `struct pci_driver` with a table of ids; probe runs
 * for each unbound device that matches, at registration.  In probe it
 * maps its BARs (pci_iomap, or pci_bar_read/write for I/O-port BARs),
 * enables bus mastering for DMA, and asks for interrupt vectors:
 * pci_alloc_irq_vectors() tries MSI-X, then MSI, then the legacy INTx
 * line (as the caller's flags allow), and pci_request_irq() attaches a
 * handler to each vector.  Handlers run in interrupt context on the CPU
 * the vector targets, with interrupts off; they must not sleep.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

#define PCI_ANY_ID 0xffffu /* matches any vendor or device id */

#define PCI_NUM_BARS 6

/* pci_bar.flags */
#define PCI_BAR_IO	 0x1u /* an I/O-port range (else memory) */
#define PCI_BAR_MEM64	 0x2u /* a 64-bit memory BAR (takes two slots) */
#define PCI_BAR_PREFETCH 0x4u /* prefetchable memory */
#define PCI_BAR_ROM	 0x8u /* the expansion ROM */

struct pci_bar {
	uint64_t base; /* bus address the firmware assigned (0: unassigned) */
	uint64_t size; /* 0: no BAR here (or the upper half of a 64-bit one) */
	unsigned flags;
};

/* pci_alloc_irq_vectors() flags */
#define PCI_IRQ_INTX 0x1u
#define PCI_IRQ_MSI  0x2u
#define PCI_IRQ_MSIX 0x4u
#define PCI_IRQ_ALL  (PCI_IRQ_INTX | PCI_IRQ_MSI | PCI_IRQ_MSIX)

/* The interrupt mode a device was given. */
enum pci_irq_mode { PCI_IRQ_NONE, PCI_IRQ_MODE_INTX, PCI_IRQ_MODE_MSI, PCI_IRQ_MODE_MSIX };

#define PCI_MAX_VECTORS 16 /* per device */

struct pci_dev;
typedef void (*pci_irq_fn)(struct pci_dev *dev, unsigned vector, void *ctx);

struct pci_driver;
struct pci_irq_priv;

/* One function on the bus.  The fields above `driver` are set at
 * enumeration and never change. */
struct pci_dev {
	uint16_t segment;
	uint8_t bus, slot, func;
	uint8_t hdr_type; /* 0 device, 1 PCI-to-PCI bridge, 2 CardBus bridge */
	uint16_t vendor, device;
	uint16_t subsys_vendor, subsys_device;
	uint32_t class; /* base class << 16 | subclass << 8 | prog-if */
	uint8_t revision;
	uint8_t irq_pin;		     /* 1..4 = INTA..INTD, 0 none */
	uint8_t irq_line;		     /* the interrupt line the firmware routed INTx to */
	uint8_t secondary, subordinate;	     /* bridges: the buses behind */
	uint8_t msi_cap, msix_cap, pcie_cap; /* capability offsets, 0 if absent */
	unsigned cfg_size;		     /* 256, or 4096 (PCIe through ECAM) */
	struct pci_dev *parent;		     /* the bridge above, NULL on bus 0 */
	struct pci_bar bar[PCI_NUM_BARS];
	struct pci_bar rom;

	/* Set by probe and pci_alloc_irq_vectors(), under the bus's lock. */
	const struct pci_driver *driver;
	void *drvdata;
	enum pci_irq_mode irq_mode;
	unsigned nvec;
	uint8_t vectors[PCI_MAX_VECTORS]; /* CPU vectors (INTx: the line) */
	void __iomem *bar_map[PCI_NUM_BARS];
	struct pci_irq_priv *irq_priv; /* ring 0's own */
};

/* One entry of a driver's id table; a zero entry ends it.  vendor and
 * device match exactly unless PCI_ANY_ID; (dev->class & class_mask) must
 * equal class (a class_mask of 0 matches any class). */
struct pci_device_id {
	uint16_t vendor, device;
	uint32_t class, class_mask;
	unsigned long data; /* the driver's own */
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *ids;
	/* 0 binds the device to the driver; -errno leaves it unbound. */
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
};

/* ---- the devices ---- */

/* The number of functions found, and the i-th, in bus order (bus 0 first,
 * then each bridge's secondary bus), or NULL past the end. */
unsigned pci_device_count(void);
struct pci_dev *pci_device(unsigned i);
/* The function at segment 0, bus:slot.func, or NULL. */
struct pci_dev *pci_find(unsigned bus, unsigned slot, unsigned func);
/* "ecam" or "ports": how configuration space is reached; NULL without PCI. */
const char *pci_config_mechanism(void);

/* ---- configuration space ---- */

/* Aligned reads and writes inside dev->cfg_size; out of range reads give
 * all ones and writes are ignored (a kernel bug, logged). */
uint8_t pci_read8(const struct pci_dev *dev, unsigned off);
uint16_t pci_read16(const struct pci_dev *dev, unsigned off);
uint32_t pci_read32(const struct pci_dev *dev, unsigned off);
void pci_write8(const struct pci_dev *dev, unsigned off, uint8_t v);
void pci_write16(const struct pci_dev *dev, unsigned off, uint16_t v);
void pci_write32(const struct pci_dev *dev, unsigned off, uint32_t v);
/* Bytes [off, off + len) clipped to dev->cfg_size, any alignment (sysfs's
 * config file); the number of bytes copied. */
size_t pci_config_read(const struct pci_dev *dev, unsigned off, void *buf, size_t len);
size_t pci_config_write(const struct pci_dev *dev, unsigned off, const void *buf, size_t len);

/* The offset of the first capability `id` (PCI_CAP_ID_*), or 0; and of the
 * next one after the capability at `pos`.  Extended (PCIe) capabilities
 * live at 0x100 and up. */
unsigned pci_find_capability(const struct pci_dev *dev, unsigned id);
unsigned pci_find_next_capability(const struct pci_dev *dev, unsigned pos, unsigned id);
unsigned pci_find_ext_capability(const struct pci_dev *dev, unsigned id);

/* ---- resources ---- */

/* Map memory BAR `bar` uncached (once; later calls return the same
 * mapping); NULL for an I/O BAR, an empty or unassigned one, or one over
 * 256 MiB.  May allocate page tables: process context. */
void __iomem *pci_iomap(struct pci_dev *dev, unsigned bar);
/* Access a register at `off` in BAR `bar`, I/O-port or memory alike
 * (a memory BAR is mapped on first use).  `off` must lie inside the BAR. */
uint32_t pci_bar_read32(struct pci_dev *dev, unsigned bar, unsigned off);
uint16_t pci_bar_read16(struct pci_dev *dev, unsigned bar, unsigned off);
uint8_t pci_bar_read8(struct pci_dev *dev, unsigned bar, unsigned off);
void pci_bar_write32(struct pci_dev *dev, unsigned bar, unsigned off, uint32_t v);
void pci_bar_write16(struct pci_dev *dev, unsigned bar, unsigned off, uint16_t v);
void pci_bar_write8(struct pci_dev *dev, unsigned bar, unsigned off, uint8_t v);
/* Turn on memory and I/O decoding for the BARs the device has. */
void pci_enable_device(struct pci_dev *dev);
/* Let the device master the bus (DMA, and MSI writes). */
void pci_set_master(struct pci_dev *dev);

/* ---- interrupts ---- */

/* Give the device between min and max vectors (at most PCI_MAX_VECTORS),
 * in the first mode `flags` allows of MSI-X, MSI (a power of two,
 * rounded down), INTx (one, shared with other devices on the line).  The
 * vectors start masked at the device until pci_request_irq().  Returns the
 * number given, -ENOSPC if the CPU's vectors ran out, -EINVAL for bad
 * arguments, -EBUSY if it already has vectors, -ENODEV if no mode fits. */
int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned min, unsigned max, unsigned flags)
	__must_check;
/* Attach `fn(dev, nr, ctx)` to vector `nr` and unmask it; -EINVAL if
 * there is no such vector, -EBUSY if it has a handler. */
int pci_request_irq(struct pci_dev *dev, unsigned nr, pci_irq_fn fn, void *ctx) __must_check;
/* Mask and detach every vector and give them back. */
void pci_free_irq_vectors(struct pci_dev *dev);
/* The interrupt number Linux's sysfs `irq` file would show: the INTx
 * line, or the first vector's number in MSI/MSI-X mode; 0 if none. */
unsigned pci_irq_number(const struct pci_dev *dev);

/* ---- drivers ---- */

/* Register `drv` (which must stay valid: drivers are never unregistered)
 * and probe every unbound device matching its ids.  0, or -EINVAL for a
 * driver without a name, ids or probe, -EBUSY if it is registered
 * already, -ENOSPC past 32 drivers.  May sleep. */
int pci_register_driver(const struct pci_driver *drv) __must_check;
/* The drivers registered, in order (sysfs lists them), or NULL past the
 * end. */
unsigned pci_driver_count(void);
const struct pci_driver *pci_driver_at(unsigned i);
/* The id entry of `ids` matching dev, or NULL. */
const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
					 const struct pci_dev *dev);
