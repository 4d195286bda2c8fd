/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* generated/config.h stand-in for host unit tests: the checking profile. */
#pragma once
#define CONFIG_PROFILE_NAME	"host"
#define CONFIG_ASSERTS		1
#define CONFIG_HARDENING	0
#define CONFIG_ACCESS_OK	1
#define CONFIG_CAP_RUNTIME	0 /* tokens are the compiler's: balanced */
#define CONFIG_CAP_STATIC	1
#define CONFIG_RING2_CONTAIN	0 /* no recovery points on the host */
#define CONFIG_DISPATCH_DIRECT	1
#define CONFIG_DISPATCH_CHECKED 0
#define CONFIG_COPY_FRAMES	0
#define CONFIG_MAX_CPUS		8
