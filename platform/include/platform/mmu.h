/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Address spaces: a page table whose upper (kernel) half is shared by all of
 * them and whose lower half maps one process's user memory.  Ring 1 owns
 * the policy (VMAs, faults); these calls only edit page tables.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <arch/mmu.h>
#include <platform/smp.h>

#define MMU_READ  0x1u
#define MMU_WRITE 0x2u
#define MMU_EXEC  0x4u
#define MMU_USER  0x8u

struct aspace;

/* A new address space with an empty user half; NULL if out of memory. */
struct aspace *aspace_create(void) __must_check;
/* Frees the page tables (not the mapped frames: those belong to ring 1). */
void aspace_destroy(struct aspace *as);
/* No thread uses `as` any more: the CPUs that still have it loaded (the
 * scheduler leaves a page table loaded under kernel threads and idle)
 * switch to the kernel's, so tearing `as` down needs no remote TLB flush.
 * Interrupts may be on or off. */
void aspace_deactivate(struct aspace *as);
/* Flush [start, end) of `as` from the TLB of every CPU that may cache it.
 * aspace_map() and aspace_unmap() flush what they change already; this is
 * for callers that edit entries in other ways. */
void aspace_flush(struct aspace *as, uintptr_t start, uintptr_t end);
/* Between these, aspace_map() and aspace_unmap() defer their TLB flushes
 * to aspace_batch_end(), which flushes the range they touched once (one
 * inter-processor call, not one per page).  Until then other CPUs may still
 * use the old entries: a caller that unmaps frames frees them only after
 * aspace_batch_end().  Under the lock that guards `as`'s entries; nests. */
void aspace_batch_begin(struct aspace *as);
void aspace_batch_end(struct aspace *as);
/* Map one 4 KiB page.  `va` must be a page-aligned user address.  With no
 * access bits (PROT_NONE) the frame stays recorded but every access faults.
 * Returns 0, -EINVAL (bad address) or -ENOMEM.  Replaces an existing entry,
 * flushing it from every CPU's TLB (callable with spinlocks held and
 * interrupts off: see smp.c's urgent calls). */
int aspace_map(struct aspace *as, uintptr_t va, paddr_t pa, unsigned prot) __must_check;
/* Unmap one page, from every CPU's TLB; returns the frame that was mapped
 * there, or 0. */
paddr_t aspace_unmap(struct aspace *as, uintptr_t va);
/* The first page in [*va, end) that holds a frame (mapped, or kept by
 * PROT_NONE): sets *va to it and returns the frame, or 0 if there is none.
 * Skips absent page tables whole, so walking a large sparse range (an
 * 8 MiB stack with a few pages touched) costs per table, not per page. */
paddr_t aspace_next(struct aspace *as, uintptr_t *va, uintptr_t end);
/* Physical frame mapped at `va` (and its MMU_* bits in *prot), or 0. */
paddr_t aspace_lookup(struct aspace *as, uintptr_t va, unsigned *prot);
/* The most user pages that held a frame at once since aspace_create
 * (getrusage's ru_maxrss). */
size_t aspace_hiwater(const struct aspace *as);
/* The user pages that hold a frame now (the OOM killer's rss). */
size_t aspace_resident(const struct aspace *as);
/* Load `as` on this CPU (NULL: the kernel-only address space). */
void aspace_activate(struct aspace *as);
/* The CPUs that have `as` loaded: a superset of those running its user
 * code (a CPU keeps it loaded lazily under kernel threads and idle).  A
 * full fence comes first, so the caller's earlier accesses are ordered
 * before the read; aspace_activate() enters a CPU in the set before its
 * first access through `as` and leaves it after the last, each with a
 * full barrier.  So a CPU missing from the result runs `as` only after
 * this call and sees what the caller wrote before it (membarrier). */
cpumask_t aspace_cpus(const struct aspace *as);
