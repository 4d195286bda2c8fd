/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Helpers of the inet tests: loopback addresses, a listener on an ephemeral port, a connected pair. */
#pragma once
#include "abi.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

/* An int option of `level`: its value and length, or the errno's name. */
static inline void get_int_opt(int fd, int level, int name, const char *label)
{
	int v = -7;
	socklen_t len = sizeof(v);
	long r = getsockopt(fd, level, name, &v, &len);

	printf("get %s = %d", label, r ? -1 : 0);
	if (r)
		printf(" %s\n", abi_errname(errno));
	else
		printf(" v %d len %d\n", v, (int)len);
}

static inline long set_int_opt(int fd, int level, int name, int v)
{
	return setsockopt(fd, level, name, &v, sizeof(v));
}

/* The loopback address of `family` with `port`, its length in *len. */
static inline struct sockaddr_storage lo_addr(int family, int port, socklen_t *len)
{
	struct sockaddr_storage ss;

	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		a->sin6_addr = in6addr_loopback;
		*len = sizeof(*a);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*len = sizeof(*a);
	}
	return ss;
}

static inline int port_of(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len))
		return -1;
	return ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
					      : ((struct sockaddr_in *)&ss)->sin_port);
}

/* A socket of `type` bound to the loopback on an ephemeral port (listening if a stream). */
static inline int lo_server(int family, int type)
{
	socklen_t len;
	struct sockaddr_storage a = lo_addr(family, 0, &len);
	int fd = socket(family, type, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, len) ||
	    ((type & 0xf) == SOCK_STREAM && listen(fd, 8))) {
		printf("FAIL: server setup: %s\n", abi_errname(errno));
		return -1;
	}
	return fd;
}

/* A socket of `type` connected to the server `srv`. */
static inline int lo_connect(int family, int type, int srv)
{
	socklen_t len;
	struct sockaddr_storage a = lo_addr(family, port_of(srv), &len);
	int fd = socket(family, type, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&a, len)) {
		printf("FAIL: connect: %s\n", abi_errname(errno));
		return -1;
	}
	return fd;
}

/* Byte i of the bulk tests' streams. */
static inline unsigned char bulk_byte(unsigned i)
{
	return (unsigned char)(i * 7 + (i >> 11));
}

/* A child's side of a bulk test: `total` bytes of bulk_byte() over a new
 * connection to the server `srv`, in writes of at most `chunk` bytes
 * (up to 65536); exits 0, 2 when a write fails, 3 when the close does. */
static inline void bulk_send(int srv, unsigned total, unsigned chunk)
{
	static unsigned char buf[65536];
	int c = lo_connect(AF_INET, SOCK_STREAM, srv);

	for (unsigned off = 0; off < total;) {
		unsigned n = total - off < chunk ? total - off : chunk;
		ssize_t w;

		for (unsigned i = 0; i < n; i++)
			buf[i] = bulk_byte(off + i);
		w = write(c, buf, n);
		if (w <= 0)
			_exit(2);
		off += (unsigned)w;
	}
	_exit(close(c) ? 3 : 0);
}

/* The echo tests' one body for both families (tcp_echo4/6.c, udp_echo4/6.c). */
static inline int tcp_echo(int family)
{
	char buf[64] = "";
	int l = lo_server(family, SOCK_STREAM), c = lo_connect(family, SOCK_STREAM, l), s;

	SHOW_OK(s = accept(l, NULL, NULL));
	SHOW(write(c, "hello", 5));
	SHOW(send(c, " world", 6, 0));
	SHOW(recv(s, buf, 5, MSG_WAITALL));
	SHOW(read(s, buf + 5, sizeof(buf) - 6));
	printf("server got '%s'\n", buf);
	SHOW(write(s, buf, 11));
	memset(buf, 0, sizeof(buf));
	SHOW(recv(c, buf, 11, MSG_WAITALL));
	printf("client got '%s'\n", buf);
	SHOW(close(c));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(close(s));
	SHOW(close(l));
	return 0;
}

static inline int udp_echo(int family)
{
	char buf[64] = "";
	int s = lo_server(family, SOCK_DGRAM), c = socket(family, SOCK_DGRAM, 0);
	struct sockaddr_storage from;
	socklen_t flen = sizeof(from), len;
	struct sockaddr_storage to = lo_addr(family, port_of(s), &len);

	SHOW(sendto(c, "one", 3, 0, (struct sockaddr *)&to, len));
	SHOW(sendto(c, "two!", 4, 0, (struct sockaddr *)&to, len));
	SHOW(sendto(c, "", 0, 0, (struct sockaddr *)&to, len));
	SHOW(recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen));
	printf("got '%s' flen %d family %d same port %d\n", buf, (int)flen, from.ss_family,
	       port_of(c) == ntohs(((struct sockaddr_in *)&from)->sin_port));
	SHOW(recv(s, buf, sizeof(buf), 0));
	SHOW(recv(s, buf, sizeof(buf), 0));
	SHOW(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(send(c, "x", 1, 0));
	SHOW(connect(c, (struct sockaddr *)&to, len));
	SHOW(send(c, "connected", 9, 0));
	memset(buf, 0, sizeof(buf));
	SHOW(sendto(s, "back", 4, 0, (struct sockaddr *)&from, flen));
	SHOW(read(c, buf, sizeof(buf)));
	SHOW(read(s, buf, sizeof(buf)));
	printf("got '%s'\n", buf);
	SHOW(close(c));
	SHOW(close(s));
	return 0;
}
