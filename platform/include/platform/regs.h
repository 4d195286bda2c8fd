/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The saved user/kernel register frame (struct arch_regs) and the
 * arch-neutral accessors ring 1 uses on it: regs_syscall_nr(),
 * regs_syscall_arg(), regs_set_return(), regs_pc(), regs_set_pc(), regs_from_user().
 */
#pragma once

#include <arch/regs.h>
