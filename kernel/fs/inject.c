/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Fault injection (contain.h): nothing armed yet. */
#include "contain.h"

enum svc_fault svc_inject_take(const struct vfs_sb *sb, enum svc_op op)
{
	(void)sb;
	(void)op;
	return SVC_FAULT_NONE;
}
