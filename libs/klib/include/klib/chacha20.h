/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The ChaCha20 block function of RFC 8439 (section 2.3): a 256-bit key, a
 * 32-bit block counter and a 96-bit nonce give 64 bytes of key stream.
 * Pure code, no state; the kernel's random number generator builds on it.
 * Words are as the RFC defines them: key and nonce are read from bytes in
 * little-endian order, the output block is serialized little-endian.
 */
#pragma once

#include <klib/types.h>

#define CHACHA20_KEY_SIZE   32
#define CHACHA20_NONCE_SIZE 12
#define CHACHA20_BLOCK_SIZE 64

/* out = ChaCha20(key, counter, nonce), one 64-byte block. */
void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t out[CHACHA20_BLOCK_SIZE]);
