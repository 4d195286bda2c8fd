/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Interface ioctls' errors in Linux's order: EFAULT, EPERM without CAP_NET_ADMIN, ENODEV, EINVAL, EAFNOSUPPORT, ESRCH for a route that is not there. */
#include <net/route.h>
#include <sys/wait.h>
#include "nc.h"

int main(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq r = nc_ifr("nosuchif0");
	struct rtentry rt;
	struct sockaddr_in *gw = (struct sockaddr_in *)&rt.rt_gateway;
	pid_t pid;

	SHOW(ioctl(s, SIOCGIFFLAGS, &r));
	SHOW(ioctl(s, SIOCGIFADDR, &r));
	SHOW(ioctl(s, SIOCSIFHWADDR, &r));
	r.ifr_ifindex = 99999;
	SHOW(ioctl(s, SIOCGIFNAME, &r));
	SHOW(ioctl(s, SIOCGIFFLAGS, ABI_BADPTR));
	SHOW(ioctl(s, SIOCGIFCONF, ABI_BADPTR));
	SHOW(ioctl(s, SIOCADDRT, ABI_BADPTR));
	r = nc_ifr("lo");
	r.ifr_mtu = -1;
	SHOW(ioctl(s, SIOCSIFMTU, &r));
	r = nc_ifr("lo");
	r.ifr_addr.sa_family = AF_UNIX;
	SHOW(ioctl(s, SIOCSIFADDR, &r));
	memset(&rt, 0, sizeof(rt));
	rt.rt_dst.sa_family = AF_INET;
	rt.rt_genmask.sa_family = AF_INET;
	gw->sin_family = AF_INET;
	gw->sin_addr.s_addr = htonl(0xcb00714d); /* 203.0.113.77: no route goes there */
	rt.rt_flags = RTF_UP | RTF_GATEWAY;
	SHOW(ioctl(s, SIOCDELRT, &rt));
	rt.rt_dst.sa_family = AF_UNIX;
	SHOW(ioctl(s, SIOCADDRT, &rt));
	pid = fork();
	if (pid == 0) {
		if (setuid(65534) < 0)
			_exit(1);
		r = nc_ifr("lo");
		SHOW(ioctl(s, SIOCSIFFLAGS, &r));
		SHOW(ioctl(s, SIOCSIFADDR, &r));
		SHOW(ioctl(s, SIOCSIFMTU, &r));
		SHOW(ioctl(s, SIOCSIFFLAGS, ABI_BADPTR));
		SHOW(ioctl(s, SIOCADDRT, ABI_BADPTR));
		SHOW(ioctl(s, SIOCGIFFLAGS, &r));
		_exit(0);
	}
	abi_wait_child("unprivileged child", pid);
	return 0;
}
