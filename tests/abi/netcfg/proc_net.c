/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/net/route, if_inet6, tcp, tcp6, udp, udp6: headers, lo's IPv6 line, and a TCP listener and a connected UDP socket on 127.0.0.1 in Linux's columns. */
#include "nc.h"

static void header(const char *path)
{
	char line[512];
	FILE *f = fopen(path, "r");

	if (!f)
		return (void)printf("%s: %s\n", path, abi_errname(errno));
	if (fgets(line, sizeof(line), f))
		printf("%s: [%s]\n", path, line);
	fclose(f);
}

/* The line of `path` whose local address is `local`: its state and length. */
static void find(const char *path, const char *local)
{
	char line[512], l[64];
	int sl, st, found = 0;
	FILE *f = fopen(path, "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%d: %63s %*s %x", &sl, l, &st) == 3 && !strcmp(l, local)) {
			printf("%s: state %02X length %zu\n", path, st, strlen(line));
			found = 1;
		}
	if (f)
		fclose(f);
	if (!found)
		printf("%s: not found\n", path);
}

int main(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	char local[64], line[512];
	FILE *f;

	header("/proc/net/route");
	header("/proc/net/tcp");
	header("/proc/net/tcp6");
	header("/proc/net/udp");
	header("/proc/net/udp6");
	f = fopen("/proc/net/if_inet6", "r");
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, " lo\n"))
			printf("if_inet6: %s", line);
	if (f)
		fclose(f);
	if (bind(t, (void *)&a, sizeof(a)) || listen(t, 1) || getsockname(t, (void *)&a, &len))
		return printf("listener: %s\n", abi_errname(errno)), 0;
	snprintf(local, sizeof(local), "0100007F:%04X", ntohs(a.sin_port));
	find("/proc/net/tcp", local);
	if (connect(u, (void *)&a, sizeof(a)) || getsockname(u, (void *)&a, &len))
		return printf("udp: %s\n", abi_errname(errno)), 0;
	snprintf(local, sizeof(local), "0100007F:%04X", ntohs(a.sin_port));
	find("/proc/net/udp", local);
	return 0;
}
