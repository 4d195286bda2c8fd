/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_RCVLOWAT on a stream socket: a blocking recv waits for that many bytes (here until SO_RCVTIMEO), poll does not. */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

int main(void)
{
	struct timeval tv = {0, 300000};
	struct timespec t0;
	char buf[64];
	int sv[2], v = 5;
	long r;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	SHOW(setsockopt(sv[1], SOL_SOCKET, SO_RCVLOWAT, &v, sizeof(v)));
	SHOW(setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	SHOW(write(sv[0], "abc", 3));
	struct pollfd p = {.fd = sv[1], .events = POLLIN};
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = recv(sv[1], buf, sizeof(buf), 0);
	printf("recv below lowat: %ld, waited for the timeout: %s\n", r,
	       ms_since(&t0) >= 250 ? "yes" : "no");

	SHOW(write(sv[0], "abcdefg", 7));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = recv(sv[1], buf, sizeof(buf), 0);
	printf("recv at lowat: %ld, waited: %s\n", r, ms_since(&t0) >= 250 ? "yes" : "no");

	SHOW(write(sv[0], "ab", 2));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = recv(sv[1], buf, 2, 0);
	printf("recv of len below lowat: %ld, waited: %s\n", r,
	       ms_since(&t0) >= 250 ? "yes" : "no");

	SHOW(write(sv[0], "xy", 2));
	r = recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT);
	printf("nonblocking recv below lowat: %ld\n", r);
	return 0;
}
