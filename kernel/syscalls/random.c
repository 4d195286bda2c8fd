/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * getrandom(2).  The generator is seeded before its first output
 * (kernel/random.h), so GRND_NONBLOCK never sees EAGAIN and GRND_RANDOM
 * (which Linux 5.6+ treats like the default) changes nothing; GRND_INSECURE
 * gets the same secure bytes.  As in Linux 5.18 and later, one call
 * transfers at most MAX_RW_COUNT bytes (earlier kernels capped it at
 * 33554431); a fault part way returns the count stored so far.
 */
#include <klib/errno.h>
#include <linux/random.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/random.h>

#define GRND_VALID   (GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)
#define MAX_RW_COUNT (0x7ffff000ul) /* INT_MAX & PAGE_MASK, as read(2) */

long sys_getrandom(const struct syscall_args *a)
{
	unsigned flags = (unsigned)a->arg[2];
	struct iobuf b = {
		.user = true, .ubuf = uptr(a->arg[0]), .len = MIN(a->arg[1], MAX_RW_COUNT)};

	if (flags & ~GRND_VALID)
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (!access_ok(b.ubuf, b.len))
		return -EFAULT;
	return random_read_iobuf(&b);
}
