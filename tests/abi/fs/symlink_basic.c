/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* symlink: any text, resolved from the link's directory, O_CREAT through dangling links. */
#include "abi.h"

int main(void)
{
	char buf[64] = "";
	int dfd, fd;

	mkdir("d", 0755);
	abi_make_file("d/f", "in d");
	SHOW(symlink("f", "d/rel"));
	fd = open("d/rel", O_RDONLY);
	SHOW(read(fd, buf, 4));
	printf("through d/rel: \"%s\"\n", buf);
	close(fd);
	SHOW(symlink("f", "d/rel"));
	SHOW(symlink("x", "missing/l"));
	SHOW(symlink("", "empty"));
	SHOW(symlink("a\nweird target", "weird"));
	SHOW(readlink("weird", buf, sizeof(buf)));
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	SHOW(symlinkat("created-later", dfd, "dangling"));
	SHOW(open("d/dangling", O_RDONLY));
	fd = open("d/dangling", O_WRONLY | O_CREAT, 0644);
	printf("open(O_CREAT) through a dangling link: %s\n", fd >= 0 ? "ok" : abi_errname(errno));
	SHOW(access("d/created-later", F_OK));
	SHOW(symlinkat("x", 99, "l"));
	SHOW(syscall(SYS_symlink, ABI_BADPTR, "l"));
	close(fd);
	close(dfd);
	unlink("d/created-later");
	unlink("d/dangling");
	unlink("d/rel");
	unlink("d/f");
	unlink("weird");
	rmdir("d");
	return 0;
}
