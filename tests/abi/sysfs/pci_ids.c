/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A PCI function's vendor, device, class, revision and subsystem files say what its config space holds, as "0x%04x\n" (class "0x%06x\n"). */
/* abi: glibc */
#include "abi.h"

#include <dirent.h>

#define DEVS "/sys/bus/pci/devices/"

/* Whether DEVS/dev/attr reads exactly "0x" + `digits` lowercase hex digits
 * + "\n" and that number equals `want`. */
static int attr_is(const char *dev, const char *attr, int digits, unsigned long want)
{
	char path[300], buf[32];
	int fd, n;

	snprintf(path, sizeof(path), DEVS "%s/%s", dev, attr);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n != digits + 3)
		return 0;
	buf[n] = 0;
	snprintf(path, sizeof(path), "0x%0*lx\n", digits, want);
	return !strcmp(buf, path);
}

int main(void)
{
	DIR *d = opendir(DEVS);
	int n = 0, ids = 0, cls = 0, rev = 0, sub = 0;
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		unsigned char c[64];
		char path[300];
		int fd;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), DEVS "%s/config", e->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0 || read(fd, c, 64) != 64)
			continue;
		close(fd);
		n++;
		ids += attr_is(e->d_name, "vendor", 4, c[0] | c[1] << 8) &&
		       attr_is(e->d_name, "device", 4, c[2] | c[3] << 8);
		cls += attr_is(e->d_name, "class", 6, c[9] | c[10] << 8 | (unsigned)c[11] << 16);
		rev += attr_is(e->d_name, "revision", 2, c[8]);
		/* type 0 headers keep the subsystem ids at 0x2c; bridges show 0 here
		 * unless they have a subsystem capability, so only type 0 is checked */
		sub += (c[14] & 0x7f) != 0 ||
		       (attr_is(e->d_name, "subsystem_vendor", 4, c[0x2c] | c[0x2d] << 8) &&
			attr_is(e->d_name, "subsystem_device", 4, c[0x2e] | c[0x2f] << 8));
	}
	if (d)
		closedir(d);
	FACT("some PCI functions", n > 0);
	FACT("vendor and device match config", ids == n);
	FACT("class matches config", cls == n);
	FACT("revision matches config", rev == n);
	FACT("subsystem ids match config", sub == n);
	return 0;
}
