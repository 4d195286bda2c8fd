/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * A PCI function's interrupts: MSI-X, MSI or the legacy INTx line.
 *
 * MSI-X: the table (in one of the function's BARs) gets one entry per
 * vector, each written while masked, with the function masked as a whole
 * until every entry is written.  MSI: one message address and data, the
 * message number in the data's low bits (so the vectors are an aligned
 * block).  Either way INTx is disabled in the command register.  INTx:
 * the line the firmware routed (interrupt_line) is registered with the
 * IOAPIC once and shared: its handler asks each device on the line
 * whether it is asserting (the status register's interrupt bit) and
 * calls the ones that are.  Level-triggered, so a handler must quiet its
 * device before returning.
 */
#include <klib/errno.h>
#include <linux/pci_regs.h>
#include <platform/irq.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/mmio.h>
#include <platform/pci.h>
#include <platform/percpu.h>
#include "../core.h"
#include "internal.h"

#define NR_LINES 24

struct pci_vec {
	struct pci_dev *dev;
	unsigned nr;
	pci_irq_fn fn; /* written under pci_lock, read in the handler */
	void *ctx;
};

struct pci_irq_priv {
	struct pci_vec vec[PCI_MAX_VECTORS];
	unsigned alloc_n;	      /* the MSI block allocated (a power of two) */
	void __iomem *msix_table;     /* MSI-X */
	struct pci_irq_priv *next_on; /* INTx: the next device on the line */
};

/* INTx: the devices on each line; a line's handler is registered with
 * the first device.  Guarded by pci_lock (the handler reads it under
 * the same lock). */
static struct pci_irq_priv *lines[NR_LINES];
/* Serializes attaching and detaching INTx devices, so a line's handler is
 * registered exactly while its list is not empty.  Taken before pci_lock
 * and held across irq_register/irq_unregister (which do not sleep). */
static struct spinlock intx_lock = SPINLOCK_INIT("pci-intx", LOCK_RANK_IRQCHIP - 2);

static void msix_entry(struct pci_irq_priv *p, unsigned i, uint8_t vec, bool masked)
{
	char __iomem *e = (char __iomem *)p->msix_table + 16 * i;
	uint64_t addr;
	uint32_t data;

	arch_msi_message(vec, &addr, &data);
	writel(PCI_MSIX_ENTRY_CTRL_MASKBIT, e + PCI_MSIX_ENTRY_VECTOR_CTRL);
	writel((uint32_t)addr, e + PCI_MSIX_ENTRY_LOWER_ADDR);
	writel((uint32_t)(addr >> 32), e + PCI_MSIX_ENTRY_UPPER_ADDR);
	writel(data, e + PCI_MSIX_ENTRY_DATA);
	if (!masked)
		writel(0, e + PCI_MSIX_ENTRY_VECTOR_CTRL);
}

static void msix_mask(struct pci_irq_priv *p, unsigned i, bool masked)
{
	char __iomem *e = (char __iomem *)p->msix_table + 16 * i;

	writel(masked ? PCI_MSIX_ENTRY_CTRL_MASKBIT : 0, e + PCI_MSIX_ENTRY_VECTOR_CTRL);
	(void)readl(e + PCI_MSIX_ENTRY_VECTOR_CTRL); /* flush the posted write */
}

static void vec_handler(unsigned cpu_vec, void *arg)
{
	struct pci_vec *v = arg;

	if (v->fn)
		v->fn(v->dev, v->nr, v->ctx);
}

static void intx_disable(struct pci_dev *dev, bool off)
{
	uint16_t cmd = pci_read16(dev, PCI_COMMAND);
	uint16_t want = off ? cmd | PCI_COMMAND_INTX_DISABLE : cmd & ~PCI_COMMAND_INTX_DISABLE;

	if (want != cmd)
		pci_write16(dev, PCI_COMMAND, want);
}

static int setup_msix(struct pci_dev *dev, struct pci_irq_priv *p, unsigned min, unsigned max)
{
	unsigned cap = dev->msix_cap;
	uint16_t ctrl = pci_read16(dev, cap + PCI_MSIX_FLAGS);
	uint32_t table = pci_read32(dev, cap + PCI_MSIX_TABLE);
	unsigned tsize = (ctrl & PCI_MSIX_FLAGS_QSIZE) + 1, n = MIN(max, tsize), alloc = 1;
	unsigned bir = table & PCI_MSIX_TABLE_BIR;
	void __iomem *map;
	int err;

	if (n < min)
		return -ENODEV;
	if (bir >= PCI_NUM_BARS || !(map = pci_iomap(dev, bir)))
		return -ENODEV;
	while (alloc < n)
		alloc <<= 1;
	err = arch_msi_alloc(alloc, dev->vectors);
	if (err)
		return err;
	p->alloc_n = alloc;
	p->msix_table = (char __iomem *)map + (table & PCI_MSIX_TABLE_OFFSET);
	pci_enable_device(dev);
	/* enabled with the function masked, so no entry fires half written */
	pci_write16(dev, cap + PCI_MSIX_FLAGS,
		    ctrl | PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
	for (unsigned i = 0; i < tsize; i++)
		msix_entry(p, i, i < n ? dev->vectors[i] : dev->vectors[0], true);
	intx_disable(dev, true);
	pci_write16(dev, cap + PCI_MSIX_FLAGS,
		    (ctrl | PCI_MSIX_FLAGS_ENABLE) & ~PCI_MSIX_FLAGS_MASKALL);
	dev->nvec = n;
	dev->irq_mode = PCI_IRQ_MODE_MSIX;
	return (int)n;
}

static int setup_msi(struct pci_dev *dev, struct pci_irq_priv *p, unsigned min, unsigned max)
{
	unsigned cap = dev->msi_cap;
	uint16_t ctrl = pci_read16(dev, cap + PCI_MSI_FLAGS);
	unsigned most = 1u << ((ctrl & PCI_MSI_FLAGS_QMASK) >> 1), n = 1, log2 = 0;
	bool is64 = ctrl & PCI_MSI_FLAGS_64BIT;
	uint64_t addr;
	uint32_t data;
	int err;

	while (n * 2 <= MIN(max, most)) {
		n *= 2;
		log2++;
	}
	if (n < min)
		return -ENODEV;
	err = arch_msi_alloc(n, dev->vectors);
	if (err)
		return err;
	p->alloc_n = n;
	arch_msi_message(dev->vectors[0], &addr, &data);
	pci_write32(dev, cap + PCI_MSI_ADDRESS_LO, (uint32_t)addr);
	if (is64) {
		pci_write32(dev, cap + PCI_MSI_ADDRESS_HI, (uint32_t)(addr >> 32));
		pci_write16(dev, cap + PCI_MSI_DATA_64, (uint16_t)data);
	} else {
		pci_write16(dev, cap + PCI_MSI_DATA_32, (uint16_t)data);
	}
	if (ctrl & PCI_MSI_FLAGS_MASKBIT) /* per-vector masking: mask until requested */
		pci_write32(dev, cap + (is64 ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32), (1u << n) - 1);
	intx_disable(dev, true);
	ctrl = (uint16_t)((ctrl & ~PCI_MSI_FLAGS_QSIZE) | log2 << 4 | PCI_MSI_FLAGS_ENABLE);
	pci_write16(dev, cap + PCI_MSI_FLAGS, ctrl);
	dev->nvec = n;
	dev->irq_mode = PCI_IRQ_MODE_MSI;
	return (int)n;
}

/* The handler of an INTx line: every device on it that is asserting.
 * pci_lock keeps the line's list and handlers in place during the calls;
 * each device's handler is a lock-order context of its own, as an MSI
 * handler is (trap.c): it completes I/O, waking sleepers, whose locks
 * rank below pci_lock, and nothing takes pci_lock under those. */
static void intx_handler(unsigned line, void *arg)
{
	struct cpu *c = this_cpu();

	spin_lock(&pci_lock);
	for (struct pci_irq_priv *p = lines[line]; p; p = p->next_on) {
		struct pci_vec *v = &p->vec[0];

		if (v->fn && (pci_read16(v->dev, PCI_STATUS) & PCI_STATUS_INTERRUPT)) {
			unsigned base = c->held_base;

			c->held_base = c->nheld;
			v->fn(v->dev, 0, v->ctx);
			c->held_base = base;
		}
	}
	spin_unlock(&pci_lock);
}

static int setup_intx(struct pci_dev *dev, struct pci_irq_priv *p)
{
	unsigned line = dev->irq_line;

	if (!dev->irq_pin || line >= NR_LINES || !line)
		return -ENODEV;
	/* masked at the device until a handler is attached */
	intx_disable(dev, true);
	dev->vectors[0] = (uint8_t)line;
	dev->nvec = 1;
	dev->irq_mode = PCI_IRQ_MODE_INTX;
	return 1;
}

/* Link an INTx device onto its line, registering the line's handler for
 * the first one. */
static int intx_attach(struct pci_dev *dev)
{
	unsigned line = dev->irq_line;
	struct pci_irq_priv *p = dev->irq_priv;
	irqflags_t f = spin_lock_irqsave(&intx_lock);
	int err = 0;

	if (!lines[line])
		err = irq_register(line, intx_handler, NULL);
	if (!err) {
		spin_lock(&pci_lock);
		p->next_on = lines[line];
		lines[line] = p;
		spin_unlock(&pci_lock);
	}
	spin_unlock_irqrestore(&intx_lock, f);
	return err;
}

/* Unlink it; the last one off a line unregisters the handler. */
static void intx_detach(struct pci_dev *dev)
{
	unsigned line = dev->irq_line;
	struct pci_irq_priv **pp;
	irqflags_t f = spin_lock_irqsave(&intx_lock);
	bool was_on = false;

	spin_lock(&pci_lock);
	for (pp = &lines[line]; *pp; pp = &(*pp)->next_on) {
		if (*pp == dev->irq_priv) {
			*pp = (*pp)->next_on;
			was_on = true;
			break;
		}
	}
	spin_unlock(&pci_lock);
	if (was_on && !lines[line])
		irq_unregister(line);
	spin_unlock_irqrestore(&intx_lock, f);
}

int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned min, unsigned max, unsigned flags)
{
	struct pci_irq_priv *p;
	int ret = -ENODEV;

	if (!min || min > max || !(flags & PCI_IRQ_ALL))
		return -EINVAL;
	max = MIN(max, (unsigned)PCI_MAX_VECTORS);
	if (dev->irq_mode != PCI_IRQ_NONE)
		return -EBUSY;
	p = kzalloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	for (unsigned i = 0; i < PCI_MAX_VECTORS; i++)
		p->vec[i] = (struct pci_vec){.dev = dev, .nr = i};
	dev->irq_priv = p;
	if ((flags & PCI_IRQ_MSIX) && dev->msix_cap)
		ret = setup_msix(dev, p, min, max);
	if (ret < 0 && ret != -ENOSPC && (flags & PCI_IRQ_MSI) && dev->msi_cap)
		ret = setup_msi(dev, p, min, max);
	if (ret < 0 && (flags & PCI_IRQ_INTX) && min == 1)
		ret = setup_intx(dev, p);
	if (ret < 0) {
		dev->irq_priv = NULL;
		kfree(p);
		return ret;
	}
	if (dev->irq_mode != PCI_IRQ_MODE_INTX) {
		for (unsigned i = 0; i < dev->nvec; i++)
			arch_msi_set_handler(dev->vectors[i], vec_handler, &p->vec[i]);
	}
	return ret;
}

int pci_request_irq(struct pci_dev *dev, unsigned nr, pci_irq_fn fn, void *ctx)
{
	struct pci_irq_priv *p = dev->irq_priv;
	irqflags_t f;
	int err = 0;

	if (!p || nr >= dev->nvec || !fn)
		return -EINVAL;
	f = spin_lock_irqsave(&pci_lock);
	if (p->vec[nr].fn) {
		err = -EBUSY;
	} else {
		p->vec[nr].ctx = ctx;
		p->vec[nr].fn = fn;
	}
	spin_unlock_irqrestore(&pci_lock, f);
	if (err)
		return err;
	switch (dev->irq_mode) {
	case PCI_IRQ_MODE_MSIX:
		msix_mask(p, nr, false);
		break;
	case PCI_IRQ_MODE_MSI:
		if (pci_read16(dev, dev->msi_cap + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_MASKBIT) {
			unsigned off =
				dev->msi_cap +
				(pci_read16(dev, dev->msi_cap + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_64BIT
					 ? PCI_MSI_MASK_64
					 : PCI_MSI_MASK_32);

			pci_write32(dev, off, pci_read32(dev, off) & ~(1u << nr));
		}
		break;
	case PCI_IRQ_MODE_INTX:
		err = intx_attach(dev);
		if (!err)
			intx_disable(dev, false);
		break;
	case PCI_IRQ_NONE:
		break;
	}
	return err;
}

void pci_free_irq_vectors(struct pci_dev *dev)
{
	struct pci_irq_priv *p = dev->irq_priv;
	irqflags_t f;

	if (!p)
		return;
	switch (dev->irq_mode) {
	case PCI_IRQ_MODE_MSIX:
		for (unsigned i = 0; i < dev->nvec; i++)
			msix_mask(p, i, true);
		pci_write16(dev, dev->msix_cap + PCI_MSIX_FLAGS,
			    pci_read16(dev, dev->msix_cap + PCI_MSIX_FLAGS) &
				    ~PCI_MSIX_FLAGS_ENABLE);
		break;
	case PCI_IRQ_MODE_MSI:
		pci_write16(dev, dev->msi_cap + PCI_MSI_FLAGS,
			    pci_read16(dev, dev->msi_cap + PCI_MSI_FLAGS) & ~PCI_MSI_FLAGS_ENABLE);
		break;
	case PCI_IRQ_MODE_INTX:
		intx_disable(dev, true);
		break;
	case PCI_IRQ_NONE:
		break;
	}
	if (dev->irq_mode == PCI_IRQ_MODE_MSI || dev->irq_mode == PCI_IRQ_MODE_MSIX) {
		for (unsigned i = 0; i < p->alloc_n; i++)
			arch_msi_set_handler(dev->vectors[i], NULL, NULL);
		arch_msi_free(dev->vectors, p->alloc_n);
	}
	if (dev->irq_mode == PCI_IRQ_MODE_INTX)
		intx_detach(dev);
	f = spin_lock_irqsave(&pci_lock);
	dev->irq_priv = NULL;
	dev->irq_mode = PCI_IRQ_NONE;
	dev->nvec = 0;
	spin_unlock_irqrestore(&pci_lock, f);
	kfree(p);
}

unsigned pci_irq_number(const struct pci_dev *dev)
{
	if (dev->irq_mode == PCI_IRQ_MODE_MSI || dev->irq_mode == PCI_IRQ_MODE_MSIX)
		return dev->vectors[0];
	return dev->irq_pin ? dev->irq_line : 0;
}
