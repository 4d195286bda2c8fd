/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The loopback device in /sys/class/net and /proc/net/dev: its link, its fixed attributes (type, addresses, MTU, index), their modes, and /proc/net/dev's header and lo line. */
#include "abi.h"

#include <sys/stat.h>

static void attr(const char *name)
{
	char path[128], buf[128];
	struct stat st;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/lo/%s", name);
	f = fopen(path, "r");
	if (!f)
		return (void)printf("%s: open: %s\n", name, abi_errname(errno));
	if (fgets(buf, sizeof(buf), f))
		printf("%s: %s", name, buf);
	fclose(f);
	if (stat(path, &st) == 0)
		printf("%s: mode %o size %lld\n", name, st.st_mode, (long long)st.st_size);
}

int main(void)
{
	static const char *const names[] = {"type",	 "addr_len", "address",
					    "broadcast", "ifindex",  "iflink"};
	char buf[256];
	ssize_t n = readlink("/sys/class/net/lo", buf, sizeof(buf) - 1);
	int lo = 0, lines = 0;
	FILE *f;

	printf("link: %s\n", n < 0 ? abi_errname(errno) : (buf[n] = 0, buf));
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		attr(names[i]);
	SHOW(open("/sys/class/net/lo/type", O_WRONLY));
	f = fopen("/proc/net/dev", "r");
	if (!f)
		return printf("/proc/net/dev: %s\n", abi_errname(errno)), 1;
	while (fgets(buf, sizeof(buf), f)) {
		if (lines++ < 2)
			printf("%s", buf);
		else if (!strncmp(buf, "    lo:", 7))
			lo++;
	}
	fclose(f);
	printf("lo lines: %d\n", lo);
	return 0;
}
