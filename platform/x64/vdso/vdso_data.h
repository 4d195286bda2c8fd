/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The vDSO's data page ("vvar"): what the kernel publishes for the user
 * code in vclock.c, one page mapped read-only just below the vDSO's image.
 * Shared by both sides, private to platform/x64.
 *
 * Writers (vvar.c) hold the seqcount odd while they change the clock
 * fields; readers retry until they see the same even count before and
 * after their reads.  Everything but the realtime offset is set once at
 * boot, before the first process runs.
 */
#pragma once

#include <klib/types.h>

#define VDSO_DATA_PAGES 1

/* flags: bits, so each test is one instruction on memory */
#define VDSO_CLOCK_TSC	   1u /* the TSC is the kernel's clock and user mode may read it */
#define VDSO_CPU_BY_RDTSCP 2u /* getcpu: RDTSCP's ECX is IA32_TSC_AUX */
#define VDSO_CPU_BY_RDPID  4u /* getcpu: RDPID reads IA32_TSC_AUX (neither: the syscall) */

/* IA32_TSC_AUX holds (node << 12) | cpu, as Linux sets it. */
#define VDSO_CPU_MASK	0xfffu
#define VDSO_NODE_SHIFT 12

struct vdso_data {
	uint32_t seq;		    /* odd while the kernel writes */
	uint32_t flags;		    /* VDSO_CLOCK_TSC, VDSO_CPU_BY_* */
	uint64_t tsc_boot;	    /* the TSC when time_ns() was 0 */
	uint64_t ns_mult;	    /* ns = (tsc - tsc_boot) * ns_mult >> 32 */
	int64_t realtime_offset_ns; /* CLOCK_REALTIME minus time_ns() */
	uint32_t coarse_res_ns;	    /* clock_getres of the *_COARSE clocks */
};
