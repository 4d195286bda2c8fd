/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* 0.0.0.0:P and [::]:P on one port: bind and listen in both orders, with and without SO_REUSEADDR and IPV6_V6ONLY, the first listening before the second binds or after. */
/* abi: serial: a port found free is bound again on 0.0.0.0 and [::]; a parallel test taking it between would change the results */
#include "inet_util.h"

static int sock(int family, int reuse, int v6only)
{
	int fd = socket(family, SOCK_STREAM, 0);

	set_int_opt(fd, SOL_SOCKET, SO_REUSEADDR, reuse);
	if (family == AF_INET6)
		set_int_opt(fd, IPPROTO_IPV6, IPV6_V6ONLY, v6only);
	return fd;
}

static const char *result(long r)
{
	return r ? abi_errname(errno) : "0";
}

/* bind to the wildcard of `family` (or to its loopback address when `lo`) */
static const char *bind_to(int fd, int family, int port, int lo)
{
	socklen_t len;
	struct sockaddr_storage a = lo_addr(family, port, &len);

	if (family == AF_INET6 && !lo)
		((struct sockaddr_in6 *)&a)->sin6_addr = in6addr_any;
	else if (!lo)
		((struct sockaddr_in *)&a)->sin_addr.s_addr = htonl(INADDR_ANY);
	return result(bind(fd, (struct sockaddr *)&a, len));
}

/*
 * The first bind of every case succeeds on a free port: fd takes a port a
 * probe found free (its result in *res).  Anything on the host may take
 * that port once the probe has closed (a connection's local port), so a
 * port found taken here is given up for the next (CI's native run once
 * saw the first bind fail).  The port, or -1 after 50 tries.
 */
static int first_bind(int fd, int family, int lo, const char **res)
{
	for (int i = 0; i < 50; i++) {
		int probe = lo_server(AF_INET, SOCK_STREAM), port = port_of(probe);

		close(probe);
		*res = bind_to(fd, family, port, lo);
		if (strcmp(*res, "EADDRINUSE"))
			return port;
	}
	return -1;
}

/* One case: bit 0 v6only, 1 reuseaddr, 2 [::] first, 3 the first listens before the second binds. */
static void one(int c)
{
	int v6only = c & 1, reuse = c & 2, first6 = c & 4, early = c & 8;
	int f1 = first6 ? AF_INET6 : AF_INET, f2 = first6 ? AF_INET : AF_INET6;
	int a = sock(f1, reuse, v6only), b = sock(f2, reuse, v6only), port;
	const char *res;

	port = first_bind(a, f1, 0, &res);
	printf("%s then %s%s%s%s:", first6 ? "[::]" : "0.0.0.0", first6 ? "0.0.0.0" : "[::]",
	       reuse ? " reuseaddr" : "", v6only ? " v6only" : "", early ? " listen first" : "");
	printf(" bind %s", res);
	if (early)
		printf(" listen %s", result(listen(a, 4)));
	printf(", bind %s", bind_to(b, f2, port, 0));
	if (!early)
		printf(", listen %s", result(listen(a, 4)));
	printf(", listen %s\n", result(listen(b, 4)));
	close(a);
	close(b);
}

/* Two AF_INET6 sockets: [::] (or [::1] when lo1) with v6only1, then [::] with v6only2. */
static void two6(int lo1, int v6only1, int v6only2, int reuse)
{
	int a = sock(AF_INET6, reuse, v6only1), b = sock(AF_INET6, reuse, v6only2), port;
	const char *res;

	port = first_bind(a, AF_INET6, lo1, &res);
	printf("%s%s then [::]%s%s:", lo1 ? "[::1]" : "[::]", v6only1 ? " v6only" : "",
	       v6only2 ? " v6only" : "", reuse ? " reuseaddr" : "");
	printf(" bind %s", res);
	printf(", listen %s", result(listen(a, 4)));
	printf(", bind %s\n", bind_to(b, AF_INET6, port, 0));
	close(a);
	close(b);
}

int main(void)
{
	for (int c = 0; c < 16; c++)
		one(c);
	for (int c = 0; c < 8; c++)
		two6(c & 4, c & 1, !(c & 1), c & 2);
	return 0;
}
