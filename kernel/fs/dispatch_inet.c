/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The dispatch wrappers of the TCP/IP stack's protocol table
 * (kevlar_vfs/inet.h): the only place ring 1 calls into kevlar_inet, each
 * call a crossing (SVC_CALL, op "inet") into the stack's instance.
 */
#include <klib/errno.h>
#include <kevlar_vfs/inet.h>
#include <kernel/inet.h>
#include "contain.h"

int inet_selftest(struct vfs_sb *sb, unsigned test)
{
	const struct inet_ops *ops = sb->type->inet;

	if (!ops || !ops->selftest)
		return -EOPNOTSUPP;
	return SVC_CALL(sb, SVC_OP_INET, ops, ops->selftest(sb, test));
}

int inet_ifconfig(struct vfs_sb *sb, const struct inet_ifconf *conf)
{
	const struct inet_ops *ops = sb->type->inet;

	if (!ops || !ops->ifconfig)
		return -EOPNOTSUPP;
	return SVC_CALL(sb, SVC_OP_INET, ops, ops->ifconfig(sb, conf));
}

int inet_ifstate(struct vfs_sb *sb, const char *ifname, struct inet_ifstate *st)
{
	const struct inet_ops *ops = sb->type->inet;

	if (!ops || !ops->ifstate)
		return -EOPNOTSUPP;
	return SVC_CALL(sb, SVC_OP_INET, ops, ops->ifstate(sb, ifname, st));
}

int inet_iftest(struct vfs_sb *sb, unsigned test, struct inet_iftest_arg *arg)
{
	const struct inet_ops *ops = sb->type->inet;

	if (!ops || !ops->iftest)
		return -EOPNOTSUPP;
	return SVC_CALL(sb, SVC_OP_INET, ops, ops->iftest(sb, test, arg));
}
