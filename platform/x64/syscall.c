/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * SYSCALL/SYSRET set-up.  STAR holds the selector bases (see gdt.c), LSTAR
 * the entry point, SFMASK the flags cleared on entry: IF (interrupts stay
 * off until the kernel stack is in place), TF, DF, AC (so a user-set AC
 * cannot disable SMAP inside the kernel) and NT.
 */
#include "x64.h"

void syscall_entry_asm(void);

void syscall_init_cpu(void)
{
	wrmsr(MSR_STAR, ((uint64_t)(GDT_UCODE32 & ~3) << 48) | ((uint64_t)GDT_KCODE << 32));
	wrmsr(MSR_LSTAR, (uintptr_t)syscall_entry_asm);
	wrmsr(MSR_SFMASK, RFLAGS_IF | RFLAGS_AC | (1u << 8) /* TF */ | (1u << 10) /* DF */ |
				  (1u << 14) /* NT */);
}
