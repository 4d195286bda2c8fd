/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Which files take O_DIRECT at open and through F_SETFL: tmpfs files yes; directories, /dev/null, procfs, FIFOs, sockets no. */
#include "abi.h"
#include <sys/mount.h>
#include <sys/socket.h>

static void setfl(const char *what, int fd)
{
	int r;

	errno = 0;
	r = fcntl(fd, F_SETFL, O_DIRECT);
	printf("F_SETFL O_DIRECT on %s = %d %s, F_GETFL shows it: %s\n", what, r,
	       r < 0 ? abi_errname(errno) : "", (fcntl(fd, F_GETFL) & O_DIRECT) ? "yes" : "no");
}

int main(void)
{
	int fd, p[2], s;
	char buf[16];

	mkdir("mnt", 0755);
	SHOW(mount("none", "mnt", "tmpfs", 0, NULL));
	SHOW_OK(fd = open("mnt/f", O_RDWR | O_CREAT | O_DIRECT, 0644));
	FACT("F_GETFL shows O_DIRECT", fcntl(fd, F_GETFL) & O_DIRECT);
	SHOW(pwrite(fd, "hello", 5, 3));
	SHOW(pread(fd, buf, 5, 3));
	close(fd);
	SHOW(open(".", O_RDONLY | O_DIRECT));
	SHOW(open(".", O_RDONLY | O_DIRECTORY | O_DIRECT));
	SHOW_OK(fd = open(".", O_PATH | O_DIRECT));
	close(fd);
	SHOW(open("/dev/null", O_WRONLY | O_DIRECT));
	SHOW(open("/proc/self/status", O_RDONLY | O_DIRECT));
	SHOW(mkfifo("fifo", 0600));
	SHOW(open("fifo", O_RDWR | O_DIRECT));
	fd = open("mnt/f", O_RDWR);
	setfl("a tmpfs file", fd);
	close(fd);
	fd = open("/dev/null", O_RDWR);
	setfl("/dev/null", fd);
	close(fd);
	fd = open(".", O_RDONLY);
	setfl("a directory", fd);
	close(fd);
	SHOW(pipe(p));
	setfl("a pipe", p[0]);
	close(p[0]);
	close(p[1]);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	setfl("a socket", s);
	close(s);
	unlink("fifo");
	SHOW(umount2("mnt", 0));
	rmdir("mnt");
	return 0;
}
