/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host stand-in for <arch/mmu.h>: the "direct map" is a region the test
 * reserves with mmap(); physical address pa lives at host_phys_base + pa.
 * Opt in with  hosttest-cflags: -Itests/host/include/hosttest/stubs
 */
#pragma once

#include <klib/types.h>

extern char *host_phys_base;

static inline void *phys_to_virt(paddr_t pa)
{
	return host_phys_base + pa;
}

static inline paddr_t virt_to_phys(const void *kva)
{
	return (paddr_t)((const char *)kva - host_phys_base);
}
