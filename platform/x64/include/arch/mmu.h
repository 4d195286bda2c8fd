/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * x86_64 virtual memory layout (4-level paging, 48-bit addresses):
 *
 *   0x0000000000000000 .. 0x00007fffffffffff  user space (USER_TOP)
 *   0xffff800000000000 ..                     direct map of all physical RAM
 *   0xffffffff80000000 ..                     kernel image (-mcmodel=kernel)
 *
 * phys_to_virt()/virt_to_phys() convert through the direct map; they are
 * the only integer<->pointer conversions core code needs, and they live
 * here, in ring 0.
 */
#pragma once

#define KERNEL_VMA	      0xffffffff80000000
#define KERNEL_DIRECT_MAP     0xffff800000000000
#define PML4_INDEX_DIRECT_MAP 256
#define USER_TOP	      0x0000800000000000
#define BOOT_DIRECT_MAP_LIMIT 0x100000000 /* what boot.S maps: 4 GiB */

#ifndef __ASSEMBLY__
#include <klib/types.h>

static inline void *phys_to_virt(paddr_t pa)
{
	return (void *)(uintptr_t)(pa + KERNEL_DIRECT_MAP);
}

/* Kernel virtual address (direct map or image) to physical. */
static inline paddr_t virt_to_phys(const void *kva)
{
	uintptr_t va = (uintptr_t)kva;

	if (va >= KERNEL_VMA)
		return va - KERNEL_VMA;
	return va - KERNEL_DIRECT_MAP;
}
#endif
