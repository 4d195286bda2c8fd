/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Exception and interrupt dispatch.  Device and local-APIC interrupts go to
 * their handlers; faults from user mode become a fault_info for ring 1 (which
 * turns it into a signal); a fault in the kernel at an instruction listed in
 * the exception table (usercopy) resumes at its fixup, as does a fetch
 * fault on a function a probe called (__ex_call_table); any other kernel
 * fault is a bug: registers, backtrace, panic.
 */
#include <klib/errno.h>
#include <klib/types.h>
#include <platform/irq.h>
#include <platform/kstack.h>
#include <platform/log.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/recover.h>
#include <platform/upcall.h>
#include "../core/core.h"
#include <arch/mmu.h>
#include "x64.h"

#include <linux/signal.h>
#include <asm-generic/siginfo.h>

#define PF_PRESENT 0x1
#define PF_WRITE   0x2
#define PF_USER	   0x4
#define PF_FETCH   0x10

struct ex_entry {
	uintptr_t insn, fixup;
};
extern const struct ex_entry __ex_table_start[], __ex_table_end[];
extern const struct ex_entry __ex_call_table_start[], __ex_call_table_end[];

static const char *const exc_names[32] = {
	"divide error",
	"debug",
	"NMI",
	"breakpoint",
	"overflow",
	"bound range",
	"invalid opcode",
	"device not available",
	"double fault",
	"coprocessor overrun",
	"invalid TSS",
	"segment not present",
	"stack fault",
	"general protection",
	"page fault",
	"reserved",
	"x87 FPU error",
	"alignment check",
	"machine check",
	"SIMD FP error",
	"virtualization",
	"control protection",
};

static const struct ex_entry *fixup_search(uintptr_t ip)
{
	for (const struct ex_entry *e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == ip)
			return e;
	}
	return NULL;
}

static bool fixup_exception(struct arch_regs *r)
{
	const struct ex_entry *e = fixup_search(r->rip);

	if (e)
		r->rip = e->fixup;
	return e != NULL;
}

/* An instruction fetch that faulted on the first instruction of a called
 * function, where the call is a probe (its return address is listed in
 * __ex_call_table, probe.S): unwind the call and resume at its fixup. */
static bool fixup_call(struct arch_regs *r)
{
	uintptr_t top = this_cpu()->kstack_top, ret;

	if (r->vector != 14 || !(r->error & PF_FETCH) || read_cr2() != r->rip)
		return false;
	if (r->rsp < top - KSTACK_SIZE || r->rsp + sizeof(ret) > top)
		return false; /* not on this thread's stack: a wild jump, not a probe */
	ret = *(const uintptr_t *)r->rsp;
	for (const struct ex_entry *e = __ex_call_table_start; e < __ex_call_table_end; e++) {
		if (e->insn == ret) {
			r->rsp += 8;
			r->rip = e->fixup;
			return true;
		}
	}
	return false;
}

void arch_dump_regs(const struct arch_regs *r)
{
	uintptr_t off = 0;
	const char *sym = ksym_lookup(r->rip, &off);

	kprintf("RIP: %04llx:%016llx %s+0x%lx\n", (unsigned long long)r->cs,
		(unsigned long long)r->rip, sym ? sym : "?", (unsigned long)off);
	kprintf("RSP: %04llx:%016llx RFLAGS: %08llx ERR: %llx\n", (unsigned long long)r->ss,
		(unsigned long long)r->rsp, (unsigned long long)r->rflags,
		(unsigned long long)r->error);
	kprintf("RAX: %016llx RBX: %016llx RCX: %016llx\n", (unsigned long long)r->rax,
		(unsigned long long)r->rbx, (unsigned long long)r->rcx);
	kprintf("RDX: %016llx RSI: %016llx RDI: %016llx\n", (unsigned long long)r->rdx,
		(unsigned long long)r->rsi, (unsigned long long)r->rdi);
	kprintf("RBP: %016llx R08: %016llx R09: %016llx\n", (unsigned long long)r->rbp,
		(unsigned long long)r->r8, (unsigned long long)r->r9);
	kprintf("R10: %016llx R11: %016llx R12: %016llx\n", (unsigned long long)r->r10,
		(unsigned long long)r->r11, (unsigned long long)r->r12);
	kprintf("R13: %016llx R14: %016llx R15: %016llx\n", (unsigned long long)r->r13,
		(unsigned long long)r->r14, (unsigned long long)r->r15);
	kprintf("CR2: %016llx CR3: %016llx CR4: %016llx\n", (unsigned long long)read_cr2(),
		(unsigned long long)read_cr3(), (unsigned long long)read_cr4());
}

static bool kernel_text(uintptr_t a)
{
	extern const char __text_start[], __text_end[];

	return a >= (uintptr_t)__text_start && a < (uintptr_t)__text_end;
}

/* Walk the frame-pointer chain (the kernel is built with frame pointers). */
void arch_backtrace(uintptr_t fp, uintptr_t pc)
{
	kprintf("Call Trace:\n");
	for (int depth = 0; depth < 32; depth++) {
		uintptr_t off = 0;
		const char *sym = ksym_lookup(pc, &off);

		kprintf("  [<%016lx>] %s+0x%lx\n", (unsigned long)pc, sym ? sym : "?",
			(unsigned long)off);
		if (fp < KERNEL_DIRECT_MAP || (fp & 7))
			break;
		pc = ((const uintptr_t *)fp)[1];
		fp = ((const uintptr_t *)fp)[0];
		if (!kernel_text(pc))
			break;
	}
}

static __noreturn void kernel_fault(struct arch_regs *r)
{
	irq_disable();
	log_panicking = true;
	kprintf("\nKERNEL FAULT: %s (vector %llu) on cpu %u\n",
		r->vector < 32 && exc_names[r->vector] ? exc_names[r->vector] : "exception",
		(unsigned long long)r->vector, cpu_id());
	arch_dump_regs(r);
	arch_backtrace(r->rbp, r->rip);
	/* a fault on a stack's guard page, usually seen as a double fault:
	 * the page fault could not push its frame on the overflowed stack */
	if ((r->vector == 8 || r->vector == 14) && kstack_guard_hit(read_cr2()))
		panic("kernel stack overflow (guard page at %016lx)", (unsigned long)read_cr2());
	panic("fatal exception in kernel mode");
}

/* `cr2`: the faulting address of a page fault, read before interrupts were
 * enabled (a fault taken while preempted would overwrite CR2). */
static void user_exception(struct arch_regs *r, uintptr_t cr2)
{
	struct fault_info fi = {.vector = (unsigned)r->vector, .addr = r->rip};

	switch (r->vector) {
	case 0:
		fi.signo = SIGFPE;
		fi.code = FPE_INTDIV;
		break;
	case 1:
	case 3:
		fi.signo = SIGTRAP;
		fi.code = r->vector == 3 ? SI_KERNEL : TRAP_BRKPT;
		break;
	case 6:
		fi.signo = SIGILL;
		fi.code = ILL_ILLOPN;
		break;
	case 14:
		fi.addr = cr2;
		fi.present = r->error & PF_PRESENT;
		fi.write = r->error & PF_WRITE;
		fi.exec = r->error & PF_FETCH;
		fi.signo = SIGSEGV;
		fi.code = fi.present ? SEGV_ACCERR : SEGV_MAPERR;
		if (fi.addr < USER_TOP) {
			int err = page_fault(fi.addr, (fi.write ? PF_WRITE_ACCESS : 0) |
							      (fi.exec ? PF_EXEC_ACCESS : 0) |
							      PF_USER_MODE);

			if (!err || (err == -ENOMEM && page_fault_oom()))
				return; /* resolved, or memory freed: retry the instruction */
			fi.code = err == -EACCES ? SEGV_ACCERR : SEGV_MAPERR;
			if (err == -ENXIO) { /* a file page past the end of the file */
				fi.signo = SIGBUS;
				fi.code = BUS_ADRERR;
			}
		}
		break;
	case 17:
		fi.signo = SIGBUS;
		break;
	default: /* #GP and friends: Linux reports SIGSEGV, si_code SI_KERNEL, addr 0 */
		fi.signo = SIGSEGV;
		fi.code = SI_KERNEL;
		fi.addr = 0;
		break;
	}
	user_fault(r, &fi);
}

/* A kernel-mode page fault on a user address (usercopy touching a page not
 * yet faulted in): let ring 1 resolve it, with interrupts back on if the
 * faulting code had them.  true if resolved. */
static bool kernel_user_fault(struct arch_regs *r)
{
	uintptr_t addr = read_cr2();
	int err;

	if (addr >= USER_TOP || !fixup_search(r->rip))
		return false; /* only usercopy may touch user memory */
	if (r->rflags & RFLAGS_IF)
		__asm__ volatile("sti");
	err = page_fault(addr, (r->error & PF_WRITE) ? PF_WRITE_ACCESS : 0);
	if (err == -ENOMEM && page_fault_oom())
		err = 0; /* memory freed: the copy retries */
	__asm__ volatile("cli");
	return err == 0;
}

/* A ring-2 service's fault, contained: resume the recovery point ring 1
 * names (its wrapper's arch_recover_set returns 1) with the registers,
 * stack and interrupt flag saved there.  From a double fault too (a
 * service overflowed its stack into the guard page): the IST frame's
 * return goes to the point's stack, which is intact. */
static bool contain(struct arch_regs *r)
{
	uintptr_t addr = (r->vector == 14 || r->vector == 8) ? read_cr2() : 0;
	const char *what =
		r->vector < 32 && exc_names[r->vector] ? exc_names[r->vector] : "exception";
	const struct recover_point *rp = contain_fault(r->rip, (unsigned)r->vector, what, addr);

	if (!rp)
		return false;
	r->rbx = rp->regs[0];
	r->rbp = rp->regs[1];
	r->r12 = rp->regs[2];
	r->r13 = rp->regs[3];
	r->r14 = rp->regs[4];
	r->r15 = rp->regs[5];
	r->rsp = rp->sp;
	r->rip = rp->pc;
	r->rflags = rp->flags;
	r->rax = 1;
	return true;
}

void trap_dispatch(struct arch_regs *r)
{
	struct cpu *c = this_cpu();

	if (r->vector >= VEC_IRQ_BASE) {
		/* an interrupt handler is a lock-order context of its own: what
		 * it takes is ordered among itself, not after the locks of the
		 * code it interrupted (which never holds them with IRQs on) */
		unsigned base = c->held_base;

		c->irq_count++;
		c->in_irq = true;
		c->held_base = c->nheld;
		irq_dispatch((unsigned)r->vector);
		c->held_base = base;
		c->in_irq = false;
		if (c->need_resched && c->preempt_count == 0 && (r->rflags & RFLAGS_IF))
			preempt_schedule_irq();
		if (regs_from_user(r)) {
			__asm__ volatile("sti");
			return_to_user(r);
			__asm__ volatile("cli");
		}
		return;
	}
	if (r->vector == 14 && !regs_from_user(r) && kernel_user_fault(r))
		return;
	if (regs_from_user(r)) {
		uintptr_t cr2 = r->vector == 14 ? read_cr2() : 0;

		__asm__ volatile("sti"); /* user faults are handled like syscalls */
		user_exception(r, cr2);
		return_to_user(r);
		__asm__ volatile("cli");
		return;
	}
	/* usercopy faults: #PF, or #GP for a non-canonical address */
	if ((r->vector == 14 || r->vector == 13) && fixup_exception(r))
		return;
	if (fixup_call(r))
		return;
	if (r->vector < 32 && r->vector != 2 && contain(r))
		return;
	kernel_fault(r);
}
