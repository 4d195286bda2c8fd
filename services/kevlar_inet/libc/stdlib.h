/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * lwIP's <stdlib.h> (only lwIP's sources see libc/): netif.c's atoi,
 * for interface names such as "lo0" (sys_arch.c).
 */
#pragma once

int atoi(const char *s);
