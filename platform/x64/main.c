/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * x86_64 bring-up, called by boot.S on the boot stack with interrupts off.
 * Order matters: per-CPU GS first (locks and the log use it), the console,
 * CPU features and descriptor tables (so faults print), the boot loader's
 * information, memory (allocator, final page tables, heap), interrupt
 * controllers, the clock; then ring 1 takes over in kernel_main().
 */
#include <klib/cmdline.h>
#include <klib/string.h>
#include <platform/boot.h>
#include <platform/hardening.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/upcall.h>
#include <arch/physmap.h>
#include "../core/core.h"
#include "../mm/pmm.h"
#include "boot.h"
#include "x64.h"

extern char __kernel_start[], __kernel_end[];

/* Usable RAM minus the first MiB, the kernel image and boot modules. */
static size_t usable_ranges(struct mem_range *out, size_t max)
{
	struct mem_range holes[2 + BOOT_MAX_MODULES];
	size_t nholes = 0, n = 0;

	holes[nholes++] = (struct mem_range){0, 0x100000};
	holes[nholes++] =
		(struct mem_range){virt_to_phys(__kernel_start),
				   virt_to_phys(__kernel_end) - virt_to_phys(__kernel_start)};
	for (size_t i = 0; i < boot_info.nmodules; i++)
		holes[nholes++] =
			(struct mem_range){boot_info.modules[i].start,
					   boot_info.modules[i].end - boot_info.modules[i].start};

	for (size_t i = 0; i < boot_info.nram && n < max; i++) {
		paddr_t s = ALIGN_UP(boot_info.ram[i].base, PAGE_SIZE);
		paddr_t e = ALIGN_DOWN(boot_info.ram[i].base + boot_info.ram[i].len, PAGE_SIZE);

		/* cut holes out; each hole may split the range */
		for (size_t h = 0; h < nholes && s < e; h++) {
			paddr_t hs = ALIGN_DOWN(holes[h].base, PAGE_SIZE);
			paddr_t he = ALIGN_UP(holes[h].base + holes[h].len, PAGE_SIZE);

			if (he <= s || hs >= e)
				continue;
			if (hs > s && n < max)
				out[n++] = (struct mem_range){s, hs - s};
			s = he;
		}
		if (s < e && n < max)
			out[n++] = (struct mem_range){s, e - s};
	}
	/* sort by base (the firmware's order is not guaranteed) */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && out[j - 1].base > out[j].base; j--) {
			struct mem_range t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

const char *boot_cmdline(void)
{
	return boot_info.cmdline;
}

bool boot_module(size_t i, const void **data, size_t *len)
{
	if (i >= boot_info.nmodules)
		return false;
	*data = phys_to_virt(boot_info.modules[i].start);
	*len = boot_info.modules[i].end - boot_info.modules[i].start;
	return true;
}

const char *boot_loader_name(void)
{
	return boot_info.loader;
}

const char *machine_name(void)
{
	return "x86_64";
}

uint16_t elf_machine(void)
{
	return 62; /* EM_X86_64 */
}

unsigned long cpu_hwcap(void)
{
	return cpu_features.leaf1_edx;
}

void cpu_ident(struct cpu_ident *id)
{
	uint32_t a = cpu_features.leaf1_eax;
	unsigned family = (a >> 8) & 0xf, model = (a >> 4) & 0xf;

	if (family == 0xf)
		family += (a >> 20) & 0xff;
	if (family == 0x6 || family >= 0xf)
		model |= ((a >> 16) & 0xf) << 4;
	id->vendor = cpu_features.vendor;
	id->family = family;
	id->model = model;
	id->stepping = a & 0xf;
	id->cpuid_level = cpu_features.max_leaf;
	id->features_edx = cpu_features.leaf1_edx;
	id->features_ecx = cpu_features.leaf1_ecx;
	id->nx = cpu_features.nx;
}

const char *cpu_model(void)
{
	const char *m = cpu_features.model;

	while (*m == ' ')
		m++;
	return *m ? m : cpu_features.vendor;
}

static void print_memory(void)
{
	uint64_t usable = 0;

	for (size_t i = 0; i < boot_info.nram; i++) {
		usable += boot_info.ram[i].len;
		pr_info("mem: [0x%012llx-0x%012llx] usable\n",
			(unsigned long long)boot_info.ram[i].base,
			(unsigned long long)(boot_info.ram[i].base + boot_info.ram[i].len - 1));
	}
	pr_info("mem: %llu KiB usable in %zu range(s); kernel image %llu KiB\n",
		(unsigned long long)(usable >> 10), boot_info.nram,
		(unsigned long long)((__kernel_end - __kernel_start) >> 10));
}

/* Memory the kernel needs beside the boot modules to start init and run a
 * shell: its heap, page tables, the first processes' pages. */
#define BOOT_WORKING_MEM (24ull << 20)
#define MiB_UP(b)	 (((b) + (1ull << 20) - 1) >> 20)

/* Refuse, with a message a user can act on, an image that does not fit:
 * boot modules (the initramfs) that lie outside RAM or leave less than
 * BOOT_WORKING_MEM of `ranges` (the RAM left for the allocator). */
static void check_image_fits(const struct mem_range *ranges, size_t n)
{
	uint64_t ram = 0, free = 0, image = 0, top = 0;

	for (size_t i = 0; i < boot_info.nram; i++) {
		ram += boot_info.ram[i].len;
		top = MAX(top, boot_info.ram[i].base + boot_info.ram[i].len);
	}
	for (size_t i = 0; i < n; i++)
		free += ranges[i].len;
	for (size_t i = 0; i < boot_info.nmodules; i++) {
		image += boot_info.modules[i].end - boot_info.modules[i].start;
		if (boot_info.modules[i].end > top)
			free = 0; /* loaded past the end of RAM: it cannot be used */
	}
	if (!image || free >= BOOT_WORKING_MEM)
		return;
	pr_emerg("kevlar: the initramfs needs %llu MiB but the machine has %llu MiB; boot with "
		 "more memory (MEM=%lluM or more)\n",
		 (unsigned long long)MiB_UP(image), (unsigned long long)(ram >> 20),
		 (unsigned long long)MiB_UP(image + (uint64_t)(__kernel_end - __kernel_start) +
					    BOOT_WORKING_MEM + (1ull << 20)));
	panic("the initramfs does not fit in memory");
}

static void apply_loglevel(void)
{
	unsigned long long lvl;

	if (cmdline_has(boot_info.cmdline, "quiet"))
		log_set_level(LOG_WARN); /* Linux's quiet: loglevel=4 */
	if (cmdline_get_ull(boot_info.cmdline, "loglevel", &lvl) == 0)
		log_set_level((int)lvl);
}

/* Test-and-set spinlocks in a virtual machine, tickets on bare metal
 * (core/spinlock.c); `spinlock=ticket` or `spinlock=unfair` overrides.
 * Before any other CPU runs. */
static void choose_spinlocks(void)
{
	char v[8];

	spin_unfair = cpu_features.hypervisor;
	if (cmdline_get(boot_info.cmdline, "spinlock", v, sizeof(v)) >= 0)
		spin_unfair = strcmp(v, "ticket") != 0;
}

__noreturn void x64_boot_main(uint32_t magic, paddr_t info);
__noreturn void x64_boot_main(uint32_t magic, paddr_t info)
{
	static struct mem_range ranges[BOOT_MAX_RANGES + BOOT_MAX_MODULES + 2];
	struct pmm_stats st;
	size_t n;

	time_mark_boot();
	percpu_init_bsp();
	serial_init();
	cpu_features_init();
	hardening_seed_canary(); /* RDRAND is known now; nothing that returns has run yet */
	cpu_enable_features();
	smap_patch();
	gdt_init_cpu(0);
	idt_init();

	multiboot_parse(magic, info);
	apply_loglevel();
	choose_spinlocks();
	pr_info("Kevlar: booting on %s, loader %s, cmdline \"%s\"\n", cpu_model(), boot_info.loader,
		boot_info.cmdline);
	if (!cpu_features.nx)
		panic("CPU lacks NX: W^X cannot be enforced");

	n = usable_ranges(ranges, ARRAY_SIZE(ranges));
	print_memory();
	check_image_fits(ranges, n);
	pmm_init(ranges, n);
	paging_init();
	pmm_add_high();
	kmalloc_init();
	pmm_stats(&st);
	pr_info("mem: page allocator: %zu pages free of %zu\n", st.free_pages, st.total_pages);

	acpi_init();
	lapic_init();
	ioapic_init();
	msi_init();
	pci_init();
	time_init();
	vdso_init();
	vdso_init_cpu(0);
	fpu_init();
	syscall_init_cpu();
	/* every kernel mapping is made by now (direct map, image, ioremap) */
	if (CONFIG_HARDENING && paging_audit_wx())
		panic("paging: a kernel mapping breaks W^X");
	pr_info("cpu: %s %s; features:%s%s%s%s%s%s%s\n", cpu_features.vendor, cpu_model(),
		cpu_features.smep ? " smep" : "", cpu_features.smap ? " smap" : "",
		cpu_features.xsave ? " xsave" : "", cpu_features.fsgsbase ? " fsgsbase" : "",
		cpu_features.pdpe1gb ? " pdpe1gb" : "", cpu_features.rdrand ? " rdrand" : "",
		cpu_features.rdseed ? " rdseed" : "");
	kernel_main();
}
