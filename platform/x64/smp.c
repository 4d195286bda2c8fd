/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The application processors and inter-processor interrupts.
 *
 * Start-up: smp_boot_cpus() (ring 1, once the scheduler is ready) wakes
 * each enabled processor of the MADT, up to MAX_CPUS and the `smp=N`
 * limit of the command line, one at a time: INIT, then two startup IPIs
 * pointing at trampoline.S copied to TRAMPOLINE_PA.  The trampoline
 * reaches long mode on small page tables built beside it and calls
 * ap_entry() on a fresh kernel stack (with its guard page); ap_entry sets
 * up the CPU's own descriptor tables, features, system-call MSRs, local
 * APIC and timer, reports itself online and becomes that CPU's idle
 * thread through kernel_main_ap().  CPU ids are dense, in start order.
 *
 * Calls: a mailbox is one request in flight (a function, its argument,
 * the mask of CPUs still to run it), taken by a sender with an atomic
 * flag.  Two mailboxes:
 *   - calls (smp_call_mask): answered from the VEC_IPI_CALL interrupt
 *     only, so the function may take locks; senders wait with interrupts
 *     on, so two CPUs calling each other both get served.
 *   - urgent calls (TLB shootdown): answered from VEC_IPI_TLB and also
 *     from every spin-wait loop (cpu_relax, spin_lock), so a sender may
 *     hold spinlocks with interrupts off: a CPU it waits for is either
 *     interruptible or spinning, and answers either way.  The functions
 *     take no locks.
 * Stop (panic): every other CPU halts with interrupts off, from the
 * VEC_IPI_STOP interrupt or from its next spin-wait.
 */
#include <klib/cmdline.h>
#include <klib/string.h>
#include <platform/boot.h>
#include <platform/irq.h>
#include <platform/kstack.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/power.h>
#include <platform/smp.h>
#include <platform/time.h>
#include <platform/upcall.h>
#include <arch/physmap.h>
#include "../core/core.h"
#include "x64.h"

#define TRAMPOLINE_PA 0x8000 /* startup IPI vector 0x08 */
#define TRAMP_PML4    0x9000 /* the trampoline's page tables, below 1 MiB too */
#define TRAMP_PDPT    0xa000
#define TRAMP_PD      0xb000
#define ICR_INIT      0x4500 /* INIT, level assert */
#define ICR_STARTUP   0x4600 /* startup IPI, level assert; vector = page number */
#define AP_WAIT_MS    2000   /* TCG under load is slow to start a vCPU */

extern const char ap_trampoline[], ap_trampoline_end[], ap_trampoline_params[];

struct tramp_params {
	uint64_t cr3, stack, entry, arg;
};

struct mailbox {
	uint32_t busy;	   /* atomic: a sender owns the mailbox */
	cpumask_t pending; /* atomic: CPUs that have not run fn yet */
	void (*fn)(void *);
	void *arg;
};

static uint32_t cpu_apic_id[MAX_CPUS];	 /* written before the CPU is online */
static uintptr_t ap_stack_top[MAX_CPUS]; /* its boot (then idle) stack */
static unsigned ap_started;		 /* atomic: the AP being started reached ap_entry */
static struct mailbox call_box, urgent_box;
static int stopping = -1; /* atomic: the CPU that stopped the others */

cpumask_t smp_online_mask(void)
{
	unsigned n = ncpus();

	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

static cpumask_t self_mask(void)
{
	return 1ull << cpu_id();
}

/* Run `mb`'s request if it is addressed to this CPU.  Interrupts stay off:
 * an IPI nested in a run would run it again and clear our bit early, and
 * the sender would return, and reuse the stack `arg` points to, while the
 * outer run still reads it. */
static void mailbox_serve(struct mailbox *mb)
{
	irqflags_t f = irq_save();
	cpumask_t me = self_mask();

	if (__atomic_load_n(&mb->pending, __ATOMIC_ACQUIRE) & me) {
		mb->fn(mb->arg);
		__atomic_fetch_and(&mb->pending, ~me, __ATOMIC_RELEASE);
	}
	irq_restore(f);
}

/* Post fn(arg) to the CPUs of `mask` (not this one) and wait until all ran it. */
static void mailbox_post(struct mailbox *mb, cpumask_t mask, uint8_t vector, void (*fn)(void *),
			 void *arg)
{
	while (__atomic_exchange_n(&mb->busy, 1, __ATOMIC_ACQUIRE))
		cpu_relax();
	mb->fn = fn;
	mb->arg = arg;
	__atomic_store_n(&mb->pending, mask, __ATOMIC_RELEASE);
	for (unsigned i = 0; i < MAX_CPUS; i++) {
		if (mask & (1ull << i))
			lapic_send_ipi(cpu_apic_id[i], vector);
	}
	while (__atomic_load_n(&mb->pending, __ATOMIC_ACQUIRE))
		cpu_relax();
	__atomic_store_n(&mb->busy, 0, __ATOMIC_RELEASE);
}

void smp_call_mask(cpumask_t mask, void (*fn)(void *), void *arg)
{
	cpumask_t others;
	irqflags_t f;

	ASSERT(irq_enabled());
	preempt_disable();
	mask &= smp_online_mask();
	others = mask & ~self_mask();
	if (mask & self_mask()) {
		f = irq_save();
		fn(arg);
		irq_restore(f);
	}
	if (others)
		mailbox_post(&call_box, others, VEC_IPI_CALL, fn, arg);
	preempt_enable();
}

void smp_call_urgent(cpumask_t mask, void (*fn)(void *), void *arg)
{
	irqflags_t f = irq_save();

	mask &= smp_online_mask() & ~self_mask();
	if (mask)
		mailbox_post(&urgent_box, mask, VEC_IPI_TLB, fn, arg);
	irq_restore(f);
}

void smp_reschedule(unsigned cpu)
{
	struct cpu *c = cpu_get(cpu);

	if (!c || cpu == cpu_id())
		return;
	WRITE_ONCE(c->need_resched, true); /* trap.c reschedules on the interrupt's way out */
	lapic_send_ipi(cpu_apic_id[cpu], VEC_IPI_RESCHED);
}

void smp_kick(unsigned cpu)
{
	if (cpu < ncpus() && cpu != cpu_id())
		lapic_send_ipi(cpu_apic_id[cpu], VEC_IPI_RESCHED);
}

void smp_ipi_call(void)
{
	mailbox_serve(&call_box);
}

static __noreturn void halt_here(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void smp_poll(void)
{
	int s = __atomic_load_n(&stopping, __ATOMIC_RELAXED);

	if (s >= 0 && s != (int)cpu_id())
		halt_here();
	if (__atomic_load_n(&urgent_box.pending, __ATOMIC_RELAXED))
		mailbox_serve(&urgent_box);
}

void smp_ipi_stop(void)
{
	halt_here();
}

void arch_stop_other_cpus(void)
{
	int expect = -1;
	cpumask_t others = smp_online_mask() & ~self_mask();

	if (!__atomic_compare_exchange_n(&stopping, &expect, (int)cpu_id(), false, __ATOMIC_SEQ_CST,
					 __ATOMIC_RELAXED) &&
	    expect != (int)cpu_id())
		halt_here(); /* another CPU is stopping us */
	for (unsigned i = 0; i < MAX_CPUS; i++) {
		if (others & (1ull << i))
			lapic_send_ipi(cpu_apic_id[i], VEC_IPI_STOP);
	}
	udelay(10000); /* let them stop before the report starts */
}

/* ---- starting the application processors ---- */

/* An AP's first C code, on its own kernel stack, interrupts off. */
static __noreturn void ap_entry(uint64_t id)
{
	write_cr3(kernel_pml4_phys);
	percpu_init_ap((unsigned)id);
	this_cpu()->kstack_top = ap_stack_top[id];
	gdt_init_cpu((unsigned)id);
	idt_load();
	cpu_enable_features();
	syscall_init_cpu();
	vdso_init_cpu((unsigned)id);
	lapic_init_cpu();
	timer_init_ap();
	percpu_set_online((unsigned)id + 1);
	__atomic_store_n(&ap_started, 1, __ATOMIC_RELEASE);
	kernel_main_ap();
}

/* The trampoline and its page tables, below 1 MiB (which the page
 * allocator never hands out: main.c leaves the first MiB out). */
static void trampoline_install(void)
{
	uint64_t *pml4 = phys_to_virt(TRAMP_PML4), *pdpt = phys_to_virt(TRAMP_PDPT);
	uint64_t *pd = phys_to_virt(TRAMP_PD);
	const uint64_t *kpml4 = phys_to_virt(kernel_pml4_phys);

	memcpy(phys_to_virt(TRAMPOLINE_PA), ap_trampoline,
	       (size_t)(ap_trampoline_end - ap_trampoline));
	memset(pml4, 0, PAGE_SIZE);
	memset(pdpt, 0, PAGE_SIZE);
	memset(pd, 0, PAGE_SIZE);
	pd[0] = 0x83; /* the first 2 MiB, identity: present, writable, large */
	pdpt[0] = TRAMP_PD | 3;
	pml4[0] = TRAMP_PDPT | 3;
	memcpy(&pml4[256], &kpml4[256], 256 * sizeof(uint64_t));
}

static struct tramp_params *tramp_params(void)
{
	return phys_to_virt(TRAMPOLINE_PA + (size_t)(ap_trampoline_params - ap_trampoline));
}

static bool wait_started(uint64_t ms)
{
	uint64_t end = time_ns() + ms * 1000000;

	while (time_ns() < end) {
		if (__atomic_load_n(&ap_started, __ATOMIC_ACQUIRE))
			return true;
		cpu_relax();
	}
	return false;
}

/* Start the AP with local APIC id `apic` as CPU `id`; true if it came up. */
static bool start_ap(unsigned id, uint32_t apic)
{
	struct tramp_params *p = tramp_params();
	void *stack = kstack_alloc();

	if (!stack)
		return false;
	p->cr3 = TRAMP_PML4;
	ap_stack_top[id] = (uintptr_t)stack + KSTACK_SIZE;
	p->stack = ap_stack_top[id];
	p->entry = (uintptr_t)ap_entry;
	p->arg = id;
	cpu_apic_id[id] = apic;
	__atomic_store_n(&ap_started, 0, __ATOMIC_SEQ_CST);
	lapic_send_icr(apic, ICR_INIT);
	udelay(10000);
	for (int i = 0; i < 2; i++) {
		lapic_send_icr(apic, ICR_STARTUP | (TRAMPOLINE_PA >> 12));
		if (wait_started(i ? AP_WAIT_MS : 1))
			return true;
	}
	/* the stack is leaked: a CPU that wakes late may still be on it */
	return false;
}

void smp_boot_cpus(void)
{
	unsigned long long limit = MAX_CPUS;
	uint32_t self = lapic_id();
	unsigned n = 1;

	cpu_apic_id[0] = self;
	if (cmdline_get_ull(boot_cmdline(), "smp", &limit) == 0 && limit == 0)
		limit = 1;
	if (acpi_ncpus < 2 || limit < 2)
		return;
	trampoline_install();
	for (unsigned i = 0; i < acpi_ncpus && n < MIN(limit, (unsigned long long)MAX_CPUS); i++) {
		if (acpi_lapic_ids[i] == self)
			continue;
		if (!start_ap(n, acpi_lapic_ids[i])) {
			pr_warn("smp: CPU with APIC id %u did not start\n", acpi_lapic_ids[i]);
			continue;
		}
		n++;
	}
	pr_info("smp: %u CPU(s) online\n", n);
}
