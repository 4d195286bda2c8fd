/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * CRC-32 (IEEE), bit by bit: it checks GPT headers and entry arrays, a
 * few KiB per disk at boot, so the table crc32c.c keeps is not worth its
 * 1 KiB here.
 */
#include <klib/crc32.h>

uint32_t crc32(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return crc;
}
