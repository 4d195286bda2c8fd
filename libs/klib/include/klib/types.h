/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Basic freestanding types used across the kernel. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t ssize_t;
typedef uint64_t paddr_t; /* a physical address */
typedef uint64_t pfn_t;	  /* a physical page frame number */
