/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * lwIP's compiler and platform header for Kevlar (lwIP's "arch/cc.h",
 * included by lwip/arch.h only).  Freestanding: the compiler's stdint.h
 * and stddef.h, klib's string functions (libc/), no inttypes.h, ctype.h or
 * unistd.h.  Diagnostics go to the kernel log through the service API; a
 * failed lwIP assertion is the service's fatal error (svc_panic), which in
 * the containing profiles fails the stack's instance, not the kernel.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <kevlar_vfs/service.h>

#define LWIP_NO_INTTYPES_H 1
#define LWIP_NO_CTYPE_H	   1
#define LWIP_NO_UNISTD_H   1
#define LWIP_NO_LIMITS_H   1 /* gcc's limits.h wants a C library's under it */
#ifndef INT_MAX
#define INT_MAX __INT_MAX__
#endif
#ifndef SSIZE_MAX
#define SSIZE_MAX __LONG_MAX__ /* klib's ssize_t is long: lwIP must not make its own */
#endif

/* Linux's errno numbers (err.c's err_to_errno, for the socket layer) */
#define LWIP_ERRNO_INCLUDE <klib/errno.h>

/* printf formats for lwIP's types (u16_t is unsigned short, u32_t unsigned int) */
#define X8_F  "02x"
#define U16_F "hu"
#define S16_F "hd"
#define X16_F "hx"
#define U32_F "u"
#define S32_F "d"
#define X32_F "x"
#define SZT_F "zu"

/* The compiler's own byte order, whose values are lwIP's LITTLE_ENDIAN (1234)
 * and BIG_ENDIAN (4321): no arch test. */
#define BYTE_ORDER __BYTE_ORDER__

#define PACK_STRUCT_STRUCT __attribute__((packed))

#define LWIP_RAND() ((u32_t)svc_random())

#define LWIP_PLATFORM_DIAG(x) \
	do {                  \
		svc_log x;    \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x) \
	svc_panic("lwip: assertion \"%s\" failed at %s:%d", x, __FILE__, __LINE__)
