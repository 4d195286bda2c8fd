/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getifaddrs (an RTM_GETLINK and an RTM_GETADDR dump underneath): lo's entries, in order, with their addresses, netmasks, flags and link statistics. */
#include <ifaddrs.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include "nc.h"

static const char *addr(const struct sockaddr *sa)
{
	if (!sa)
		return "none";
	if (sa->sa_family == AF_INET)
		return nc_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr);
	if (sa->sa_family == AF_INET6)
		return nc_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr);
	if (sa->sa_family == AF_PACKET) {
		const struct sockaddr_ll *l = (const void *)sa;
		static char s[64];

		snprintf(s, sizeof(s), "packet ifindex %d hatype %d halen %d", l->sll_ifindex,
			 l->sll_hatype, l->sll_halen);
		return s;
	}
	return "other";
}

int main(void)
{
	struct ifaddrs *ifa, *i;

	if (getifaddrs(&ifa) < 0)
		return printf("getifaddrs: %s\n", abi_errname(errno)), 0;
	for (i = ifa; i; i = i->ifa_next) {
		if (strcmp(i->ifa_name, "lo"))
			continue;
		printf("lo: family %d flags %#x\n", i->ifa_addr ? i->ifa_addr->sa_family : -1,
		       i->ifa_flags);
		printf("  addr %s\n", addr(i->ifa_addr));
		printf("  netmask %s\n", addr(i->ifa_netmask));
		printf("  broadaddr %s\n",
		       (i->ifa_flags & IFF_BROADCAST) ? addr(i->ifa_broadaddr) : "(not broadcast)");
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_PACKET)
			FACT("  link statistics", i->ifa_data != NULL);
	}
	freeifaddrs(ifa);
	return 0;
}
