/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * membarrier(2): a memory barrier on other CPUs on behalf of the caller.
 * The expedited commands interrupt (smp_call_mask) the CPUs that run a
 * thread of the caller's address space (private) or every other online
 * CPU (global: a superset of the registered processes' CPUs, which Linux
 * narrows down; an extra barrier is harmless), each running a full fence
 * in the IPI; the RSEQ flavour also makes the interrupted thread abort its
 * rseq critical section on its way back to user mode.  The non-expedited
 * GLOBAL command does the same on every online CPU.
 *
 * Registrations are per address space (struct vm's membarrier word, set
 * with an atomic OR), kept across fork and dropped by exec's new vm;
 * GET_REGISTRATIONS (Linux 6.3, not in the staged 6.1 UAPI header)
 * returns them as the REGISTER command bits.
 */
#include <klib/errno.h>
#include <linux/membarrier.h>
#include <platform/mmu.h>
#include <platform/percpu.h>
#include <platform/smp.h>
#include <generated/syscalls.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <kernel/vm.h>

#define MB_GET_REGISTRATIONS (1 << 9)
#define MB_SUPPORTED                                                                              \
	(MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED |                                \
	 MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED |            \
	 MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE | \
	 MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE |                                    \
	 MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ | \
	 MB_GET_REGISTRATIONS)

/* In interrupt context on each target CPU.  The return from the
 * interrupt serializes the instruction stream too (SYNC_CORE). */
static void mb_ipi(void *unused)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* ... and the thread interrupted aborts its rseq critical section. */
static void mb_ipi_rseq(void *unused)
{
	struct thread *cur = current_thread();

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (cur->rseq_area)
		WRITE_ONCE(cur->rseq_event, true);
}

/* Fence here, interrupt `mask` (the caller's CPU left out: its own fence
 * suffices), fence again. */
static void mb_run(cpumask_t mask, bool rseq)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	mask &= ~(1ull << cpu_id()) & smp_online_mask();
	if (mask)
		smp_call_mask(mask, rseq ? mb_ipi_rseq : mb_ipi, NULL);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* The private expedited commands: EPERM unless `reg` was registered; a
 * target CPU (MEMBARRIER_CMD_FLAG_CPU) that is not online is no error. */
static long mb_private(struct vm *vm, unsigned reg, int cpu, bool rseq)
{
	cpumask_t mask;

	if (!(__atomic_load_n(&vm->membarrier, __ATOMIC_ACQUIRE) & reg))
		return -EPERM;
	mask = aspace_cpus(vm->as);
	if (cpu >= 0)
		mask &= cpu < MAX_CPUS ? 1ull << cpu : 0;
	mb_run(mask, rseq);
	return 0;
}

static long mb_register(struct vm *vm, unsigned reg)
{
	__atomic_fetch_or(&vm->membarrier, reg, __ATOMIC_RELEASE);
	return 0;
}

/* membarrier(cmd, flags, cpu_id): flags must be 0, except
 * MEMBARRIER_CMD_FLAG_CPU with PRIVATE_EXPEDITED_RSEQ (then cpu_id names
 * the one CPU to interrupt).  EINVAL for an unknown command or flag. */
long sys_membarrier(const struct syscall_args *a)
{
	int cmd = (int)a->arg[0], cpu = (int)a->arg[2];
	unsigned flags = (unsigned)a->arg[1];
	struct vm *vm = current_thread()->vm;

	if (cmd == MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ ? flags & ~MEMBARRIER_CMD_FLAG_CPU : flags)
		return -EINVAL;
	if (!(flags & MEMBARRIER_CMD_FLAG_CPU))
		cpu = -1;
	if (!vm)
		return -EINVAL;
	switch (cmd) {
	case MEMBARRIER_CMD_QUERY:
		return MB_SUPPORTED;
	case MEMBARRIER_CMD_GLOBAL:
	case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
		mb_run(smp_online_mask(), false);
		return 0;
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
		return mb_private(vm, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, cpu, false);
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
		return mb_private(vm, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, cpu,
				  false);
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ:
		return mb_private(vm, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ, cpu, true);
	case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ:
		return mb_register(vm, (unsigned)cmd);
	case MB_GET_REGISTRATIONS:
		return __atomic_load_n(&vm->membarrier, __ATOMIC_ACQUIRE);
	default:
		return -EINVAL;
	}
}
