/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Ports below ip_unprivileged_port_start (1024) need CAP_NET_BIND_SERVICE: EACCES for an unprivileged bind; the sysctl files read. */
#include "inet_util.h"

static void try_bind(int family, int type, int port)
{
	socklen_t len;
	struct sockaddr_storage a = lo_addr(family, port, &len);
	int fd = socket(family, type, 0);

	printf("family %d type %d port %d: ", family, type, port);
	SHOW(bind(fd, (struct sockaddr *)&a, len));
	close(fd);
}

int main(void)
{
	char buf[64] = "";
	int fd = open("/proc/sys/net/ipv4/ip_unprivileged_port_start", O_RDONLY), lo, hi;
	FILE *f;

	SHOW(read(fd, buf, sizeof(buf)));
	printf("unprivileged start '%s'", buf);
	close(fd);
	f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
	CHECK(f && fscanf(f, "%d %d", &lo, &hi) == 2 && lo >= 1024 && lo < hi && hi <= 65535);
	if (f)
		fclose(f);
	pid_t pid = fork();

	if (pid == 0) {
		if (setuid(65534))
			printf("FAIL: setuid\n");
		try_bind(AF_INET, SOCK_STREAM, 80);
		try_bind(AF_INET, SOCK_DGRAM, 1023);
		try_bind(AF_INET6, SOCK_STREAM, 443);
		try_bind(AF_INET, SOCK_STREAM, 0);
		try_bind(AF_INET, SOCK_STREAM, 0);
		_exit(0);
	}
	abi_wait_child("child", pid);
	try_bind(AF_INET, SOCK_STREAM, 81);
	return 0;
}
