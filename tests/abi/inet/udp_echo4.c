/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* UDP over the IPv4 loopback: sendto/recvfrom keep datagram boundaries and report the sender; connected UDP. */
#include "inet_util.h"

int main(void)
{
	return udp_echo(AF_INET);
}
