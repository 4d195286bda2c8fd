/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* socket(2)'s argument checks in Linux's order: unknown type flags EINVAL, a family out of range EAFNOSUPPORT, then a type out of range EINVAL. */
/* abi: glibc */
#include "abi.h"

#include <sys/socket.h>

int main(void)
{
	SHOW(syscall(SYS_socket, AF_UNIX, SOCK_STREAM | 0x40, 0)); /* not a flag */
	SHOW(syscall(SYS_socket, 9999, SOCK_STREAM | 0x40, 0));	   /* flags first */
	SHOW(syscall(SYS_socket, 9999, SOCK_STREAM, 0));	   /* family range */
	SHOW(syscall(SYS_socket, -1, SOCK_DGRAM, 0));
	SHOW(syscall(SYS_socket, 46, SOCK_DGRAM, 0)); /* AF_MAX */
	SHOW(syscall(SYS_socket, 9999, 12, 0));	      /* family before type */
	SHOW(syscall(SYS_socket, AF_UNIX, 12, 0));    /* type range */
	SHOW(syscall(SYS_socket, AF_INET, 15 | SOCK_CLOEXEC, 0));
	return 0;
}
