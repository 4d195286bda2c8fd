/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Internal interfaces of kernel/mm. */
#pragma once

#include <kernel/vm.h>

/* vm.c: drop the frames mapped in [start, end) (vm->lock held). */
void vma_release_pages(struct vm *vm, uintptr_t start, uintptr_t end);
/* fault.c: re-apply v->prot to the pages present in v (vm->lock held). */
void vma_update_ptes(struct vm *vm, struct vma *v);
/* fault.c: Linux PROT_* to MMU_* bits. */
unsigned vma_mmu_prot(const struct vma *v);
/* vm.c: drop a VMA's file and path references (outside vm->lock). */
void vma_drop_file(struct vma *v);
/* vm.c: unlink a VMA (vm->lock held); it is freed, with its file
 * reference, by vm_unlock(). */
void vma_kill(struct vm *vm, struct vma *v);
/* vm.c: drop vm->lock and free the VMAs killed under it. */
void vm_unlock(struct vm *vm, irqflags_t f) __releases(&vm->lock);
/* vm.c: make [start, end) a union of whole VMAs, splitting at the edges
 * (vm->lock held): 0 or -ENOMEM. */
int vm_isolate_locked(struct vm *vm, uintptr_t start, uintptr_t end);
/* vm.c: every page of [start, end) lies in a VMA (vm->lock held). */
bool vm_covered_locked(struct vm *vm, uintptr_t start, uintptr_t end);
/* mlock.c: may `len` more bytes be locked in `vm` under the caller's
 * RLIMIT_MEMLOCK (CAP_IPC_LOCK: always)?  vm->lock held. */
bool mlock_allowed(struct vm *vm, size_t len);
/* vdso.c: map the platform's frame for `va` in a vDSO VMA (vm->lock
 * held): 0, -EFAULT (past the part's end) or -ENOMEM. */
int vdso_fault(struct vm *vm, struct vma *v, uintptr_t va);
