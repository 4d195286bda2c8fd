/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/net/unix: the header, and a listening and a connected socket's flags, type, state, inode and abstract name. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/un.h>

static void find(const char *name, int fd)
{
	char line[512], path[128];
	unsigned refs, proto, flags, type, st;
	unsigned long ino;
	struct stat sb;
	FILE *f = fopen("/proc/net/unix", "r");

	fstat(fd, &sb);
	if (!f || !fgets(line, sizeof(line), f)) {
		printf("no /proc/net/unix\n");
		return;
	}
	printf("header: %s", line);
	while (fgets(line, sizeof(line), f)) {
		path[0] = 0;
		if (sscanf(line, "%*[0-9a-f]: %x %x %x %x %x %lu %127s", &refs, &proto, &flags,
			   &type, &st, &ino, path) < 6 ||
		    ino != sb.st_ino)
			continue;
		printf("%s: proto %u flags %05x type %04x st %02x path '%s'\n", name, proto, flags,
		       type, st, path);
	}
	fclose(f);
}

int main(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX, .sun_path = "\0kevlar-abi-procnet"};
	socklen_t alen = sizeof(sa_family_t) + 19;
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0), sv[2];

	SHOW(bind(l, (struct sockaddr *)&a, alen));
	SHOW(listen(l, 3));
	SHOW(connect(c, (struct sockaddr *)&a, alen));
	find("listener", l);
	find("client", c);
	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	find("dgram pair", sv[0]);
	find("unbound", socket(AF_UNIX, SOCK_SEQPACKET, 0));
	return 0;
}
