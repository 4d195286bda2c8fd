/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* CRC-32 (IEEE), bit by bit. */
#include "proj.h"

uint32_t crc32_of(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint32_t crc = 0xffffffffu;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}
