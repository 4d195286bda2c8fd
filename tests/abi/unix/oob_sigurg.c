/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* send(MSG_OOB) raises SIGURG at the receiving socket's owner (F_SETOWN, a pid or a process group), none without one. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static volatile sig_atomic_t urg;

static void on_urg(int sig)
{
	(void)sig;
	urg++;
}

int main(void)
{
	int sv[2];
	char c;

	signal(SIGURG, on_urg);
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(send(sv[0], "a", 1, MSG_OOB));
	printf("SIGURG: %d\n", urg);
	SHOW(fcntl(sv[1], F_SETOWN, getpid()));
	SHOW(send(sv[0], "b", 1, MSG_OOB));
	printf("SIGURG: %d\n", urg);
	SHOW(send(sv[0], "c", 1, 0)); /* ordinary data: none */
	printf("SIGURG: %d\n", urg);
	SHOW(send(sv[1], "d", 1, MSG_OOB)); /* the other way: sv[0] has no owner */
	printf("SIGURG: %d\n", urg);
	SHOW(fcntl(sv[1], F_SETOWN, -getpgrp()));
	SHOW(send(sv[0], "e", 1, MSG_OOB));
	printf("SIGURG: %d\n", urg);
	SHOW(recv(sv[1], &c, 1, MSG_OOB));
	printf("oob: %c\n", c);
	signal(SIGURG, SIG_DFL); /* ignored by default */
	SHOW(send(sv[0], "f", 1, MSG_OOB));
	printf("still here\n");
	return 0;
}
