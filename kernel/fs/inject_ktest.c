/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of fault injection's counting (inject.c): the NTH matching
 * call gets the fault, once; other ops and services do not count. */
#include <platform/ktest.h>
#include "inject.h"

static const struct fs_type tmpfs_like = {.name = "tmpfs"};
static const struct fs_type other = {.name = "proc"};

static struct inject_spec spec(enum svc_op op, uint32_t nth, enum svc_fault kind)
{
	struct inject_spec s = {.service = "tmpfs", .op = op, .nth = nth, .kind = kind};

	return s;
}

KTEST(inject, nth_call_once)
{
	struct vfs_sb sb = {.type = &tmpfs_like, .service = true};
	struct vfs_sb proc = {.type = &other};
	struct inject_spec s = spec(SVC_OP_WRITE, 3, SVC_FAULT_GP);
	uint64_t fired = inject_fired();

	inject_disarm_all();
	KTEST_EXPECT_EQ(t, inject_arm(&s), 0);
	KTEST_EXPECT_EQ(t, svc_inject_take(&sb, SVC_OP_WRITE), SVC_FAULT_NONE);
	KTEST_EXPECT_EQ(t, svc_inject_take(&sb, SVC_OP_READ), SVC_FAULT_NONE);
	KTEST_EXPECT_EQ(t, svc_inject_take(&proc, SVC_OP_WRITE), SVC_FAULT_NONE);
	KTEST_EXPECT_EQ(t, svc_inject_take(NULL, SVC_OP_WRITE), SVC_FAULT_NONE);
	KTEST_EXPECT_EQ(t, svc_inject_take(&sb, SVC_OP_WRITE), SVC_FAULT_NONE);
	KTEST_EXPECT_EQ(t, svc_inject_take(&sb, SVC_OP_WRITE), SVC_FAULT_GP);
	KTEST_EXPECT_EQ(t, svc_inject_take(&sb, SVC_OP_WRITE), SVC_FAULT_NONE);
	KTEST_EXPECT_EQ(t, inject_fired(), fired + 1);
}

KTEST(inject, two_due_on_one_call)
{
	struct vfs_sb sb = {.type = &tmpfs_like, .service = true};
	struct inject_spec a = spec(SVC_OP_LOOKUP, 1, SVC_FAULT_UD);
	struct inject_spec b = spec(SVC_OP_LOOKUP, 1, SVC_FAULT_DIV0);
	enum svc_fault first, second;

	inject_disarm_all();
	KTEST_EXPECT_EQ(t, inject_arm(&a), 0);
	KTEST_EXPECT_EQ(t, inject_arm(&b), 0);
	first = svc_inject_take(&sb, SVC_OP_LOOKUP);
	second = svc_inject_take(&sb, SVC_OP_LOOKUP);
	KTEST_EXPECT(t, (first == SVC_FAULT_UD && second == SVC_FAULT_DIV0) ||
				(first == SVC_FAULT_DIV0 && second == SVC_FAULT_UD));
	KTEST_EXPECT_EQ(t, svc_inject_take(&sb, SVC_OP_LOOKUP), SVC_FAULT_NONE);
}

KTEST(inject, arm_refuses_and_disarms)
{
	struct vfs_sb sb = {.type = &tmpfs_like, .service = true};
	struct inject_spec s = spec(SVC_OP_READ, 1, SVC_FAULT_PANIC);
	struct inject_spec unknown = s;
	int i, err = 0;

	inject_disarm_all();
	unknown.service[0] = 'x'; /* "xmpfs": no such fs_type */
	KTEST_EXPECT_EQ(t, inject_arm(&unknown), -EINVAL);
	for (i = 0; i < INJECT_MAX && !err; i++)
		err = inject_arm(&s);
	KTEST_EXPECT_EQ(t, err, 0);
	KTEST_EXPECT_EQ(t, inject_arm(&s), -ENOSPC);
	inject_disarm_all();
	KTEST_EXPECT_EQ(t, svc_inject_take(&sb, SVC_OP_READ), SVC_FAULT_NONE);
}

KTEST(inject, one_instance)
{
	struct vfs_sb a = {.type = &tmpfs_like, .service = true, .dev_id = 40};
	struct vfs_sb b = {.type = &tmpfs_like, .service = true, .dev_id = 41};
	struct inject_spec s = spec(SVC_OP_STATFS, 1, SVC_FAULT_ASSERT);

	inject_disarm_all();
	s.has_dev = true;
	s.dev = 41;
	KTEST_EXPECT_EQ(t, inject_arm(&s), 0);
	KTEST_EXPECT_EQ(t, svc_inject_take(&a, SVC_OP_STATFS), SVC_FAULT_NONE);
	KTEST_EXPECT_EQ(t, svc_inject_take(&b, SVC_OP_STATFS), SVC_FAULT_ASSERT);
	KTEST_EXPECT_EQ(t, svc_inject_take(&b, SVC_OP_STATFS), SVC_FAULT_NONE);
}
