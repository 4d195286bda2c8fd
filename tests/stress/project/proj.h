/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The build-stress project's modules: each computes one checkable value. */
#ifndef PROJ_H
#define PROJ_H
#include <stddef.h>
#include <stdint.h>

uint32_t crc32_of(const void *buf, size_t len);
unsigned primes_below(unsigned n);
uint64_t sort_checksum(unsigned n);
uint64_t matrix_trace(unsigned n);
unsigned queens(unsigned n);
unsigned collatz_longest(unsigned below);
uint64_t fnv1a(const char *s);
size_t base64_encode(const unsigned char *in, size_t len, char *out);
size_t rle_encode(const char *in, char *out);
uint64_t fib(unsigned n);
void str_reverse_words(char *s);
#endif
