/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Hardware entropy for seeding the kernel's random number generator (ring
 * 1, kernel/include/kernel/random.h).  The platform reads the CPU's
 * generator when it has one (x86_64: RDSEED, else RDRAND; CPUID decides),
 * mixed with the cycle counter.  Without one it falls back to timer
 * jitter, which is weak: the result says which source was used, so the
 * caller can report it and gather more.  The words are raw material to be
 * hashed by the caller, never handed out as they are.
 */
#pragma once

#include <klib/types.h>

enum entropy_source {
	ENTROPY_JITTER,	 /* no hardware generator: cycle-counter jitter only (weak) */
	ENTROPY_HW_DRBG, /* a hardware DRBG (RDRAND) mixed with the cycle counter */
	ENTROPY_HW_SEED, /* a hardware entropy source (RDSEED) mixed with the cycle counter */
};

/* Fill out[0..n) with entropy words; returns the weakest source that went
 * into them.  Any context (IRQs on or off), never sleeps; spins briefly
 * while the hardware generator refills. */
enum entropy_source platform_entropy(uint64_t *out, size_t n);
/* "rdseed", "rdrand", "jitter" (the arch's own names). */
const char *entropy_source_name(enum entropy_source s);
