/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Thread contexts and FPU state.  FPU/SSE/AVX state is switched eagerly
 * with XSAVE/XRSTOR (FXSAVE where XSAVE is missing): the kernel itself is
 * built without vector instructions, so only user state lives there, and
 * eager switching has no lazy-FPU side channel.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/context.h>
#include <platform/kmalloc.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include "x64.h"

void switch_stacks(uint64_t *prev_rsp, uint64_t next_rsp);
void context_trampoline(void);
__noreturn void enter_user(uintptr_t pc, uintptr_t sp);
__noreturn void resume_user(const struct arch_regs *r);

extern char boot_stack_top[];
static void *fpu_initial; /* clean FPU state, copied into new contexts */

static void fpu_save(void *area)
{
	if (cpu_features.xsave)
		__asm__ volatile("xsave64 (%0)" ::"r"(area), "a"((uint32_t)cpu_features.xcr0),
				 "d"((uint32_t)(cpu_features.xcr0 >> 32))
				 : "memory");
	else
		__asm__ volatile("fxsave64 (%0)" ::"r"(area) : "memory");
}

static void fpu_restore(const void *area)
{
	if (cpu_features.xsave)
		__asm__ volatile("xrstor64 (%0)" ::"r"(area), "a"((uint32_t)cpu_features.xcr0),
				 "d"((uint32_t)(cpu_features.xcr0 >> 32))
				 : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" ::"r"(area) : "memory");
}

void fpu_init(void)
{
	uint32_t mxcsr = 0x1f80;

	fpu_initial = kzalloc(cpu_features.xsave_size);
	if (!fpu_initial)
		panic("fpu: no memory for the initial FPU state");
	__asm__ volatile("fninit; ldmxcsr %0" ::"m"(mxcsr));
	fpu_save(fpu_initial);
}

static void *fpu_alloc(void)
{
	void *a = kmalloc(cpu_features.xsave_size);

	if (a)
		memcpy(a, fpu_initial, cpu_features.xsave_size);
	return a;
}

int context_init(struct arch_context *c, void *kstack_top, context_entry_fn entry, void *arg)
{
	uint64_t *sp = (uint64_t *)kstack_top;

	memset(c, 0, sizeof(*c));
	c->fpu = fpu_alloc();
	if (!c->fpu)
		return -ENOMEM;
	c->kstack_top = (uintptr_t)kstack_top;
	*--sp = 0;			       /* alignment pad */
	*--sp = (uintptr_t)context_trampoline; /* ret target */
	*--sp = 0;			       /* rbp */
	*--sp = 0;			       /* rbx */
	*--sp = (uintptr_t)entry;	       /* r12 */
	*--sp = (uintptr_t)arg;		       /* r13 */
	*--sp = 0;			       /* r14 */
	*--sp = 0;			       /* r15 */
	c->rsp = (uintptr_t)sp;
	return 0;
}

int context_init_current(struct arch_context *c, void *kstack_top)
{
	memset(c, 0, sizeof(*c));
	c->fpu = fpu_alloc();
	if (!c->fpu)
		return -ENOMEM;
	c->kstack_top = (uintptr_t)kstack_top;
	if (!kstack_top) /* the CPU's boot stack: an AP's (smp.c), or the BSP's */
		c->kstack_top =
			this_cpu()->kstack_top ? this_cpu()->kstack_top : (uintptr_t)boot_stack_top;
	return 0;
}

void context_free(struct arch_context *c)
{
	kfree(c->fpu);
	c->fpu = NULL;
}

void context_switch(struct arch_context *prev, struct arch_context *next)
{
	struct cpu *cpu = this_cpu();

	fpu_save(prev->fpu);
	if (cpu_features.fsgsbase)
		__asm__ volatile("rdfsbase %0" : "=r"(prev->fs_base));
	else
		prev->fs_base = rdmsr(MSR_FS_BASE);
	fpu_restore(next->fpu);
	wrmsr(MSR_FS_BASE, next->fs_base);
	cpu->kstack_top = next->kstack_top;
	tss_set_rsp0(cpu->id, next->kstack_top);
	switch_stacks(&prev->rsp, next->rsp);
}

__noreturn void context_resume_user(const struct arch_regs *r)
{
	struct arch_regs safe = *r;

	/* user state only: ring 3 selectors, interrupts on, no IOPL */
	safe.cs = GDT_UCODE;
	safe.ss = GDT_UDATA;
	safe.rflags = (safe.rflags & ~(3ul << 12)) | RFLAGS_IF;
	resume_user(&safe);
}

__noreturn void context_enter_user(uintptr_t pc, uintptr_t sp)
{
	enter_user(pc, sp);
}

uintptr_t context_user_tls(void)
{
	return rdmsr(MSR_FS_BASE);
}

void context_set_user_tls(uintptr_t base)
{
	wrmsr(MSR_FS_BASE, base);
}

size_t fpu_state_size(void)
{
	return cpu_features.xsave_size;
}

void fpu_state_save(void *buf)
{
	fpu_save(buf);
}

#define FX_MXCSR      24
#define FX_MXCSR_MASK 28
#define XSAVE_HDR     512

int fpu_state_check(const void *head, const void *hdr)
{
	uint32_t mxcsr, mask;

	/* the CPU's own mask (from its first save), not the area's word */
	memcpy(&mxcsr, (const uint8_t *)head + FX_MXCSR, 4);
	memcpy(&mask, (const uint8_t *)fpu_initial + FX_MXCSR_MASK, 4);
	if (!mask)
		mask = 0xffbf; /* the architectural default */
	if (mxcsr & ~mask)
		return -EINVAL;
	if (cpu_features.xsave) {
		uint64_t h[8];

		memcpy(h, hdr, sizeof(h));
		if (h[0] & ~cpu_features.xcr0) /* XSTATE_BV */
			return -EINVAL;
		for (int i = 1; i < 8; i++) /* XCOMP_BV (standard form) and reserved */
			if (h[i])
				return -EINVAL;
	}
	return 0;
}

int fpu_state_restore(const void *buf)
{
	int err = fpu_state_check(buf, (const uint8_t *)buf + XSAVE_HDR);

	if (!err)
		fpu_restore(buf);
	return err;
}
