/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MMIO accessors and ioremap.  Private to platform/x64. */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

void __iomem *ioremap(paddr_t pa, size_t len);

static inline uint32_t mmio_read32(const void __iomem *a)
{
	return *(const volatile uint32_t __force *)a;
}

static inline void mmio_write32(void __iomem *a, uint32_t v)
{
	*(volatile uint32_t __force *)a = v;
}
