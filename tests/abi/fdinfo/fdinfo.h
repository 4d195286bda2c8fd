/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Shared by the fdinfo tests: reading /proc/self/fdinfo/<fd> and printing
 * it with what differs between machines (mnt_id, inode numbers) replaced
 * by what it must equal. */
#ifndef FDINFO_H
#define FDINFO_H

#include "abi.h"
#include <sys/sysmacros.h>

static char fdinfo_buf[16384];

/* /proc/<pid>/fdinfo/<fd> (pid 0: self) into fdinfo_buf: its length or -1. */
static inline int fdinfo_get_pid(int pid, int fd)
{
	char path[64];
	int f, n;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	else
		snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = open(path, O_RDONLY);
	if (f < 0)
		return -1;
	n = (int)abi_read_all(f, fdinfo_buf, sizeof(fdinfo_buf) - 1);
	close(f);
	fdinfo_buf[n > 0 ? n : 0] = '\0';
	return n;
}

static inline int fdinfo_get(int fd)
{
	return fdinfo_get_pid(0, fd);
}

/* The line of fdinfo_buf starting with `key`, or NULL. */
static inline const char *fdinfo_line(const char *key)
{
	for (const char *l = fdinfo_buf; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, key, strlen(key)))
			return l;
	return NULL;
}

/* Does line `l` start with one of the '|'-separated prefixes of `skip`? */
static inline int fdinfo_skipped(const char *l, const char *skip)
{
	while (skip && *skip) {
		size_t n = strcspn(skip, "|");

		if (!strncmp(l, skip, n))
			return 1;
		skip += n + (skip[n] == '|');
	}
	return 0;
}

/* Print fd's fdinfo: mnt_id as "N" when it is a number, ino as "st_ino"
 * when it is fstat's, other lines as they are (`skip`: leave out lines
 * starting with one of its '|'-separated prefixes). */
static inline void fdinfo_print(int fd, const char *skip)
{
	struct stat st;
	char *l, *next;

	if (fdinfo_get(fd) < 0) {
		printf("fdinfo %d: %s\n", fd, abi_errname(errno));
		return;
	}
	fstat(fd, &st);
	for (l = fdinfo_buf; *l; l = next) {
		unsigned long long v;

		next = strchr(l, '\n');
		next = next ? next + 1 : l + strlen(l);
		if (fdinfo_skipped(l, skip))
			continue;
		if (sscanf(l, "mnt_id:\t%llu", &v) == 1)
			printf("mnt_id:\tN\n");
		else if (sscanf(l, "ino:\t%llu", &v) == 1)
			printf("ino:\t%s\n",
			       v == (unsigned long long)st.st_ino ? "st_ino" : "other");
		else
			printf("%.*s", (int)(next - l), l);
	}
}

/* A dev_t as the kernel prints it in "sdev:" (MAJOR << 20 | MINOR). */
static inline unsigned fdinfo_kdev(dev_t d)
{
	return (unsigned)(major(d) << 20 | minor(d));
}

#endif
