/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The TCP/IP stack's instance: the one "inet" service instance (lwIP has
 * global state, so there is exactly one per boot), made on first use as
 * an internal mount (vfs_kern_mount), so its memory is charged to it and
 * a fault in it fails it, as for a filesystem (docs/architecture.md §18).
 * A failed start (no memory, a fault in the stack while it starts) is not
 * retried: lwIP cannot be started twice in one boot.
 */
#include <klib/errno.h>
#include <kernel/inet.h>
#include <kernel/mutex.h>
#include <kernel/vfs.h>

static struct mutex inet_lock = MUTEX_INIT(inet_lock, "inet-instance");
static struct vfs_sb *inet_sb; /* inet_lock; then never changes */
static int inet_err;	       /* inet_lock: the stack could not start (it is not retried) */

struct vfs_sb *inet_instance(void)
{
	struct vfs_sb *sb = __atomic_load_n(&inet_sb, __ATOMIC_ACQUIRE);

	if (sb)
		return sb;
	mutex_lock(&inet_lock);
	sb = inet_sb;
	if (!sb && inet_err) {
		sb = ERR_PTR(inet_err);
	} else if (!sb) {
		/* lwIP's globals are half made after a failed start: keep its error */
		sb = vfs_kern_mount("inet");
		if (!IS_ERR(sb))
			__atomic_store_n(&inet_sb, sb, __ATOMIC_RELEASE);
		else
			inet_err = (int)PTR_ERR(sb);
	}
	mutex_unlock(&inet_lock);
	return sb;
}
