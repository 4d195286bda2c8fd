/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * System call dispatch.  The table is generated from syscalls.list
 * (tools/gen-syscalls.py) with Linux's numbers; each entry is
 * `long sys_<name>(const struct syscall_args *a)` returning a value or
 * -errno, exactly what user space sees in rax.
 */
#pragma once

#include <klib/types.h>
#include <platform/regs.h>

struct syscall_args {
	long nr;
	uint64_t arg[6];
	struct arch_regs *regs; /* the caller's saved registers */
};

typedef long (*syscall_fn)(const struct syscall_args *a);

extern const syscall_fn syscall_table[];
extern const char *const syscall_names[];
