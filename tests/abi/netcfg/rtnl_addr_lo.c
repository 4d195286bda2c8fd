/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RTM_GETADDR dumps: lo's 127.0.0.1/8 (AF_INET) and ::1/128 (AF_INET6), their scope, flags and attributes, and both in an AF_UNSPEC dump, IPv4 first. */
#include <linux/if_addr.h>
#include "nc.h"

static char buf[1 << 16];

static void dump(int family)
{
	struct ifaddrmsg m = {.ifa_family = family};
	long n = nc_request(RTM_GETADDR, NLM_F_DUMP, &m, sizeof(m), buf, sizeof(buf));

	printf("dump of family %d:\n", family);
	for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
		struct ifaddrmsg *a = NLMSG_DATA(h);
		struct rtattr *r;

		if (h->nlmsg_type == NLMSG_DONE)
			printf("  done\n");
		if (h->nlmsg_type != RTM_NEWADDR || a->ifa_index != 1)
			continue;
		printf("  family %d prefixlen %d flags %#x scope %d\n", a->ifa_family,
		       a->ifa_prefixlen, a->ifa_flags, a->ifa_scope);
		r = nc_attr(h, sizeof(*a), IFA_ADDRESS);
		printf("    address %s\n", r ? nc_ntop(a->ifa_family, RTA_DATA(r)) : "none");
		r = nc_attr(h, sizeof(*a), IFA_LOCAL);
		printf("    local %s\n", r ? nc_ntop(a->ifa_family, RTA_DATA(r)) : "none");
		FACT("    broadcast", nc_attr(h, sizeof(*a), IFA_BROADCAST) != NULL);
		r = nc_attr(h, sizeof(*a), IFA_LABEL);
		printf("    label %s\n", r ? (char *)RTA_DATA(r) : "none");
		r = nc_attr(h, sizeof(*a), IFA_FLAGS);
		printf("    flags attribute %#x\n", r ? *(unsigned *)RTA_DATA(r) & 0xff : 0);
		r = nc_attr(h, sizeof(*a), IFA_CACHEINFO);
		if (r)
			printf("    cacheinfo preferred %#x valid %#x\n",
			       ((struct ifa_cacheinfo *)RTA_DATA(r))->ifa_prefered,
			       ((struct ifa_cacheinfo *)RTA_DATA(r))->ifa_valid);
	}
}

int main(void)
{
	dump(AF_INET);
	dump(AF_INET6);
	dump(AF_UNSPEC);
	return 0;
}
