/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for libs/klib/chacha20.c against the published vectors of
 * RFC 8439: the block function example of section 2.3.2 and the five
 * block-function vectors of appendix A.1 (key, counter and nonce each
 * varied on its own, so a wrong word order or rotation shows up).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <klib/chacha20.h>

struct vector {
	const char *name;
	const char *key;
	uint32_t counter;
	const char *nonce;
	const char *block;
};

static const struct vector vectors[] = {
	{"rfc8439 2.3.2", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 1,
	 "000000090000004a00000000",
	 "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
	 "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e"},
	{"rfc8439 A.1 #1", "0000000000000000000000000000000000000000000000000000000000000000", 0,
	 "000000000000000000000000",
	 "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
	 "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"},
	{"rfc8439 A.1 #2", "0000000000000000000000000000000000000000000000000000000000000000", 1,
	 "000000000000000000000000",
	 "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
	 "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f"},
	{"rfc8439 A.1 #3", "0000000000000000000000000000000000000000000000000000000000000001", 1,
	 "000000000000000000000000",
	 "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
	 "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0"},
	{"rfc8439 A.1 #4", "00ff000000000000000000000000000000000000000000000000000000000000", 2,
	 "000000000000000000000000",
	 "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
	 "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096"},
	{"rfc8439 A.1 #5", "0000000000000000000000000000000000000000000000000000000000000000", 0,
	 "000000000000000000000002",
	 "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c7"
	 "8a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d"},
};

static void unhex(const char *hex, uint8_t *out, size_t n)
{
	assert_int_equal(strlen(hex), 2 * n);
	for (size_t i = 0; i < n; i++) {
		unsigned v;

		assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
}

static void test_vectors(void **state)
{
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		const struct vector *v = &vectors[i];
		uint8_t key[CHACHA20_KEY_SIZE], nonce[CHACHA20_NONCE_SIZE];
		uint8_t want[CHACHA20_BLOCK_SIZE], got[CHACHA20_BLOCK_SIZE];

		unhex(v->key, key, sizeof(key));
		unhex(v->nonce, nonce, sizeof(nonce));
		unhex(v->block, want, sizeof(want));
		memset(got, 0xee, sizeof(got));
		chacha20_block(key, v->counter, nonce, got);
		if (memcmp(got, want, sizeof(want)))
			fail_msg("%s: key stream differs", v->name);
	}
}

/* The counter is a full 32-bit word: the largest value must not carry
 * into the nonce (RFC 8439 leaves wrap-around to the caller). */
static void test_counter_is_independent_of_nonce(void **state)
{
	uint8_t key[CHACHA20_KEY_SIZE] = {1}, nonce[CHACHA20_NONCE_SIZE] = {0};
	uint8_t a[CHACHA20_BLOCK_SIZE], b[CHACHA20_BLOCK_SIZE];

	chacha20_block(key, 0xffffffffu, nonce, a);
	chacha20_block(key, 0xffffffffu, nonce, b);
	assert_memory_equal(a, b, sizeof(a)); /* deterministic */
	chacha20_block(key, 0, nonce, b);
	assert_memory_not_equal(a, b, sizeof(a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_counter_is_independent_of_nonce),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
