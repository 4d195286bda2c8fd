/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The system's identity as uname(2) and /proc/sys/kernel report it: the
 * release and version strings, and the host and domain names that
 * sethostname/setdomainname change (kernel/syscalls/misc.c).
 */
#pragma once

#define KERNEL_RELEASE "6.1.0-kevlar"
#define KERNEL_VERSION "#1 SMP PREEMPT_DYNAMIC Kevlar 0.1.0"

/* The current names, NUL-terminated (at most 64 bytes); read without a lock. */
const char *uts_hostname(void);
const char *uts_domainname(void);
