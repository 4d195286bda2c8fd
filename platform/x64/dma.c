/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * DMA addresses on x86_64 (<platform/dma.h>): bus address == physical
 * address, coherent caches.  The direct map and the kernel image are
 * contiguous in physical memory; any other kernel address (a thread's
 * stack in its window, an ioremap) is translated page by page through
 * the kernel page tables, so a buffer on a stack works too.
 *
 * dma_mb() is mfence, and under QEMU's TCG also a write to port 0x80 (the
 * PC's unused POST port): QEMU 7.2 (Debian 12's) translates a guest fence
 * to nothing while its virtual CPUs run in one thread, but an I/O access
 * takes QEMU's global lock, a full barrier in the host thread that runs
 * the CPU, so the device threads see the stores before the loads after
 * it.  A missed ordering there lost virtio-net notifications (a transmit
 * queue the device never looked at again).
 */
#include <platform/dma.h>
#include <platform/page.h>
#include <arch/physmap.h>
#include "cpu.h"
#include "x64.h"

static unsigned order_of(size_t size)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

void *dma_alloc(size_t size, dma_addr_t *addr)
{
	struct page *p;

	if (!size || order_of(size) >= MAX_ORDER)
		return NULL;
	p = alloc_pages(PAF_ZERO, order_of(size));
	if (!p)
		return NULL;
	*addr = page_to_phys(p);
	return page_address(p);
}

void dma_free(void *p, size_t size)
{
	if (p)
		free_pages(virt_to_page(p), order_of(size));
}

/* The physical address of kernel address `va` through the page tables, or
 * 0 if it is unmapped or not mapped by a 4 KiB leaf (only the direct map
 * and the image use larger pages, and they are handled before). */
static paddr_t walk_pa(uintptr_t va)
{
	const uint64_t large = 1ull << 7; /* PS: a leaf above level 1 */
	uint64_t e = paging_kernel_pte(va);

	if (!(e & 1) || (e & large))
		return 0;
	return (e & 0x000ffffffffff000ull) + (va & (PAGE_SIZE - 1));
}

size_t dma_map(const void *kva, size_t len, dma_addr_t *addr)
{
	uintptr_t va = (uintptr_t)kva;
	size_t run;

	if (!len)
		return 0;
	if (va >= KERNEL_DIRECT_MAP && va < KERNEL_DIRECT_MAP + (1ull << 45)) {
		*addr = virt_to_phys(kva); /* the direct map: contiguous throughout */
		return phys_to_page(*addr) ? len : 0;
	}
	if (va >= KERNEL_VMA) {
		*addr = virt_to_phys(kva);
		return len;
	}
	/* elsewhere (a stack's window): page by page, as far as they follow */
	*addr = walk_pa(va);
	if (!*addr || !phys_to_page(*addr))
		return 0;
	run = MIN(len, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
	while (run < len && walk_pa(va + run) == *addr + run)
		run += MIN(len - run, PAGE_SIZE);
	return run;
}

void dma_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (cpu_features.tcg)
		outb(0x80, 0);
}
