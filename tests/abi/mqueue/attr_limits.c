/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mq_open's attributes: the defaults, what is kept, and msg_max/msgsize_max without CAP_SYS_RESOURCE. */
/* abi: glibc */
#define MQ_BASE "abi_mq_attr_limits"
#include "mq.h"

#include <linux/capability.h>

#define Q QK

static void try(long maxmsg, long msgsize)
{
	struct mq_attr a = {.mq_flags = O_NONBLOCK, .mq_maxmsg = maxmsg, .mq_msgsize = msgsize};
	struct mq_attr got;
	long fd = syscall(SYS_mq_open, Q, O_RDWR | O_CREAT | O_EXCL, 0600, &a);

	printf("maxmsg %ld msgsize %ld: ", maxmsg, msgsize);
	if (fd < 0) {
		printf("%s\n", abi_errname(errno));
		return;
	}
	syscall(SYS_mq_getsetattr, fd, NULL, &got);
	printf("flags %ld maxmsg %ld msgsize %ld curmsgs %ld\n", got.mq_flags, got.mq_maxmsg,
	       got.mq_msgsize, got.mq_curmsgs);
	close(fd);
	syscall(SYS_mq_unlink, Q);
}

int main(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];
	struct mq_attr got;
	long fd;

	/* the host's own root may lack CAP_SYS_RESOURCE: nobody has it here */
	syscall(SYS_capget, &h, d);
	d[0].effective &= ~(1u << CAP_SYS_RESOURCE);
	d[0].permitted &= ~(1u << CAP_SYS_RESOURCE);
	SHOW(syscall(SYS_capset, &h, d));
	try(0, 16);
	try(1, 0);
	try(-1, 16);
	try(1, -5);
	try(1, 1);
	try(5, 64);
	try(10, 8192);
	try(11, 16);
	try(1, 8193);
	try(65537, 16);
	fd = SHOW_OK(syscall(SYS_mq_open, Q, O_RDWR | O_CREAT | O_NONBLOCK, 0600, NULL));
	SHOW(syscall(SYS_mq_getsetattr, fd, NULL, &got));
	printf("defaults: flags %ld maxmsg %ld msgsize %ld\n", got.mq_flags, got.mq_maxmsg,
	       got.mq_msgsize);
	SHOW(syscall(SYS_mq_unlink, Q));
	return 0;
}
