/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Machine power control. */
#pragma once

#include <klib/compiler.h>

/* Power the machine off.  status 0 is a clean shutdown (QEMU exits 0);
 * anything else exits QEMU with a failing status. */
__noreturn void power_off(int status);
