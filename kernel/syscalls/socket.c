/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * socket(2) while Kevlar has no address family (Unix sockets arrive with
 * issue 11, IPv4 and IPv6 with issue 14): Linux's argument checks in its
 * order, then EAFNOSUPPORT, which is what Linux answers for a family it
 * was built without.  Programs that probe for an optional facility take
 * that answer as "not here" and go on (libpam's audit socket: Debian's
 * su and login), where ENOSYS made them fail.
 */
#include <klib/errno.h>
#include <linux/fcntl.h>
#include <generated/syscalls.h>
#include "sys.h"

/* Not in the UAPI headers (Linux's include/linux/net.h and socket.h):
 * the type bits below the flags, and the bounds Linux checks first. */
#define SOCK_TYPE_MASK 0xf
#define SOCK_MAX       11 /* SOCK_PACKET + 1 */
#define AF_MAX	       46 /* Linux 6.1 */

long sys_socket(const struct syscall_args *a)
{
	int family = (int)a->arg[0], type = (int)a->arg[1];

	if (type & ~(SOCK_TYPE_MASK | O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if ((type & SOCK_TYPE_MASK) >= SOCK_MAX)
		return -EINVAL;
	return -EAFNOSUPPORT;
}
