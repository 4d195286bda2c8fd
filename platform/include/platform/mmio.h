/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Device memory: map a physical range of device registers uncached into
 * kernel virtual space and access it through `__iomem` pointers, only
 * with the accessors below (sparse refuses a plain dereference).  Writes
 * reach the device in program order, and a read is not satisfied before
 * earlier writes to the same device have landed.
 *
 *   readb/readw/readl/readq(addr)        one access of 8..64 bits
 *   writeb/writew/writel/writeq(v, addr)
 *
 * Drivers (exts/) normally reach their registers through the bus API
 * (<platform/pci.h>: pci_iomap) rather than by physical address.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <arch/mmio.h>

/* Map [pa, pa + len) uncached, read-write, never executable; the pointer
 * keeps pa's offset within its page.  Mappings are permanent (there is no
 * iounmap: devices do not go away) and separated by a guard page.  May
 * allocate page tables: call from process context.  Panics when the
 * 1 GiB I/O window is exhausted (a kernel bug: devices are mapped once). */
void __iomem *ioremap(paddr_t pa, size_t len);
