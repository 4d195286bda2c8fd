/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * In-place ascending sorts of integer arrays: a heap sort, O(n log n) for
 * any input, no recursion and no extra memory (callers sort under locks
 * and in allocation-free paths).
 */
#pragma once

#include <klib/types.h>

void sort_u32(uint32_t *v, size_t n);
void sort_u64(uint64_t *v, size_t n);
