/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * panic(): the one way a kernel bug ends.  Prints the message, the caller's
 * backtrace, and powers off with a failing status so that a test run that
 * hits it fails instead of hanging.  A panic inside a panic skips straight
 * to the power-off; a second CPU panicking meanwhile waits to be stopped,
 * so the first one's report is the one printed.
 */
#include <platform/irq.h>
#include <platform/log.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include "core.h"

static int panic_cpu = -1; /* atomic: the CPU reporting a panic */

__noreturn void panic(const char *fmt, ...)
{
	va_list ap;
	int expect = -1;

	irq_disable();
	if (!__atomic_compare_exchange_n(&panic_cpu, &expect, (int)cpu_id(), false,
					 __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
		if (expect == (int)cpu_id())
			arch_poweroff(1); /* a panic inside the panic */
		for (;;)
			cpu_relax(); /* another CPU reports its panic and stops this one */
	}
	arch_stop_other_cpus();
	log_panicking = true;
	kprintf("\nKERNEL PANIC on cpu %u: ", cpu_id());
	va_start(ap, fmt);
	vklog(LOG_EMERG, fmt, ap);
	va_end(ap);
	/* start at our caller: its return address, then its caller's frame */
	arch_backtrace(*(const uintptr_t *)__builtin_frame_address(0),
		       (uintptr_t)__builtin_return_address(0));
	kprintf("---[ end Kernel panic ]---\n");
	arch_poweroff(1);
}
