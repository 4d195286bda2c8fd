/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* accept with no fd free is EMFILE and leaves the connection queued for the next accept. */
/* abi: glibc */
#include "abi.h"

#include <sys/resource.h>
#include <sys/socket.h>
#include <stddef.h>
#include <sys/un.h>

int main(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX, .sun_path = "\0abi-accept-emfile"};
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + 19;
	struct rlimit rl = {8, 8};
	char buf[8] = {0};
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0), a, spare;

	SHOW(bind(l, (struct sockaddr *)&sa, len));
	SHOW(listen(l, 4));
	SHOW(connect(c, (struct sockaddr *)&sa, len));
	SHOW(write(c, "hello", 5));
	SHOW(setrlimit(RLIMIT_NOFILE, &rl));
	spare = -1;
	while ((a = open("/dev/null", O_RDONLY)) >= 0)
		spare = a;
	SHOW(accept(l, NULL, NULL));
	SHOW(accept4(l, NULL, NULL, SOCK_NONBLOCK));
	SHOW(accept4(l, NULL, NULL, 0x40000000));
	SHOW(accept4(spare, NULL, NULL, 0));
	SHOW(accept4(99, NULL, NULL, 0x40000000));
	SHOW(close(spare));
	a = SHOW(accept(l, NULL, NULL));
	SHOW(read(a, buf, sizeof(buf) - 1));
	printf("read: %s\n", buf);
	return 0;
}
