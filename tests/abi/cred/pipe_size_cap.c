/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SETPIPE_SZ past pipe-max-size needs CAP_SYS_RESOURCE: root without it in its effective set gets EPERM too. */
/* abi: glibc */
/* abi: serial: depends on fs.pipe-max-size, which xfer/pipe_max_size changes */
#include "abi.h"

#include <linux/capability.h>

int main(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];
	int p[2];

	SHOW(pipe(p));
	SHOW(syscall(SYS_capget, &h, d));
	d[0].effective &= ~CAP_TO_MASK(CAP_SYS_RESOURCE); /* the host's root may lack it */
	SHOW(syscall(SYS_capset, &h, d));
	SHOW(fcntl(p[0], F_SETPIPE_SZ, 1 << 21));
	SHOW(fcntl(p[0], F_SETPIPE_SZ, 1 << 20));
	SHOW(fcntl(p[0], F_GETPIPE_SZ));
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 1 << 21));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 1 << 16));
	close(p[0]);
	close(p[1]);
	return 0;
}
