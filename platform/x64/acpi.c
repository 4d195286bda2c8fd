/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Just enough ACPI to find the interrupt controllers and PCI: the RSDP
 * (from multiboot2, or by scanning the BIOS areas), the RSDT/XSDT, the
 * MADT's local APIC address, IOAPIC and ISA interrupt source overrides,
 * and the MCFG's ECAM window for PCI segment 0.  Without a MADT the PC
 * defaults are used; without an MCFG PCI uses the configuration ports.
 */
#include <klib/string.h>
#include <platform/log.h>
#include <platform/percpu.h>
#include <arch/physmap.h>
#include "boot.h"
#include "x64.h"

paddr_t lapic_phys = 0xfee00000;
paddr_t ioapic_phys = 0xfec00000;
uint32_t ioapic_gsi_base;
uint8_t isa_irq_to_gsi[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
uint16_t isa_irq_flags[16];
/* Enabled processors' local APIC ids, in MADT order (the boot CPU is
 * among them, not necessarily first). */
uint8_t acpi_lapic_ids[MAX_CPUS];
unsigned acpi_ncpus;
/* Segment 0's ECAM window (MCFG), if any: buses ecam_bus_start..end. */
paddr_t acpi_ecam_phys;
uint8_t acpi_ecam_bus_start, acpi_ecam_bus_end;

struct rsdp {
	char sig[8];
	uint8_t csum;
	char oem[6];
	uint8_t rev;
	uint32_t rsdt;
	uint32_t len;
	uint64_t xsdt;
} __packed;

struct sdt {
	char sig[4];
	uint32_t len;
	uint8_t rev, csum;
	char oem[6], oem_table[8];
	uint32_t oem_rev, creator, creator_rev;
} __packed;

static bool checksum_ok(const void *p, size_t n)
{
	uint8_t s = 0;

	for (size_t i = 0; i < n; i++)
		s += ((const uint8_t *)p)[i];
	return s == 0;
}

static const struct rsdp *scan(paddr_t start, size_t len)
{
	for (paddr_t p = start; p + 20 <= start + len; p += 16) {
		const struct rsdp *r = phys_to_virt(p);

		if (!memcmp(r->sig, "RSD PTR ", 8) && checksum_ok(r, 20))
			return r;
	}
	return NULL;
}

static const struct rsdp *find_rsdp(void)
{
	const struct rsdp *r;
	paddr_t ebda = (paddr_t)(*(const uint16_t *)phys_to_virt(0x40e)) << 4;

	if (boot_info.rsdp)
		return (const struct rsdp *)boot_info.rsdp_copy;
	if (ebda && (r = scan(ebda, 1024)))
		return r;
	return scan(0xe0000, 0x20000);
}

static const struct sdt *find_table(const struct rsdp *r, const char *sig)
{
	bool x = r->rev >= 2 && r->xsdt;
	const struct sdt *root = phys_to_virt(x ? r->xsdt : r->rsdt);
	size_t n = (root->len - sizeof(*root)) / (x ? 8 : 4);
	const uint8_t *ents = (const uint8_t *)(root + 1);

	for (size_t i = 0; i < n; i++) {
		uint64_t pa = 0;

		memcpy(&pa, ents + i * (x ? 8 : 4), x ? 8 : 4);
		const struct sdt *t = phys_to_virt(pa);
		if (!memcmp(t->sig, sig, 4) && checksum_ok(t, t->len))
			return t;
	}
	return NULL;
}

static void parse_madt(const struct sdt *madt)
{
	const uint8_t *p = (const uint8_t *)madt + 44, *end = (const uint8_t *)madt + madt->len;
	bool have_ioapic = false;
	uint32_t lapic;

	/* the table need not be aligned (with -smp 2 QEMU's is not): a plain
	 * load is a UBSan alignment trap in fortress */
	memcpy(&lapic, (const uint8_t *)madt + 36, 4);
	lapic_phys = lapic;
	for (; p + 2 <= end && p[1] >= 2; p += p[1]) {
		switch (p[0]) {
		case 0: /* processor local APIC */
			if ((p[4] & 1) && acpi_ncpus < MAX_CPUS)
				acpi_lapic_ids[acpi_ncpus++] = p[3];
			break;
		case 1: /* IOAPIC: the first one serves the ISA range */
			if (!have_ioapic) {
				memcpy(&ioapic_phys, p + 4, 4);
				memcpy(&ioapic_gsi_base, p + 8, 4);
				have_ioapic = true;
			}
			break;
		case 2: { /* interrupt source override */
			uint32_t gsi;
			uint16_t flags;

			memcpy(&gsi, p + 4, 4);
			memcpy(&flags, p + 8, 2);
			if (p[3] < 16) {
				isa_irq_to_gsi[p[3]] = (uint8_t)gsi;
				isa_irq_flags[p[3]] = flags;
			}
			break;
		}
		}
	}
}

/* MCFG: after the header and 8 reserved bytes, 16-byte entries of base
 * address, segment, first and last bus.  Only segment 0 is used. */
static void parse_mcfg(const struct sdt *mcfg)
{
	const uint8_t *p = (const uint8_t *)mcfg + 44, *end = (const uint8_t *)mcfg + mcfg->len;

	for (; p + 16 <= end; p += 16) {
		uint64_t base;
		uint16_t seg;

		memcpy(&base, p, 8);
		memcpy(&seg, p + 8, 2);
		if (seg != 0 || p[11] < p[10] || !base)
			continue;
		acpi_ecam_phys = base;
		acpi_ecam_bus_start = p[10];
		acpi_ecam_bus_end = p[11];
		pr_info("acpi: MCFG: ECAM at %#llx, buses %02x-%02x\n", (unsigned long long)base,
			p[10], p[11]);
		return;
	}
}

void acpi_init(void)
{
	const struct rsdp *r = find_rsdp();
	const struct sdt *madt, *mcfg;

	if (!r) {
		pr_warn("acpi: no RSDP, using PC defaults\n");
		return;
	}
	mcfg = find_table(r, "MCFG");
	if (mcfg)
		parse_mcfg(mcfg);
	madt = find_table(r, "APIC");
	if (!madt) {
		pr_warn("acpi: no MADT, using PC defaults\n");
		return;
	}
	parse_madt(madt);
	pr_info("acpi: rev %u, %u CPU(s), LAPIC %#llx, IOAPIC %#llx\n", r->rev, acpi_ncpus,
		(unsigned long long)lapic_phys, (unsigned long long)ioapic_phys);
}
