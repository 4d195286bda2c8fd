/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The kernel command line's ip= option: an interface configured at boot,
 * before init runs, in a subset of Linux's syntax (its
 * Documentation/admin-guide/nfs/nfsroot.rst gives the field order):
 *
 *   ip=dhcp
 *   ip=<client>:<server>:<gw>:<netmask>:<hostname>:<device>:<autoconf>
 *
 * with <autoconf> "off" or "none" (static: <client> required) or "dhcp";
 * the server and hostname fields are ignored, as are any fields after
 * <autoconf>; an empty <device> is the first Ethernet device; an empty
 * <netmask> is the address class's, as Linux derives it.  Without ip= the
 * stack is left unstarted (it starts on first use).
 */
#include <klib/cmdline.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <kevlar_vfs/inet.h>
#include <kernel/ipconfig.h>

#ifndef HOST_TEST
#include <linux/if_arp.h>
#include <platform/boot.h>
#include <platform/log.h>
#include <kernel/inet.h>
#include <kernel/netdev.h>
#include <kernel/vfs.h>
#endif

#define DHCP_WAIT_NS (20ull * 1000 * 1000 * 1000) /* under TCG, with DHCP's ARP check */

/* A dotted quad, the whole of s[0..len), into *be (network order). */
static int parse_ip4(const char *s, size_t len, uint32_t *be)
{
	uint32_t v = 0;
	unsigned part = 0, digits = 0, octet = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			if (!digits || part > 3)
				return -EINVAL;
			v |= octet << (8 * part++);
			digits = octet = 0;
		} else if (s[i] >= '0' && s[i] <= '9' && digits < 3) {
			octet = octet * 10 + (unsigned)(s[i] - '0');
			digits++;
			if (octet > 255)
				return -EINVAL;
		} else {
			return -EINVAL;
		}
	}
	if (part != 4)
		return -EINVAL;
	*be = v;
	return 0;
}

static bool field_is(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && !memcmp(s, word, len);
}

int ipconfig_parse(const char *s, size_t len, struct inet_ifconf *c)
{
	const char *f[7] = {"", "", "", "", "", "", ""}; /* missing fields are empty */
	size_t flen[7] = {0};
	unsigned n = 0;
	size_t start = 0;
	int r;

	memset(c, 0, sizeof(*c));
	c->timeout_ns = DHCP_WAIT_NS;
	if (field_is(s, len, "dhcp")) {
		c->dhcp = true;
		return 0;
	}
	for (size_t i = 0; i <= len && n < 7; i++) {
		if (i == len || s[i] == ':') {
			f[n] = s + start;
			flen[n++] = i - start;
			start = i + 1;
		}
	}
	if (n < 2)
		return -EINVAL; /* neither "dhcp" nor the colon form */
	if (flen[6] == 0 || field_is(f[6], flen[6], "off") || field_is(f[6], flen[6], "none")) {
		if (!flen[0])
			return -EINVAL; /* static needs the client's address */
	} else if (field_is(f[6], flen[6], "dhcp")) {
		c->dhcp = true;
	} else {
		return -EINVAL;
	}
	if (flen[5] >= sizeof(c->ifname))
		return -EINVAL;
	memcpy(c->ifname, f[5], flen[5]);
	if (c->dhcp)
		return 0;
	r = parse_ip4(f[0], flen[0], &c->addr);
	if (!r && flen[2])
		r = parse_ip4(f[2], flen[2], &c->gw);
	if (!r && flen[3])
		r = parse_ip4(f[3], flen[3], &c->netmask);
	if (r)
		return r;
	if (!flen[3]) {
		uint8_t a = (uint8_t)c->addr; /* the first octet */

		c->netmask = a < 128 ? 0x000000ffu : a < 192 ? 0x0000ffffu : 0x00ffffffu;
	}
	return 0;
}

#ifndef HOST_TEST
static int first_ether(struct net_device *dev, void *arg)
{
	struct inet_ifconf *c = arg;

	if (dev->type != ARPHRD_ETHER)
		return 0;
	strlcpy(c->ifname, dev->name, sizeof(c->ifname));
	return 1;
}

void inet_boot_config(void)
{
	struct inet_ifconf c;
	struct vfs_sb *sb;
	char val[256];
	int r = cmdline_get(boot_cmdline(), "ip", val, sizeof(val));

	if (r == -ENOENT)
		return;
	if (r < 0 || ipconfig_parse(val, (size_t)r, &c)) {
		pr_err("ipconfig: ip=%s: not understood\n", r < 0 ? "" : val);
		return;
	}
	if (!c.ifname[0] && !netdev_for_each(first_ether, &c)) {
		pr_err("ipconfig: no Ethernet device\n");
		return;
	}
	sb = inet_instance();
	if (IS_ERR(sb)) {
		pr_err("ipconfig: the TCP/IP stack did not start (%ld)\n", PTR_ERR(sb));
		return;
	}
	r = inet_ifconfig(sb, &c);
	if (r)
		pr_err("ipconfig: %s: %s failed (%d)\n", c.ifname,
		       c.dhcp ? "DHCP" : "configuration", r);
}
#endif
