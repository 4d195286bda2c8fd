/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An RTM_GETLINK dump (what getifaddrs sends): Linux lists at least the loopback device. */
/* abi: glibc */
#include <ifaddrs.h>
#include <net/if.h>
#include "nl.h"

int main(void)
{
	struct nl_req r = nl_req(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1);
	static char buf[65536];
	struct ifaddrs *ifa, *i;
	struct if_nameindex *ni;
	int s = nl_socket(0), lo = 0, done = 0;
	long n;

	SHOW(send(s, &r, sizeof(r), 0));
	while (!done && (n = recv(s, buf, sizeof(buf), MSG_DONTWAIT)) > 0) {
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
				if (h->nlmsg_type == NLMSG_ERROR)
					nl_show_ack("error", (void *)h, h->nlmsg_len);
				done = 1;
				break;
			}
			if (h->nlmsg_type == RTM_NEWLINK &&
			    ((struct ifinfomsg *)NLMSG_DATA(h))->ifi_flags & IFF_LOOPBACK)
				lo = 1;
		}
	}
	FACT("dump ended", done);
	FACT("loopback listed", lo);
	/* the libc's users of the same dump */
	if (getifaddrs(&ifa) == 0) {
		for (lo = 0, i = ifa; i; i = i->ifa_next)
			lo |= !strcmp(i->ifa_name, "lo");
		freeifaddrs(ifa);
		FACT("getifaddrs lists lo", lo);
	} else {
		printf("getifaddrs: %s\n", abi_errname(errno));
	}
	ni = if_nameindex();
	if (ni) {
		FACT("if_nameindex lists lo", ni[0].if_name != NULL);
		if_freenameindex(ni);
	} else {
		printf("if_nameindex: %s\n", abi_errname(errno));
	}
	return 0;
}
