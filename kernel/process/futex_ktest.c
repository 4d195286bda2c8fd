/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of FUTEX_WAKE_OP's arithmetic: the five operations, the
 * shift form, 12-bit sign extension and the six signed comparisons. */
#include <klib/errno.h>
#include <linux/futex.h>
#include <platform/ktest.h>
#include <kernel/futex.h>

/* FUTEX_OP with unsigned shifts: the UAPI macro shifts an int into its
 * sign bit for the OPARG_SHIFT operations. */
#define OP_ENC(op, oparg, cmp, cmparg)                                  \
	((((uint32_t)(op)&0xf) << 28) | (((uint32_t)(cmp)&0xf) << 24) | \
	 (((uint32_t)(oparg)&0xfff) << 12) | ((uint32_t)(cmparg)&0xfff))

KTEST(futex, wake_op_operations)
{
	uint32_t nv = 0;

	KTEST_EXPECT_EQ(t, futex_op_compute(OP_ENC(FUTEX_OP_SET, 0x7ff, 0, 0), 1, &nv), 0);
	KTEST_EXPECT_EQ(t, nv, 0x7ffu);
	futex_op_compute(OP_ENC(FUTEX_OP_SET, 0xfff, 0, 0), 1, &nv);
	KTEST_EXPECT_EQ(t, nv, 0xffffffffu); /* -1: the argument is signed */
	futex_op_compute(OP_ENC(FUTEX_OP_ADD, 0xffe, 0, 0), 40, &nv);
	KTEST_EXPECT_EQ(t, nv, 38u);
	futex_op_compute(OP_ENC(FUTEX_OP_OR, 0xf, 0, 0), 0x30, &nv);
	KTEST_EXPECT_EQ(t, nv, 0x3fu);
	futex_op_compute(OP_ENC(FUTEX_OP_ANDN, 0xf, 0, 0), 0xff, &nv);
	KTEST_EXPECT_EQ(t, nv, 0xf0u);
	futex_op_compute(OP_ENC(FUTEX_OP_XOR, 0xff, 0, 0), 0xf, &nv);
	KTEST_EXPECT_EQ(t, nv, 0xf0u);
	futex_op_compute(OP_ENC((FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT), 31, 0, 0), 0, &nv);
	KTEST_EXPECT_EQ(t, nv, 0x80000000u);
	futex_op_compute(OP_ENC((FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT), 40, 0, 0), 0, &nv);
	KTEST_EXPECT_EQ(t, nv, 0x100u); /* a shift past 31 is masked, as Linux does */
	KTEST_EXPECT_EQ(t, futex_op_compute(OP_ENC(5, 0, 0, 0), 0, &nv), -ENOSYS);
}

KTEST(futex, wake_op_comparisons)
{
	uint32_t nv;

	KTEST_EXPECT_EQ(t, futex_op_compute(OP_ENC(0, 0, FUTEX_OP_CMP_EQ, 5), 5, &nv), 1);
	KTEST_EXPECT_EQ(t, futex_op_compute(OP_ENC(0, 0, FUTEX_OP_CMP_NE, 5), 5, &nv), 0);
	KTEST_EXPECT_EQ(t, futex_op_compute(OP_ENC(0, 0, FUTEX_OP_CMP_LT, 6), 5, &nv), 1);
	KTEST_EXPECT_EQ(t, futex_op_compute(OP_ENC(0, 0, FUTEX_OP_CMP_LE, 4), 5, &nv), 0);
	KTEST_EXPECT_EQ(t, futex_op_compute(OP_ENC(0, 0, FUTEX_OP_CMP_GT, 0xfff), 0, &nv), 1);
	KTEST_EXPECT_EQ(t, futex_op_compute(OP_ENC(0, 0, FUTEX_OP_CMP_GE, 0), -1u, &nv), 0);
	KTEST_EXPECT_EQ(t, futex_op_compute(OP_ENC(0, 0, 6, 0), 0, &nv), -ENOSYS);
}
