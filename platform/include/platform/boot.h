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
