/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Physical <-> kernel virtual conversion through the direct map.  Ring 0
 * only: no public platform header includes this, so ring 1 cannot turn a
 * physical address into a pointer (BRIEF rule 2).
 */
#pragma once

#include <klib/types.h>
#include <arch/mmu.h>

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
