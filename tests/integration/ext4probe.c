// SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
/*
 * What BusyBox does not reach on a read-only ext2/3/4 mount, printed so
 * the output inside Kevlar can be compared with Linux's loop mount of the
 * same image (tests/integration/ext4.sh): mmap of a file, directory
 * offsets (getdents64 one entry at a time, then lseek back to each d_off),
 * SEEK_DATA/SEEK_HOLE, FS_IOC_FIEMAP, xattrs, preads across block
 * boundaries, and the errno of each write attempt.
 * usage: ext4probe MOUNTPOINT
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <linux/fiemap.h>
#include <linux/fs.h>

static unsigned long sum(const unsigned char *p, size_t n)
{
	unsigned long h = 5381;

	for (size_t i = 0; i < n; i++)
		h = h * 33 + p[i];
	return h;
}

/* Every xattr of `path`, names and values in hex. */
static void xattrs(const char *path)
{
	char names[1024], v[256];
	long n = llistxattr(path, names, sizeof(names));

	printf("llistxattr %s: %ld\n", path, n);
	for (long at = 0; at < n; at += (long)strlen(names + at) + 1) {
		long len = lgetxattr(path, names + at, v, sizeof(v));

		printf("  %s =", names + at);
		for (long i = 0; i < len; i++)
			printf(" %02x", (unsigned char)v[i]);
		printf(" (%ld)\n", len);
	}
}

static void err(const char *what, long r)
{
	printf("%s: %s\n", what, r < 0 ? strerror(errno) : "ok");
}

/* getdents64 with a buffer of one entry; then seek to every d_off seen
 * and check the next entry read is the one that followed it. */
/* FS_IOC_FIEMAP over a few ranges and array sizes, and a bad flag. */
static void fiemaps(const char *name)
{
	static const struct {
		unsigned long long start, len;
		unsigned count, flags;
	} q[] = {
		{0, ~0ull, 8, FIEMAP_FLAG_SYNC},
		{1000000, 2000000, 8, 0},
		{0, ~0ull, 0, 0},
		{0, ~0ull, 1, 0},
		{5000, 1, 8, 0},
		{0, 0, 8, 0},
		{0, ~0ull, 8, 0x100},
	};
	struct {
		struct fiemap fm;
		struct fiemap_extent ext[8];
	} b;
	int fd = open(name, O_RDONLY);

	for (unsigned i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		int r;

		memset(&b, 0, sizeof(b));
		b.fm.fm_start = q[i].start;
		b.fm.fm_length = q[i].len;
		b.fm.fm_extent_count = q[i].count;
		b.fm.fm_flags = q[i].flags;
		r = ioctl(fd, FS_IOC_FIEMAP, &b);
		printf("FIEMAP %s %llu %llu %u %x: %d flags %x mapped %u", name, q[i].start,
		       q[i].len, q[i].count, q[i].flags, r < 0 ? -errno : r, b.fm.fm_flags,
		       b.fm.fm_mapped_extents);
		for (unsigned k = 0; k < b.fm.fm_mapped_extents && k < q[i].count; k++)
			printf(" [%llu %llu %llu %x]", (unsigned long long)b.ext[k].fe_logical,
			       (unsigned long long)b.ext[k].fe_physical,
			       (unsigned long long)b.ext[k].fe_length, b.ext[k].fe_flags);
		printf("\n");
	}
	close(fd);
}

static void dir_offsets(const char *dir)
{
	static long offs[4000];
	static char names[4000][64];
	char b[80];
	int fd = open(dir, O_RDONLY | O_DIRECTORY), n = 0, bad = 0;
	long r;

	while ((r = syscall(SYS_getdents64, fd, b, sizeof(b))) > 0) {
		for (long at = 0; at < r && n < 4000; at += *(unsigned short *)(b + at + 16)) {
			offs[n] = *(long *)(b + at + 8);
			snprintf(names[n], sizeof(names[n]), "%s", b + at + 19);
			n++;
		}
	}
	printf("getdents64 one at a time: %d entries, last %ld\n", n, r);
	for (int i = 0; i + 1 < n; i += 37) {
		lseek(fd, offs[i], SEEK_SET);
		if (syscall(SYS_getdents64, fd, b, sizeof(b)) <= 0 || strcmp(b + 19, names[i + 1]))
			bad++;
	}
	lseek(fd, offs[n - 1], SEEK_SET);
	printf("seeks back to a d_off resume at the next entry: %d bad, at end %ld\n", bad,
	       syscall(SYS_getdents64, fd, b, sizeof(b)));
	close(fd);
}

int main(int argc, char **argv)
{
	char p[256], b[512];
	struct stat st;
	int fd;
	unsigned char *m;

	if (argc < 2 || chdir(argv[1]))
		return 2;
	fd = open("three-mb", O_RDONLY);
	fstat(fd, &st);
	m = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	printf("mmap three-mb: %s %lx\n", m == MAP_FAILED ? strerror(errno) : "ok",
	       m == MAP_FAILED ? 0 : sum(m, st.st_size));
	for (long off = 1; off < st.st_size; off = off * 3 + 4093) {
		long r = pread(fd, b, sizeof(b), off);

		printf("pread %ld: %ld %lx\n", off, r, r > 0 ? sum((unsigned char *)b, r) : 0);
	}
	close(fd);
	fd = open("sparse", O_RDONLY);
	for (long off = 0; off < 6000000; off += 1000000) {
		long d = lseek(fd, off, SEEK_DATA), h = lseek(fd, off, SEEK_HOLE);

		printf("SEEK_DATA/SEEK_HOLE %ld: %ld %ld\n", off, d, h);
	}
	close(fd);
	fiemaps("sparse");
	fiemaps("three-mb");
	dir_offsets("big");
	dir_offsets(".");
	memset(b, 0, sizeof(b));
	printf("getxattr user.colour: %ld %s\n", (long)getxattr("a/hello", "user.colour", b, 64),
	       b);
	printf("getxattr user.big: %ld\n", (long)getxattr("a", "user.big", NULL, 0));
	err("getxattr user.none", getxattr("a", "user.none", b, 64));
	err("getxattr small buffer", getxattr("a/hello", "user.colour", b, 2));
	err("getxattr on a symlink (lgetxattr)", lgetxattr("fast-link", "user.x", b, 64));
	printf("listxattr a/hello: %ld\n", (long)listxattr("a/hello", b, sizeof(b)));
	xattrs("a");
	xattrs("a/hello");
	xattrs("a/h1");
	xattrs("modes/setuid");
	xattrs("fast-link");
	for (const char *const *f =
		     (const char *const[]){"a", "a/hello", "three-mb", "fifo", "big", 0};
	     *f; f++) {
		int fl = -1, d = open(*f, O_RDONLY | O_NONBLOCK);
		long r = ioctl(d, 0x80086601 /* FS_IOC_GETFLAGS */, &fl);

		printf("FS_IOC_GETFLAGS %s: %ld %x\n", *f, r, r ? 0 : fl);
		close(d);
	}
	err("open O_WRONLY", open("a/hello", O_WRONLY));
	err("open O_RDONLY|O_TRUNC", open("a/hello", O_RDONLY | O_TRUNC));
	err("open O_CREAT existing", open("a/hello", O_RDONLY | O_CREAT, 0644));
	err("open O_CREAT new", open("a/newfile", O_RDONLY | O_CREAT, 0644));
	err("chmod", chmod("a/hello", 0600));
	err("chown", chown("a/hello", 1, 1));
	err("utimensat", utimensat(AT_FDCWD, "a/hello", NULL, 0));
	err("access W_OK", access("a/hello", W_OK));
	err("access W_OK fifo", access("fifo", W_OK));
	err("setxattr", setxattr("a/hello", "user.x", "1", 1, 0));
	err("removexattr", removexattr("a/hello", "user.colour"));
	err("rename", rename("a/h1", "a/h9"));
	err("link", link("a/h1", "a/h9"));
	err("unlink missing", unlink("a/missing"));
	err("mkdir existing", mkdir("a", 0755));
	err("rmdir nonempty", rmdir("a"));
	err("truncate", truncate("a/hello", 0));
	snprintf(p, sizeof(p), "%s", "a/b/c/d/e/leaf/x");
	err("stat through a file", stat(p, &st));
	return 0;
}
