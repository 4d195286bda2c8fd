/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MMIO accessors under the names platform/x64 used first.  Private. */
#pragma once

#include <platform/mmio.h>

static inline uint32_t mmio_read32(const void __iomem *a)
{
	return readl(a);
}

static inline void mmio_write32(void __iomem *a, uint32_t v)
{
	writel(v, a);
}
