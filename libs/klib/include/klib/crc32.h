/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * CRC-32 (IEEE 802.3, the zlib/PNG/GPT checksum, reflected polynomial
 * 0xEDB88320).  Like crc32c(), the raw register update: the standard
 * CRC-32 of a buffer is ~crc32(~0u, buf, len), and pieces chain.
 */
#pragma once

#include <klib/types.h>

uint32_t crc32(uint32_t crc, const void *buf, size_t len);
