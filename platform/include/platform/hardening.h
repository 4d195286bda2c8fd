/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Symbols the compiler references on its own in the fortress profile
 * (-fstack-protector-strong -mstack-protector-guard=global): the canary and
 * the function called when a function's canary was overwritten.
 */
#pragma once

#include <klib/compiler.h>

extern unsigned long __stack_chk_guard;
__noreturn void __stack_chk_fail(void);
/* Boot: a random canary (called where no returning function has read it). */
void hardening_seed_canary(void);
