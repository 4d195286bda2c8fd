/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The TCP/IP stack's instance: the one "inet" service instance (lwIP has
 * global state, so there is exactly one per boot), made on first use as
 * an internal mount (vfs_kern_mount), so its memory is charged to it and
 * a fault in it fails it, as for a filesystem (docs/architecture.md §18).
 */
#include <klib/errno.h>
#include <kernel/inet.h>
#include <kernel/mutex.h>
#include <kernel/vfs.h>

static struct mutex inet_lock = MUTEX_INIT(inet_lock, "inet-instance");
static struct vfs_sb *inet_sb; /* inet_lock; then never changes */

struct vfs_sb *inet_instance(void)
{
	struct vfs_sb *sb = __atomic_load_n(&inet_sb, __ATOMIC_ACQUIRE);

	if (sb)
		return sb;
	mutex_lock(&inet_lock);
	sb = inet_sb;
	if (!sb) {
		sb = vfs_kern_mount("inet");
		if (!IS_ERR(sb))
			__atomic_store_n(&inet_sb, sb, __ATOMIC_RELEASE);
	}
	mutex_unlock(&inet_lock);
	return sb;
}
