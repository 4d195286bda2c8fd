/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The x86-64 signal frame (platform/sigframe.h), as Linux lays it out on the user stack:
 *
 *   [pretcode: sa_restorer][struct ucontext][siginfo_t] ... [FPU state]
 *
 * The handler is entered with rdi = signo, rsi = &info, rdx = &uc, and
 * rsp pointing at pretcode, 8 bytes off 16-byte alignment (as after a
 * call).  Its `ret` jumps to sa_restorer, which calls rt_sigreturn with
 * rsp just past pretcode.  The FPU state is saved in the CPU's own XSAVE
 * (or FXSAVE) layout, 64-byte aligned, and checked before it is restored.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/signal.h>
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#include <platform/context.h>
#include <platform/sigframe.h>
#include <platform/usercopy.h>
#include "x64.h"

#define RED_ZONE 128
/* RFLAGS bits user space may change through a frame: CF PF AF ZF SF TF DF
 * OF AC and RF (Linux's FIX_EFLAGS); IF stays set, IOPL stays 0. */
#define USER_RFLAGS 0x40dd5ul

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext uc;
	uint8_t info[SIGINFO_BYTES];
};

uintptr_t regs_user_sp(const struct arch_regs *r)
{
	return r->rsp;
}

/* Bytes 464-511 of the legacy area (software's) and the XSAVE header: XSAVE
 * writes only XSTATE_BV there, and merges the old value into it. */
#define FP_SW_BYTES  464
#define FP_HDR_CLEAR (512 + 64 - FP_SW_BYTES)

int sigframe_setup(struct arch_regs *r, const struct sigframe_info *si)
{
	size_t fpsize = fpu_state_size();
	struct rt_sigframe f;
	uintptr_t sp = si->stack_top ? si->stack_top : r->rsp - RED_ZONE, fp_at, frame_at;
	struct sigcontext *sc;

	fp_at = ALIGN_DOWN(sp - fpsize, 64);
	frame_at = ALIGN_DOWN(fp_at - sizeof(f), 16) - 8;

	memset(&f, 0, sizeof(f));
	f.pretcode = si->restorer;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	memcpy(&f.uc.uc_stack.ss_sp, &si->ss_sp, sizeof(uintptr_t));
	f.uc.uc_stack.ss_size = si->ss_size;
	f.uc.uc_stack.ss_flags = si->ss_flags;
	sc = &f.uc.uc_mcontext;
	sc->r8 = r->r8;
	sc->r9 = r->r9;
	sc->r10 = r->r10;
	sc->r11 = r->r11;
	sc->r12 = r->r12;
	sc->r13 = r->r13;
	sc->r14 = r->r14;
	sc->r15 = r->r15;
	sc->rdi = r->rdi;
	sc->rsi = r->rsi;
	sc->rbp = r->rbp;
	sc->rbx = r->rbx;
	sc->rdx = r->rdx;
	sc->rax = r->rax;
	sc->rcx = r->rcx;
	sc->rsp = r->rsp;
	sc->rip = r->rip;
	sc->eflags = r->rflags;
	sc->cs = (uint16_t)r->cs;
	sc->ss = (uint16_t)r->ss;
	sc->err = r->vector == (uint64_t)-1 ? 0 : r->error;
	sc->trapno = r->vector == (uint64_t)-1 ? 0 : r->vector;
	sc->oldmask = si->blocked;
	sc->cr2 = si->fault_addr;
	memcpy(&sc->fpstate, &fp_at, sizeof(fp_at));
	memcpy(&f.uc.uc_sigmask, &si->blocked, sizeof(si->blocked));
	memcpy(f.info, si->siginfo, SIGINFO_BYTES);

	/* the FPU state goes straight to the user stack, as the registers
	 * still hold it (the kernel uses no vector registers) */
	if (clear_user(uptr(fp_at + FP_SW_BYTES), MIN(FP_HDR_CLEAR, fpsize - FP_SW_BYTES)) ||
	    fpu_save_user(uptr(fp_at)) || copy_to_user(uptr(frame_at), &f, sizeof(f)))
		return -EFAULT;
	r->rip = si->handler;
	r->rsp = frame_at;
	r->rdi = (uint64_t)si->sig;
	r->rsi = frame_at + offsetof(struct rt_sigframe, info);
	r->rdx = frame_at + offsetof(struct rt_sigframe, uc);
	r->rax = 0;
	r->rflags &= ~(0x100ul | 0x400ul | 0x40000ul); /* TF, DF, AC */
	return 0;
}

int sigframe_restore(struct arch_regs *r, uint64_t *blocked)
{
	struct rt_sigframe f;
	uintptr_t frame_at = r->rsp - 8, fp_at;
	struct sigcontext *sc;

	if (copy_from_user(&f, uptr(frame_at), sizeof(f)))
		return -EFAULT;
	sc = &f.uc.uc_mcontext;
	memcpy(&fp_at, &sc->fpstate, sizeof(fp_at));
	if (fp_at && fpu_restore_user(uptr(fp_at)))
		return -EFAULT;
	r->r8 = sc->r8;
	r->r9 = sc->r9;
	r->r10 = sc->r10;
	r->r11 = sc->r11;
	r->r12 = sc->r12;
	r->r13 = sc->r13;
	r->r14 = sc->r14;
	r->r15 = sc->r15;
	r->rdi = sc->rdi;
	r->rsi = sc->rsi;
	r->rbp = sc->rbp;
	r->rbx = sc->rbx;
	r->rdx = sc->rdx;
	r->rax = sc->rax;
	r->rcx = sc->rcx;
	r->rsp = sc->rsp;
	r->rip = sc->rip;
	r->rflags = (r->rflags & ~USER_RFLAGS) | (sc->eflags & USER_RFLAGS) | RFLAGS_IF;
	r->vector = REGS_FULL_RESTORE; /* IRETQ: every register as saved */
	memcpy(blocked, &f.uc.uc_sigmask, sizeof(*blocked));
	return 0;
}
