/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Shared writable mappings of files (run by tests/integration/ext4rw.sh
 * on each ext2/3/4 image, and on the host for the expected bytes).
 *   ext4mmap write DIR: DIR/f8, empty and grown sparse by ftruncate, gets
 *     stores through a MAP_SHARED mapping in pages 0, 2 and the partial
 *     last one (page 1 stays a hole), which read(2) must see at once; a
 *     pwrite(2) into the mapped range the mapping must see at once; then
 *     msync(MS_SYNC).  DIR/f9, written with write(2), gets a store through
 *     a mapping that only fsync(2) of the descriptor writes back.
 *   ext4mmap check DIR: both files hold exactly those bytes (after a
 *     remount: the stores reached the disk).
 * Prints what differs; exits 1 on any difference or failed call.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG	 4096
#define F8_SIZE	 (3 * PG + 1000)
#define F9_SIZE	 20000
#define F9_STORE 5000

static unsigned char pat(size_t i)
{
	return (unsigned char)(i * 131 + 7 + i / PG);
}

static void f8_expect(unsigned char *e)
{
	for (size_t i = 0; i < F8_SIZE; i++)
		e[i] = (i / PG == 1) ? 0 : pat(i);
	memcpy(e + 100, "WRITE", 5);
}

static void f9_expect(unsigned char *e)
{
	for (size_t i = 0; i < F9_SIZE; i++)
		e[i] = pat(i + 11);
	memcpy(e + F9_STORE, "STORED", 6);
}

static int fail(const char *what)
{
	perror(what);
	return 1;
}

static int same(const char *name, const unsigned char *got, const unsigned char *exp, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (got[i] != exp[i]) {
			printf("%s: byte %zu is %u, expected %u\n", name, i, got[i], exp[i]);
			return 0;
		}
	}
	return 1;
}

static int readall(const char *path, unsigned char *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0)
		return -1;
	r = pread(fd, buf, n + 1, 0);
	close(fd);
	return r == (ssize_t)n ? 0 : -1;
}

static int do_write(const char *dir)
{
	static unsigned char exp[F9_SIZE + PG], got[F9_SIZE + PG];
	char p8[256], p9[256];
	unsigned char *m;
	int fd;

	snprintf(p8, sizeof(p8), "%s/f8", dir);
	snprintf(p9, sizeof(p9), "%s/f9", dir);
	fd = open(p8, O_RDWR | O_CREAT, 0644);
	if (fd < 0 || ftruncate(fd, F8_SIZE))
		return fail("f8");
	m = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return fail("mmap f8");
	for (size_t i = 0; i < F8_SIZE; i++)
		if (i / PG != 1)
			m[i] = pat(i);
	if (pwrite(fd, "WRITE", 5, 100) != 5)
		return fail("pwrite f8");
	if (memcmp(m + 100, "WRITE", 5))
		printf("f8: the mapping does not see pwrite's bytes\n");
	f8_expect(exp);
	if (pread(fd, got, F8_SIZE + 1, 0) != F8_SIZE)
		return fail("pread f8");
	if (!same("f8 read after stores", got, exp, F8_SIZE) || memcmp(m + 100, "WRITE", 5))
		return 1;
	if (msync(m, 4 * PG, MS_SYNC))
		return fail("msync f8");
	munmap(m, 4 * PG);
	close(fd);

	f9_expect(exp);
	memcpy(got, exp, F9_SIZE);
	memcpy(got + F9_STORE, "ZZZZZZ", 6);
	fd = open(p9, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, got, F9_SIZE) != F9_SIZE)
		return fail("write f9");
	m = mmap(NULL, F9_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return fail("mmap f9");
	if (!same("f9 mapped after write", m, got, F9_SIZE))
		return 1;
	memcpy(m + F9_STORE, "STORED", 6);
	if (fsync(fd))
		return fail("fsync f9");
	munmap(m, F9_SIZE);
	close(fd);
	printf("ext4mmap-write-ok\n");
	return 0;
}

static int do_check(const char *dir)
{
	static unsigned char exp[F9_SIZE + PG], got[F9_SIZE + PG];
	char p[256];

	snprintf(p, sizeof(p), "%s/f8", dir);
	f8_expect(exp);
	if (readall(p, got, F8_SIZE) || !same("f8", got, exp, F8_SIZE))
		return fail("check f8");
	snprintf(p, sizeof(p), "%s/f9", dir);
	f9_expect(exp);
	if (readall(p, got, F9_SIZE) || !same("f9", got, exp, F9_SIZE))
		return fail("check f9");
	printf("ext4mmap-check-ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	/* a third argument only names the run in the test's log */
	if (argc >= 3 && !strcmp(argv[1], "write"))
		return do_write(argv[2]);
	if (argc >= 3 && !strcmp(argv[1], "check"))
		return do_check(argv[2]);
	fprintf(stderr, "usage: ext4mmap write|check DIR\n");
	return 2;
}
