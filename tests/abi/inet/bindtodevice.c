/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_BINDTODEVICE and SO_BINDTOIFINDEX: lo's name and index back, ENODEV, EINVAL, EFAULT, "" unbinds; TCP and UDP bound to lo talk over 127.0.0.1; a missing index gives ENODEV; only CAP_NET_RAW changes a binding. */
#include "inet_util.h"
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

/* The host runs the test in a network namespace of its own: only lo, as in Kevlar without NET=1. */
static void own_netns(void)
{
	struct ifreq ifr = {.ifr_name = "lo"};
	int fd;

	if (unshare(CLONE_NEWNET))
		return;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
}

static void dev(const char *what, int fd)
{
	char name[IFNAMSIZ] = "";
	socklen_t len = sizeof(name);

	if (getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, &len))
		printf("%s: %s\n", what, abi_errname(errno));
	else
		printf("%s: len %d '%s'\n", what, (int)len, name);
}

static int bind_dev(int fd, const char *name)
{
	return setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, strlen(name));
}

int main(void)
{
	int t = socket(AF_INET, SOCK_STREAM, 0), l = socket(AF_INET, SOCK_STREAM, 0), u, c, s;
	char name[2];
	socklen_t len = sizeof(name), alen;
	struct sockaddr_storage a;
	pid_t pid;

	own_netns();
	dev("unbound", t);
	SHOW(bind_dev(t, "lo"));
	dev("bound", t);
	SHOW(getsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, name, &len));
	get_int_opt(t, SOL_SOCKET, SO_BINDTOIFINDEX, "SO_BINDTOIFINDEX");
	SHOW(bind_dev(t, "nosuchdev0"));
	SHOW(setsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, ABI_BADPTR, 4));
	SHOW(setsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, "lo\0junk", 8));
	SHOW(setsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, "lo", 0));
	dev("unbound by length 0", t);
	SHOW(bind_dev(t, "lo"));
	SHOW(bind_dev(t, ""));
	dev("unbound by \"\"", t);

	/* a listener and a client on lo, over 127.0.0.1 */
	SHOW(bind_dev(l, "lo"));
	a = lo_addr(AF_INET, 0, &alen);
	SHOW(bind(l, (struct sockaddr *)&a, alen));
	SHOW(listen(l, 4));
	SHOW(bind_dev(t, "lo"));
	a = lo_addr(AF_INET, port_of(l), &alen);
	SHOW(connect(t, (struct sockaddr *)&a, alen));
	SHOW_OK(s = accept(l, NULL, NULL));
	dev("accepted", s);
	SHOW(write(t, "tcp", 3));
	SHOW(read(s, name, 2));

	/* UDP on lo */
	u = lo_server(AF_INET, SOCK_DGRAM);
	c = socket(AF_INET, SOCK_DGRAM, 0);
	SHOW(bind_dev(u, "lo"));
	SHOW(bind_dev(c, "lo"));
	a = lo_addr(AF_INET, port_of(u), &alen);
	SHOW(sendto(c, "udp", 3, 0, (struct sockaddr *)&a, alen));
	SHOW(recv(u, name, 2, 0));

	/* an index no device has */
	c = socket(AF_INET, SOCK_DGRAM, 0);
	SHOW(set_int_opt(c, SOL_SOCKET, SO_BINDTOIFINDEX, -1));
	SHOW(setsockopt(c, SOL_SOCKET, SO_BINDTOIFINDEX, &(int){1}, 2));
	SHOW(set_int_opt(c, SOL_SOCKET, SO_BINDTOIFINDEX, 999));
	get_int_opt(c, SOL_SOCKET, SO_BINDTOIFINDEX, "SO_BINDTOIFINDEX 999");
	dev("index 999", c);
	SHOW(sendto(c, "udp", 3, 0, (struct sockaddr *)&a, alen));
	c = socket(AF_INET, SOCK_STREAM, 0);
	SHOW(set_int_opt(c, SOL_SOCKET, SO_BINDTOIFINDEX, 999));
	a = lo_addr(AF_INET, port_of(l), &alen);
	SHOW(connect(c, (struct sockaddr *)&a, alen));

	/* AF_UNIX keeps the name too */
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	SHOW(bind_dev(c, "lo"));
	dev("unix", c);
	SHOW(bind_dev(c, "nosuchdev0"));

	/* without CAP_NET_RAW: bind once, never change */
	pid = fork();
	if (pid == 0) {
		c = socket(AF_INET, SOCK_DGRAM, 0);
		SHOW(setresuid(65534, 65534, 65534));
		SHOW(bind_dev(c, "lo"));
		SHOW(bind_dev(c, ""));
		SHOW(bind_dev(c, "lo"));
		SHOW(bind_dev(t, ""));
		dev("nobody's", c);
		return 0;
	}
	abi_wait_child("nobody", pid);
	return 0;
}
