/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The interface ioctls on lo through an AF_INET socket: flags, MTU, index, name, metric, queue length, hardware address, map, IPv4 address, netmask, broadcast and destination. */
#include "nc.h"

static void addr(int s, unsigned long cmd, const char *label)
{
	struct ifreq r = nc_ifr("lo");
	struct sockaddr_in *sin = (struct sockaddr_in *)&r.ifr_addr;

	if (ioctl(s, cmd, &r) < 0)
		return (void)printf("%s: %s\n", label, abi_errname(errno));
	printf("%s: family %d %s, zero tail %d\n", label, sin->sin_family,
	       nc_ntop(AF_INET, &sin->sin_addr), !sin->sin_port && !sin->sin_zero[0]);
}

int main(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq r = nc_ifr("lo");

	SHOW(ioctl(s, SIOCGIFFLAGS, &r));
	printf("flags %#x\n", (unsigned short)r.ifr_flags);
	SHOW(ioctl(s, SIOCGIFMTU, &r));
	printf("mtu %d\n", r.ifr_mtu);
	SHOW(ioctl(s, SIOCGIFINDEX, &r));
	printf("index %d\n", r.ifr_ifindex);
	r = nc_ifr("");
	r.ifr_ifindex = 1;
	SHOW(ioctl(s, SIOCGIFNAME, &r));
	printf("name of 1: %s\n", r.ifr_name);
	r = nc_ifr("lo");
	SHOW(ioctl(s, SIOCGIFMETRIC, &r));
	printf("metric %d\n", r.ifr_metric);
	SHOW(ioctl(s, SIOCGIFTXQLEN, &r));
	printf("txqlen %d\n", r.ifr_qlen);
	r = nc_ifr("lo");
	SHOW(ioctl(s, SIOCGIFHWADDR, &r));
	printf("hwaddr family %d bytes %02x%02x%02x%02x%02x%02x\n", r.ifr_hwaddr.sa_family,
	       (unsigned char)r.ifr_hwaddr.sa_data[0], (unsigned char)r.ifr_hwaddr.sa_data[1],
	       (unsigned char)r.ifr_hwaddr.sa_data[2], (unsigned char)r.ifr_hwaddr.sa_data[3],
	       (unsigned char)r.ifr_hwaddr.sa_data[4], (unsigned char)r.ifr_hwaddr.sa_data[5]);
	memset(&r.ifr_map, 0x5a, sizeof(r.ifr_map));
	SHOW(ioctl(s, SIOCGIFMAP, &r));
	printf("map mem %lx-%lx base %x irq %d dma %d port %d\n", r.ifr_map.mem_start,
	       r.ifr_map.mem_end, r.ifr_map.base_addr, r.ifr_map.irq, r.ifr_map.dma,
	       r.ifr_map.port);
	addr(s, SIOCGIFADDR, "addr");
	addr(s, SIOCGIFNETMASK, "netmask");
	addr(s, SIOCGIFBRDADDR, "broadcast");
	addr(s, SIOCGIFDSTADDR, "dstaddr");
	return 0;
}
