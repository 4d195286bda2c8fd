/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * PCI enumeration and configuration space (see <platform/pci.h>).
 *
 * pci_init() scans bus 0, every slot, and functions 1-7 of multi-function
 * devices, then the secondary bus of each PCI-to-PCI bridge in the order
 * found, so the device table is in bus order.  Bus numbers are the
 * firmware's (SeaBIOS numbers bridges); nothing is renumbered or moved.
 * Each BAR is sized by writing all ones with decoding off and restored.
 *
 * Configuration space goes through ECAM where ACPI's MCFG covers the bus,
 * else through the 0xcf8 ports (first 256 bytes only).  The table is
 * written once at boot and read without a lock afterwards.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/pci_regs.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/mmio.h>
#include <platform/panic.h>
#include <platform/pci.h>
#include "../core.h"
#include "internal.h"

#define MAX_PCI_DEVS 256
/* The I/O window is 1 GiB: a larger BAR (a big framebuffer) is not mapped
 * whole. */
#define PCI_IOMAP_MAX (256ull << 20)

struct spinlock pci_lock = SPINLOCK_INIT("pci", LOCK_RANK_IRQCHIP - 1);

static struct pci_dev *devs[MAX_PCI_DEVS];
static unsigned ndevs;
static unsigned mechs;		    /* PCI_MECH_* the machine has */
static uint8_t ecam_buses[256 / 8]; /* buses arch_pci_map_bus() covered */

unsigned pci_device_count(void)
{
	return ndevs;
}

struct pci_dev *pci_device(unsigned i)
{
	return i < ndevs ? devs[i] : NULL;
}

struct pci_dev *pci_find(unsigned bus, unsigned slot, unsigned func)
{
	for (unsigned i = 0; i < ndevs; i++) {
		if (devs[i]->bus == bus && devs[i]->slot == slot && devs[i]->func == func)
			return devs[i];
	}
	return NULL;
}

const char *pci_config_mechanism(void)
{
	if (!ndevs)
		return NULL;
	return mechs & PCI_MECH_ECAM ? "ecam" : "ports";
}

static unsigned devfn_of(const struct pci_dev *d)
{
	return (unsigned)d->slot << 3 | d->func;
}

static bool bus_has_ecam(unsigned bus)
{
	return ecam_buses[bus / 8] >> (bus % 8) & 1;
}

unsigned pci_mech_for(const struct pci_dev *dev, unsigned off)
{
	if (bus_has_ecam(dev->bus))
		return PCI_MECH_ECAM;
	return off < 256 ? PCI_MECH_PORTS : 0;
}

uint32_t pci_read_via(unsigned mech, const struct pci_dev *dev, unsigned off, unsigned width)
{
	return arch_pci_read(mech, dev->bus, devfn_of(dev), off, width);
}

static bool access_ok_cfg(const struct pci_dev *dev, unsigned off, unsigned width)
{
	if (off + width <= dev->cfg_size && !(off & (width - 1)))
		return true;
	pr_warn("pci: %02x:%02x.%u: bad config access %#x/%u\n", dev->bus, dev->slot, dev->func,
		off, width);
	return false;
}

static uint32_t cfg_read(const struct pci_dev *dev, unsigned off, unsigned width)
{
	if (!access_ok_cfg(dev, off, width))
		return width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1;
	return pci_read_via(pci_mech_for(dev, off), dev, off, width);
}

static void cfg_write(const struct pci_dev *dev, unsigned off, unsigned width, uint32_t v)
{
	if (access_ok_cfg(dev, off, width))
		arch_pci_write(pci_mech_for(dev, off), dev->bus, devfn_of(dev), off, width, v);
}

uint8_t pci_read8(const struct pci_dev *dev, unsigned off)
{
	return (uint8_t)cfg_read(dev, off, 1);
}

uint16_t pci_read16(const struct pci_dev *dev, unsigned off)
{
	return (uint16_t)cfg_read(dev, off, 2);
}

uint32_t pci_read32(const struct pci_dev *dev, unsigned off)
{
	return cfg_read(dev, off, 4);
}

void pci_write8(const struct pci_dev *dev, unsigned off, uint8_t v)
{
	cfg_write(dev, off, 1, v);
}

void pci_write16(const struct pci_dev *dev, unsigned off, uint16_t v)
{
	cfg_write(dev, off, 2, v);
}

void pci_write32(const struct pci_dev *dev, unsigned off, uint32_t v)
{
	cfg_write(dev, off, 4, v);
}

size_t pci_config_read(const struct pci_dev *dev, unsigned off, void *buf, size_t len)
{
	uint8_t *p = buf;
	size_t n = 0;

	if (off >= dev->cfg_size)
		return 0;
	len = MIN(len, dev->cfg_size - off);
	while (n < len) {
		unsigned o = off + (unsigned)n;

		if (!(o & 3) && len - n >= 4) {
			uint32_t v = pci_read32(dev, o);

			memcpy(p + n, &v, 4);
			n += 4;
		} else {
			p[n++] = pci_read8(dev, o);
		}
	}
	return n;
}

size_t pci_config_write(const struct pci_dev *dev, unsigned off, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t n = 0;

	if (off >= dev->cfg_size)
		return 0;
	len = MIN(len, dev->cfg_size - off);
	while (n < len) {
		unsigned o = off + (unsigned)n;

		if (!(o & 3) && len - n >= 4) {
			uint32_t v;

			memcpy(&v, p + n, 4);
			pci_write32(dev, o, v);
			n += 4;
		} else {
			pci_write8(dev, o, p[n++]);
		}
	}
	return n;
}

/* ---- capabilities ---- */

unsigned pci_find_next_capability(const struct pci_dev *dev, unsigned pos, unsigned id)
{
	/* a list is at most 48 entries of 4 bytes between 0x40 and 0xff; the
	 * bound stops a looping list */
	for (int ttl = 48; ttl > 0; ttl--) {
		pos = pci_read8(dev, pos) & ~3u;
		if (pos < 0x40)
			return 0;
		if (pci_read8(dev, pos + PCI_CAP_LIST_ID) == id)
			return pos;
		pos += PCI_CAP_LIST_NEXT;
	}
	return 0;
}

unsigned pci_find_capability(const struct pci_dev *dev, unsigned id)
{
	unsigned start;

	if (!(pci_read16(dev, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	start = dev->hdr_type == PCI_HEADER_TYPE_CARDBUS ? PCI_CB_CAPABILITY_LIST
							 : PCI_CAPABILITY_LIST;
	return pci_find_next_capability(dev, start, id);
}

unsigned pci_find_ext_capability(const struct pci_dev *dev, unsigned id)
{
	unsigned pos = PCI_CFG_SPACE_SIZE;

	if (dev->cfg_size <= PCI_CFG_SPACE_SIZE)
		return 0;
	for (int ttl = (PCI_CFG_SPACE_EXP_SIZE - PCI_CFG_SPACE_SIZE) / 8; ttl > 0; ttl--) {
		uint32_t h = pci_read32(dev, pos);

		if (!h || h == 0xffffffffu)
			return 0;
		if (PCI_EXT_CAP_ID(h) == id)
			return pos;
		pos = PCI_EXT_CAP_NEXT(h);
		if (pos < PCI_CFG_SPACE_SIZE)
			return 0;
	}
	return 0;
}

/* ---- BARs ---- */

/* Size the BAR at config offset `off`; the number of slots it takes (2
 * for a 64-bit memory BAR).  Decoding is off while all ones are in it. */
static unsigned size_bar(struct pci_dev *d, unsigned off, struct pci_bar *b, bool rom)
{
	uint32_t orig = pci_read32(d, off), lo, hi_orig = 0, hi = 0;
	uint64_t mask;

	pci_write32(d, off, rom ? (uint32_t)PCI_ROM_ADDRESS_MASK : 0xffffffffu);
	lo = pci_read32(d, off);
	pci_write32(d, off, orig);
	if (rom) {
		mask = lo & PCI_ROM_ADDRESS_MASK;
		if (mask) {
			b->base = orig & PCI_ROM_ADDRESS_MASK;
			b->size = (~mask & 0xffffffffu) + 1;
			b->flags = PCI_BAR_ROM | PCI_BAR_PREFETCH;
		}
		return 1;
	}
	if (orig & PCI_BASE_ADDRESS_SPACE_IO) {
		mask = lo & PCI_BASE_ADDRESS_IO_MASK;
		if (!(mask & 0xffff0000u))
			mask |= 0xffff0000u; /* a 16-bit decoder */
		if (lo & PCI_BASE_ADDRESS_IO_MASK) {
			b->base = orig & PCI_BASE_ADDRESS_IO_MASK;
			b->size = (~mask & 0xffffffffu) + 1;
			b->flags = PCI_BAR_IO;
		}
		return 1;
	}
	mask = lo & PCI_BASE_ADDRESS_MEM_MASK;
	b->base = orig & PCI_BASE_ADDRESS_MEM_MASK;
	if ((orig & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64 &&
	    off < PCI_BASE_ADDRESS_5) { /* the last BAR has no upper half */
		hi_orig = pci_read32(d, off + 4);
		pci_write32(d, off + 4, 0xffffffffu);
		hi = pci_read32(d, off + 4);
		pci_write32(d, off + 4, hi_orig);
		mask |= (uint64_t)hi << 32;
		b->base |= (uint64_t)hi_orig << 32;
		b->flags = PCI_BAR_MEM64;
	} else {
		mask |= 0xffffffff00000000ull;
	}
	if (orig & PCI_BASE_ADDRESS_MEM_PREFETCH)
		b->flags |= PCI_BAR_PREFETCH;
	b->size = (lo & PCI_BASE_ADDRESS_MEM_MASK) || hi ? ~mask + 1 : 0;
	if (!b->size)
		*b = (struct pci_bar){0};
	return b->flags & PCI_BAR_MEM64 ? 2 : 1;
}

static void size_bars(struct pci_dev *d)
{
	unsigned nbars = d->hdr_type == PCI_HEADER_TYPE_NORMAL	 ? 6
			 : d->hdr_type == PCI_HEADER_TYPE_BRIDGE ? 2
								 : 0;
	uint16_t cmd = pci_read16(d, PCI_COMMAND);

	pci_write16(d, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (unsigned i = 0; i < nbars;)
		i += size_bar(d, PCI_BASE_ADDRESS_0 + 4 * i, &d->bar[i], false);
	if (d->hdr_type == PCI_HEADER_TYPE_NORMAL)
		size_bar(d, PCI_ROM_ADDRESS, &d->rom, true);
	else if (d->hdr_type == PCI_HEADER_TYPE_BRIDGE)
		size_bar(d, PCI_ROM_ADDRESS1, &d->rom, true);
	pci_write16(d, PCI_COMMAND, cmd);
}

/* ---- enumeration ---- */

static struct pci_dev *probe_function(unsigned bus, unsigned slot, unsigned func,
				      struct pci_dev *parent)
{
	struct pci_dev tmp = {.bus = (uint8_t)bus,
			      .slot = (uint8_t)slot,
			      .func = (uint8_t)func,
			      .cfg_size = PCI_CFG_SPACE_SIZE};
	struct pci_dev *d;
	uint32_t id = pci_read32(&tmp, PCI_VENDOR_ID);

	if ((id & 0xffff) == 0xffff || (id & 0xffff) == 0)
		return NULL;
	if (ndevs == MAX_PCI_DEVS) {
		pr_warn("pci: more than %d functions; ignoring %02x:%02x.%u\n", MAX_PCI_DEVS, bus,
			slot, func);
		return NULL;
	}
	d = kzalloc(sizeof(*d));
	if (!d)
		return NULL;
	*d = tmp;
	d->parent = parent;
	d->vendor = (uint16_t)id;
	d->device = (uint16_t)(id >> 16);
	d->class = pci_read32(d, PCI_CLASS_REVISION) >> 8;
	d->revision = pci_read8(d, PCI_REVISION_ID);
	d->hdr_type = pci_read8(d, PCI_HEADER_TYPE) & 0x7f;
	d->irq_pin = pci_read8(d, PCI_INTERRUPT_PIN);
	d->irq_line = pci_read8(d, PCI_INTERRUPT_LINE);
	if (d->hdr_type == PCI_HEADER_TYPE_NORMAL) {
		d->subsys_vendor = pci_read16(d, PCI_SUBSYSTEM_VENDOR_ID);
		d->subsys_device = pci_read16(d, PCI_SUBSYSTEM_ID);
	} else if (d->hdr_type == PCI_HEADER_TYPE_BRIDGE) {
		unsigned ssvid = pci_find_capability(d, PCI_CAP_ID_SSVID);

		d->secondary = pci_read8(d, PCI_SECONDARY_BUS);
		d->subordinate = pci_read8(d, PCI_SUBORDINATE_BUS);
		if (ssvid) { /* a bridge's subsystem ids live in a capability */
			d->subsys_vendor = pci_read16(d, ssvid + PCI_SSVID_VENDOR_ID);
			d->subsys_device = pci_read16(d, ssvid + PCI_SSVID_DEVICE_ID);
		}
	} else if (d->hdr_type == PCI_HEADER_TYPE_CARDBUS) {
		d->subsys_vendor = pci_read16(d, PCI_CB_SUBSYSTEM_VENDOR_ID);
		d->subsys_device = pci_read16(d, PCI_CB_SUBSYSTEM_ID);
	}
	d->msi_cap = (uint8_t)pci_find_capability(d, PCI_CAP_ID_MSI);
	d->msix_cap = (uint8_t)pci_find_capability(d, PCI_CAP_ID_MSIX);
	d->pcie_cap = (uint8_t)pci_find_capability(d, PCI_CAP_ID_EXP);
	/* as Linux: the extended space exists for PCIe functions reached by
	 * ECAM whose first extended header reads back */
	if (d->pcie_cap && bus_has_ecam(bus) &&
	    pci_read_via(PCI_MECH_ECAM, d, PCI_CFG_SPACE_SIZE, 4) != 0xffffffffu)
		d->cfg_size = PCI_CFG_SPACE_EXP_SIZE;
	size_bars(d);
	devs[ndevs++] = d;
	return d;
}

static void scan_bus(unsigned bus, struct pci_dev *parent)
{
	if ((mechs & PCI_MECH_ECAM) && arch_pci_map_bus(bus))
		ecam_buses[bus / 8] |= (uint8_t)(1u << (bus % 8));
	for (unsigned slot = 0; slot < 32; slot++) {
		struct pci_dev *f0 = probe_function(bus, slot, 0, parent);

		if (!f0 || !(pci_read8(f0, PCI_HEADER_TYPE) & 0x80))
			continue;
		for (unsigned func = 1; func < 8; func++)
			probe_function(bus, slot, func, parent);
	}
}

void pci_init(void)
{
	uint8_t seen[256 / 8] = {0};

	mechs = arch_pci_mechanisms();
	seen[0] = 1;
	scan_bus(0, NULL);
	/* bridges found (on bus 0 or behind another) lead to more buses; the
	 * table grows as we go, so this walks them breadth first */
	for (unsigned i = 0; i < ndevs; i++) {
		struct pci_dev *d = devs[i];
		unsigned b = d->secondary;

		if (d->hdr_type != PCI_HEADER_TYPE_BRIDGE || !b || (seen[b / 8] >> (b % 8) & 1))
			continue;
		seen[b / 8] |= (uint8_t)(1u << (b % 8));
		scan_bus(b, d);
	}
	pr_info("pci: %u function(s) through %s\n", ndevs,
		mechs & PCI_MECH_ECAM ? "ECAM" : "the configuration ports");
	for (unsigned i = 0; i < ndevs; i++) {
		struct pci_dev *d = devs[i];

		pr_debug("pci: %02x:%02x.%u %04x:%04x class %06x\n", d->bus, d->slot, d->func,
			 d->vendor, d->device, d->class);
	}
}

/* ---- resources ---- */

void pci_enable_device(struct pci_dev *dev)
{
	uint16_t cmd = pci_read16(dev, PCI_COMMAND);

	for (unsigned i = 0; i < PCI_NUM_BARS; i++) {
		if (dev->bar[i].size)
			cmd |= dev->bar[i].flags & PCI_BAR_IO ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
	}
	pci_write16(dev, PCI_COMMAND, cmd);
}

void pci_set_master(struct pci_dev *dev)
{
	uint16_t cmd = pci_read16(dev, PCI_COMMAND);

	if (!(cmd & PCI_COMMAND_MASTER))
		pci_write16(dev, PCI_COMMAND, cmd | PCI_COMMAND_MASTER);
}

void __iomem *pci_iomap(struct pci_dev *dev, unsigned bar)
{
	void __iomem *m;
	irqflags_t f;

	if (bar >= PCI_NUM_BARS || !dev->bar[bar].size || !dev->bar[bar].base ||
	    (dev->bar[bar].flags & PCI_BAR_IO) || dev->bar[bar].size > PCI_IOMAP_MAX)
		return NULL;
	f = spin_lock_irqsave(&pci_lock);
	m = dev->bar_map[bar];
	spin_unlock_irqrestore(&pci_lock, f);
	if (m)
		return m;
	/* ioremap takes the VM-rank lock: map outside pci_lock, and keep the
	 * first mapping if two CPUs raced (the loser's window stays unused) */
	m = ioremap(dev->bar[bar].base, dev->bar[bar].size);
	f = spin_lock_irqsave(&pci_lock);
	if (!dev->bar_map[bar])
		dev->bar_map[bar] = m;
	m = dev->bar_map[bar];
	spin_unlock_irqrestore(&pci_lock, f);
	return m;
}

static bool bar_io(struct pci_dev *dev, unsigned bar, unsigned off, unsigned width)
{
	BUG_ON(bar >= PCI_NUM_BARS || off + width > dev->bar[bar].size);
	return dev->bar[bar].flags & PCI_BAR_IO;
}

static void __iomem *bar_mem(struct pci_dev *dev, unsigned bar, unsigned off)
{
	void __iomem *m = pci_iomap(dev, bar);

	BUG_ON(!m);
	return (char __iomem *)m + off;
}

uint32_t pci_bar_read32(struct pci_dev *dev, unsigned bar, unsigned off)
{
	if (bar_io(dev, bar, off, 4))
		return ioport_read32((uint16_t)(dev->bar[bar].base + off));
	return readl(bar_mem(dev, bar, off));
}

uint16_t pci_bar_read16(struct pci_dev *dev, unsigned bar, unsigned off)
{
	if (bar_io(dev, bar, off, 2))
		return ioport_read16((uint16_t)(dev->bar[bar].base + off));
	return readw(bar_mem(dev, bar, off));
}

uint8_t pci_bar_read8(struct pci_dev *dev, unsigned bar, unsigned off)
{
	if (bar_io(dev, bar, off, 1))
		return ioport_read8((uint16_t)(dev->bar[bar].base + off));
	return readb(bar_mem(dev, bar, off));
}

void pci_bar_write32(struct pci_dev *dev, unsigned bar, unsigned off, uint32_t v)
{
	if (bar_io(dev, bar, off, 4))
		ioport_write32(v, (uint16_t)(dev->bar[bar].base + off));
	else
		writel(v, bar_mem(dev, bar, off));
}

void pci_bar_write16(struct pci_dev *dev, unsigned bar, unsigned off, uint16_t v)
{
	if (bar_io(dev, bar, off, 2))
		ioport_write16(v, (uint16_t)(dev->bar[bar].base + off));
	else
		writew(v, bar_mem(dev, bar, off));
}

void pci_bar_write8(struct pci_dev *dev, unsigned bar, unsigned off, uint8_t v)
{
	if (bar_io(dev, bar, off, 1))
		ioport_write8(v, (uint16_t)(dev->bar[bar].base + off));
	else
		writeb(v, bar_mem(dev, bar, off));
}
