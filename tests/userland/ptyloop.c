/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Opens and closes N pseudo-terminal pairs (a byte through each), then
 * prints how much MemAvailable moved: a pair's memory must come back.
 * Then a pair whose slave is still named by an O_PATH descriptor after
 * both ends closed must stay usable for fstat while new pairs come and go. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static long mem_available_kb(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10000, unlock = 0;
	long before = mem_available_kb();
	char c;

	for (int i = 0; i < n; i++) {
		int m = open("/dev/ptmx", O_RDWR | O_NOCTTY), s;

		if (m < 0 || ioctl(m, TIOCSPTLCK, &unlock) < 0) {
			printf("ptyloop: open %d failed: %m\n", i);
			return 1;
		}
		s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
		if (s < 0 || write(m, "x\n", 2) != 2 || read(s, &c, 1) != 1) {
			printf("ptyloop: pair %d failed: %m\n", i);
			return 1;
		}
		close(s);
		close(m);
	}
	printf("ptyloop: %d pairs, MemAvailable moved %ld KiB\n", n, before - mem_available_kb());

	int m = open("/dev/ptmx", O_RDWR | O_NOCTTY), num = -1, path;
	struct stat st;
	char name[32];

	if (m < 0 || ioctl(m, TIOCGPTN, &num) < 0)
		return 1;
	snprintf(name, sizeof(name), "/dev/pts/%d", num);
	path = open(name, O_PATH);
	close(m);
	for (int i = 0; i < 100; i++)
		close(open("/dev/ptmx", O_RDWR | O_NOCTTY));
	if (path < 0 || fstat(path, &st) < 0)
		return 1;
	printf("ptyloop: a closed pair's O_PATH slave: chr %d, major %u\n", S_ISCHR(st.st_mode),
	       major(st.st_rdev));
	return 0;
}
