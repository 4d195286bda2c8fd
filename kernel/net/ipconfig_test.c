/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the ip= boot option's parser (ipconfig.c): "dhcp", the
 * colon form with its empty fields (device, netmask by class, gateway),
 * autoconf "dhcp" on a named device, and what it refuses.
 */
/* hosttest-cflags: -Ikernel/include -Ilibs/kevlar_vfs/include -Iplatform/x64/include */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <kevlar_vfs/inet.h>
#include <kernel/ipconfig.h>

#define IP4(a, b, c, d) \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

static int parse(const char *s, struct inet_ifconf *c)
{
	return ipconfig_parse(s, strlen(s), c);
}

static void dhcp(void **state)
{
	struct inet_ifconf c;

	assert_int_equal(parse("dhcp", &c), 0);
	assert_true(c.dhcp);
	assert_string_equal(c.ifname, "");
	assert_true(c.timeout_ns > 0);
	assert_int_equal(parse(":::::eth1:dhcp", &c), 0);
	assert_true(c.dhcp);
	assert_string_equal(c.ifname, "eth1");
}

static void static_full(void **state)
{
	struct inet_ifconf c;

	assert_int_equal(parse("10.0.2.15::10.0.2.2:255.255.255.0::eth0:off", &c), 0);
	assert_false(c.dhcp);
	assert_string_equal(c.ifname, "eth0");
	assert_int_equal(c.addr, IP4(10, 0, 2, 15));
	assert_int_equal(c.gw, IP4(10, 0, 2, 2));
	assert_int_equal(c.netmask, IP4(255, 255, 255, 0));
	/* the server and hostname fields, and fields past autoconf, are ignored */
	assert_int_equal(parse("192.168.1.9:1.2.3.4::255.255.0.0:box:eth3:none:8.8.8.8", &c), 0);
	assert_int_equal(c.addr, IP4(192, 168, 1, 9));
	assert_int_equal(c.gw, 0);
	assert_int_equal(c.netmask, IP4(255, 255, 0, 0));
	assert_string_equal(c.ifname, "eth3");
}

static void defaults(void **state)
{
	struct inet_ifconf c;

	/* no netmask: the class's; no device: the first Ethernet one */
	assert_int_equal(parse("10.1.2.3:::::", &c), 0);
	assert_int_equal(c.netmask, IP4(255, 0, 0, 0));
	assert_string_equal(c.ifname, "");
	assert_int_equal(parse("172.16.0.1::", &c), 0);
	assert_int_equal(c.netmask, IP4(255, 255, 0, 0));
	assert_int_equal(parse("192.168.0.1:::::eth0:off", &c), 0);
	assert_int_equal(c.netmask, IP4(255, 255, 255, 0));
}

static void refused(void **state)
{
	static const char *const bad[] = {
		"",
		"on",
		"10.0.2.15",				   /* not the colon form */
		":::::eth0:off",			   /* static without an address */
		"10.0.2.256:::::eth0:off",		   /* an octet too big */
		"10.0.2:::::eth0:off",			   /* three parts */
		"10.0.2.15.1:::::eth0:off",		   /* five */
		"10.0..15:::::eth0:off",		   /* an empty part */
		"10.0.2.15::x::::off",			   /* a bad gateway */
		"10.0.2.15::::::bootp",			   /* an autoconf we do not do */
		"10.0.2.15:::::averyveryverylongname:off", /* past IFNAMSIZ */
		"0010.0.2.15:::::eth0:off",		   /* four digits */
	};
	struct inet_ifconf c;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(bad[i], &c) != -22)
			fail_msg("accepted ip=%s", bad[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dhcp),
		cmocka_unit_test(static_full),
		cmocka_unit_test(defaults),
		cmocka_unit_test(refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
