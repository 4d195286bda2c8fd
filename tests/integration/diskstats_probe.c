/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Block statistics seen from userland (tests/integration/diskstats.sh):
 * /sys/block/<disk>/stat and /sys/block/<disk>/<part>/stat have Linux's
 * 17 fields and agree with the disk's line of /proc/diskstats; O_DIRECT
 * reads of a disk and of a partition, and O_DIRECT writes with an fsync,
 * move the counters by exactly the requests and sectors sent (the
 * partition's for its disk too; the fsync's flush as one flush and, as
 * Linux counts its empty PREFLUSH write, one write of no sectors), with
 * nothing left in flight.  Checked on Linux over a loop device too.
 * Prints "ok: ..." per check and "FAIL ..." for each mismatch; exit 1 if
 * any.  Run it on an otherwise idle disk: a concurrent reader or writer
 * would move the counters too.
 * usage: diskstats_probe read DISK PART   (e.g. vda vda1)
 *        diskstats_probe write DISK       (a scratch disk: its first 8 KiB)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NF 17
enum {
	RD_IOS,
	RD_MERGES,
	RD_SECT,
	RD_MS,
	WR_IOS,
	WR_MERGES,
	WR_SECT,
	WR_MS,
	INFLIGHT,
	IO_TICKS,
	IN_QUEUE,
	DC_IOS,
	DC_MERGES,
	DC_SECT,
	DC_MS,
	FL_IOS,
	FL_MS
};

static int fails;

static void check(int ok, const char *what, unsigned long long got, unsigned long long want)
{
	if (ok)
		printf("ok: %s\n", what);
	else {
		printf("FAIL %s: %llu, expected %llu\n", what, got, want);
		fails++;
	}
}

/* The 17 numbers of a stat file: how many there were. */
static int parse(const char *s, unsigned long long *v)
{
	int n = 0;
	char *end;

	while (n < NF + 1) {
		unsigned long long x = strtoull(s, &end, 10);

		if (end == s)
			break;
		if (n < NF)
			v[n] = x;
		n++;
		s = end;
	}
	while (*s == ' ' || *s == '\n')
		s++;
	return *s ? -1 : n;
}

static void sys_stat(const char *disk, const char *part, unsigned long long *v)
{
	char path[128], buf[512];
	ssize_t n;
	int fd;

	if (part)
		snprintf(path, sizeof(path), "/sys/block/%s/%s/stat", disk, part);
	else
		snprintf(path, sizeof(path), "/sys/block/%s/stat", disk);
	fd = open(path, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0) {
		printf("FAIL %s: cannot read\n", path);
		exit(1);
	}
	buf[n] = 0;
	n = parse(buf, v);
	if (n != NF) {
		printf("FAIL %s: %zd fields: %s", path, n, buf);
		exit(1);
	}
}

/* The disk's line of /proc/diskstats: its 17 numbers after the name. */
static int proc_stat(const char *name, unsigned long long *v)
{
	FILE *f = fopen("/proc/diskstats", "r");
	char line[512], dev[64];
	unsigned maj, min;
	int at, n = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%u %u %63s %n", &maj, &min, dev, &at) == 3 &&
		    !strcmp(dev, name)) {
			n = parse(line + at, v);
			break;
		}
	}
	fclose(f);
	return n;
}

static void *aligned(size_t n)
{
	void *p = NULL;

	if (posix_memalign(&p, 4096, n))
		exit(2);
	memset(p, 0x5a, n);
	return p;
}

static int direct_open(const char *name, int flags)
{
	char path[80];
	int fd;

	snprintf(path, sizeof(path), "/dev/%s", name);
	fd = open(path, flags | O_DIRECT);
	if (fd < 0) {
		printf("FAIL open %s\n", path);
		exit(1);
	}
	return fd;
}

static void read_checks(const char *disk, const char *part)
{
	unsigned long long d0[NF], d1[NF], d2[NF], p0[NF], p1[NF], pr[NF];
	char *buf = aligned(4096);
	int fd, ok = 1;

	sys_stat(disk, NULL, d0);
	ok = proc_stat(disk, pr) == NF;
	check(ok, "/proc/diskstats has the disk with 17 fields", ok, 1);
	for (int i = 0; ok && i < NF; i++) {
		if (i != IO_TICKS && i != INFLIGHT && i != IN_QUEUE && pr[i] != d0[i])
			ok = 0;
	}
	check(ok, "/proc/diskstats agrees with /sys/block/<disk>/stat", ok, 1);

	fd = direct_open(disk, O_RDONLY);
	for (int i = 0; i < 8; i++) {
		if (pread(fd, buf, 4096, (off_t)(i * 3 + 1) * 4096) != 4096)
			printf("FAIL pread %d\n", i), fails++;
	}
	close(fd);
	sys_stat(disk, NULL, d1);
	check(d1[RD_IOS] - d0[RD_IOS] == 8, "8 direct reads: 8 reads completed",
	      d1[RD_IOS] - d0[RD_IOS], 8);
	check(d1[RD_SECT] - d0[RD_SECT] == 64, "8 direct reads: 64 sectors read",
	      d1[RD_SECT] - d0[RD_SECT], 64);
	check(d1[WR_IOS] == d0[WR_IOS], "no write counted", d1[WR_IOS] - d0[WR_IOS], 0);
	check(d1[INFLIGHT] == 0, "nothing in flight", d1[INFLIGHT], 0);
	check(d1[RD_MERGES] == d0[RD_MERGES], "no merge", d1[RD_MERGES] - d0[RD_MERGES], 0);

	sys_stat(disk, part, p0);
	fd = direct_open(part, O_RDONLY);
	for (int i = 0; i < 3; i++) {
		if (pread(fd, buf, 4096, (off_t)i * 8192) != 4096)
			printf("FAIL pread part %d\n", i), fails++;
	}
	close(fd);
	sys_stat(disk, part, p1);
	sys_stat(disk, NULL, d2);
	check(p1[RD_IOS] - p0[RD_IOS] == 3, "3 direct reads of the partition: 3 reads there",
	      p1[RD_IOS] - p0[RD_IOS], 3);
	check(p1[RD_SECT] - p0[RD_SECT] == 24, "... and 24 sectors", p1[RD_SECT] - p0[RD_SECT], 24);
	check(d2[RD_IOS] - d1[RD_IOS] == 3, "... which count for the disk too",
	      d2[RD_IOS] - d1[RD_IOS], 3);
	check(d2[RD_SECT] - d1[RD_SECT] == 24, "... with their 24 sectors",
	      d2[RD_SECT] - d1[RD_SECT], 24);
	free(buf);
}

static void write_checks(const char *disk)
{
	unsigned long long d0[NF], d1[NF];
	char *buf = aligned(4096);
	int fd;

	sys_stat(disk, NULL, d0);
	fd = direct_open(disk, O_WRONLY);
	for (int i = 0; i < 2; i++) {
		if (pwrite(fd, buf, 4096, (off_t)i * 4096) != 4096)
			printf("FAIL pwrite %d\n", i), fails++;
	}
	if (fsync(fd))
		printf("FAIL fsync\n"), fails++;
	close(fd);
	sys_stat(disk, NULL, d1);
	/* Linux's flush is an empty write, counted in both */
	check(d1[WR_IOS] - d0[WR_IOS] == 3, "2 direct writes and the fsync's flush: 3 writes",
	      d1[WR_IOS] - d0[WR_IOS], 3);
	check(d1[WR_SECT] - d0[WR_SECT] == 16, "2 direct writes: 16 sectors written",
	      d1[WR_SECT] - d0[WR_SECT], 16);
	check(d1[FL_IOS] - d0[FL_IOS] == 1, "the fsync: one flush", d1[FL_IOS] - d0[FL_IOS], 1);
	check(d1[RD_IOS] == d0[RD_IOS], "no read counted", d1[RD_IOS] - d0[RD_IOS], 0);
	check(d1[INFLIGHT] == 0, "nothing in flight", d1[INFLIGHT], 0);
	free(buf);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "read"))
		read_checks(argv[2], argv[3]);
	else if (argc == 3 && !strcmp(argv[1], "write"))
		write_checks(argv[2]);
	else {
		fprintf(stderr, "usage: diskstats_probe read DISK PART | write DISK\n");
		return 2;
	}
	return fails ? 1 : 0;
}
