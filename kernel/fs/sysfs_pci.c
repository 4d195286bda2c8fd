/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * What sysfs shows of a PCI function (/sys/devices/pci0000:00/<name>/,
 * reached from /sys/bus/pci/devices/<name>), in Linux's formats: the ids
 * as "0x%04x", `resource` as one "start end flags" line per resource
 * (6 BARs, the ROM, the 6 SR-IOV BARs Debian's kernels reserve, and a
 * bridge's 4 windows) with Linux's IORESOURCE_* flags, `uevent` as
 * BusyBox's and udev's lspci read it.  Two of Linux's x86 quirks are kept
 * because they change what `resource` says: an IDE controller in legacy
 * mode owns the ISA ports 0x1f0/0x3f6/0x170/0x376, and the boot VGA
 * device's ROM is the shadow copy at 0xc0000.
 */
#include <klib/printf.h>
#include <klib/string.h>
#include <platform/pci.h>
#include "procfs.h"
#include "sysfs_pci.h"

/* Linux's IORESOURCE_* bits */
#define RES_IO	      0x100ull
#define RES_MEM	      0x200ull
#define RES_PREFETCH  0x2000ull
#define RES_READONLY  0x4000ull
#define RES_SIZEALIGN 0x40000ull
#define RES_MEM_64    0x100000ull
#define RES_FIXED     0x10ull /* IORESOURCE_PCI_FIXED */
#define RES_SHADOW    0x2ull  /* IORESOURCE_ROM_SHADOW */

#define NR_RES_DEVICE 13 /* BARs, ROM, SR-IOV BARs */
#define NR_RES_BRIDGE 17 /* and the bridge windows */

int sysfs_pci_name(const struct pci_dev *d, char *buf, size_t size)
{
	return snprintf(buf, size, "%04x:%02x:%02x.%u", d->segment, d->bus, d->slot, d->func);
}

int sysfs_pci_index(const struct pci_dev *d)
{
	for (unsigned i = 0; d && i < pci_device_count(); i++) {
		if (pci_device(i) == d)
			return (int)i;
	}
	return -1;
}

size_t sysfs_pci_link(const struct pci_dev *d, char *buf, size_t size)
{
	const struct pci_dev *chain[16];
	unsigned depth = 0;
	char path[16 * 14 + 40], *p = path;

	for (; d && depth < ARRAY_SIZE(chain); d = d->parent)
		chain[depth++] = d;
	p += snprintf(p, 40, "../../../devices/pci%04x:%02x", chain[depth - 1]->segment, 0);
	while (depth--) {
		*p++ = '/';
		p += sysfs_pci_name(chain[depth], p, 14);
	}
	memcpy(buf, path, MIN(size, (size_t)(p - path)));
	return (size_t)(p - path);
}

size_t sysfs_pci_driver_link(const struct pci_dev *d, char *buf, size_t size)
{
	char path[200];
	size_t n = 0;

	for (const struct pci_dev *p = d->parent; p && n < 16 * 3; p = p->parent)
		n += (size_t)snprintf(path + n, sizeof(path) - n, "../");
	n += (size_t)snprintf(path + n, sizeof(path) - n, "../../../bus/pci/drivers/%s",
			      d->driver ? d->driver->name : "");
	n = MIN(n, sizeof(path) - 1);
	memcpy(buf, path, MIN(size, n));
	return n;
}

static void res_line(struct pbuf *b, uint64_t start, uint64_t end, uint64_t flags)
{
	pbuf_printf(b, "0x%016llx 0x%016llx 0x%016llx\n", (unsigned long long)start,
		    (unsigned long long)end, (unsigned long long)flags);
}

static void bar_line(struct pbuf *b, const struct pci_bar *bar)
{
	uint64_t fl;

	if (!bar->size || !bar->base) {
		res_line(b, 0, 0, 0);
		return;
	}
	if (bar->flags & PCI_BAR_IO) {
		fl = RES_IO | RES_SIZEALIGN | 0x1; /* the BAR's I/O space bit */
	} else if (bar->flags & PCI_BAR_ROM) {
		fl = RES_MEM | RES_PREFETCH | RES_READONLY | RES_SIZEALIGN;
	} else {
		fl = RES_MEM | RES_SIZEALIGN;
		if (bar->flags & PCI_BAR_MEM64)
			fl |= RES_MEM_64 | 0x4; /* the BAR's type bits */
		if (bar->flags & PCI_BAR_PREFETCH)
			fl |= RES_PREFETCH | 0x8;
	}
	res_line(b, bar->base, bar->base + bar->size - 1, fl);
}

/* A PCI-to-PCI bridge's I/O, memory and prefetchable windows; an empty
 * one (limit below base) as zeros. */
static void bridge_windows(struct pbuf *b, const struct pci_dev *d)
{
	uint8_t iob = pci_read8(d, 0x1c), iol = pci_read8(d, 0x1d);
	uint64_t io_base = (uint64_t)(iob & 0xf0) << 8,
		 io_lim = (uint64_t)(iol & 0xf0) << 8 | 0xfff;
	uint64_t mb = (uint64_t)(pci_read16(d, 0x20) & 0xfff0) << 16;
	uint64_t ml = (uint64_t)(pci_read16(d, 0x22) & 0xfff0) << 16 | 0xfffff;
	uint16_t pbr = pci_read16(d, 0x24), plr = pci_read16(d, 0x26);
	uint64_t pb = (uint64_t)(pbr & 0xfff0) << 16, pl = (uint64_t)(plr & 0xfff0) << 16 | 0xfffff;
	bool p64 = (pbr & 0xf) == 1;

	if ((iob & 0xf) == 1) { /* 32-bit I/O addressing */
		io_base |= (uint64_t)pci_read16(d, 0x30) << 16;
		io_lim |= (uint64_t)pci_read16(d, 0x32) << 16;
	}
	if (p64) {
		pb |= (uint64_t)pci_read32(d, 0x28) << 32;
		pl |= (uint64_t)pci_read32(d, 0x2c) << 32;
	}
	if (io_lim > io_base)
		res_line(b, io_base, io_lim, RES_IO);
	else
		res_line(b, 0, 0, 0);
	if (ml > mb)
		res_line(b, mb, ml, RES_MEM);
	else
		res_line(b, 0, 0, 0);
	if (pl > pb)
		res_line(b, pb, pl, RES_MEM | RES_PREFETCH | (p64 ? RES_MEM_64 | 0x1 : 0));
	else
		res_line(b, 0, 0, 0);
	res_line(b, 0, 0, 0);
}

static bool legacy_ide(const struct pci_dev *d)
{
	return (d->class >> 8) == 0x0101 && !(d->class & 0x5); /* neither channel native */
}

/* Linux on x86 takes the first VGA device that decodes as the boot one. */
static bool boot_vga(const struct pci_dev *d)
{
	for (unsigned i = 0; i < pci_device_count(); i++) {
		const struct pci_dev *v = pci_device(i);

		if ((v->class >> 8) == 0x0300 && (pci_read16(v, 0x04) & 0x3) == 0x3)
			return v == d;
	}
	return false;
}

static void show_resource(struct pbuf *b, const struct pci_dev *d)
{
	static const uint16_t ide_ports[4][2] = {
		{0x1f0, 0x1f7}, {0x3f6, 0x3f6}, {0x170, 0x177}, {0x376, 0x376}};
	unsigned n = d->hdr_type == 1 ? NR_RES_BRIDGE : NR_RES_DEVICE;

	for (unsigned i = 0; i < PCI_NUM_BARS; i++) {
		if (i < 4 && legacy_ide(d))
			res_line(b, ide_ports[i][0], ide_ports[i][1], RES_IO | RES_FIXED);
		else
			bar_line(b, &d->bar[i]);
	}
	if (boot_vga(d))
		res_line(b, 0xc0000, 0xdffff, RES_MEM | RES_FIXED | RES_SHADOW);
	else
		bar_line(b, &d->rom);
	for (unsigned i = PCI_NUM_BARS + 1; i < NR_RES_DEVICE; i++)
		res_line(b, 0, 0, 0);
	if (n == NR_RES_BRIDGE)
		bridge_windows(b, d);
}

static void show_modalias(struct pbuf *b, const struct pci_dev *d)
{
	pbuf_printf(b, "pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X", d->vendor, d->device,
		    d->subsys_vendor, d->subsys_device, d->class >> 16, (d->class >> 8) & 0xff,
		    d->class & 0xff);
}

void sysfs_pci_show(struct pbuf *b, enum sys_pci_attr a, const struct pci_dev *d)
{
	char name[16];

	switch (a) {
	case PCI_ATTR_VENDOR:
		pbuf_printf(b, "0x%04x\n", d->vendor);
		break;
	case PCI_ATTR_DEVICE:
		pbuf_printf(b, "0x%04x\n", d->device);
		break;
	case PCI_ATTR_CLASS:
		pbuf_printf(b, "0x%06x\n", d->class);
		break;
	case PCI_ATTR_SUBSYS_VENDOR:
		pbuf_printf(b, "0x%04x\n", d->subsys_vendor);
		break;
	case PCI_ATTR_SUBSYS_DEVICE:
		pbuf_printf(b, "0x%04x\n", d->subsys_device);
		break;
	case PCI_ATTR_REVISION:
		pbuf_printf(b, "0x%02x\n", d->revision);
		break;
	case PCI_ATTR_IRQ:
		pbuf_printf(b, "%u\n", pci_irq_number(d));
		break;
	case PCI_ATTR_RESOURCE:
		show_resource(b, d);
		break;
	case PCI_ATTR_UEVENT:
		sysfs_pci_name(d, name, sizeof(name));
		if (d->driver)
			pbuf_printf(b, "DRIVER=%s\n", d->driver->name);
		pbuf_printf(b,
			    "PCI_CLASS=%X\nPCI_ID=%04X:%04X\nPCI_SUBSYS_ID=%04X:%04X\n"
			    "PCI_SLOT_NAME=%s\nMODALIAS=",
			    d->class, d->vendor, d->device, d->subsys_vendor, d->subsys_device,
			    name);
		show_modalias(b, d);
		pbuf_put(b, "\n", 1);
		break;
	case PCI_ATTR_MODALIAS:
		show_modalias(b, d);
		pbuf_put(b, "\n", 1);
		break;
	}
}
