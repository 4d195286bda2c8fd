/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rtnetlink's errors for changes: EINVAL (no IFA_LOCAL, a prefix past 32), ENODEV, EOPNOTSUPP (family 0), EADDRNOTAVAIL, ESRCH for a default route not there, EPERM without CAP_NET_ADMIN. */
#include <sys/wait.h>
#include "nc.h"

static char buf[4096];

struct addr_req {
	struct ifaddrmsg m;
	struct rtattr a;
	struct in_addr ip;
};

static void ack(const char *label, int type, const void *body, size_t len)
{
	long n = nc_request(type, NLM_F_ACK, body, len, buf, sizeof(buf));

	printf("%s: ", label);
	if (n <= 0)
		printf("recv %ld\n", n);
	else
		nc_show_error((void *)buf);
}

static void all(void)
{
	struct addr_req r = {
		{AF_INET, 24, 0, 0, 1}, {RTA_LENGTH(4), IFA_LOCAL}, {htonl(0xc0000263)}};
	struct {
		struct rtmsg m;
		struct rtattr a;
		struct in_addr gw;
	} rt = {{.rtm_family = AF_INET, .rtm_table = RT_TABLE_MAIN, .rtm_type = RTN_UNICAST},
		{RTA_LENGTH(4), RTA_GATEWAY},
		{htonl(0xcb00714d)}};
	struct ifinfomsg link = {.ifi_family = AF_UNSPEC, .ifi_index = 99999};

	ack("deladdr 192.0.2.99 from lo", RTM_DELADDR, &r, sizeof(r));
	r.a.rta_type = IFA_ADDRESS;
	ack("newaddr without IFA_LOCAL", RTM_NEWADDR, &r, sizeof(r));
	r.a.rta_type = IFA_LOCAL;
	r.m.ifa_prefixlen = 33;
	ack("newaddr prefix 33", RTM_NEWADDR, &r, sizeof(r));
	r.m.ifa_prefixlen = 24;
	r.m.ifa_index = 99999;
	ack("newaddr on index 99999", RTM_NEWADDR, &r, sizeof(r));
	r.m.ifa_family = AF_UNSPEC;
	ack("newaddr family 0", RTM_NEWADDR, &r, sizeof(r));
	ack("delroute default via 203.0.113.77", RTM_DELROUTE, &rt, sizeof(rt));
	rt.m.rtm_dst_len = 33;
	ack("newroute dst_len 33", RTM_NEWROUTE, &rt, sizeof(rt));
	ack("setlink index 99999", RTM_SETLINK, &link, sizeof(link));
}

int main(void)
{
	pid_t pid;

	all();
	pid = fork();
	if (pid == 0) {
		if (setuid(65534) < 0)
			_exit(1);
		printf("as nobody:\n");
		all();
		_exit(0);
	}
	abi_wait_child("unprivileged child", pid);
	return 0;
}
