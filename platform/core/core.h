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

/* PCI configuration space (platform/<arch>/pci_conf.c): the mechanisms
 * the machine has (a mask of PCI_MECH_*); map a bus's ECAM window (false
 * if ECAM does not cover it); one aligned access of `width` bytes (1, 2,
 * 4) through `mech` (reads outside what it reaches give all ones). */
#define PCI_MECH_PORTS 1u
#define PCI_MECH_ECAM  2u
unsigned arch_pci_mechanisms(void);
bool arch_pci_map_bus(unsigned bus);
uint32_t arch_pci_read(unsigned mech, unsigned bus, unsigned devfn, unsigned off, unsigned width);
void arch_pci_write(unsigned mech, unsigned bus, unsigned devfn, unsigned off, unsigned width,
		    uint32_t v);

/* Message-signalled interrupt vectors (platform/<arch>/msi.c): allocate
 * an aligned block of n (a power of two, at most 32) into vecs[]
 * (-ENOSPC, -EINVAL); give them back; attach a handler (run in interrupt
 * context, interrupts off); the address and data a device writes to
 * raise `vec`. */
typedef void (*arch_msi_fn)(unsigned vec, void *ctx);
int arch_msi_alloc(unsigned n, uint8_t *vecs);
void arch_msi_free(const uint8_t *vecs, unsigned n);
void arch_msi_set_handler(uint8_t vec, arch_msi_fn fn, void *ctx);
void arch_msi_message(uint8_t vec, uint64_t *addr, uint32_t *data);

/* pci.c: enumerate the buses (boot CPU, after the interrupt controllers). */
void pci_init(void);
