/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Debugging aids. */
#pragma once

#include <klib/compiler.h>

/* Crash on purpose ("panic" or "fault"); never returns. */
__noreturn void debug_crash(const char *kind);
