/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Memory a device reaches by bus address (DMA), for drivers (exts/).
 *
 * On the machines Kevlar runs on (x86_64 PCs and QEMU, no IOMMU
 * programmed) a bus address is the physical address and DMA is coherent
 * with the CPU caches, so a driver needs no flushes: only the address of
 * what it hands the device, and memory that stays put.
 *
 *   dma_alloc()  zeroed, physically contiguous, page-aligned memory that
 *                the driver and the device share (rings, request headers)
 *   dma_map()    the bus address of a run of kernel memory the caller
 *                owns (a request's buffer), split where it is not
 *                contiguous
 *   dma_mb()     a full barrier between this CPU's accesses to shared
 *                memory and a device's: for the handshakes of shared
 *                rings where a store must be seen before a load (an index
 *                published, then the device's "notify me" mark read)
 *
 * None sleeps; all may be called with interrupts off.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

typedef uint64_t dma_addr_t;

/* `size` bytes (rounded up to pages) of zeroed, contiguous memory and its
 * bus address in *addr; NULL when out of memory. */
void *dma_alloc(size_t size, dma_addr_t *addr) __must_check;
/* Give back memory from dma_alloc() of the same size. */
void dma_free(void *p, size_t size);
/* The bus address of kernel byte `kva` in *addr and how many of the `len`
 * bytes from it are contiguous in bus memory (at least 1 when len > 0);
 * 0 if `kva` is not kernel memory the device can reach (the caller
 * bounces the data or fails the request). */
size_t dma_map(const void *kva, size_t len, dma_addr_t *addr);
/* A full barrier against the device side (see above).  A CPU fence is not
 * always enough: QEMU's TCG before 8.1 drops the guest's fences when it
 * runs the virtual CPUs in one thread (one CPU, or -icount), yet its
 * device models run in other threads and read the rings concurrently. */
void dma_mb(void);
