/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A deterministic xorshift64 generator for randomized host tests: the same
 * seed gives the same sequence, so a failure replays exactly. */
#pragma once

#include <stdint.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static inline void rng_seed(uint64_t seed)
{
	rng = seed ? seed : 0x9e3779b97f4a7c15ull;
}

/* uniform-ish in [0, n) */
static inline unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}
