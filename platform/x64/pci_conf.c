/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The PC's two ways into PCI configuration space, behind core/pci.c:
 *
 *   ports  configuration mechanism #1: the function's address (enable bit,
 *          bus, device, function, dword offset) written to 0xcf8, the
 *          dword read or written at 0xcfc + (offset & 3).  Two accesses,
 *          so a lock keeps CPUs from interleaving them.  Offsets < 256.
 *   ecam   the MCFG window: 4 KiB of memory per function, 1 MiB per bus,
 *          mapped per bus (map_bus) as enumeration reaches it.  One access,
 *          no lock; all 4096 bytes.
 *
 * Both are always usable on a machine with an MCFG (QEMU q35), so the
 * self-tests compare them byte for byte.
 */
#include <platform/log.h>
#include <platform/mmio.h>
#include <platform/spinlock.h>
#include "../core/core.h"
#include "x64.h"

#define CONF_ADDR 0xcf8
#define CONF_DATA 0xcfc

/* Taken last: nothing is locked inside it. */
static struct spinlock ports_lock = SPINLOCK_INIT("pciconf", LOCK_RANK_IRQCHIP + 3);
/* Per bus, written once during enumeration (boot, one CPU) before use. */
static void __iomem *ecam_bus[256];

unsigned arch_pci_mechanisms(void)
{
	unsigned m = PCI_MECH_PORTS;

	if (acpi_ecam_phys)
		m |= PCI_MECH_ECAM;
	return m;
}

bool arch_pci_map_bus(unsigned bus)
{
	if (!acpi_ecam_phys || bus < acpi_ecam_bus_start || bus > acpi_ecam_bus_end)
		return false;
	if (!ecam_bus[bus])
		ecam_bus[bus] = ioremap(
			acpi_ecam_phys + ((paddr_t)(bus - acpi_ecam_bus_start) << 20), 1u << 20);
	return true;
}

static void __iomem *ecam_addr(unsigned bus, unsigned devfn, unsigned off)
{
	return ecam_bus[bus & 0xff] ? (char __iomem *)ecam_bus[bus & 0xff] + (devfn << 12) + off
				    : NULL;
}

static uint32_t ports_addr(unsigned bus, unsigned devfn, unsigned off)
{
	return 0x80000000u | (bus & 0xff) << 16 | (devfn & 0xff) << 8 | (off & 0xfc);
}

uint32_t arch_pci_read(unsigned mech, unsigned bus, unsigned devfn, unsigned off, unsigned width)
{
	uint16_t port = (uint16_t)(CONF_DATA + (off & 3));
	uint32_t v = 0xffffffffu;
	irqflags_t f;

	if (mech == PCI_MECH_ECAM) {
		void __iomem *a = ecam_addr(bus, devfn, off);

		if (!a)
			return v;
		return width == 1 ? readb(a) : width == 2 ? readw(a) : readl(a);
	}
	if (off >= 256)
		return v;
	f = spin_lock_irqsave(&ports_lock);
	ioport_write32(ports_addr(bus, devfn, off), CONF_ADDR);
	v = width == 1	 ? ioport_read8(port)
	    : width == 2 ? ioport_read16(port)
			 : ioport_read32(port);
	spin_unlock_irqrestore(&ports_lock, f);
	return v;
}

void arch_pci_write(unsigned mech, unsigned bus, unsigned devfn, unsigned off, unsigned width,
		    uint32_t v)
{
	uint16_t port = (uint16_t)(CONF_DATA + (off & 3));
	irqflags_t f;

	if (mech == PCI_MECH_ECAM) {
		void __iomem *a = ecam_addr(bus, devfn, off);

		if (!a)
			return;
		if (width == 1)
			writeb((uint8_t)v, a);
		else if (width == 2)
			writew((uint16_t)v, a);
		else
			writel(v, a);
		return;
	}
	if (off >= 256)
		return;
	f = spin_lock_irqsave(&ports_lock);
	ioport_write32(ports_addr(bus, devfn, off), CONF_ADDR);
	if (width == 1)
		ioport_write8((uint8_t)v, port);
	else if (width == 2)
		ioport_write16((uint16_t)v, port);
	else
		ioport_write32(v, port);
	spin_unlock_irqrestore(&ports_lock, f);
}
