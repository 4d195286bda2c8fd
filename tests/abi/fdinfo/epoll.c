/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo of an epoll instance: one tfd line per registration (events with ERR|HUP, data, pos, ino, sdev). */
/* abi: glibc */
#include "fdinfo.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>

/* The tfd lines in fd order, ino and sdev checked against the target. */
static void show_tfds(void)
{
	for (int want = 0; want < 64; want++) {
		const char *l = fdinfo_buf;

		while ((l = strstr(l, "tfd:"))) {
			int tfd;
			unsigned ev, sdev;
			unsigned long long data, ino;
			long long pos;
			struct stat st;

			if (sscanf(l, "tfd: %d events: %x data: %llx pos:%lli ino:%llx sdev:%x",
				   &tfd, &ev, &data, &pos, &ino, &sdev) == 6 &&
			    tfd == want) {
				fstat(tfd, &st);
				printf("tfd %d events %x data %llx pos %lld ino %s sdev %s\n", tfd,
				       ev, data, pos, ino == st.st_ino ? "ok" : "bad",
				       sdev == fdinfo_kdev(st.st_dev) ? "ok" : "bad");
			}
			l += 4;
		}
	}
}

int main(void)
{
	struct epoll_event ev = {EPOLLIN | EPOLLET, {.u64 = 0x1234}};
	int ep, e, p[2], f;

	SHOW(ep = epoll_create1(EPOLL_CLOEXEC));
	fdinfo_print(ep, NULL);
	SHOW(e = eventfd(0, 0));
	SHOW(pipe(p));
	abi_make_file("f", "abcdef");
	SHOW(f = open("f", O_RDONLY));
	SHOW(lseek(f, 3, SEEK_SET));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
	ev = (struct epoll_event){EPOLLOUT | EPOLLONESHOT, {.u64 = 0xffffffffffffffffull}};
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev));
	ev = (struct epoll_event){EPOLLIN | EPOLLRDHUP | EPOLLPRI, {.u64 = 7}};
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	ev = (struct epoll_event){EPOLLIN | EPOLLEXCLUSIVE, {.u64 = 0}};
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, f, &ev));
	fdinfo_print(ep, "tfd:");
	show_tfds();
	ev = (struct epoll_event){EPOLLOUT, {.u64 = 1}};
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, e, &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	SHOW(fdinfo_get(ep) > 0);
	show_tfds();
	unlink("f");
	return 0;
}
