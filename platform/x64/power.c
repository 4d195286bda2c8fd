/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Power off.  Under QEMU the isa-debug-exit device (port 0xf4, added by
 * tools/run-qemu.sh) ends the emulator with status (v << 1) | 1: v = 0 for
 * a clean shutdown (1), v = 1 after a panic (3); run-qemu.sh maps those to
 * 0 and 3, and reports an exit without either (a reset, e.g. a triple
 * fault) as a failure.  Elsewhere the write is ignored and ACPI's PM1a
 * control register (0x604 on QEMU's i440fx/q35 firmware) powers off; if
 * that is missing too, halt forever.
 *
 * A non-zero power_off() status (the exit status of init, for `make run
 * CMD=...`) does not fit the 7 bits debug-exit can carry next to the panic
 * code, so it is written in decimal to the debug console port 0xe9
 * (QEMU's -debugcon, which run-qemu.sh reads back) and debug-exit gets
 * v = 2 (QEMU exits 5).
 */
#include <platform/power.h>
#include "../core/core.h"
#include "x64.h"

#define ACPI_PM1A_CNT 0x604
#define ACPI_SLP_EN   0x2000
#define DEBUG_EXIT    0xf4
#define DEBUG_CON     0xe9
#define EXIT_STATUS   2 /* debug-exit value: a status was written to DEBUG_CON */

static __noreturn void halt_machine(uint32_t exit_value)
{
	__asm__ volatile("cli");
	outl(DEBUG_EXIT, exit_value);
	outw(ACPI_PM1A_CNT, ACPI_SLP_EN);
	for (;;)
		__asm__ volatile("hlt");
}

__noreturn void arch_poweroff(int failed)
{
	halt_machine(failed ? 1 : 0);
}

__noreturn void power_off(int status)
{
	char digits[12];
	int n = 0;
	unsigned v = (unsigned)status;

	if (status == 0)
		halt_machine(0);
	do {
		digits[n++] = (char)('0' + v % 10);
	} while ((v /= 10) && n < (int)sizeof(digits));
	while (n)
		outb(DEBUG_CON, (uint8_t)digits[--n]);
	outb(DEBUG_CON, '\n');
	halt_machine(EXIT_STATUS);
}
