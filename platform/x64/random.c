/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Entropy on x86_64 (platform/random.h).  RDSEED reads the CPU's entropy
 * conditioner and may run dry for a moment under load, so it is retried a
 * bounded number of times and RDRAND (a DRBG the conditioner reseeds)
 * stands in when it does not deliver.  Intel's guidance is that RDRAND
 * failing ten times in a row means a broken generator; then, and on CPUs
 * without either instruction, the words come from TSC jitter: the low bits
 * of the time a short, memory-touching loop takes vary with caches, TLBs
 * and interrupts.  Every word is XORed with the TSC so a generator that
 * returned constants would still not repeat.
 */
#include <klib/compiler.h>
#include <platform/random.h>
#include "cpu.h"

#define RDSEED_TRIES  64
#define RDRAND_TRIES  10
#define JITTER_ROUNDS 64

static bool rdseed64(uint64_t *v)
{
	for (int i = 0; i < RDSEED_TRIES; i++) {
		bool ok;

		__asm__ volatile("rdseed %0" : "=r"(*v), "=@ccc"(ok));
		if (ok)
			return true;
		__asm__ volatile("pause");
	}
	return false;
}

static bool rdrand64(uint64_t *v)
{
	for (int i = 0; i < RDRAND_TRIES; i++) {
		bool ok;

		__asm__ volatile("rdrand %0" : "=r"(*v), "=@ccc"(ok));
		if (ok)
			return true;
	}
	return false;
}

static uint64_t rotl64(uint64_t v, unsigned n)
{
	return (v << n) | (v >> (64 - n));
}

/* One word from the timing of a loop whose duration depends on the cache
 * state it perturbs. */
static uint64_t jitter64(void)
{
	static uint8_t scratch[4096];
	uint64_t acc = rdtsc();

	for (int i = 0; i < JITTER_ROUNDS; i++) {
		uint64_t t0 = rdtsc(), t1;
		unsigned idx = (unsigned)(acc ^ (acc >> 17)) % sizeof(scratch);

		scratch[idx] = (uint8_t)(scratch[idx] + (uint8_t)t0 + 1);
		t1 = rdtsc();
		acc = rotl64(acc, 7) ^ (t1 - t0) ^ scratch[(idx * 31 + 7) % sizeof(scratch)];
		acc *= 0x9e3779b97f4a7c15ull; /* spread the low-bit variation */
	}
	return acc;
}

enum entropy_source platform_entropy(uint64_t *out, size_t n)
{
	enum entropy_source weakest = ENTROPY_HW_SEED;

	for (size_t i = 0; i < n; i++) {
		uint64_t v;

		if (cpu_features.rdseed && rdseed64(&v)) {
			/* the strongest source: leaves `weakest` as it is */
		} else if (cpu_features.rdrand && rdrand64(&v)) {
			weakest = MIN(weakest, ENTROPY_HW_DRBG);
		} else {
			v = jitter64();
			weakest = ENTROPY_JITTER;
		}
		out[i] = v ^ rotl64(rdtsc(), 32);
	}
	return weakest;
}

const char *entropy_source_name(enum entropy_source s)
{
	switch (s) {
	case ENTROPY_HW_SEED:
		return "rdseed";
	case ENTROPY_HW_DRBG:
		return "rdrand";
	default:
		return "jitter";
	}
}
