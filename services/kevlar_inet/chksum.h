/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* lwIP's LWIP_CHKSUM (lwipopts.h names it too): chksum.c. */
#ifndef KEVLAR_INET_CHKSUM_H
#define KEVLAR_INET_CHKSUM_H

#include <klib/types.h>

/* The ones'-complement sum of `len` bytes at `data` (any alignment) as
 * 16-bit words in the CPU's byte order, folded, not inverted: what lwIP's
 * lwip_standard_chksum returns.  Pure; any context. */
uint16_t kevlar_inet_chksum(const void *data, int len);

#endif
