/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the PCI bus (suite "pci"): the devices QEMU's pc (i440fx)
 * and q35 machines always have, the two configuration mechanisms giving
 * the same bytes, BAR sizes, the capability walk, a bridge's secondary
 * bus, driver matching, and interrupts delivered through MSI (QEMU's
 * `edu` device, raised by a register write) and MSI-X (a virtio-rng
 * request on its legacy interface, answered through the queue's vector).
 * `make ktest` boots with those devices (mk/test.mk: PCI_TEST_DEVICES);
 * a test whose device is absent is skipped.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/pci_regs.h>
#include <platform/ktest.h>
#include <platform/mmio.h>
#include <platform/page.h>
#include <platform/pci.h>
#include <platform/time.h>
#include "../core.h"
#include "internal.h"

#define VENDOR_INTEL  0x8086
#define VENDOR_QEMU   0x1234 /* the std VGA and edu */
#define VENDOR_REDHAT 0x1af4 /* virtio */
#define VENDOR_RH_PCI 0x1b36 /* QEMU's PCI bridge */

static struct pci_dev *find_id(uint16_t vendor, uint16_t device, unsigned nth)
{
	for (unsigned i = 0; i < pci_device_count(); i++) {
		struct pci_dev *d = pci_device(i);

		if (d->vendor == vendor && d->device == device && !nth--)
			return d;
	}
	return NULL;
}

static bool q35(void)
{
	return (arch_pci_mechanisms() & PCI_MECH_ECAM) != 0;
}

KTEST(pci, the_host_and_isa_bridges_are_found)
{
	struct pci_dev *host = pci_find(0, 0, 0);
	struct pci_dev *isa = q35() ? pci_find(0, 0x1f, 0) : pci_find(0, 1, 0);

	KTEST_EXPECT(t, host && isa);
	if (!host || !isa)
		return;
	KTEST_EXPECT_EQ(t, host->vendor, VENDOR_INTEL);
	KTEST_EXPECT_EQ(t, host->device, q35() ? 0x29c0 : 0x1237); /* q35 MCH, i440FX */
	KTEST_EXPECT_EQ(t, host->class >> 8, 0x0600);
	KTEST_EXPECT_EQ(t, isa->vendor, VENDOR_INTEL);
	KTEST_EXPECT_EQ(t, isa->device, q35() ? 0x2918 : 0x7000); /* ICH9 LPC, PIIX3 */
	KTEST_EXPECT_EQ(t, isa->class >> 8, 0x0601);
	/* PIIX3 and ICH9 are multi-function: IDE 01.1 / SATA 1f.2 too */
	KTEST_EXPECT(t, q35() ? pci_find(0, 0x1f, 2) != NULL : pci_find(0, 1, 1) != NULL);
	KTEST_EXPECT_EQ(t, pci_find(0, 0, 1), NULL);
	KTEST_EXPECT(t, !strcmp(pci_config_mechanism(), q35() ? "ecam" : "ports"));
}

KTEST(pci, both_mechanisms_read_the_same_bytes)
{
	if (!q35()) {
		ktest_skip(t, "no ECAM on this machine (MACHINE=q35 has it)");
		return;
	}
	for (unsigned i = 0; i < pci_device_count(); i++) {
		struct pci_dev *d = pci_device(i);

		for (unsigned off = 0; off < 256; off += 4)
			KTEST_EXPECT_EQ(t, pci_read_via(PCI_MECH_PORTS, d, off, 4),
					pci_read_via(PCI_MECH_ECAM, d, off, 4));
		KTEST_EXPECT_EQ(t, pci_read_via(PCI_MECH_PORTS, d, PCI_DEVICE_ID, 2),
				pci_read_via(PCI_MECH_ECAM, d, PCI_DEVICE_ID, 2));
		KTEST_EXPECT_EQ(t, pci_read_via(PCI_MECH_PORTS, d, PCI_CLASS_PROG, 1),
				pci_read_via(PCI_MECH_ECAM, d, PCI_CLASS_PROG, 1));
	}
}

KTEST(pci, a_write_through_one_mechanism_reads_back_through_the_other)
{
	struct pci_dev *d = find_id(VENDOR_QEMU, 0x11e8, 0); /* edu: INTx line is scratch */
	uint8_t orig;

	if (!d) {
		ktest_skip(t, "no edu device");
		return;
	}
	orig = pci_read8(d, PCI_INTERRUPT_LINE);
	arch_pci_write(PCI_MECH_PORTS, d->bus, (unsigned)d->slot << 3 | d->func, PCI_INTERRUPT_LINE,
		       1, 0x5a);
	KTEST_EXPECT_EQ(t, pci_read8(d, PCI_INTERRUPT_LINE), 0x5a);
	if (q35()) {
		KTEST_EXPECT_EQ(t, pci_read_via(PCI_MECH_ECAM, d, PCI_INTERRUPT_LINE, 1), 0x5a);
		arch_pci_write(PCI_MECH_ECAM, d->bus, (unsigned)d->slot << 3 | d->func,
			       PCI_INTERRUPT_LINE, 1, 0xa5);
		KTEST_EXPECT_EQ(t, pci_read_via(PCI_MECH_PORTS, d, PCI_INTERRUPT_LINE, 1), 0xa5);
	}
	pci_write8(d, PCI_INTERRUPT_LINE, orig);
	KTEST_EXPECT_EQ(t, pci_read8(d, PCI_INTERRUPT_LINE), orig);
}

KTEST(pci, vga_bars_are_sized)
{
	struct pci_dev *d = find_id(VENDOR_QEMU, 0x1111, 0); /* std VGA, always there */

	KTEST_EXPECT(t, d != NULL);
	if (!d)
		return;
	KTEST_EXPECT_EQ(t, d->bar[0].size, 16u << 20); /* the framebuffer */
	KTEST_EXPECT_EQ(t, d->bar[0].flags, PCI_BAR_PREFETCH);
	KTEST_EXPECT_EQ(t, d->bar[2].size, 4096); /* the MMIO registers */
	KTEST_EXPECT_EQ(t, d->bar[2].flags, 0);
	KTEST_EXPECT(t, d->bar[0].base && !(d->bar[0].base & (d->bar[0].size - 1)));
	KTEST_EXPECT_EQ(t, d->bar[1].size, 0);
	/* the BARs still hold what the firmware assigned after sizing */
	KTEST_EXPECT_EQ(t, pci_read32(d, PCI_BASE_ADDRESS_0) & PCI_BASE_ADDRESS_MEM_MASK,
			d->bar[0].base);
}

KTEST(pci, virtio_bars_io_mem32_mem64_are_sized)
{
	struct pci_dev *d = find_id(VENDOR_REDHAT, 0x1005, 0); /* virtio-rng, transitional */

	if (!d) {
		ktest_skip(t, "no virtio-rng-pci device");
		return;
	}
	KTEST_EXPECT_EQ(t, d->bar[0].flags, PCI_BAR_IO); /* the legacy header */
	KTEST_EXPECT_EQ(t, d->bar[0].size, 32);
	KTEST_EXPECT_EQ(t, d->bar[1].flags, 0); /* the MSI-X table */
	KTEST_EXPECT_EQ(t, d->bar[1].size, 4096);
	KTEST_EXPECT_EQ(t, d->bar[4].flags, PCI_BAR_MEM64 | PCI_BAR_PREFETCH); /* virtio 1.x */
	KTEST_EXPECT_EQ(t, d->bar[4].size, 16384);
	KTEST_EXPECT_EQ(t, d->bar[5].size, 0); /* the upper half of BAR4 */
	KTEST_EXPECT_EQ(t, d->subsys_vendor, VENDOR_REDHAT);
	KTEST_EXPECT_EQ(t, d->subsys_device, 4); /* virtio device id: entropy */
}

KTEST(pci, capabilities_are_walked)
{
	struct pci_dev *d = find_id(VENDOR_REDHAT, 0x1005, 0),
		       *edu = find_id(VENDOR_QEMU, 0x11e8, 0);
	unsigned vendor_caps = 0, pos;

	if (!d || !edu) {
		ktest_skip(t, "no virtio-rng-pci and edu devices");
		return;
	}
	KTEST_EXPECT(t, d->msix_cap != 0);
	KTEST_EXPECT_EQ(t, pci_find_capability(d, PCI_CAP_ID_MSIX), d->msix_cap);
	KTEST_EXPECT_EQ(t, d->msi_cap, 0);
	/* virtio 1.x: common, notify, ISR, device (none for rng) and PCI cfg */
	for (pos = pci_find_capability(d, PCI_CAP_ID_VNDR); pos;
	     pos = pci_find_next_capability(d, pos + PCI_CAP_LIST_NEXT, PCI_CAP_ID_VNDR))
		vendor_caps++;
	KTEST_EXPECT(t, vendor_caps >= 4);
	KTEST_EXPECT(t, edu->msi_cap != 0);
	KTEST_EXPECT_EQ(t, edu->msix_cap, 0);
	KTEST_EXPECT_EQ(t, pci_find_capability(pci_find(0, 0, 0), PCI_CAP_ID_MSIX), 0);
	KTEST_EXPECT_EQ(t, pci_find_ext_capability(d, PCI_EXT_CAP_ID_ERR), 0);
}

KTEST(pci, a_bridges_secondary_bus_is_enumerated)
{
	struct pci_dev *br = find_id(VENDOR_RH_PCI, 0x0001, 0), *behind;

	if (!br) {
		ktest_skip(t, "no pci-bridge device");
		return;
	}
	KTEST_EXPECT_EQ(t, br->hdr_type, PCI_HEADER_TYPE_BRIDGE);
	KTEST_EXPECT_EQ(t, br->class >> 8, 0x0604);
	KTEST_EXPECT(t, br->secondary > 0 && br->subordinate >= br->secondary);
	behind = pci_find(br->secondary, 3, 0);
	KTEST_EXPECT(t, behind != NULL);
	if (!behind)
		return;
	KTEST_EXPECT_EQ(t, behind->parent, br);
	KTEST_EXPECT_EQ(t, behind->vendor, VENDOR_REDHAT);
}

static unsigned probes;
static const struct pci_device_id edu_ids[] = {{VENDOR_QEMU, 0x11e8, 0, 0, 7}, {0}};
static const struct pci_device_id other_ids[] = {{PCI_ANY_ID, PCI_ANY_ID, 0x00ff00, 0xffff00, 0},
						 {0}};

static int count_probe(struct pci_dev *dev, const struct pci_device_id *id)
{
	probes++;
	return id->data == 7 ? 0 : -ENODEV;
}

KTEST(pci, a_driver_is_probed_for_matching_devices_once)
{
	static const struct pci_driver edu_drv = {"ktest-edu", edu_ids, count_probe};
	static const struct pci_driver other_drv = {"ktest-other", other_ids, count_probe};
	struct pci_dev *edu = find_id(VENDOR_QEMU, 0x11e8, 0);
	unsigned unbound_other = 0;

	if (!edu) {
		ktest_skip(t, "no edu device");
		return;
	}
	KTEST_EXPECT_EQ(t, pci_match_id(edu_ids, edu), &edu_ids[0]);
	KTEST_EXPECT_EQ(t, pci_match_id(edu_ids, pci_find(0, 0, 0)), NULL);
	KTEST_EXPECT_EQ(t, pci_register_driver(&(struct pci_driver){"x", NULL, count_probe}),
			-EINVAL);
	probes = 0;
	if (!edu->driver) {
		KTEST_EXPECT_EQ(t, pci_register_driver(&edu_drv), 0);
		KTEST_EXPECT_EQ(t, probes, 1);
	}
	KTEST_EXPECT_EQ(t, edu->driver, &edu_drv);
	/* a class match: every unbound "unclassified other" device is offered
	 * (virtio-rng), the bound edu is not; the probe refuses them all */
	for (unsigned i = 0; i < pci_device_count(); i++)
		unbound_other +=
			(pci_device(i)->class & 0xffff00) == 0x00ff00 && !pci_device(i)->driver;
	probes = 0;
	KTEST_EXPECT_EQ(t, pci_register_driver(&other_drv), 0);
	KTEST_EXPECT_EQ(t, probes, unbound_other);
	KTEST_EXPECT_EQ(t, edu->driver, &edu_drv);
	KTEST_EXPECT_EQ(t, pci_register_driver(&edu_drv), -EBUSY);
	KTEST_EXPECT(t, pci_driver_count() >= 2);
	KTEST_EXPECT_EQ(t, pci_driver_at(pci_driver_count() - 1), &other_drv);
	KTEST_EXPECT_EQ(t, pci_driver_at(pci_driver_count()), NULL);
}

static unsigned fired[2];

static void count_irq(struct pci_dev *dev, unsigned nr, void *ctx)
{
	unsigned *c = ctx;

	__atomic_add_fetch(c, 1, __ATOMIC_RELAXED);
}

static bool wait_for(unsigned *c, unsigned want)
{
	uint64_t end = time_ns() + 2000000000ull;

	while (__atomic_load_n(c, __ATOMIC_RELAXED) < want && time_ns() < end)
		cpu_relax();
	return __atomic_load_n(c, __ATOMIC_RELAXED) >= want;
}

/* edu: BAR0 register 0x60 raises an interrupt (status |= value), 0x64
 * acknowledges it; with MSI enabled each raise is one message. */
KTEST(pci, an_msi_interrupt_is_delivered)
{
	struct pci_dev *d = find_id(VENDOR_QEMU, 0x11e8, 0);
	void __iomem *regs;
	int n;

	if (!d) {
		ktest_skip(t, "no edu device");
		return;
	}
	pci_enable_device(d);
	pci_set_master(d); /* an MSI is a memory write by the device */
	regs = pci_iomap(d, 0);
	KTEST_EXPECT(t, regs != NULL);
	if (!regs)
		return;
	KTEST_EXPECT_EQ(t, readl(regs), 0x010000ed); /* edu's id register */
	KTEST_EXPECT_EQ(t, pci_alloc_irq_vectors(d, 1, 4, PCI_IRQ_MSIX), -ENODEV);
	n = pci_alloc_irq_vectors(d, 1, 1, PCI_IRQ_MSI | PCI_IRQ_INTX);
	KTEST_EXPECT_EQ(t, n, 1);
	KTEST_EXPECT_EQ(t, d->irq_mode, PCI_IRQ_MODE_MSI);
	KTEST_EXPECT_EQ(t, pci_alloc_irq_vectors(d, 1, 1, PCI_IRQ_MSI), -EBUSY);
	if (n != 1)
		return;
	KTEST_EXPECT_EQ(t, pci_request_irq(d, 1, count_irq, &fired[0]), -EINVAL);
	fired[0] = 0;
	KTEST_EXPECT_EQ(t, pci_request_irq(d, 0, count_irq, &fired[0]), 0);
	KTEST_EXPECT_EQ(t, pci_request_irq(d, 0, count_irq, &fired[0]), -EBUSY);
	for (unsigned i = 1; i <= 3; i++) {
		writel(1, (char __iomem *)regs + 0x60);
		KTEST_EXPECT(t, wait_for(&fired[0], i));
		writel(1, (char __iomem *)regs + 0x64);
	}
	KTEST_EXPECT_EQ(t, pci_irq_number(d), d->vectors[0]);
	pci_free_irq_vectors(d);
	KTEST_EXPECT_EQ(t, d->irq_mode, PCI_IRQ_NONE);
	KTEST_EXPECT_EQ(t, pci_read16(d, d->msi_cap + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_ENABLE, 0);
	writel(1, (char __iomem *)regs + 0x60); /* nothing may arrive now */
	writel(1, (char __iomem *)regs + 0x64);
	KTEST_EXPECT_EQ(t, fired[0], 3);
}

static void __iomem *edu_regs;

/* INTx is a level: quiet the device before returning */
static void edu_intx(struct pci_dev *dev, unsigned nr, void *ctx)
{
	writel(readl((char __iomem *)edu_regs + 0x24), (char __iomem *)edu_regs + 0x64);
	count_irq(dev, nr, ctx);
}

/* The same device over its INTx line (the firmware's routing). */
KTEST(pci, an_intx_interrupt_is_delivered)
{
	struct pci_dev *d = find_id(VENDOR_QEMU, 0x11e8, 0);
	void __iomem *regs;

	if (!d) {
		ktest_skip(t, "no edu device");
		return;
	}
	pci_enable_device(d);
	regs = edu_regs = pci_iomap(d, 0);
	KTEST_EXPECT_EQ(t, pci_alloc_irq_vectors(d, 1, 1, PCI_IRQ_INTX), 1);
	KTEST_EXPECT_EQ(t, d->irq_mode, PCI_IRQ_MODE_INTX);
	fired[1] = 0;
	KTEST_EXPECT_EQ(t, pci_request_irq(d, 0, edu_intx, &fired[1]), 0);
	for (unsigned i = 1; i <= 3; i++) {
		writel(1, (char __iomem *)regs + 0x60);
		KTEST_EXPECT(t, wait_for(&fired[1], i));
	}
	pci_free_irq_vectors(d);
	KTEST_EXPECT_EQ(t, pci_irq_number(d), d->irq_line);
}

/*
 * virtio-rng over its legacy (0.9) interface, the smallest request that
 * makes a device raise an MSI-X vector: one 16-byte buffer in queue 0,
 * whose completion is signalled on the queue's vector.  Legacy header
 * (BAR0, I/O): 0 device features, 4 driver features, 8 queue PFN,
 * 12 queue size, 14 queue select, 16 notify, 18 status, 20 config vector
 * and 22 queue vector (present while MSI-X is on).  The ring: descriptors
 * (16 bytes each), the available ring after them, the used ring at the
 * next 4 KiB boundary.
 */
#define VIRTIO_QPFN	   8
#define VIRTIO_QSIZE	   12
#define VIRTIO_QSEL	   14
#define VIRTIO_NOTIFY	   16
#define VIRTIO_STATUS	   18
#define VIRTIO_QVECTOR	   22
#define VRING_DESC_F_WRITE 2

/* Each MSI-X entry holds its vector's message; only the requested one
 * (1) is unmasked; the function is enabled and not masked as a whole. */
static void msix_table_is_programmed(struct ktest_ctx *t, struct pci_dev *d)
{
	uint32_t tbl = pci_read32(d, d->msix_cap + PCI_MSIX_TABLE);
	char __iomem *e = (char __iomem *)pci_iomap(d, tbl & PCI_MSIX_TABLE_BIR) +
			  (tbl & PCI_MSIX_TABLE_OFFSET);
	uint16_t ctrl = pci_read16(d, d->msix_cap + PCI_MSIX_FLAGS);

	KTEST_EXPECT(t, ctrl & PCI_MSIX_FLAGS_ENABLE);
	KTEST_EXPECT(t, !(ctrl & PCI_MSIX_FLAGS_MASKALL));
	KTEST_EXPECT(t, pci_read16(d, PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE);
	for (unsigned i = 0; i < 2; i++, e += PCI_MSIX_ENTRY_SIZE) {
		uint64_t addr;
		uint32_t data;

		arch_msi_message(d->vectors[i], &addr, &data);
		KTEST_EXPECT_EQ(t, readl(e + PCI_MSIX_ENTRY_LOWER_ADDR), (uint32_t)addr);
		KTEST_EXPECT_EQ(t, readl(e + PCI_MSIX_ENTRY_UPPER_ADDR), (uint32_t)(addr >> 32));
		KTEST_EXPECT_EQ(t, readl(e + PCI_MSIX_ENTRY_DATA), data);
		KTEST_EXPECT_EQ(t, readl(e + PCI_MSIX_ENTRY_VECTOR_CTRL) & 1, i == 0);
	}
	KTEST_EXPECT(t, d->vectors[0] != d->vectors[1]);
}

KTEST(pci, an_msix_interrupt_is_delivered)
{
	struct pci_dev *d = find_id(VENDOR_REDHAT, 0x1005, 0);
	struct page *ring, *buf;
	uint8_t *r;
	unsigned qsz, used_off;
	uint16_t used_idx;
	int n;

	if (!d || d->driver) {
		ktest_skip(t, "no free virtio-rng-pci device");
		return;
	}
	ring = alloc_pages(PAF_ZERO, 1);
	buf = alloc_page(PAF_ZERO);
	KTEST_EXPECT(t, ring && buf);
	if (!ring || !buf)
		goto out_free;
	pci_enable_device(d);
	pci_set_master(d);
	pci_bar_write8(d, 0, VIRTIO_STATUS, 0);	    /* reset */
	pci_bar_write8(d, 0, VIRTIO_STATUS, 1 | 2); /* acknowledge, driver */
	pci_bar_write32(d, 0, 4, 0);		    /* no features */
	n = pci_alloc_irq_vectors(d, 1, 2, PCI_IRQ_MSIX);
	KTEST_EXPECT_EQ(t, n, 2);
	KTEST_EXPECT_EQ(t, d->irq_mode, PCI_IRQ_MODE_MSIX);
	if (n < 1)
		goto out_reset;
	fired[0] = 0;
	KTEST_EXPECT_EQ(t, pci_request_irq(d, 1, count_irq, &fired[0]), 0);
	msix_table_is_programmed(t, d);
	pci_bar_write16(d, 0, VIRTIO_QSEL, 0);
	qsz = pci_bar_read16(d, 0, VIRTIO_QSIZE);
	KTEST_EXPECT(t, qsz > 0 && qsz <= 64);
	if (!qsz || qsz > 64)
		goto out_irq;
	pci_bar_write16(d, 0, VIRTIO_QVECTOR, 1); /* the queue signals on vector 1 */
	KTEST_EXPECT_EQ(t, pci_bar_read16(d, 0, VIRTIO_QVECTOR), 1);
	pci_bar_write32(d, 0, VIRTIO_QPFN, (uint32_t)(page_to_phys(ring) >> PAGE_SHIFT));
	pci_bar_write8(d, 0, VIRTIO_STATUS, 1 | 2 | 4); /* driver ok */

	r = page_address(ring);
	used_off = ALIGN_UP(16 * qsz + 6 + 2 * qsz, PAGE_SIZE);
	{
		uint64_t addr = page_to_phys(buf);
		uint32_t len = 16;
		uint16_t flags = VRING_DESC_F_WRITE, one = 1, zero = 0;

		memcpy(r, &addr, 8);
		memcpy(r + 8, &len, 4);
		memcpy(r + 12, &flags, 2);
		memcpy(r + 16 * qsz + 4, &zero, 2); /* avail ring[0] = descriptor 0 */
		__atomic_thread_fence(__ATOMIC_RELEASE);
		memcpy(r + 16 * qsz + 2, &one, 2); /* avail idx */
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	pci_bar_write16(d, 0, VIRTIO_NOTIFY, 0);
	KTEST_EXPECT(t, wait_for(&fired[0], 1));
	memcpy(&used_idx, r + used_off + 2, 2);
	KTEST_EXPECT_EQ(t, used_idx, 1);
out_irq:
	pci_bar_write8(d, 0, VIRTIO_STATUS, 0); /* reset: the device forgets the ring */
	pci_free_irq_vectors(d);
	KTEST_EXPECT_EQ(t, pci_read16(d, d->msix_cap + PCI_MSIX_FLAGS) & PCI_MSIX_FLAGS_ENABLE, 0);
	goto out_free;
out_reset:
	pci_bar_write8(d, 0, VIRTIO_STATUS, 0);
out_free:
	if (ring)
		free_pages(ring, 1);
	if (buf)
		free_page(buf);
}

/* q35 with a PCIe root port (1b36:000c) and a modern-only virtio-rng
 * (1af4:1044) below it: 4096 bytes of configuration space, the extended
 * capability list, the port's secondary bus. */
KTEST(pci, pcie_extended_space_and_capabilities)
{
	struct pci_dev *rp = find_id(VENDOR_RH_PCI, 0x000c, 0),
		       *rng = find_id(VENDOR_REDHAT, 0x1044, 0);
	uint8_t buf[16];
	uint32_t h;

	if (!rp || !rng || !q35()) {
		ktest_skip(t,
			   "no PCIe root port with a device (MACHINE=q35 in make ktest has one)");
		return;
	}
	KTEST_EXPECT(t, rp->pcie_cap != 0);
	KTEST_EXPECT_EQ(t, rp->cfg_size, 4096);
	KTEST_EXPECT_EQ(t, rp->subsys_vendor, VENDOR_RH_PCI); /* its SSVID capability */
	KTEST_EXPECT_EQ(t, pci_find(0, 0, 0)->cfg_size, 256); /* the MCH has no PCIe cap */
	h = pci_read32(rp, 0x100);
	KTEST_EXPECT(t, h != 0 && h != 0xffffffffu);
	KTEST_EXPECT_EQ(t, pci_find_ext_capability(rp, PCI_EXT_CAP_ID(h)), 0x100);
	KTEST_EXPECT_EQ(t, pci_find_ext_capability(rp, 0xffff), 0);
	/* the ports reach only the first 256 bytes */
	KTEST_EXPECT_EQ(t, pci_read_via(PCI_MECH_PORTS, rp, 0x100, 4), 0xffffffffu);
	KTEST_EXPECT_EQ(t, pci_read_via(PCI_MECH_ECAM, rp, 0x100, 4), h);
	KTEST_EXPECT_EQ(t, pci_config_read(rp, 4090, buf, sizeof(buf)), 6);
	KTEST_EXPECT_EQ(t, pci_config_read(rp, 4096, buf, sizeof(buf)), 0);
	KTEST_EXPECT_EQ(t, pci_config_read(rp, 1, buf, 3), 3);
	KTEST_EXPECT_EQ(t, buf[0] | buf[1] << 8 | buf[2] << 16,
			(rp->vendor >> 8) | rp->device << 8);
	KTEST_EXPECT_EQ(t, rng->parent, rp);
	KTEST_EXPECT_EQ(t, rng->bus, rp->secondary);
	KTEST_EXPECT(t, rng->pcie_cap != 0 && rng->msix_cap != 0);
	KTEST_EXPECT_EQ(t, rng->cfg_size, 4096);
	KTEST_EXPECT_EQ(t, rng->bar[4].flags, PCI_BAR_MEM64 | PCI_BAR_PREFETCH);
	KTEST_EXPECT_EQ(t, rng->bar[0].size, 0); /* no legacy I/O header */
}
