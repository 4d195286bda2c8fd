/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Whole-file helpers for host tests that build trees and archives; each
 * failure is a cmocka assertion.  Include after <cmocka.h>. */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline void host_write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* The whole file, malloc'ed (the caller frees it); *len gets its size. */
static inline uint8_t *host_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc(n ? (size_t)n : 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}
