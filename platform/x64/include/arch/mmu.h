/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * x86_64 virtual memory layout (4-level paging, 48-bit addresses):
 *
 *   0x0000000000000000 .. 0x00007fffffffffff  user space (USER_TOP)
 *   0xffff800000000000 ..                     direct map of all physical RAM
 *   0xffffffff80000000 ..                     kernel image (-mcmodel=kernel)
 *
 * The conversions through the direct map live in <arch/physmap.h>, which
 * only platform code includes: ring 1 reaches a frame's memory through
 * page_address() and never handles physical addresses as pointers.
 */
#pragma once

#define KERNEL_VMA	      0xffffffff80000000
#define KERNEL_DIRECT_MAP     0xffff800000000000
#define PML4_INDEX_DIRECT_MAP 256
#define USER_TOP	      0x0000800000000000
#define BOOT_DIRECT_MAP_LIMIT 0x100000000 /* what boot.S maps: 4 GiB */
