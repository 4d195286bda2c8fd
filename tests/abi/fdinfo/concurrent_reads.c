/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Reading an epoll's, an inotify's and a file's fdinfo while another thread changes them is safe. */
/* abi: glibc */
#include "fdinfo.h"
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>

static int ep, in, lk;
static volatile int stop;

static void *churn(void *arg)
{
	(void)arg;
	for (int i = 0; !stop; i++) {
		struct epoll_event ev = {EPOLLIN, {.u64 = (unsigned)i}};
		int e = eventfd(0, 0);

		epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev);
		inotify_add_watch(in, i & 1 ? "." : "/", IN_CREATE | (i & 2 ? IN_MASK_ADD : 0));
		flock(lk, i & 1 ? LOCK_SH : LOCK_UN);
		if (i & 1)
			epoll_ctl(ep, EPOLL_CTL_DEL, e, NULL);
		close(e);
	}
	return NULL;
}

int main(void)
{
	pthread_t t;
	int ok = 1;

	alarm(20);
	abi_make_file("f", "x");
	ep = epoll_create1(0);
	in = inotify_init1(0);
	lk = open("f", O_RDONLY);
	pthread_create(&t, NULL, churn, NULL);
	for (int i = 0; i < 300; i++) {
		ok &= fdinfo_get(ep) > 0 && !strncmp(fdinfo_buf, "pos:", 4);
		ok &= fdinfo_get(in) > 0 && !strncmp(fdinfo_buf, "pos:", 4);
		ok &= fdinfo_get(lk) > 0 && !strncmp(fdinfo_buf, "pos:", 4);
	}
	stop = 1;
	pthread_join(t, NULL);
	FACT("every read gave fdinfo", ok);
	unlink("f");
	return 0;
}
