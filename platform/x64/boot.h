/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * What the boot loader told us, copied out of its structures (which live in
 * memory the allocator will reuse).  Private to platform/x64.
 */
#pragma once

#include <klib/types.h>
#include "../mm/pmm.h"

#define BOOT_MAX_RANGES	 64
#define BOOT_MAX_MODULES 8
#define BOOT_CMDLINE_MAX 1024

struct boot_module {
	paddr_t start, end;
};

struct boot_info {
	const char *loader; /* "multiboot" or "multiboot2" */
	char cmdline[BOOT_CMDLINE_MAX];
	struct mem_range ram[BOOT_MAX_RANGES]; /* usable RAM, as reported */
	size_t nram;
	struct boot_module modules[BOOT_MAX_MODULES];
	size_t nmodules;
	paddr_t rsdp; /* ACPI RSDP copy, 0 if none */
	uint8_t rsdp_copy[36];
};

extern struct boot_info boot_info;
