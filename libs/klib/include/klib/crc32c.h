/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * CRC-32C (Castagnoli), the checksum of ext4's metadata_csum, iSCSI and
 * SCTP.  crc32c() is the raw register update: it neither inverts the seed
 * nor the result, so a caller can chain pieces (the CRC of a+b is
 * crc32c(crc32c(seed, a), b)).  The standard CRC-32C of a buffer is
 * ~crc32c(~0u, buf, len); ext4 keeps the uninverted value.
 */
#pragma once

#include <klib/types.h>

uint32_t crc32c(uint32_t crc, const void *buf, size_t len);
