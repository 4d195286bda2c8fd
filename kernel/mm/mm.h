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
