/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* x86_64 thread context, embedded in ring 1's struct thread. */
#pragma once

#include <klib/types.h>

struct arch_context {
	uint64_t rsp; /* saved stack pointer (callee-saved regs on it) */
	uintptr_t kstack_top;
	void *fpu;	  /* XSAVE/FXSAVE area, 64-byte aligned */
	uint64_t fs_base; /* user TLS */
};
