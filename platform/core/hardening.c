/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Stack-protector support (fortress profile).  The canary is a fixed odd
 * pattern until a boot entropy source exists; a smashed stack panics with a
 * backtrace of the victim.
 */
#include <platform/hardening.h>
#include <platform/panic.h>

unsigned long __stack_chk_guard = 0x6b65766c61721a2bul;

__noreturn void __stack_chk_fail(void)
{
	panic("stack protector: stack smashed in %p", __builtin_return_address(0));
}
