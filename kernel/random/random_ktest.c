/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the platform entropy source and the ChaCha20 generator:
 * outputs differ from call to call, cover exactly the bytes asked for, look
 * balanced (a monobit count far inside the bounds a uniform source meets),
 * and reach user-or-kernel iobufs.
 */
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/random.h>
#include <kernel/random.h>

KTEST(random, platform_entropy_varies)
{
	uint64_t a[4] = {0}, b[4] = {0};
	enum entropy_source s = platform_entropy(a, 4);

	platform_entropy(b, 4);
	KTEST_EXPECT(t, s == ENTROPY_JITTER || s == ENTROPY_HW_DRBG || s == ENTROPY_HW_SEED);
	KTEST_EXPECT(t, memcmp(a, b, sizeof(a)) != 0);
	KTEST_EXPECT(t, a[0] != a[1] && a[1] != a[2] && a[2] != a[3]);
	KTEST_EXPECT(t, entropy_source_name(s) != NULL);
}

/* Bytes outside [off, off+len) keep their pattern; inside, not all do. */
static void check_span(struct ktest_ctx *t, size_t len)
{
	uint8_t buf[300];
	size_t off = 7, same = 0;

	memset(buf, 0xa5, sizeof(buf));
	random_bytes(buf + off, len);
	for (size_t i = 0; i < off; i++)
		KTEST_EXPECT_EQ(t, buf[i], 0xa5);
	for (size_t i = off + len; i < sizeof(buf); i++)
		KTEST_EXPECT_EQ(t, buf[i], 0xa5);
	for (size_t i = off; i < off + len; i++)
		same += buf[i] == 0xa5;
	if (len >= 8)
		KTEST_EXPECT(t, same < len / 2);
}

KTEST(random, random_bytes_exact_lengths)
{
	static const size_t lens[] = {0, 1, 31, 32, 63, 64, 65, 127, 128, 129, 255, 256, 257};

	for (size_t i = 0; i < ARRAY_SIZE(lens); i++)
		check_span(t, lens[i]);
}

KTEST(random, outputs_differ_and_are_balanced)
{
	uint8_t a[64], b[64];
	size_t n = 4096, ones = 0;
	uint8_t *big = kmalloc(n);

	random_bytes(a, sizeof(a));
	random_bytes(b, sizeof(b));
	KTEST_EXPECT(t, memcmp(a, b, sizeof(a)) != 0);
	if (!big) {
		KTEST_EXPECT(t, big != NULL);
		return;
	}
	random_bytes(big, n);
	for (size_t i = 0; i < n; i++)
		for (unsigned v = big[i]; v; v >>= 1)
			ones += v & 1;
	/* 32768 fair bits: mean 16384, sigma 90.5; +-800 is ~9 sigma */
	KTEST_EXPECT(t, ones > 16384 - 800 && ones < 16384 + 800);
	kfree(big);
}

KTEST(random, mix_changes_the_stream_and_iobuf_fills)
{
	uint8_t a[32], buf[100];
	struct iobuf b = {.user = false, .kbuf = buf, .len = sizeof(buf)};

	random_mix("kevlar", 6);
	random_bytes(a, sizeof(a));
	memset(buf, 0, sizeof(buf));
	KTEST_EXPECT_EQ(t, random_read_iobuf(&b), sizeof(buf));
	KTEST_EXPECT(t, memcmp(buf, a, sizeof(a)) != 0);
	b.len = 0;
	KTEST_EXPECT_EQ(t, random_read_iobuf(&b), 0);
}
