/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * O_DIRECT and sendfile on a disk (run by tests/integration/direct.sh in
 * Kevlar, and on the host where its build directory is on ext4, which
 * validates the expectations against Linux).
 *   direct_probe file DIR      O_DIRECT on ext2/3/4 files DIR/d1, DIR/d2
 *   direct_probe blk DEV       O_DIRECT on a block device (its MiB 1..3)
 *   direct_probe sendfile SRC DIR   sendfile from SRC (a file of at least
 *                              300000 bytes) to a pipe and to DIR/copy
 *   direct_probe expect DIR    the bytes `file` leaves in d1 and d2 and
 *                              `blk` leaves on the device, as files
 * Each check prints "ok: what" or "FAIL: what"; exit 1 if one failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#define KB   1024
#define D1   (64 * KB + 512) /* d1's size: 64 KiB and one sector */
#define D2   (1024 * KB)     /* d2: fallocated, then written in part */
#define BLK0 (1024 * KB)     /* the device's range */
#define BLKN (2048 * KB)

static int failed;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	failed |= !ok;
}

static const char *ename(int e)
{
	return e == EINVAL ? "EINVAL" : e == ENOSPC ? "ENOSPC" : "another errno";
}

/* a call that must fail with `err` */
static void check_err(long r, int err, const char *what)
{
	char line[160];

	snprintf(line, sizeof(line), "%s: -1 %s (got %ld %s)", what, ename(err), r,
		 r < 0 ? ename(errno) : "");
	check(r == -1 && errno == err, line);
}

static unsigned char pat(size_t i, unsigned seed)
{
	return (unsigned char)(i * 131 + seed + i / 4096);
}

static void fill(unsigned char *p, size_t off, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = pat(off + i, seed);
}

static int same(const unsigned char *p, size_t off, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != pat(off + i, seed))
			return 0;
	return 1;
}

/* d1: 0..64K seed 1 (direct), 4K..8K seed 2 (buffered), 8K..12K seed 3
 * (a shared mapping), 64K..64K+512 seed 4 (direct); d2: zeros with
 * 128K..192K seed 5 (direct over an unwritten extent) */
static void expect_d1(unsigned char *e)
{
	fill(e, 0, 64 * KB, 1);
	fill(e + 4 * KB, 4 * KB, 4 * KB, 2);
	fill(e + 8 * KB, 8 * KB, 4 * KB, 3);
	fill(e + 64 * KB, 64 * KB, 512, 4);
}

static void expect_d2(unsigned char *e)
{
	memset(e, 0, D2);
	fill(e + 128 * KB, 128 * KB, 64 * KB, 5);
}

/* the device's range: seed 6 (direct), 256K..260K seed 7 (buffered) */
static void expect_blk(unsigned char *e)
{
	fill(e, 0, BLKN, 6);
	fill(e + 256 * KB, 256 * KB, 4 * KB, 7);
}

static unsigned char *aligned(size_t n)
{
	void *p = NULL;

	if (posix_memalign(&p, 4096, n + 4096))
		exit(2);
	return p;
}

static int file_tests(const char *dir)
{
	char p1[256], p2[256];
	unsigned char *buf = aligned(256 * KB), *exp = aligned(D2);
	struct stat st;
	int fd, bfd, fl;
	unsigned char *map;

	snprintf(p1, sizeof(p1), "%s/d1", dir);
	snprintf(p2, sizeof(p2), "%s/d2", dir);
	fd = open(p1, O_RDWR | O_CREAT | O_TRUNC | O_DIRECT, 0644);
	check(fd >= 0, "open(O_CREAT | O_DIRECT) of an ext4 file");
	bfd = open(p1, O_RDWR);
	fl = fcntl(fd, F_GETFL);
	check(fl >= 0 && (fl & O_DIRECT), "F_GETFL shows O_DIRECT");
	fill(buf, 0, 64 * KB, 1);
	check_err(pwrite(fd, buf + 1, 4096, 0), EINVAL, "pwrite from a misaligned buffer");
	check_err(pwrite(fd, buf, 100, 0), EINVAL, "pwrite of 100 bytes");
	check_err(pwrite(fd, buf, 4096, 100), EINVAL, "pwrite at offset 100");
	check(fstat(fd, &st) == 0 && st.st_size == 0, "the refused writes left the file empty");
	check(pwrite(fd, buf, 64 * KB, 0) == 64 * KB, "pwrite of 64 KiB at 0");
	fill(buf, 64 * KB, 512, 4);
	check(pwrite(fd, buf, 512, 64 * KB) == 512,
	      "pwrite of one 512-byte sector at 64 KiB (inside a filesystem block)");
	check(pread(bfd, exp, 64 * KB + 512, 0) == 64 * KB + 512 && same(exp, 0, 64 * KB, 1) &&
		      same(exp + 64 * KB, 64 * KB, 512, 4),
	      "a buffered read sees the direct writes");
	fill(buf, 4 * KB, 4 * KB, 2);
	check(pwrite(bfd, buf, 4 * KB, 4 * KB) == 4 * KB, "a buffered pwrite at 4 KiB");
	map = mmap(NULL, 12 * KB, PROT_READ | PROT_WRITE, MAP_SHARED, bfd, 0);
	check(map != MAP_FAILED, "mmap(MAP_SHARED)");
	if (map != MAP_FAILED) {
		fill(map + 8 * KB, 8 * KB, 4 * KB, 3); /* a dirty cached page */
		check(pread(fd, buf, 16 * KB, 0) == 16 * KB && same(buf, 0, 4 * KB, 1) &&
			      same(buf + 4 * KB, 4 * KB, 4 * KB, 2) &&
			      same(buf + 8 * KB, 8 * KB, 4 * KB, 3),
		      "a direct read sees a buffered write and a store through a mapping");
		munmap(map, 12 * KB);
	}
	check(pread(fd, buf, 4096, D1) == 0, "a direct read at the end reads nothing");
	check(pread(fd, buf, 4096, 64 * KB) == 512, "a direct read across the end is short");
	check(pread(fd, buf + 1, 4096, D1) == 0,
	      "a misaligned direct read at the end reads nothing");
	check_err(pread(fd, buf + 1, 4096, 0), EINVAL, "a misaligned direct read");
	check(fcntl(fd, F_SETFL, 0) == 0 && !(fcntl(fd, F_GETFL) & O_DIRECT),
	      "F_SETFL clears O_DIRECT");
	check(pread(fd, buf + 1, 10, 3) == 10 && same(buf + 1, 3, 1, 1),
	      "without it a misaligned read works");
	check(fcntl(fd, F_SETFL, O_DIRECT) == 0 && (fcntl(fd, F_GETFL) & O_DIRECT),
	      "F_SETFL sets O_DIRECT again");
	close(fd);
	close(bfd);

	fd = open(p2, O_RDWR | O_CREAT | O_TRUNC | O_DIRECT, 0644);
	check(fd >= 0 && fallocate(fd, 0, 0, D2) == 0, "fallocate 1 MiB (unwritten extents)");
	fill(buf, 128 * KB, 64 * KB, 5);
	check(pwrite(fd, buf, 64 * KB, 128 * KB) == 64 * KB,
	      "a direct write of 64 KiB over the unwritten extent");
	check(pread(fd, buf, 256 * KB, 0) == 256 * KB && same(buf + 128 * KB, 128 * KB, 64 * KB, 5),
	      "a direct read gives it back");
	expect_d2(exp);
	check(memcmp(buf, exp, 256 * KB) == 0, "and zeros around it");
	check(fsync(fd) == 0, "fsync");
	close(fd);
	return failed;
}

static int blk_tests(const char *dev)
{
	unsigned char *buf = aligned(BLKN), *exp = aligned(BLKN);
	int fd = open(dev, O_RDWR | O_DIRECT), bfd = open(dev, O_RDWR);
	off_t end;

	check(fd >= 0 && bfd >= 0, "open the device with and without O_DIRECT");
	end = lseek(fd, 0, SEEK_END);
	check_err(pwrite(fd, buf + 8, 4096, BLK0), EINVAL, "pwrite from a misaligned buffer");
	check_err(pwrite(fd, buf, 1000, BLK0), EINVAL, "pwrite of 1000 bytes");
	check_err(pread(fd, buf, 4096, BLK0 + 256), EINVAL, "pread at a misaligned offset");
	fill(buf, 0, BLKN, 6);
	check(pwrite(fd, buf, BLKN, BLK0) == BLKN, "a direct write of 2 MiB");
	check(pwrite(fd, buf + 512, 512, BLK0 + 512) == 512, "a direct write of one sector");
	check(pread(bfd, exp, BLKN, BLK0) == BLKN && same(exp, 0, BLKN, 6),
	      "a buffered read sees it");
	fill(buf, 256 * KB, 4 * KB, 7);
	check(pwrite(bfd, buf, 4 * KB, BLK0 + 256 * KB) == 4 * KB, "a buffered write");
	check(pread(fd, buf, 512 * KB, BLK0) == 512 * KB &&
		      same(buf + 256 * KB, 256 * KB, 4 * KB, 7) && same(buf, 0, 256 * KB, 6),
	      "a direct read sees it");
	check(pread(fd, buf + 3, 4096, end) == 0, "a direct read at the end reads nothing");
	check_err(pwrite(fd, buf, 4096, end), ENOSPC, "a direct write at the end");
	check(pread(fd, buf, 8192, end - 4096) == 4096, "a direct read across the end is short");
	close(fd);
	close(bfd);
	return failed;
}

static int sendfile_tests(const char *src, const char *dir)
{
	unsigned char *a = aligned(300000), *b = aligned(300000);
	char path[256];
	int in = open(src, O_RDONLY), out, p[2];
	off_t off = 0;
	ssize_t got = 0;

	check(in >= 0 && read(in, a, 300000) == 300000, "read the source");
	check(pipe(p) == 0, "pipe");
	while (got < 300000) {
		ssize_t n = sendfile(p[1], in, &off, 16384), r = 0;

		if (n <= 0)
			break;
		while (r < n) {
			ssize_t k = read(p[0], b + got + r, (size_t)(n - r));

			if (k <= 0)
				break;
			r += k;
		}
		got += r;
	}
	check(got == 300000 && off == 300000 && memcmp(a, b, 300000) == 0,
	      "sendfile to a pipe in 16 KiB pieces");
	snprintf(path, sizeof(path), "%s/copy", dir);
	out = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	off = 1000;
	check(lseek(in, 0, SEEK_SET) == 0 && sendfile(out, in, &off, 299000) == 299000 &&
		      off == 300000 && lseek(in, 0, SEEK_CUR) == 0,
	      "sendfile to a file at an offset: 299000 bytes, the input's position unchanged");
	check(sendfile(out, in, NULL, 1000) == 1000 && lseek(in, 0, SEEK_CUR) == 1000,
	      "sendfile at the input's position advances it");
	memset(b, 0, 300000);
	check(pread(out, b, 300000, 0) == 300000 && memcmp(b, a + 1000, 299000) == 0 &&
		      memcmp(b + 299000, a, 1000) == 0,
	      "the output file holds the bytes");
	off = 299990;
	check(sendfile(out, in, &off, 100) == 10, "sendfile across the end of the input is short");
	close(out);
	unlink(path);
	close(in);
	return failed;
}

static int write_file(const char *dir, const char *name, const unsigned char *p, size_t n)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	unsigned char *e = aligned(BLKN);

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 3 && !strcmp(argv[1], "file"))
		return file_tests(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "blk"))
		return blk_tests(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "sendfile"))
		return sendfile_tests(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "expect")) {
		expect_d1(e);
		if (write_file(argv[2], "d1", e, D1))
			return 1;
		expect_d2(e);
		if (write_file(argv[2], "d2", e, D2))
			return 1;
		expect_blk(e);
		return write_file(argv[2], "blk", e, BLKN);
	}
	fprintf(stderr, "usage: direct_probe file DIR | blk DEV | sendfile SRC DIR | expect DIR\n");
	return 2;
}
