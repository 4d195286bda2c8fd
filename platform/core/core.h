/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Interfaces between the arch-neutral ring-0 core (platform/core) and the
 * arch code (platform/<arch>).  Private to platform/.
 */
#pragma once

#include <klib/types.h>

struct arch_regs;

extern bool log_panicking;
/* Spinlocks are test-and-set rather than tickets (under a hypervisor);
 * set once on the boot CPU before any other CPU starts. */
extern bool spin_unfair;

/* ksyms.c: symbolize a kernel text address; NULL if unknown. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);

/* Arch hooks the core calls. */
__attribute__((noreturn)) void arch_poweroff(int failed);
void arch_dump_regs(const struct arch_regs *r);
void arch_backtrace(uintptr_t fp, uintptr_t pc);
void arch_stop_other_cpus(void);
