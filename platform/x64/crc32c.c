/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * platform_crc32c on x86_64: SSE4.2's crc32 instruction, eight bytes a
 * step once the pointer is aligned.  It works on general registers only,
 * so the kernel's no-SIMD rule (arch.mk) holds.  CPUID leaf 1, ECX bit 20
 * says whether the CPU has it; the answer is cached at the first call
 * (every CPU of a machine answers the same, so a race stores one value).
 */
#include <klib/compiler.h>
#include <klib/crc32c.h>
#include <platform/crc32c.h>
#include "cpu.h"

#define CPUID_ECX_SSE4_2 (1u << 20)

static int has_crc32; /* 0 unknown, 1 yes, -1 no (relaxed: one value) */

static bool hw(void)
{
	int v = READ_ONCE(has_crc32);

	if (!v) {
		uint32_t r[4];

		cpuid(1, 0, r);
		v = (r[2] & CPUID_ECX_SSE4_2) ? 1 : -1;
		WRITE_ONCE(has_crc32, v);
	}
	return v > 0;
}

static inline uint32_t crc32_u8(uint32_t crc, uint8_t v)
{
	__asm__("crc32b %1, %0" : "+r"(crc) : "rm"(v));
	return crc;
}

static inline uint32_t crc32_u64(uint32_t crc, uint64_t v)
{
	uint64_t c = crc;

	__asm__("crc32q %1, %0" : "+r"(c) : "rm"(v));
	return (uint32_t)c;
}

uint32_t platform_crc32c(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	if (!hw())
		return crc32c(crc, buf, len);
	for (; len && ((uintptr_t)p & 7); len--)
		crc = crc32_u8(crc, *p++);
	/* four steps a turn: a block is 128 turns, not 512 */
	for (; len >= 32; len -= 32, p += 32) {
		const uint64_t *w = (const uint64_t *)p;

		crc = crc32_u64(crc, w[0]);
		crc = crc32_u64(crc, w[1]);
		crc = crc32_u64(crc, w[2]);
		crc = crc32_u64(crc, w[3]);
	}
	for (; len >= 8; len -= 8, p += 8)
		crc = crc32_u64(crc, *(const uint64_t *)p);
	while (len--)
		crc = crc32_u8(crc, *p++);
	return crc;
}
