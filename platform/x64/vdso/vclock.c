/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The vDSO's code: user-mode clock_gettime, gettimeofday, time,
 * clock_getres and getcpu, built into vdso.so (vdso.mk), never into the
 * kernel.  The clocks are read as the kernel's time_ns() reads them, the
 * TSC scaled by the data page's mult, so both agree to the nanosecond.
 * Whatever the data page cannot answer (CPU-time clocks, unknown ids, a
 * TSC the kernel does not let user mode trust, no RDPID/RDTSCP) is the
 * real system call, so errors are the kernel's.  Like Linux's vDSO, the
 * results are stored straight through the caller's pointers: a bad one
 * is a SIGSEGV in user mode, not EFAULT.
 */
#include <linux/time.h>
#include <asm/unistd.h>
#include "vdso_data.h"

#define NSEC_PER_SEC 1000000000ull

/* The data page, one page below this image (vdso.lds).  Not const: the
 * kernel changes it, so the compiler may not cache its fields. */
extern struct vdso_data vdso_vvar __attribute__((visibility("hidden")));

/* the exported symbols; everything else is hidden (-fvisibility=hidden) */
#define VDSO_EXPORT __attribute__((visibility("default")))

VDSO_EXPORT int __vdso_clock_gettime(int clk, struct __kernel_timespec *ts);
VDSO_EXPORT int __vdso_gettimeofday(struct __kernel_old_timeval *tv, struct timezone *tz);
VDSO_EXPORT long __vdso_time(long *t);
VDSO_EXPORT int __vdso_clock_getres(int clk, struct __kernel_timespec *res);
VDSO_EXPORT long __vdso_getcpu(unsigned *cpu, unsigned *node, void *unused);

static long syscall2(long nr, long a, long b)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "0"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return r;
}

static long syscall3(long nr, long a, long b, long c)
{
	long r;

	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "0"(nr), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}

static inline uint32_t read32(const uint32_t *p)
{
	return *(const volatile uint32_t *)p;
}

static inline uint64_t rdtsc_ordered(void)
{
	uint32_t lo, hi;

	/* LFENCE keeps the read after the seqcount's load */
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline void barrier(void)
{
	__asm__ volatile("" ::: "memory");
}

#define CLOCK_KIND_REAL	  1 /* plus the realtime offset */
#define CLOCK_KIND_COARSE 2 /* rounded down to the tick, as the kernel's coarse clocks */

/* Nanoseconds of the monotonic clock (rounded down to the tick when
 * `kind` says coarse, as the kernel does), plus the realtime offset when
 * it says real: a consistent snapshot of the data page (seqcount). */
static inline __attribute__((always_inline)) int64_t clock_ns(int kind)
{
	const struct vdso_data *d = &vdso_vvar;
	uint32_t seq;
	int64_t ns;

	do {
		while ((seq = read32(&d->seq)) & 1)
			__asm__ volatile("pause");
		barrier(); /* x86 keeps loads in order; the compiler must too */
		ns = (int64_t)(((unsigned __int128)(rdtsc_ordered() - d->tsc_boot) * d->ns_mult) >>
			       32);
		if (kind & CLOCK_KIND_COARSE)
			ns -= (int64_t)((uint64_t)ns % d->coarse_res_ns);
		if (kind & CLOCK_KIND_REAL)
			ns += d->realtime_offset_ns;
		barrier();
	} while (read32(&d->seq) != seq);
	return ns;
}

/* CLOCK_KIND_* bits (0 monotonic), -1 not served here. */
static int clock_kind(int clk)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_TAI:
		return CLOCK_KIND_REAL;
	case CLOCK_REALTIME_COARSE:
		return CLOCK_KIND_REAL | CLOCK_KIND_COARSE;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		return CLOCK_KIND_COARSE;
	default:
		return -1;
	}
}

static int tsc_ok(void)
{
	return vdso_vvar.flags & VDSO_CLOCK_TSC;
}

int __vdso_clock_gettime(int clk, struct __kernel_timespec *ts)
{
	int kind = clock_kind(clk);
	uint64_t ns;

	if (kind < 0 || !tsc_ok())
		return (int)syscall2(__NR_clock_gettime, clk, (long)ts);
	/* never negative (the kernel keeps realtime >= 0): unsigned division is shorter */
	ns = (uint64_t)clock_ns(kind);
	ts->tv_sec = (int64_t)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (int64_t)(ns % NSEC_PER_SEC);
	return 0;
}

int __vdso_gettimeofday(struct __kernel_old_timeval *tv, struct timezone *tz)
{
	uint64_t ns;

	if (!tsc_ok())
		return (int)syscall2(__NR_gettimeofday, (long)tv, (long)tz);
	if (tv) {
		ns = (uint64_t)clock_ns(CLOCK_KIND_REAL);
		tv->tv_sec = (long)(ns / NSEC_PER_SEC);
		tv->tv_usec = (long)(ns % NSEC_PER_SEC / 1000);
	}
	if (tz) {
		tz->tz_minuteswest = 0;
		tz->tz_dsttime = 0;
	}
	return 0;
}

long __vdso_time(long *t)
{
	long sec;

	if (!tsc_ok())
		return syscall2(__NR_time, (long)t, 0);
	/* Linux's time() reads the seconds of the last tick */
	sec = (long)((uint64_t)clock_ns(CLOCK_KIND_REAL | CLOCK_KIND_COARSE) / NSEC_PER_SEC);
	if (t)
		*t = sec;
	return sec;
}

int __vdso_clock_getres(int clk, struct __kernel_timespec *res)
{
	if (clock_kind(clk) < 0 || !tsc_ok())
		return (int)syscall2(__NR_clock_getres, clk, (long)res);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE
				       ? vdso_vvar.coarse_res_ns
				       : 1;
	}
	return 0;
}

static void put_cpu(uint32_t aux, unsigned *cpu, unsigned *node)
{
	if (cpu)
		*cpu = aux & VDSO_CPU_MASK;
	if (node)
		*node = aux >> VDSO_NODE_SHIFT;
}

/* getcpu without RDTSCP: RDPID, or the system call */
static __attribute__((noinline)) long getcpu_other(unsigned *cpu, unsigned *node, void *unused)
{
	uint64_t v;

	if (!(vdso_vvar.flags & VDSO_CPU_BY_RDPID))
		return syscall3(__NR_getcpu, (long)cpu, (long)node, (long)unused);
	__asm__ volatile("rdpid %0" : "=r"(v));
	put_cpu((uint32_t)v, cpu, node);
	return 0;
}

long __vdso_getcpu(unsigned *cpu, unsigned *node, void *unused)
{
	uint32_t aux;

	/* RDTSCP inline (QEMU's CPUs have it), the rest out of line, so the
	 * fast path tests the flag in memory: one instruction */
	if (__builtin_expect(!(vdso_vvar.flags & VDSO_CPU_BY_RDTSCP), 0))
		return getcpu_other(cpu, node, unused);
	__asm__ volatile("rdtscp" : "=c"(aux)::"eax", "edx");
	put_cpu(aux, cpu, node);
	return 0;
}

VDSO_EXPORT int clock_gettime(int, struct __kernel_timespec *)
	__attribute__((weak, alias("__vdso_clock_gettime")));
VDSO_EXPORT int gettimeofday(struct __kernel_old_timeval *, struct timezone *)
	__attribute__((weak, alias("__vdso_gettimeofday")));
VDSO_EXPORT long time(long *) __attribute__((weak, alias("__vdso_time")));
VDSO_EXPORT int clock_getres(int, struct __kernel_timespec *)
	__attribute__((weak, alias("__vdso_clock_getres")));
VDSO_EXPORT long getcpu(unsigned *, unsigned *, void *)
	__attribute__((weak, alias("__vdso_getcpu")));
