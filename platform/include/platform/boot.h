/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* What the platform learned at boot, for ring 1. */
#pragma once

#include <klib/types.h>

/* The kernel command line as the boot loader passed it (never NULL). */
const char *boot_cmdline(void);
/* "multiboot" or "multiboot2" */
const char *boot_loader_name(void);
/* CPU vendor and model strings (e.g. "GenuineIntel", "QEMU TCG CPU"). */
const char *cpu_model(void);
/* The boot CPU's identification, as /proc/cpuinfo shows it: vendor
 * string, family/model/stepping decoded from the signature (with the
 * extended fields folded in, as Linux does), and the CPUID feature words
 * (leaf 1 EDX/ECX) that flags are named from. */
struct cpu_ident {
	const char *vendor;
	unsigned family, model, stepping, cpuid_level;
	uint32_t features_edx, features_ecx;
	bool nx;
};
void cpu_ident(struct cpu_ident *id);
/* The CPU feature word user space gets as AT_HWCAP (x86: CPUID.1:EDX). */
unsigned long cpu_hwcap(void);
/* The machine name user space sees (uname -m, AT_PLATFORM): "x86_64". */
const char *machine_name(void);
/* The e_machine of the executables this CPU runs (EM_X86_64). */
uint16_t elf_machine(void);

/* Boot module `i` (a file the loader placed in memory: the initramfs), as
 * a kernel pointer and length; false past the last one.  The memory stays
 * reserved and mapped for the life of the kernel. */
bool boot_module(size_t i, const void **data, size_t *len);
