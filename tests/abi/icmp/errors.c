/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Ping and raw socket errors: protocols, addresses, EACCES outside ping_group_range, EPERM without CAP_NET_RAW. */
#include "icmp_util.h"
#include <grp.h>

static void set_range(const char *r)
{
	int fd = open("/proc/sys/net/ipv4/ping_group_range", O_WRONLY);

	if (fd < 0 || write(fd, r, strlen(r)) < 0)
		printf("FAIL: write ping_group_range %s\n", r);
	if (fd >= 0)
		close(fd);
}

static int unprivileged(void *arg)
{
	(void)arg;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
		return 99;
	SHOW(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	SHOW(socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6));
	SHOW(socket(AF_INET, SOCK_RAW, 0));
	SHOW_OK(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
	return 0;
}

int main(void)
{
	struct sockaddr_in a = lo4();
	struct sockaddr_in6 b = lo6();
	unsigned char req[64];
	char range[64] = "";
	int fd, fd6, rfd;
	ssize_t n;

	icmp_netns();
	SHOW(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMPV6));
	SHOW(socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMP));
	SHOW(socket(AF_INET, SOCK_RAW, 0));
	SHOW(socket(AF_INET, SOCK_RAW, 263));
	SHOW(socket(AF_INET, SOCK_RAW, -1));
	fd = SHOW(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
	fd6 = SHOW(socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6));
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a) - 1));
	SHOW(bind(fd, (struct sockaddr *)&b, sizeof(b)));
	a.sin_addr.s_addr = htonl(0x0a010203);
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	SHOW(bind(fd6, (struct sockaddr *)&b, 23));
	SHOW(bind(fd6, (struct sockaddr *)&a, sizeof(b)));
	a = lo4();
	SHOW(sendto(fd, req, echo_req(req, 8, 1), 0, (struct sockaddr *)&a, sizeof(a) - 1));
	SHOW(sendto(fd, req, echo_req(req, 8, 1), 0, (struct sockaddr *)&b, sizeof(b)));
	SHOW(send(fd, req, echo_req(req, 8, 1), 0));
	SHOW(getpeername(fd, (struct sockaddr *)&a, &(socklen_t){sizeof(a)}));
	SHOW(connect(fd, (struct sockaddr *)&a, 8));
	/* a raw socket as root; getsockname shows its protocol as the port */
	rfd = SHOW(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	printf("raw port %d\n", sock_port(rfd));
	SHOW(close(rfd));
	SHOW(close(fd6));
	SHOW(close(fd));

	abi_run_child("unprivileged", unprivileged, NULL);

	/* a group outside the range */
	fd = open("/proc/sys/net/ipv4/ping_group_range", O_RDONLY);
	n = fd >= 0 ? read(fd, range, sizeof(range) - 1) : -1;
	if (fd >= 0)
		close(fd);
	CHECK(n > 0);
	set_range("1 0");
	SHOW(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
	SHOW(socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6));
	fd = open("/proc/sys/net/ipv4/ping_group_range", O_RDONLY);
	n = read(fd, req, sizeof(req) - 1);
	close(fd);
	printf("range now: %.*s", (int)(n > 0 ? n : 0), req);
	set_range("5 3");
	fd = open("/proc/sys/net/ipv4/ping_group_range", O_RDONLY);
	n = read(fd, req, sizeof(req) - 1);
	close(fd);
	printf("range after 5 3: %.*s", (int)(n > 0 ? n : 0), req);
	set_range(range);
	SHOW_OK(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
	return 0;
}
