/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Host stand-in for <arch/physmap.h>: see the <arch/mmu.h> stub. */
#pragma once

#include <arch/mmu.h>
