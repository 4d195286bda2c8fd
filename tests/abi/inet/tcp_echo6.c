/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* TCP over the IPv6 loopback: listen, connect, accept, bytes both ways, EOF after close. */
#include "inet_util.h"

int main(void)
{
	return tcp_echo(AF_INET6);
}
