/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A listener sent to a connection it has not accepted yet, then closed, is a cycle through the embryo: collected too. */
/* abi: glibc */
#include "scm.h"
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int l, c, z[2], n = -1, len;

	len = snprintf(sa.sun_path + 1, 100, "gcl%d", (int)getpid());
	SHOW(l = socket(AF_UNIX, SOCK_STREAM, 0));
	SHOW(bind(l, (struct sockaddr *)&sa, 2 + 1 + len));
	SHOW(listen(l, 4));
	SHOW(c = socket(AF_UNIX, SOCK_STREAM, 0));
	SHOW(connect(c, (struct sockaddr *)&sa, 2 + 1 + len));
	SHOW(scm_send_fd(c, l, 0)); /* onto the embryo's queue */
	printf("listed: %d\n", scm_listed(sa.sun_path + 1) > 0);
	SHOW(close(l));
	SHOW(close(c));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, z)); /* a release: collect */
	SHOW(close(z[0]));
	SHOW(close(z[1]));
	for (int i = 0; i < 500 && (n = scm_listed(sa.sun_path + 1)); i++)
		usleep(10000);
	printf("listed after a release: %d\n", n);
	return 0;
}
