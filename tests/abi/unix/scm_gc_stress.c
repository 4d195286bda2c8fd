/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Four processes make and drop socket cycles at once, each release collecting; every cycle is collected in the end. */
/* abi: glibc */
#include "scm.h"
#include <sys/socket.h>
#include <sys/un.h>

static void worker(const char *tag, int w)
{
	for (int i = 0; i < 150; i++) {
		struct sockaddr_un sa = {.sun_family = AF_UNIX};
		int len = snprintf(sa.sun_path + 1, 100, "%s%d-%d", tag, w, i), a[2], b[2];

		if (socketpair(AF_UNIX, SOCK_STREAM, 0, a) || socketpair(AF_UNIX, SOCK_DGRAM, 0, b))
			_exit(1);
		bind(a[0], (struct sockaddr *)&sa, 2 + 1 + len);
		scm_send_fd(a[1], a[0], MSG_DONTWAIT); /* a[0] on its own queue */
		scm_send_fd(b[1], a[1], MSG_DONTWAIT); /* a[1] on b[0]'s, b[0] on a[1]'s */
		scm_send_fd(a[0], b[0], MSG_DONTWAIT);
		if (i % 3 == 0 && send(b[1], "x", 1, MSG_DONTWAIT) != 1) /* b[0] unread */
			_exit(2);
		close(a[0]), close(a[1]), close(b[0]), close(b[1]);
	}
	_exit(0);
}

int main(void)
{
	char tag[32];
	pid_t pid[4];
	int n = -1, z[2];

	snprintf(tag, sizeof(tag), "gcs%d-", (int)getpid());
	for (int w = 0; w < 4; w++)
		if ((pid[w] = fork()) == 0)
			worker(tag, w);
	for (int w = 0; w < 4; w++)
		abi_wait_child("worker", pid[w]);
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, z)); /* a release: collect */
	SHOW(close(z[0]));
	SHOW(close(z[1]));
	for (int i = 0; i < 500 && (n = scm_listed(tag)); i++)
		usleep(10000);
	printf("left: %d\n", n);
	return 0;
}
