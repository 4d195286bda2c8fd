/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Multiboot (v1, QEMU -kernel) and multiboot2 (GRUB) information parsing:
 * command line, memory map, modules and (multiboot2) the ACPI RSDP.
 * Everything is copied into boot_info before the allocator reuses memory.
 */
#include <klib/string.h>
#include <platform/panic.h>
#include <arch/physmap.h>
#include "boot.h"
#include "x64.h"

#define MB1_BOOT_MAGIC	 0x2BADB002
#define MB2_BOOT_MAGIC	 0x36d76289
#define MB1_FLAG_CMDLINE 0x4
#define MB1_FLAG_MODS	 0x8
#define MB1_FLAG_MMAP	 0x40
#define MB_MEM_AVAILABLE 1

struct boot_info boot_info;

struct mb1_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __packed;

struct mb1_mmap {
	uint32_t size;
	uint64_t addr, len;
	uint32_t type;
} __packed;

struct mb1_module {
	uint32_t start, end, cmdline, pad;
} __packed;

struct mb2_tag {
	uint32_t type, size;
} __packed;

struct mb2_mmap {
	uint32_t type, size, entry_size, entry_version;
} __packed;

struct mb2_mmap_entry {
	uint64_t addr, len;
	uint32_t type, reserved;
} __packed;

static const void *boot_ptr(uint64_t pa)
{
	return phys_to_virt(pa);
}

static void add_range(uint64_t addr, uint64_t len, uint32_t type)
{
	struct boot_info *b = &boot_info;

	if (type == MB_MEM_AVAILABLE && b->nram < BOOT_MAX_RANGES)
		b->ram[b->nram++] = (struct mem_range){addr, len};
}

static void add_module(paddr_t start, paddr_t end)
{
	if (boot_info.nmodules < BOOT_MAX_MODULES)
		boot_info.modules[boot_info.nmodules++] = (struct boot_module){start, end};
}

static void parse_mb1(const struct mb1_info *mi)
{
	boot_info.loader = "multiboot";
	if (mi->flags & MB1_FLAG_CMDLINE) {
		/* multiboot 1 loaders (QEMU, GRUB) put the kernel's path first */
		const char *c = boot_ptr(mi->cmdline);

		while (*c && *c != ' ')
			c++;
		while (*c == ' ')
			c++;
		strlcpy(boot_info.cmdline, c, sizeof(boot_info.cmdline));
	}
	if (mi->flags & MB1_FLAG_MMAP) {
		uint64_t p = mi->mmap_addr, end = p + mi->mmap_length;

		while (p < end) {
			const struct mb1_mmap *e = boot_ptr(p);

			add_range(e->addr, e->len, e->type);
			p += e->size + sizeof(e->size);
		}
	}
	if (mi->flags & MB1_FLAG_MODS) {
		const struct mb1_module *m = boot_ptr(mi->mods_addr);

		for (uint32_t i = 0; i < mi->mods_count; i++)
			add_module(m[i].start, m[i].end);
	}
}

static void parse_mb2(const uint8_t *p)
{
	uint32_t total = *(const uint32_t *)p;
	const uint8_t *end = p + total;

	boot_info.loader = "multiboot2";
	for (p += 8; p + sizeof(struct mb2_tag) <= end;) {
		const struct mb2_tag *t = (const void *)p;

		if (t->type == 0)
			break;
		switch (t->type) {
		case 1: /* command line */
			strlcpy(boot_info.cmdline, (const char *)(t + 1),
				sizeof(boot_info.cmdline));
			break;
		case 3: { /* module */
			const uint32_t *m = (const uint32_t *)(t + 1);

			add_module(m[0], m[1]);
			break;
		}
		case 6: { /* memory map */
			const struct mb2_mmap *mm = (const void *)t;
			const uint8_t *e = (const uint8_t *)(mm + 1);

			for (; e + mm->entry_size <= p + t->size; e += mm->entry_size) {
				const struct mb2_mmap_entry *me = (const void *)e;

				add_range(me->addr, me->len, me->type);
			}
			break;
		}
		case 14: /* ACPI 1.0 RSDP */
		case 15: /* ACPI 2.0 RSDP */
			memcpy(boot_info.rsdp_copy, t + 1,
			       MIN(t->size - 8, sizeof(boot_info.rsdp_copy)));
			boot_info.rsdp = 1;
			break;
		}
		p += ALIGN_UP(t->size, 8);
	}
}

void multiboot_parse(uint32_t magic, paddr_t info)
{
	if (magic == MB1_BOOT_MAGIC)
		parse_mb1(boot_ptr(info));
	else if (magic == MB2_BOOT_MAGIC)
		parse_mb2(boot_ptr(info));
	else
		panic("not started by a multiboot loader (magic %#x)", magic);
	if (!boot_info.nram)
		panic("boot loader gave no memory map");
}
