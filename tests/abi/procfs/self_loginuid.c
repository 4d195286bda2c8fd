/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/loginuid and sessionid read 4294967295 when no login set them. */
#include "abi.h"

#include <sys/stat.h>

static void show(const char *path)
{
	char buf[64] = "";
	struct stat st;
	int fd = open(path, O_RDONLY);

	SHOW_OK(fd);
	SHOW(abi_read_all(fd, buf, sizeof(buf) - 1));
	printf("%s: \"%s\"\n", path, buf);
	close(fd);
	SHOW(stat(path, &st));
	printf("mode %o\n", (unsigned)st.st_mode);
}

int main(void)
{
	show("/proc/self/loginuid");
	show("/proc/self/sessionid");
	return 0;
}
