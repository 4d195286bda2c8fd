/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Interfaces between the files of platform/x64.  Private to platform/x64.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <arch/regs.h>
#include "cpu.h"

#define GDT_KCODE   0x10
#define GDT_KDATA   0x18
#define GDT_UCODE32 0x23
#define GDT_UDATA   0x2b
#define GDT_UCODE   0x33
#define GDT_TSS	    0x40

#define IST_DOUBLE_FAULT 1
#define IST_NMI		 2

/* Interrupt vectors: 0-31 exceptions, 32-55 IOAPIC lines (ISA IRQs and
 * GSIs up to 23), 0x40-0xef MSI/MSI-X, 0xf0+ local APIC sources. */
#define VEC_IRQ_BASE	32
#define NR_ISA_IRQS	24
#define VEC_MSI_BASE	0x40 /* message-signalled interrupts (msi.c) */
#define VEC_MSI_END	0xf0
#define VEC_TIMER	0xf0
#define VEC_IPI_STOP	0xf1
#define VEC_IPI_RESCHED 0xf2
#define VEC_IPI_CALL	0xf3
#define VEC_IPI_TLB	0xf4
#define VEC_SPURIOUS	0xff

/* boot */
struct mem_range;
void multiboot_parse(uint32_t magic, paddr_t info);
void serial_init(void);
void serial_putc(char c);

/* gdt.c, idt.c, trap.c */
void gdt_init_cpu(unsigned cpu);
void tss_set_rsp0(unsigned cpu, uintptr_t rsp0);
void idt_init(void);
void idt_load(void);
void trap_dispatch(struct arch_regs *r);

/* paging.c */
void paging_init(void);
uint64_t paging_kernel_pte(uintptr_t va);
/* Walk every kernel-half mapping and count (and log) the ones breaking
 * W^X: executable anything but text at its link address, or a writable
 * alias of text or rodata.  0 when the kernel's tables hold. */
unsigned paging_audit_wx(void);
int paging_map_kernel_page(uintptr_t va, paddr_t pa) __must_check;
/* This CPU's TLB only: paging_flush_kernel() the others before the frame
 * or the address is reused. */
paddr_t paging_unmap_kernel_page(uintptr_t va);
void paging_flush_kernel(uintptr_t va, size_t len);
/* Flush every kernel translation on every CPU (this one too): one call
 * for many scattered unmaps. */
void paging_flush_kernel_all(void);

/* kstack.c */
/* Whether `addr` lies in the guard page(s) below a kernel stack (a thread's,
 * or the boot stack's). */
bool kstack_guard_hit(uintptr_t addr);
extern uint64_t kernel_pml4_phys;

/* percpu.c */
void percpu_init_bsp(void);
void percpu_init_ap(unsigned id);
/* CPUs 0 .. n-1 are online (smp.c, as each application processor starts). */
void percpu_set_online(unsigned n);

/* smp.c */
void smp_ipi_call(void);
void smp_ipi_stop(void);
/* Run an urgent call addressed to this CPU, or halt if another CPU is
 * stopping the machine: every spin-wait loop calls it (cpu_relax), so a
 * CPU waiting with interrupts off still answers. */
void smp_poll(void);
/* Run fn(arg) on the online CPUs of `mask` other than this one and wait
 * for all: in their interrupt context or from their spin-wait loops, so
 * the caller may have interrupts off and hold spinlocks.  fn must take no
 * lock (TLB shootdown). */
void smp_call_urgent(uint64_t mask, void (*fn)(void *), void *arg);
extern uint8_t acpi_lapic_ids[];
extern unsigned acpi_ncpus;
extern paddr_t acpi_ecam_phys;
extern uint8_t acpi_ecam_bus_start, acpi_ecam_bus_end;

/* apic.c, ioapic.c, acpi.c */
void acpi_init(void);
void lapic_init(void);
void lapic_init_cpu(void);
void lapic_send_icr(uint32_t apic_id, uint32_t icr);
void lapic_eoi(void);
uint32_t lapic_id(void);
void lapic_timer_oneshot(uint64_t ticks);
void lapic_send_ipi(uint32_t apic_id, uint8_t vector);
void lapic_timer_deadline_mode(void);
uint32_t lapic_timer_initial(void);
uint32_t lapic_timer_current(void);
void lapic_timer_mask(void);
extern bool lapic_deadline_mode;
void ioapic_init(void);
unsigned ioapic_npins(void);
uint64_t ioapic_entry(unsigned irq);
void ioapic_route(unsigned irq, uint8_t vector, uint32_t apic_id, bool masked);
void irq_dispatch(unsigned vector);
extern paddr_t lapic_phys, ioapic_phys;
extern uint32_t ioapic_gsi_base;
extern uint8_t isa_irq_to_gsi[16];
extern uint16_t isa_irq_flags[16];

/* msi.c: the MSI vectors; msi_dispatch is true if `vector` was one. */
void msi_init(void);
bool msi_dispatch(unsigned vector);

/* time.c */
void time_mark_boot(void);
void time_init(void);
void timer_init_ap(void);
void timer_init_cpu(void);
void timer_irq(void);
/* The clock's parameters: time_ns() is (tsc - *tsc_boot) * *mult >> 32. */
void time_tsc_params(uint64_t *tsc_boot, uint64_t *mult);

/* vdso/vvar.c: the vDSO's pages and data page (after time_init), and this
 * CPU's IA32_TSC_AUX (every CPU, after vdso_init). */
void vdso_init(void);
void vdso_init_cpu(unsigned cpu);

/* context.c */
void fpu_init(void);

/* probe.S: fault-catching probes for the W^X self-tests */
#define PROBE_TARGET_VALUE 0x4b
long probe_write(void *p);
long probe_call(const void *fn);
long probe_target(void);

/* syscall.c */
void syscall_init_cpu(void);

/* usercopy.c */
void smap_patch(void);
size_t raw_copy_user(void *dst, const void *src, size_t n);
size_t raw_clear_user(void *dst, size_t n);
int raw_fpu_save_user(void *dst, int xsave, uint64_t xcr0);
/* The live FPU state (fpu_state_size() bytes, XSAVE or FXSAVE layout) into
 * 64-byte aligned user memory; 0 or -EFAULT.  XSAVE updates only XSTATE_BV
 * of the header: the caller clears the header first. */
int fpu_save_user(void __user *dst) __must_check;
int raw_fpu_restore_user(const void *src, int xsave, uint64_t xcr0);
/* Load the FPU state from a user area after fpu_state_check() of its
 * MXCSR and header; 0, -EINVAL (refused) or -EFAULT. */
int fpu_restore_user(const void __user *src) __must_check;
/* -EINVAL unless the FXSAVE head (its first 32 bytes) and XSAVE header
 * (64 bytes, ignored without XSAVE) are a state XRSTOR accepts. */
int fpu_state_check(const void *head, const void *hdr);

/* power.c */
__noreturn void arch_poweroff(int failed);
/* Before idling, interrupts off: re-arm a one-shot timer found stopped (time.c). */
void timer_check_armed(void);
