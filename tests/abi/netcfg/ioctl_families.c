/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Interface ioctls on every socket family: the device ones work on AF_INET6, AF_UNIX and AF_NETLINK sockets too; the IPv4 address ones are ENOTTY there. */
#include <sys/un.h>
#include "nc.h"

static void family(const char *label, int s)
{
	struct ifreq r = nc_ifr("lo");
	struct ifconf c = {0};

	printf("%s:\n", label);
	SHOW(ioctl(s, SIOCGIFFLAGS, &r));
	printf("flags %#x\n", (unsigned short)r.ifr_flags);
	SHOW(ioctl(s, SIOCGIFINDEX, &r));
	printf("index %d\n", r.ifr_ifindex);
	SHOW(ioctl(s, SIOCGIFMTU, &r));
	r = nc_ifr("lo");
	SHOW(ioctl(s, SIOCGIFADDR, &r));
	SHOW(ioctl(s, SIOCGIFNETMASK, &r));
	SHOW(ioctl(s, SIOCGIFCONF, &c));
	FACT("ifconf length a multiple of ifreq", c.ifc_len > 0 && c.ifc_len % sizeof(r) == 0);
	close(s);
}

int main(void)
{
	family("AF_INET6", socket(AF_INET6, SOCK_DGRAM, 0));
	family("AF_UNIX", socket(AF_UNIX, SOCK_STREAM, 0));
	family("AF_NETLINK", socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
	family("AF_INET stream", socket(AF_INET, SOCK_STREAM, 0));
	return 0;
}
