/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * CRC-32C with the CPU's own instruction where it has one (x86_64:
 * SSE4.2's crc32, CPUID decides), else klib's table code: the same raw
 * register update as klib/crc32c.h's crc32c(), neither seed nor result
 * inverted.  ext4 checksums every directory block, bitmap and inode it
 * writes with it; Linux uses the instruction too (crc32c-intel).  Any
 * context, never sleeps.
 */
#pragma once

#include <klib/types.h>

uint32_t platform_crc32c(uint32_t crc, const void *buf, size_t len);
