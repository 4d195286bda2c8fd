/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIOCGIFCONF: the length asked for with a NULL buffer, lo's entry with 127.0.0.1, and a buffer too short for one entry. */
#include "nc.h"

int main(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0), need, lo = 0;
	struct ifreq req[32];
	struct ifconf c = {0};

	SHOW(ioctl(s, SIOCGIFCONF, &c));
	need = c.ifc_len;
	FACT("NULL buffer: a positive multiple of ifreq", need > 0 && need % sizeof(req[0]) == 0);
	c.ifc_len = sizeof(req);
	c.ifc_req = req;
	SHOW(ioctl(s, SIOCGIFCONF, &c));
	FACT("filled what was asked", c.ifc_len == need);
	for (int i = 0; i < c.ifc_len / (int)sizeof(req[0]); i++) {
		struct sockaddr_in *a = (struct sockaddr_in *)&req[i].ifr_addr;

		if (strcmp(req[i].ifr_name, "lo"))
			continue;
		lo++;
		printf("lo: family %d %s\n", a->sin_family, nc_ntop(AF_INET, &a->sin_addr));
	}
	printf("lo entries: %d\n", lo);
	c.ifc_len = sizeof(req[0]) - 1;
	SHOW(ioctl(s, SIOCGIFCONF, &c));
	printf("short buffer: ifc_len %d\n", c.ifc_len);
	return 0;
}
