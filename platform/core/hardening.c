/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Stack-protector support (fortress profile).  The canary starts as a
 * fixed pattern and is replaced from the CPU's entropy source early in
 * boot, before any function that will return has read it; a smashed stack
 * panics with a backtrace of the victim.
 */
#include <platform/hardening.h>
#include <platform/panic.h>
#include <platform/random.h>

unsigned long __stack_chk_guard = 0x6b65766c61721a2bul;

/* No canary check in here: the value it would check changes. */
__attribute__((no_stack_protector)) void hardening_seed_canary(void)
{
	uint64_t v[1];

	platform_entropy(v, 1);
	__stack_chk_guard = (unsigned long)v[0] | 1ul;
}

__noreturn void __stack_chk_fail(void)
{
	panic("stack protector: stack smashed in %p", __builtin_return_address(0));
}
