/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Internal interfaces of kernel/process. */
#pragma once

#include <platform/upcall.h>

/* The last fault a user thread died of (self-tests read it). */
extern struct fault_info last_user_fault;
