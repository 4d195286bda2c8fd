/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* ENAMETOOLONG: 255-byte names and 4095-byte paths work; 256 and 4096 bytes fail. */
#include "abi.h"

#include <limits.h>

int main(void)
{
	static char name[300], path[PATH_MAX + 8];
	size_t i;
	int fd;

	memset(name, 'n', 255);
	fd = open(name, O_WRONLY | O_CREAT, 0644);
	printf("create a 255-byte name: %s\n", fd >= 0 ? "ok" : abi_errname(errno));
	close(fd);
	name[255] = 'n';
	SHOW(open(name, O_WRONLY | O_CREAT, 0644));
	SHOW(open(name, O_RDONLY));
	SHOW(mkdir(name, 0755));
	name[255] = '\0';
	/* "./././.../f": a long path that still names f */
	abi_make_file("f", "");
	for (i = 0; i < PATH_MAX - 3; i += 2)
		memcpy(path + i, "./", 2);
	strcpy(path + PATH_MAX - 3, "/f");
	printf("path length %zu\n", strlen(path));
	fd = open(path, O_RDONLY);
	printf("open(4095-byte path) = %s\n", fd >= 0 ? "ok" : abi_errname(errno));
	close(fd);
	memmove(path + 1, path, strlen(path) + 1);
	path[0] = '.';
	path[1] = '/';
	path[2] = '.';
	printf("path length %zu\n", strlen(path));
	SHOW(open(path, O_RDONLY));
	SHOW(unlink(name));
	SHOW(unlink("f"));
	return 0;
}
