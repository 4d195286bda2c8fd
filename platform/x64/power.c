/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Power off.  Under QEMU the isa-debug-exit device (port 0xf4, added by
 * tools/run-qemu.sh) ends the emulator with status (v << 1) | 1: v = 0 for
 * a clean shutdown (1), v = 1 after a panic (3); run-qemu.sh maps those to
 * 0 and 3, and reports an exit without either (a reset, e.g. a triple
 * fault) as a failure.  Elsewhere the write is ignored and ACPI's PM1a
 * control register (0x604 on QEMU's i440fx/q35 firmware) powers off; if
 * that is missing too, halt forever.
 */
#include <platform/power.h>
#include "../core/core.h"
#include "x64.h"

#define ACPI_PM1A_CNT 0x604
#define ACPI_SLP_EN   0x2000
#define DEBUG_EXIT    0xf4

__noreturn void arch_poweroff(int failed)
{
	__asm__ volatile("cli");
	outl(DEBUG_EXIT, failed ? 1 : 0);
	outw(ACPI_PM1A_CNT, ACPI_SLP_EN);
	for (;;)
		__asm__ volatile("hlt");
}

__noreturn void power_off(int status)
{
	arch_poweroff(status != 0);
}

void arch_stop_other_cpus(void)
{
	/* No application processors are started yet (SMP comes later); once
	 * they are, this sends VEC_IPI_STOP to all but self. */
}
