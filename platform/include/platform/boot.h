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
