// SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
/*
 * fsstress: a seeded random-operation stress of one directory tree, checked
 * against an in-memory model of what the tree must hold.
 *
 *   fsstress run    -s SEED -n OPS [-t SECS] DIR   do OPS operations (0: until
 *                                                  SECS pass), check each result
 *                                                  and, at the end, the whole tree
 *   fsstress verify -s SEED -n OPS DIR             replay the model of `run`
 *                                                  without touching DIR, then
 *                                                  check DIR against it (after a
 *                                                  remount)
 *   (-M: plain writes where the mmap writes would be, for a kernel without
 *   shared writable file mappings yet)
 *   fsstress sums   DIR                            print "FSTEST-SUM name size hash"
 *                                                  for every file in DIR/sealed
 *
 * Operations: create, write (pwrite, holes past the end), truncate (grow
 * and shrink), rename (onto a new name or over an existing file), link,
 * unlink, mkdir, rmdir (empty: ok, not empty: ENOTEMPTY), fsync, writes
 * through a shared mmap (with or without msync), and seal.  Sealing writes
 * a new file by write and fsync, renames it into DIR/sealed, fsyncs both
 * directories (or renames and fsyncs first, then stores its bytes through a
 * shared mmap and msyncs or fsyncs them) and then prints
 * "FSTEST-SEALED name size hash [how]": from that
 * line on the file is durable and never changes again, which is what the
 * crash test (tests/integration/crash.sh) checks after a power cut.
 *
 * The choice of each operation depends only on the random stream and the
 * model, so `verify` rebuilds the same model from the same SEED and OPS.
 * Any mismatch prints "FSTEST-FAIL ..." and exits 1; success prints
 * "FSTEST-STRESS ok ...".  Static with musl; runs on Linux and on Kevlar.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_NODES  96
#define MAX_INODES 96
#define MAX_DIRS   12
#define MAX_FILE   (192 * 1024)
#define MAX_IO	   (24 * 1024)

struct inode {
	unsigned char *data;
	size_t size;
	int nlink; /* 0: free */
};

struct node {
	char path[96]; /* relative to DIR */
	int ino;       /* -1: a directory */
	int used;
};

static struct inode inodes[MAX_INODES];
static struct node nodes[MAX_NODES];
static uint64_t rng_state;
static int dry;		  /* verify: the model only */
static const char *top;	  /* DIR */
static unsigned long ops; /* operations done */
static unsigned long sealed;
static unsigned long next_name;
static int no_mmap; /* -M: writes in place of the mmap writes */
static unsigned char iobuf[MAX_FILE];

static uint64_t rnd(void)
{
	/* xorshift64*: small, fast, the same on every libc */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static unsigned long below(unsigned long n)
{
	return n ? (unsigned long)(rnd() % n) : 0;
}

static void fill(unsigned char *p, size_t n)
{
	uint64_t x = rnd() | 1;

	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = (unsigned char)x;
	}
}

static uint64_t hash(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("FSTEST-FAIL op %lu: ", ops);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(1);
}

static const char *full(const char *rel)
{
	static char buf[2][256];
	static int k;

	k ^= 1;
	if (snprintf(buf[k], sizeof(buf[k]), "%s/%s", top, rel) >= (int)sizeof(buf[k]))
		fail("path too long: %s", rel);
	return buf[k];
}

/* the expected result of a call: 0 or an errno */
static void expect(long rc, int want, const char *what, const char *path)
{
	int got = rc < 0 ? errno : 0;

	if (got != want)
		fail("%s %s: got %s, want %s", what, path, got ? strerror(got) : "success",
		     want ? strerror(want) : "success");
}

static int pick(int dirs)
{
	int cand[MAX_NODES], n = 0;

	for (int i = 0; i < MAX_NODES; i++)
		if (nodes[i].used && ((nodes[i].ino < 0) == dirs))
			cand[n++] = i;
	return n ? cand[below(n)] : -1;
}

static int free_node(void)
{
	for (int i = 0; i < MAX_NODES; i++)
		if (!nodes[i].used)
			return i;
	return -1;
}

static int free_inode(void)
{
	for (int i = 0; i < MAX_INODES; i++)
		if (!inodes[i].nlink)
			return i;
	return -1;
}

static int count_dirs(void)
{
	int n = 0;

	for (int i = 0; i < MAX_NODES; i++)
		n += nodes[i].used && nodes[i].ino < 0;
	return n;
}

/* a fresh name in the root or in a random directory of depth < 3 */
static void new_name(char *out, size_t len, const char *prefix)
{
	int d = below(3) ? pick(1) : -1;
	unsigned long k = next_name++;

	if (d >= 0 && strchr(nodes[d].path, '/') == strrchr(nodes[d].path, '/') &&
	    strlen(nodes[d].path) < 40)
		snprintf(out, len, "%s/%s%lu", nodes[d].path, prefix, k);
	else
		snprintf(out, len, "%s%lu", prefix, k);
}

static void drop_link(int ino)
{
	if (--inodes[ino].nlink == 0) {
		free(inodes[ino].data);
		inodes[ino].data = NULL;
		inodes[ino].size = 0;
	}
}

static void set_size(struct inode *in, size_t size)
{
	if (size > in->size) {
		in->data = realloc(in->data, size);
		if (!in->data)
			fail("out of memory");
		memset(in->data + in->size, 0, size - in->size);
	}
	in->size = size;
}

static void op_create(void)
{
	int n = free_node(), ino = free_inode();
	size_t len = below(4) ? below(MAX_IO) : 0;

	if (n < 0 || ino < 0)
		return;
	new_name(nodes[n].path, sizeof(nodes[n].path), "f");
	fill(iobuf, len);
	if (!dry) {
		int fd = open(full(nodes[n].path), O_CREAT | O_EXCL | O_WRONLY, 0644);

		expect(fd, 0, "create", nodes[n].path);
		if (write(fd, iobuf, len) != (ssize_t)len)
			fail("write %s: %s", nodes[n].path, strerror(errno));
		close(fd);
	}
	nodes[n].used = 1;
	nodes[n].ino = ino;
	inodes[ino].nlink = 1;
	inodes[ino].size = 0;
	set_size(&inodes[ino], len);
	memcpy(inodes[ino].data, iobuf, len);
}

static void op_write(void)
{
	int n = pick(0);
	struct inode *in;
	size_t off, len;

	if (n < 0)
		return;
	in = &inodes[nodes[n].ino];
	off = below(in->size + 8192);
	len = 1 + below(MAX_IO);
	if (off + len > MAX_FILE)
		return;
	fill(iobuf, len);
	if (!dry) {
		int fd = open(full(nodes[n].path), O_WRONLY);

		expect(fd, 0, "open", nodes[n].path);
		if (pwrite(fd, iobuf, len, off) != (ssize_t)len)
			fail("pwrite %s: %s", nodes[n].path, strerror(errno));
		close(fd);
	}
	if (off + len > in->size)
		set_size(in, off + len);
	memcpy(in->data + off, iobuf, len);
}

static void op_truncate(void)
{
	int n = pick(0);
	struct inode *in;
	size_t size;

	if (n < 0)
		return;
	in = &inodes[nodes[n].ino];
	size = below(in->size + in->size / 2 + 8192);
	if (size > MAX_FILE)
		size = MAX_FILE;
	if (!dry)
		expect(truncate(full(nodes[n].path), size), 0, "truncate", nodes[n].path);
	set_size(in, size);
}

static void op_rename(void)
{
	int n = pick(0), over = below(3) ? -1 : pick(0);
	char to[96];

	if (n < 0)
		return;
	if (over >= 0 && over != n) {
		snprintf(to, sizeof(to), "%s", nodes[over].path);
	} else {
		over = -1;
		new_name(to, sizeof(to), "r");
	}
	if (!dry)
		expect(rename(full(nodes[n].path), full(to)), 0, "rename", nodes[n].path);
	if (over >= 0) {
		/* two names of one inode: rename does nothing (POSIX) */
		if (nodes[over].ino == nodes[n].ino)
			return;
		drop_link(nodes[over].ino);
		nodes[over].used = 0;
	}
	snprintf(nodes[n].path, sizeof(nodes[n].path), "%s", to);
}

static void op_link(void)
{
	int n = pick(0), m = free_node();

	if (n < 0 || m < 0)
		return;
	new_name(nodes[m].path, sizeof(nodes[m].path), "l");
	if (!dry)
		expect(link(full(nodes[n].path), full(nodes[m].path)), 0, "link", nodes[n].path);
	nodes[m].used = 1;
	nodes[m].ino = nodes[n].ino;
	inodes[nodes[n].ino].nlink++;
}

static void op_unlink(void)
{
	int n = pick(0);

	if (n < 0)
		return;
	if (!dry)
		expect(unlink(full(nodes[n].path)), 0, "unlink", nodes[n].path);
	nodes[n].used = 0;
	drop_link(nodes[n].ino);
}

static int has_children(const char *dir)
{
	size_t len = strlen(dir);

	for (int i = 0; i < MAX_NODES; i++)
		if (nodes[i].used && !strncmp(nodes[i].path, dir, len) && nodes[i].path[len] == '/')
			return 1;
	return 0;
}

static void op_mkdir(void)
{
	int n = free_node();

	if (n < 0 || count_dirs() >= MAX_DIRS)
		return;
	new_name(nodes[n].path, sizeof(nodes[n].path), "d");
	if (!dry)
		expect(mkdir(full(nodes[n].path), 0755), 0, "mkdir", nodes[n].path);
	nodes[n].used = 1;
	nodes[n].ino = -1;
}

static void op_rmdir(void)
{
	int n = pick(1), busy;

	if (n < 0)
		return;
	busy = has_children(nodes[n].path);
	if (!dry)
		expect(rmdir(full(nodes[n].path)), busy ? ENOTEMPTY : 0, "rmdir", nodes[n].path);
	if (!busy)
		nodes[n].used = 0;
}

static void op_fsync(void)
{
	int n = pick(0), rw = below(2), data = below(2);

	if (n < 0 || dry)
		return;
	int fd = open(full(nodes[n].path), rw ? O_RDWR : O_RDONLY);

	expect(fd, 0, "open", nodes[n].path);
	expect(data ? fdatasync(fd) : fsync(fd), 0, "fsync", nodes[n].path);
	close(fd);
}

static void op_mmap(void)
{
	int n = pick(0), sync;
	struct inode *in;
	size_t off, len;

	if (n < 0)
		return;
	in = &inodes[nodes[n].ino];
	if (!in->size)
		return;
	off = below(in->size);
	len = 1 + below(in->size - off);
	if (len > MAX_IO)
		len = MAX_IO;
	sync = below(2);
	fill(iobuf, len);
	if (!dry) {
		int fd = open(full(nodes[n].path), O_RDWR);
		unsigned char *p;

		expect(fd, 0, "open", nodes[n].path);
		p = mmap(NULL, in->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			fail("mmap %s: %s", nodes[n].path, strerror(errno));
		close(fd);
		memcpy(p + off, iobuf, len);
		if (sync)
			expect(msync(p, in->size, MS_SYNC), 0, "msync", nodes[n].path);
		munmap(p, in->size);
	}
	memcpy(in->data + off, iobuf, len);
}

static void fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);

	if (fd < 0 || fsync(fd) < 0)
		fail("fsync directory %s: %s", path, strerror(errno));
	close(fd);
}

/* The sealed file's bytes through a shared mapping of it, made durable by
 * msync(MS_SYNC) or by fsync of the descriptor (`how` 1 or 2). */
static void seal_mmap(int fd, const char *name, size_t len, int how)
{
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		fail("mmap %s: %s", name, strerror(errno));
	memcpy(p, iobuf, len);
	if (how == 1)
		expect(msync(p, len, MS_SYNC), 0, "msync", name);
	else
		expect(fsync(fd), 0, "fsync", name);
	munmap(p, len);
}

/* a new durable file: DIR/sealed/sN, never touched again.  By write: the
 * bytes written and fsync'ed, then the file renamed into sealed/ and both
 * directories fsync'ed.  Through a shared mmap (unless -M, two in three):
 * the file sized, renamed and both directories fsync'ed first, so that
 * only the msync (or fsync) after the stores can make the bytes durable
 * (the crash test finds a hole where they were lost). */
static void op_seal(void)
{
	size_t len = below(64 * 1024);
	int how = below(3); /* drawn in every mode: -M and verify see one stream */
	char tmp[64], name[64];
	int mapped;

	fill(iobuf, len);
	snprintf(tmp, sizeof(tmp), "seal-tmp%lu", sealed);
	snprintf(name, sizeof(name), "sealed/s%lu", sealed);
	sealed++;
	if (dry)
		return;
	mapped = how && !no_mmap && len;
	int fd = open(full(tmp), O_CREAT | O_EXCL | O_RDWR, 0644);

	expect(fd, 0, "create", tmp);
	if (mapped) {
		expect(ftruncate(fd, (off_t)len), 0, "ftruncate", tmp);
	} else {
		if (write(fd, iobuf, len) != (ssize_t)len)
			fail("write %s: %s", tmp, strerror(errno));
		expect(fsync(fd), 0, "fsync", tmp);
	}
	expect(rename(full(tmp), full(name)), 0, "rename", tmp);
	fsync_path(full("sealed"));
	fsync_path(top);
	if (mapped)
		seal_mmap(fd, name, len, how);
	close(fd);
	printf("FSTEST-SEALED %s %zu %016llx%s\n", name + 7, len,
	       (unsigned long long)hash(iobuf, len),
	       mapped ? (how == 1 ? " mmap+msync" : " mmap+fsync") : "");
	fflush(stdout);
}

static void one_op(void)
{
	static void (*const table[])(void) = {
		op_create,   op_create,	  op_create, op_write,	op_write, op_write,  op_write,
		op_truncate, op_truncate, op_rename, op_rename, op_link,  op_unlink, op_unlink,
		op_mkdir,    op_rmdir,	  op_fsync,  op_mmap,	op_mmap,  op_seal,
	};

	void (*op)(void) = table[below(sizeof(table) / sizeof(table[0]))];

	(op == op_mmap && no_mmap ? op_write : op)();
	ops++;
}

static void check_file(int n)
{
	struct inode *in = &inodes[nodes[n].ino];
	struct stat st;
	int fd = open(full(nodes[n].path), O_RDONLY);
	ssize_t got;

	if (fd < 0)
		fail("check: open %s: %s", nodes[n].path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		fail("check: %s is not a regular file", nodes[n].path);
	if ((size_t)st.st_size != in->size)
		fail("check: %s has size %lld, want %zu", nodes[n].path, (long long)st.st_size,
		     in->size);
	if ((int)st.st_nlink != in->nlink)
		fail("check: %s has %ld links, want %d", nodes[n].path, (long)st.st_nlink,
		     in->nlink);
	got = pread(fd, iobuf, sizeof(iobuf), 0);
	close(fd);
	if (got != (ssize_t)in->size)
		fail("check: read %s: %zd bytes, want %zu", nodes[n].path, got, in->size);
	for (size_t i = 0; i < in->size; i++)
		if (iobuf[i] != in->data[i])
			fail("check: %s differs at byte %zu (0x%02x, want 0x%02x)", nodes[n].path,
			     i, iobuf[i], in->data[i]);
}

/* every name the directory holds must be in the model, and the reverse */
static void check_dir(const char *rel)
{
	char path[384];
	int want = 0, seen = 0;
	size_t len = strlen(rel);
	DIR *d = opendir(rel[0] ? full(rel) : top);
	struct dirent *e;

	if (!d)
		fail("check: opendir %s: %s", rel, strerror(errno));
	for (int i = 0; i < MAX_NODES; i++) {
		const char *p = nodes[i].path;

		if (!nodes[i].used)
			continue;
		if (len ? (!strncmp(p, rel, len) && p[len] == '/' && !strchr(p + len + 1, '/'))
			: !strchr(p, '/'))
			want++;
	}
	while ((e = readdir(d))) {
		int found = 0;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!len && !strcmp(e->d_name, "sealed"))
			continue;
		if (snprintf(path, sizeof(path), "%s%s%s", rel, len ? "/" : "", e->d_name) >=
		    (int)sizeof(path))
			fail("check: a name too long in %s", rel);
		for (int i = 0; i < MAX_NODES && !found; i++)
			found = nodes[i].used && !strcmp(nodes[i].path, path);
		if (!found)
			fail("check: %s exists, the model has no such name", path);
		seen++;
	}
	closedir(d);
	if (seen != want)
		fail("check: %s holds %d names, want %d", rel[0] ? rel : ".", seen, want);
}

static void check_sealed(void)
{
	/* the sealed files' contents come from the same stream: replay it */
	DIR *d = opendir(full("sealed"));
	unsigned long n = 0;

	if (!d)
		fail("check: opendir sealed: %s", strerror(errno));
	while (readdir(d))
		n++;
	closedir(d);
	if (n != sealed + 2)
		fail("check: sealed holds %lu names, want %lu", n - 2, sealed);
}

static void check_all(void)
{
	check_dir("");
	for (int i = 0; i < MAX_NODES; i++) {
		if (!nodes[i].used)
			continue;
		if (nodes[i].ino < 0)
			check_dir(nodes[i].path);
		else
			check_file(i);
	}
	check_sealed();
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int sums(const char *dir)
{
	char path[512];
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		printf("FSTEST-FAIL opendir %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		int fd;
		ssize_t got;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		fd = open(path, O_RDONLY);
		got = fd < 0 ? -1 : pread(fd, iobuf, sizeof(iobuf), 0);
		if (got < 0) {
			printf("FSTEST-SUM %s error %s\n", e->d_name, strerror(errno));
		} else {
			printf("FSTEST-SUM %s %zd %016llx\n", e->d_name, got,
			       (unsigned long long)hash(iobuf, got));
		}
		if (fd >= 0)
			close(fd);
	}
	closedir(d);
	printf("FSTEST-SUMS-END\n");
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: fsstress run|verify -s SEED -n OPS [-t SECS] [-M] DIR\n"
			"       fsstress sums DIR\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long seed = 1, nops = 1000;
	double secs = 0, t0;
	const char *mode;
	int c;

	if (argc < 3)
		usage();
	mode = argv[1];
	if (!strcmp(mode, "sums"))
		return sums(argv[2]);
	if (strcmp(mode, "run") && strcmp(mode, "verify"))
		usage();
	dry = !strcmp(mode, "verify");
	optind = 2;
	while ((c = getopt(argc, argv, "s:n:t:M")) != -1) {
		if (c == 's')
			seed = strtoul(optarg, NULL, 0);
		else if (c == 'n')
			nops = strtoul(optarg, NULL, 0);
		else if (c == 't')
			secs = strtod(optarg, NULL);
		else if (c == 'M')
			no_mmap = 1;
		else
			usage();
	}
	if (optind != argc - 1 || (dry && !nops) || (!nops && !secs))
		usage();
	top = argv[optind];
	rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
	if (!dry) {
		expect(mkdir(top, 0755), 0, "mkdir", top);
		expect(mkdir(full("sealed"), 0755), 0, "mkdir", "sealed");
		fsync_path(top);
		printf("FSTEST-GO seed %lu\n", seed);
		fflush(stdout);
	}
	t0 = now();
	while (nops ? ops < nops : 1) {
		one_op();
		if (secs && (ops & 15) == 0 && now() - t0 > secs)
			break;
	}
	check_all();
	printf("FSTEST-STRESS ok %s seed %lu ops %lu sealed %lu\n", mode, seed, ops, sealed);
	return 0;
}
