/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * SO_BINDTODEVICE on a machine with eth0 (tests/integration/bindtodevice.sh):
 * a TCP client bound to eth0 reaches the host through slirp
 * (10.0.2.100:5555, NET_GUESTFWD); one bound to lo does not (its SYN
 * loops back on lo and nobody there has that address: no connection in
 * 2 s); a listener bound to eth0 refuses a connection that comes over lo
 * (127.0.0.1), one bound to lo takes it.  Prints "ok: ..." or "FAIL: ...".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int n_fail;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	n_fail += !ok;
}

static int sock_on(const char *dev)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (dev && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, dev, strlen(dev)))
		printf("SO_BINDTODEVICE %s: %s\n", dev, strerror(errno));
	return fd;
}

static struct sockaddr_in addr(const char *ip, int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};

	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

/* Connect within 2 s: 0, or the errno (ETIMEDOUT when nothing came). */
static int try_connect(int fd, const char *ip, int port)
{
	struct sockaddr_in a = addr(ip, port);
	struct pollfd p = {.fd = fd, .events = POLLOUT};
	int err = 0;
	socklen_t len = sizeof(err);

	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0)
		return 0;
	if (errno != EINPROGRESS)
		return errno;
	if (poll(&p, 1, 2000) != 1)
		return ETIMEDOUT;
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	return err;
}

/* Through slirp to the host's listener, which answers upper-cased. */
static int upper_via(const char *dev)
{
	int fd = sock_on(dev), ok;
	char buf[16] = "";

	if (try_connect(fd, "10.0.2.100", 5555))
		return 0;
	fcntl(fd, F_SETFL, 0);
	ok = write(fd, "kevlar", 6) == 6 && shutdown(fd, SHUT_WR) == 0 && read(fd, buf, 15) == 6 &&
	     !strcmp(buf, "KEVLAR");
	close(fd);
	return ok;
}

/* A listener on 0.0.0.0:port bound to dev; a client connects over 127.0.0.1. */
static int listener_takes_lo(const char *dev, int port)
{
	int l = sock_on(dev), c = socket(AF_INET, SOCK_STREAM, 0), err;
	struct sockaddr_in a = addr("0.0.0.0", port);

	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 4))
		return -1;
	err = try_connect(c, "127.0.0.1", port);
	close(c);
	close(l);
	return err;
}

int main(void)
{
	int err;

	check(upper_via(NULL), "an unbound client reaches the host through slirp");
	check(upper_via("eth0"), "a client bound to eth0 reaches the host through slirp");
	err = try_connect(sock_on("lo"), "10.0.2.100", 5555);
	printf("client bound to lo to 10.0.2.100: %s\n", err ? strerror(err) : "connected");
	check(err != 0, "a client bound to lo does not reach slirp's 10.0.2.100");
	err = listener_takes_lo("eth0", 7001);
	printf("listener bound to eth0, client over lo: %s\n", err ? strerror(err) : "connected");
	check(err == ECONNREFUSED, "a listener bound to eth0 refuses a connection over lo");
	check(listener_takes_lo("lo", 7002) == 0, "a listener bound to lo takes it");
	return n_fail != 0;
}
