// SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
/*
 * The containment matrix (issue 12): for each service, each operation it
 * implements and each fault kind, arm an injection through
 * /proc/sys/kevlar/inject, make the one system call that reaches the
 * operation, and check that
 *   - the call fails as documented (EIO, or see `expect` below),
 *   - the fault was injected (/proc/sys/kevlar/injected went up by one),
 *   - another tmpfs mount and /proc still work,
 *   - the failed instance answers EIO to a further call (statfs),
 *   - it can be unmounted, and a fresh mount of the service works.
 * ext4 (services/kevlar_ext2, read-only) is mounted from /dev/loop0 over
 * /e4.img, with a second instance from /dev/loop1 (/e4b.img, the same
 * tree) on /mnt/e that must go on reading while the first one fails.
 * One TAP line per cell, with a diagnostic line when it fails.
 *
 *   contain --list          the cells, one a line (no TAP)
 *   contain [--from N]      run cells N.. (1-based; the runner restarts
 *                           after a cell that brought the kernel down)
 *   contain --concurrent K  K processes use one tmpfs (then ext4) while faults are
 *                           injected; TAP lines for no hang, EIO seen,
 *                           unmount and a fresh mount
 *   contain --proc          the /proc/sys/kevlar/inject interface, booted
 *                           with inject=tmpfs@999:write:3:gp,
 *                           inject=initramfs:lookup:4000000000
 *
 * The initramfs's second instance (mount -t rootfs none DIR) is empty:
 * mount(2)'s data is a string and a cpio archive holds NULs.  Its file
 * operations (read, get_page, readlink) are faulted on the root instance
 * instead, one boot a cell, as init (--root OP KIND, --list-root):
 * everything the checks need is opened before the root fails, and the
 * program's own pages are touched first, since a failed root hands out
 * no more pages.  The root cannot be unmounted: a fresh initramfs
 * instance mounted beside it stands for the fresh mount.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#define LOOP_SET_FD 0x4C00 /* <linux/loop.h>, which musl-gcc does not see */

#define T	 "/mnt/t" /* the instance under test */
#define O	 "/mnt/o" /* the bystander tmpfs */
#define E	 "/mnt/e" /* the bystander ext4 */
#define INJECT	 "/proc/sys/kevlar/inject"
#define INJECTED "/proc/sys/kevlar/injected"

/* What a cell's call returns when the fault is contained. */
enum expect {
	EIO_,	  /* -1, EIO */
	ZERO,	  /* 0: a void operation (release, evict, umount, show_options) */
	ZERO_EIO, /* 0 or EIO: evict, run inside another call or after it */
	SIGBUS_,  /* a page fault on a mapping: the toucher gets SIGBUS */
};

struct op {
	const char *name;
	enum expect expect;
	int (*run)(void); /* the call, after arming: 0 or -errno */
};

static int fd = -1, dirfd_ = -1, pfd[2] = {-1, -1}; /* pfd[1]: /dev/null */
static char *map;
static const char *service;  /* "tmpfs", "rootfs" or "ext4" */
static const char *source;   /* what mount(2) mounts: "none" or a loop device */
static unsigned long mflags; /* its flags: MS_RDONLY for ext4 */

static int ret(long r)
{
	return r < 0 ? -errno : 0;
}

static int do_read(void)
{
	char b[8];

	return ret(pread(fd, b, sizeof(b), 0));
}
static int do_write(void)
{
	return ret(pwrite(fd, "x", 1, 0));
}
static int do_truncate(void)
{
	return ret(ftruncate(fd, 1));
}
static int do_fsync(void)
{
	return ret(fsync(fd));
}
static int do_fallocate(void)
{
	return ret(fallocate(fd, 0, 0, 8192));
}
/* the service hands its pages out only toward a memory device */
static int do_splice(void)
{
	off_t off = 0;

	return ret(sendfile(pfd[1], fd, &off, 4));
}
static int do_get_page(void)
{
	int st;
	pid_t c = fork();

	if (c == 0) {
		alarm(10);
		_exit(map[0] == 'h' ? 0 : 1);
	}
	if (c < 0 || waitpid(c, &st, 0) < 0)
		return -errno;
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGBUS)
		return -1000; /* SIGBUS */
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1001;
}
static int do_lookup(void)
{
	struct stat st;

	return ret(stat(T "/nope", &st));
}
static int do_create(void)
{
	int r = open(T "/new", O_CREAT | O_WRONLY, 0644);

	if (r >= 0)
		close(r);
	return ret(r);
}
static int do_mkdir(void)
{
	return ret(mkdir(T "/nd", 0755));
}
static int do_mknod(void)
{
	return ret(mknod(T "/fifo", S_IFIFO | 0644, 0));
}
static int do_symlink(void)
{
	return ret(symlink("f", T "/sl"));
}
static int do_link(void)
{
	return ret(link(T "/f", T "/f2"));
}
static int do_tmpfile(void)
{
	int r = open(T, O_TMPFILE | O_RDWR, 0600);

	if (r >= 0)
		close(r);
	return ret(r);
}
static int do_unlink(void)
{
	return ret(unlink(T "/g"));
}
static int do_rmdir(void)
{
	return ret(rmdir(T "/d"));
}
static int do_rename(void)
{
	return ret(rename(T "/g", T "/h"));
}
static int do_exchange(void)
{
	return ret(syscall(SYS_renameat2, AT_FDCWD, T "/f", AT_FDCWD, T "/g", 2 /* EXCHANGE */));
}
static int do_readdir(void)
{
	char b[512];

	return ret(syscall(SYS_getdents64, dirfd_, b, sizeof(b)));
}
static int do_readlink(void)
{
	char b[16];

	return ret(readlink(T "/l", b, sizeof(b)));
}
static int do_stat(void)
{
	struct stat st;

	return ret(fstat(fd >= 0 ? fd : dirfd_, &st));
}
static int do_setattr(void)
{
	return ret(fchmod(fd, 0640));
}
static int do_getxattr(void)
{
	char b[8];
	long r = getxattr(strcmp(service, "tmpfs") ? T : T "/f", "user.a", b, sizeof(b));

	return r < 0 && (errno == ENODATA || errno == EOPNOTSUPP) ? 0 : ret(r);
}
static int do_setxattr(void)
{
	return ret(setxattr(T "/f", "user.b", "2", 1, 0));
}
static int do_listxattr(void)
{
	char b[64];

	return ret(listxattr(T "/f", b, sizeof(b)));
}
static int do_removexattr(void)
{
	return ret(removexattr(T "/f", "user.a"));
}
static int do_statfs(void)
{
	struct statfs st;

	return ret(statfs(T, &st));
}
static int do_remount(void)
{
	unsigned long ro = strcmp(service, "tmpfs") ? MS_RDONLY : 0;

	return ret(mount(NULL, T, NULL, MS_REMOUNT | ro, ro ? NULL : "size=8m"));
}
static int do_show_options(void)
{
	char b[4096];
	int m = open("/proc/self/mounts", O_RDONLY);
	long r;

	if (m < 0)
		return -errno;
	r = read(m, b, sizeof(b));
	close(m);
	return ret(r);
}
static int do_evict(void)
{
	return ret(unlink(T "/e"));
}
static int do_umount(void)
{
	return ret(umount(T));
}
static int do_mount(void)
{
	return ret(mount(source, T, service, mflags, NULL));
}

static const struct op tmpfs_ops[] = {
	{"read", EIO_, do_read},
	{"write", EIO_, do_write},
	{"truncate", EIO_, do_truncate},
	{"fsync", EIO_, do_fsync},
	{"fallocate", EIO_, do_fallocate},
	{"splice_read", EIO_, do_splice},
	{"get_page", SIGBUS_, do_get_page},
	{"lookup", EIO_, do_lookup},
	{"create", EIO_, do_create},
	{"mkdir", EIO_, do_mkdir},
	{"mknod", EIO_, do_mknod},
	{"symlink", EIO_, do_symlink},
	{"link", EIO_, do_link},
	{"tmpfile", EIO_, do_tmpfile},
	{"unlink", EIO_, do_unlink},
	{"rmdir", EIO_, do_rmdir},
	{"rename", EIO_, do_rename},
	{"exchange", EIO_, do_exchange},
	{"readdir", EIO_, do_readdir},
	{"readlink", EIO_, do_readlink},
	{"stat", EIO_, do_stat},
	{"setattr", EIO_, do_setattr},
	{"getxattr", EIO_, do_getxattr},
	{"setxattr", EIO_, do_setxattr},
	{"listxattr", EIO_, do_listxattr},
	{"removexattr", EIO_, do_removexattr},
	{"statfs", EIO_, do_statfs},
	{"remount", EIO_, do_remount},
	{"show_options", ZERO, do_show_options},
	{"evict", ZERO_EIO, do_evict},
	{"umount", ZERO, do_umount},
	{"mount", EIO_, do_mount},
};
/* tmpfs leaves open, ioctl, poll, release, show_fdinfo, opendir and jump
 * empty: the kernel answers them without a crossing. */

static const struct op rootfs_ops[] = {
	{"lookup", EIO_, do_lookup},	{"readdir", EIO_, do_readdir},
	{"stat", EIO_, do_stat},	{"getxattr", EIO_, do_getxattr},
	{"statfs", EIO_, do_statfs},	{"remount", EIO_, do_remount},
	{"evict", ZERO_EIO, do_umount}, /* the root inode goes at unmount */
	{"umount", ZERO, do_umount},	{"mount", EIO_, do_mount},
};
/* kevlar_ext2's read path (it has no file release, get_page or jump;
 * its superblock release runs under umount) */
static const struct op ext4_ops[] = {
	{"read", EIO_, do_read},	   {"lookup", EIO_, do_lookup},
	{"readdir", EIO_, do_readdir},	   {"readlink", EIO_, do_readlink},
	{"stat", EIO_, do_stat},	   {"getxattr", EIO_, do_getxattr},
	{"listxattr", EIO_, do_listxattr}, {"statfs", EIO_, do_statfs},
	{"remount", EIO_, do_remount},	   {"evict", ZERO_EIO, do_umount},
	{"umount", ZERO, do_umount},	   {"mount", EIO_, do_mount},
};
/* the file operations: on the root instance, one boot a cell (--root) */
static const char *const root_ops[] = {"read", "get_page", "readlink"};

static const char *const kinds[] = {"panic", "assert", "pagefault", "gp", "ud", "div0"};
#define NKINDS 6

struct service {
	const char *name, *inject_name, *source;
	unsigned long flags;
	const struct op *ops;
	int nops;
};
#define OPS(a) a, sizeof(a) / sizeof(a[0])
static const struct service services[] = {
	{"tmpfs", "tmpfs", "none", 0, OPS(tmpfs_ops)},
	{"rootfs", "initramfs", "none", 0, OPS(rootfs_ops)},
	{"ext4", "ext4", "/dev/loop0", MS_RDONLY, OPS(ext4_ops)},
};

/* ---- helpers ---- */

static char why[512]; /* the first failed check of the cell */

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	if (why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
}

static int put(const char *path, const char *text)
{
	int f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long n;

	if (f < 0)
		return -errno;
	n = write(f, text, strlen(text));
	n = n < 0 ? -errno : 0;
	close(f);
	return (int)n;
}

static long injected(void)
{
	char b[32] = "";
	int f = open(INJECTED, O_RDONLY);

	if (f < 0)
		return -1;
	if (read(f, b, sizeof(b) - 1) < 0)
		b[0] = 0;
	close(f);
	return atol(b);
}

/* A file written and read back on `dir`'s filesystem. */
static int works(const char *dir)
{
	char path[64], b[8] = "";
	int f, r;

	snprintf(path, sizeof(path), "%s/probe", dir);
	if (put(path, "alive"))
		return 0;
	f = open(path, O_RDONLY);
	if (f < 0)
		return 0;
	r = read(f, b, sizeof(b) - 1) == 5 && !strcmp(b, "alive");
	close(f);
	return unlink(path) == 0 && r;
}

/* f on `dir`'s ext4 reads "hello\n" (the image's file) */
static int reads(const char *dir)
{
	char path[64], b[8] = "";
	int f;
	long n;

	snprintf(path, sizeof(path), "%s/f", dir);
	f = open(path, O_RDONLY);
	if (f < 0)
		return 0;
	n = read(f, b, sizeof(b) - 1);
	close(f);
	return n == 6 && !strcmp(b, "hello\n");
}

/* Attach `img` to /dev/loopN read-only: 0 or -errno. */
static int attach(int n, const char *img)
{
	char dev[32];
	int f = open(img, O_RDONLY), l;
	int r = 0;

	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	l = open(dev, O_RDONLY);
	if (f < 0 || l < 0 || ioctl(l, LOOP_SET_FD, f))
		r = -errno;
	if (f >= 0)
		close(f);
	if (l >= 0)
		close(l);
	return r;
}

static int proc_works(void)
{
	char b[64];
	int f = open("/proc/self/stat", O_RDONLY);
	int r = f >= 0 && read(f, b, sizeof(b)) > 0;

	if (f >= 0)
		close(f);
	return r;
}

static void close_all(void)
{
	if (map)
		munmap(map, 4096);
	map = NULL;
	if (fd >= 0)
		close(fd);
	if (dirfd_ >= 0)
		close(dirfd_);
	for (int i = 0; i < 2; i++) {
		if (pfd[i] >= 0)
			close(pfd[i]);
		pfd[i] = -1;
	}
	fd = dirfd_ = -1;
}

/* Is something mounted on `dir`?  (From the mount table: a stat of a
 * failed instance's root is EIO.) */
static int mounted(const char *dir)
{
	char b[8192], pat[64];
	int f = open("/proc/self/mounts", O_RDONLY);
	long len = f >= 0 ? read(f, b, sizeof(b) - 1) : -1;

	if (f >= 0)
		close(f);
	if (len < 0)
		return 0;
	b[len] = 0;
	snprintf(pat, sizeof(pat), " %s ", dir);
	return strstr(b, pat) != NULL;
}

/* The device number of the instance on `dir` (mountinfo's MAJ:MIN as
 * stat's st_dev encodes it: what SERVICE@DEV names), or -1. */
static long dev_of(const char *dir)
{
	char line[512], mnt[256];
	FILE *f = fopen("/proc/self/mountinfo", "r");
	long dev = -1;
	unsigned maj, min;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*d %*d %u:%u %*s %255s", &maj, &min, mnt) == 3 &&
		    !strcmp(mnt, dir))
			/* the last: the one on top */
			dev = (min & 0xff) | (maj & 0xfff) << 8 | (long)(min & ~0xffu) << 12;
	}
	fclose(f);
	return dev;
}

/* A fresh instance on T with what the ops need: f (text, an xattr), g, e
 * (closed), d (a directory), l (a symlink to f); f open, T open, f mapped. */
static int setup(const struct service *s, const struct op *op)
{
	if (mount(s->source, T, s->name, s->flags, NULL))
		return -errno;
	if (!strcmp(s->name, "ext4")) {
		fd = open(T "/f", O_RDONLY);
		if (fd < 0)
			return -errno;
	}
	if (!strcmp(s->name, "tmpfs")) {
		if (put(T "/f", "hello") || put(T "/g", "g") || put(T "/e", "e") ||
		    mkdir(T "/d", 0755) || symlink("f", T "/l"))
			return -errno;
		setxattr(T "/f", "user.a", "1", 1, 0);
		fd = open(T "/f", O_RDWR);
		if (fd < 0)
			return -errno;
		map = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
		if (map == MAP_FAILED) {
			map = NULL;
			return -errno;
		}
		pfd[1] = open("/dev/null", O_WRONLY);
		if (pfd[1] < 0)
			return -errno;
	}
	dirfd_ = open(T, O_RDONLY | O_DIRECTORY);
	if (dirfd_ < 0)
		return -errno;
	/* unmounting needs the instance unused; mount needs it gone */
	if (!strcmp(op->name, "umount") || (!strcmp(op->name, "evict") && strcmp(s->name, "tmpfs")))
		close_all();
	if (!strcmp(op->name, "mount")) {
		close_all();
		umount(T);
	}
	return 0;
}

/* Arm the cell's injection on the instance on T (any new instance of the
 * service for `mount`: it has no device yet). */
static int arm(const char *svc, const char *op, const char *kind)
{
	char spec[96], at[24] = "";
	long dev = strcmp(op, "mount") ? dev_of(T) : -1;

	if (dev >= 0)
		snprintf(at, sizeof(at), "@%ld", dev);
	snprintf(spec, sizeof(spec), "%s%s:%s:1:%s\n", svc, at, op, kind);
	return put(INJECT, spec);
}

static const char *show(int r)
{
	static char b[32];

	if (r == -1000)
		return "SIGBUS";
	if (r == -1001)
		return "no SIGBUS";
	snprintf(b, sizeof(b), r ? "-%s" : "0", strerror(-r));
	return r ? b : "0";
}

static void cell(int n, const struct service *s, const struct op *op, const char *kind)
{
	long before;
	int r, ok;

	why[0] = 0;
	r = setup(s, op);
	if (r)
		fail("setup: %s", strerror(-r));
	before = injected();
	if (!why[0] && arm(s->inject_name, op->name, kind))
		fail("arming: %s", strerror(errno));
	if (!why[0]) {
		r = op->run();
		put(INJECT, "-\n");
		switch (op->expect) {
		case EIO_:
			ok = r == -EIO;
			break;
		case ZERO:
			ok = r == 0;
			break;
		case ZERO_EIO:
			ok = r == 0 || r == -EIO;
			break;
		default:
			ok = r == -1000;
			break;
		}
		if (!ok)
			fail("the call returned %s", show(r));
		if (injected() != before + 1)
			fail("%ld faults injected, not 1 (no injection hook?)",
			     injected() - before);
	}
	if (!works(O))
		fail("the other tmpfs stopped working");
	if (!proc_works())
		fail("/proc stopped working");
	if (!reads(E))
		fail("the other ext4 instance stopped reading");
	if (!why[0] && strcmp(op->name, "umount") && strcmp(op->name, "mount") &&
	    !(strcmp(s->name, "tmpfs") && !strcmp(op->name, "evict"))) {
		r = do_statfs();
		if (r != -EIO)
			fail("the failed instance answers %s, not EIO", show(r));
	}
	close_all();
	if (mounted(T) && umount(T))
		fail("umount of the failed instance: %s", strerror(errno));
	if (mounted(T))
		fail("still mounted after umount");
	if (mount(s->source, T, s->name, s->flags, NULL))
		fail("a fresh mount: %s", strerror(errno));
	else if (!strcmp(s->name, "tmpfs") && !works(T))
		fail("the fresh instance does not work");
	else if (!strcmp(s->name, "ext4") && !reads(T))
		fail("the fresh instance does not read f");
	else if (!strcmp(s->name, "rootfs") && do_statfs())
		fail("the fresh instance does not answer statfs");
	umount(T);
	printf("%sok %d - %s %s %s\n", why[0] ? "not " : "", n, s->inject_name, op->name, kind);
	if (why[0])
		printf("# %s\n", why);
	fflush(stdout);
}

/* ---- several processes on one mount ---- */

static int concurrent(int k)
{
	/* tmpfs's, then ext4's (read-only: the children only read) */
	static const char *const plan[] = {"write:20:pagefault", "read:15:gp", "create:10:ud",
					   "read:30:gp", "lookup:40:pagefault"};
	int n = 0, hung = 0, eio = 0;

	printf("1..%d\n", 5 * 4);
	mkdir(T, 0755);
	if (attach(0, "/e4.img"))
		printf("# losetup /dev/loop0 /e4.img: %s\n", strerror(errno));
	for (int p = 0; p < 5; p++) {
		const struct service *s = &services[p < 3 ? 0 : 2];
		char spec[64];
		pid_t kids[16];
		long before;

		hung = eio = 0;
		if (mount(s->source, T, s->name, s->flags, NULL))
			return printf("not ok %d - mount: %s\n", ++n, strerror(errno)), 1;
		before = injected();
		snprintf(spec, sizeof(spec), "%s:%s", s->name, plan[p]);
		put(INJECT, spec);
		for (int i = 0; i < k && i < 16; i++) {
			kids[i] = fork();
			if (kids[i] == 0) {
				char path[32], b[8];
				int saw = 0;

				alarm(30);
				for (int j = 0; j < 200; j++) {
					int f;

					snprintf(path, sizeof(path), T "/c%d.%d", i, j % 4);
					if (s->flags & MS_RDONLY) { /* f, and a name not there */
						struct stat st;

						if (stat(j % 2 ? T "/nope" : T "/d", &st) &&
						    errno == EIO)
							saw = 1;
						snprintf(path, sizeof(path), T "/f");
					}
					f = open(path,
						 s->flags & MS_RDONLY ? O_RDONLY : O_CREAT | O_RDWR,
						 0644);
					if (f < 0) {
						saw |= errno == EIO;
						continue;
					}
					if ((!(s->flags & MS_RDONLY) && write(f, "abc", 3) < 0) ||
					    pread(f, b, 3, 0) < 0)
						saw |= errno == EIO;
					close(f);
				}
				_exit(saw ? 3 : 0);
			}
		}
		for (int i = 0; i < k && i < 16; i++) {
			int st = 0;

			waitpid(kids[i], &st, 0);
			hung |= WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM;
			eio |= WIFEXITED(st) && WEXITSTATUS(st) == 3;
		}
		put(INJECT, "-\n");
		printf("%sok %d - concurrent %s: %d processes finish (none hangs)\n",
		       hung ? "not " : "", ++n, spec, k);
		printf("%sok %d - concurrent %s: the fault was injected and someone saw EIO\n",
		       injected() == before + 1 && eio ? "" : "not ", ++n, spec);
		printf("%sok %d - concurrent %s: the failed mount unmounts\n",
		       umount(T) == 0 && !mounted(T) ? "" : "not ", ++n, spec);
		printf("%sok %d - concurrent %s: a fresh mount works\n",
		       mount(s->source, T, s->name, s->flags, NULL) == 0 &&
				       (s->flags & MS_RDONLY ? reads(T) : works(T)) &&
				       umount(T) == 0
			       ? ""
			       : "not ",
		       ++n, spec);
		fflush(stdout);
	}
	return 0;
}

/* ---- the /proc/sys/kevlar/inject interface (booted with BOOT_SPECS) ---- */

static int read_file(const char *path, char *b, size_t size)
{
	int f = open(path, O_RDONLY);
	long n = f >= 0 ? read(f, b, size - 1) : -1;

	if (f >= 0)
		close(f);
	b[n > 0 ? n : 0] = 0;
	return n < 0 ? -errno : 0;
}

static int write_errno(const char *text)
{
	int f = open(INJECT, O_WRONLY);
	long n = f >= 0 ? write(f, text, strlen(text)) : -1;
	int e = n < 0 ? errno : 0;

	if (f >= 0)
		close(f);
	return e;
}

static int proc_interface(void)
{
	char b[1024];
	int n = 0, st;
	pid_t c;

	printf("1..8\n");
	/* the root's lookups count down the second (it never gets there) */
	read_file(INJECT, b, sizeof(b));
	printf("%sok %d - inject= on the command line armed both specs, listed with the calls "
	       "left\n",
	       !strncmp(b, "tmpfs@999:write:3:gp 3\nrootfs:lookup:4000000000:panic ", 54) ? ""
											  : "not ",
	       ++n);
	printf("%sok %d - a write arms a spec, SERVICE@DEV and defaults included\n",
	       !write_errno("tmpfs@998:mkdir\n") && !read_file(INJECT, b, sizeof(b)) &&
			       strstr(b, "tmpfs@998:mkdir:1:panic 1\n")
		       ? ""
		       : "not ",
	       ++n);
	printf("%sok %d - a bad spec is EINVAL and arms nothing (bogus op, NTH 0, unknown "
	       "service)\n",
	       write_errno("tmpfs:bogus") == EINVAL && write_errno("tmpfs:write:0") == EINVAL &&
			       write_errno("tmpfs:write,nosuchfs:read") == EINVAL &&
			       !read_file(INJECT, b, sizeof(b)) && !strstr(b, "tmpfs:write")
		       ? ""
		       : "not ",
	       ++n);
	printf("%sok %d - '-' disarms all\n",
	       !write_errno("-\n") && !read_file(INJECT, b, sizeof(b)) && !b[0] ? "" : "not ", ++n);
	printf("%sok %d - /proc/sys/kevlar/injected reads a count\n",
	       !read_file(INJECTED, b, sizeof(b)) && b[0] >= '0' && b[0] <= '9' ? "" : "not ", ++n);
	c = fork();
	if (c == 0) {
		int f;

		if (setgid(65534) || setuid(65534))
			_exit(9);
		f = open(INJECT, O_RDONLY);
		if (f >= 0 || errno != EACCES)
			_exit(1);
		f = open(INJECT, O_WRONLY);
		_exit(f < 0 && errno == EACCES ? 0 : 2);
	}
	waitpid(c, &st, 0);
	printf("%sok %d - another user may neither read nor write it (EACCES)\n",
	       WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "" : "not ", ++n);
	/* injections count calls: NTH 2 fires on the second mkdir of the instance */
	mkdir(T, 0755);
	if (!mount("none", T, "tmpfs", 0, NULL)) {
		char spec[64];
		long dev = dev_of(T), before = injected();

		snprintf(spec, sizeof(spec), "tmpfs@%ld:mkdir:2:ud", dev);
		write_errno(spec);
		mkdir(T "/a", 0755);
		read_file(INJECT, b, sizeof(b));
		printf("%sok %d - after one call of two the armed one has 1 left\n",
		       strstr(b, ":mkdir:2:ud 1\n") && injected() == before ? "" : "not ", ++n);
		write_errno("-");
		umount(T);
	} else {
		printf("not ok %d - mount: %s\n", ++n, strerror(errno));
	}
	printf("%sok %d - the other instances were never faulted\n", injected() == 0 ? "" : "not ",
	       ++n);
	return 0;
}

/* ---- the root instance: init faults its own root ---- */

static sigjmp_buf bus_jmp;

static void on_sigbus(int sig __attribute__((unused)))
{
	siglongjmp(bus_jmp, 1);
}

/* Fault in every page of this program (a failed root gives no more). */
static void touch_self(void)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long a, b;
	char perms[8];

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s", &a, &b, perms) != 3 || perms[0] != 'r')
			continue;
		for (volatile char *p = (char *)a; p < (char *)b; p += 4096) {
			char c = *p;

			if (perms[1] == 'w')
				*p = c;
		}
	}
	fclose(f);
}

static long pread_long(int fd)
{
	char b[32] = "";

	if (pread(fd, b, sizeof(b) - 1, 0) < 0)
		return -1;
	return atol(b);
}

static int root_cell(const char *op, const char *kind)
{
	char spec[96], b[64];
	int inj = open(INJECT, O_WRONLY), cnt = open(INJECTED, O_RDONLY);
	int root = open("/", O_RDONLY | O_DIRECTORY), tmp = open("/tmp", O_RDONLY | O_DIRECTORY);
	int proc = open("/proc", O_RDONLY | O_DIRECTORY), file = open("/etc/hostname", O_RDONLY);
	char *m = NULL;
	long dev = dev_of("/"), before;
	int r = 0, f;
	struct statfs sf;

	printf("1..1\n");
	why[0] = 0;
	signal(SIGBUS, on_sigbus);
	touch_self(); /* first: the file's mapping must stay untouched */
	if (file >= 0)
		m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, file, 0);
	if (inj < 0 || cnt < 0 || root < 0 || tmp < 0 || proc < 0 || file < 0 || m == MAP_FAILED ||
	    dev < 0 || fchdir(tmp))
		fail("setup: %s", strerror(errno));
	before = pread_long(cnt);
	snprintf(spec, sizeof(spec), "initramfs@%ld:%s:1:%s\n", dev, op, kind);
	if (!why[0] && pwrite(inj, spec, strlen(spec), 0) < 0)
		fail("arming: %s", strerror(errno));
	if (!why[0]) {
		if (!strcmp(op, "read")) {
			r = ret(pread(file, b, sizeof(b), 0));
		} else if (!strcmp(op, "readlink")) {
			r = ret(readlinkat(root, "bin/sh", b, sizeof(b)));
		} else {
			r = -1001;
			if (sigsetjmp(bus_jmp, 1))
				r = -1000;
			else if (m[0] == 0x7f)
				r = 0;
		}
		pwrite(inj, "-\n", 2, 0);
		if (r != (!strcmp(op, "get_page") ? -1000 : -EIO))
			fail("the call returned %s", show(r));
		if (pread_long(cnt) != before + 1)
			fail("%ld faults injected, not 1", pread_long(cnt) - before);
	}
	f = openat(tmp, "probe", O_CREAT | O_RDWR, 0644);
	if (f < 0 || write(f, "alive", 5) != 5 || pread(f, b, 5, 0) != 5 ||
	    unlinkat(tmp, "probe", 0))
		fail("/tmp stopped working");
	if (f >= 0)
		close(f);
	f = openat(proc, "self/stat", O_RDONLY);
	if (f < 0 || read(f, b, sizeof(b)) <= 0)
		fail("/proc stopped working");
	if (f >= 0)
		close(f);
	if (!why[0] && (fstatfs(root, &sf) == 0 || errno != EIO))
		fail("the failed root answers %s to statfs, not EIO", strerror(errno));
	/* relative to the cwd, /tmp: no lookup in the failed root */
	if (mkdir("r", 0755) || mount("none", "r", "rootfs", 0, NULL) || statfs("r", &sf) ||
	    umount("r"))
		fail("a fresh initramfs instance: %s", strerror(errno));
	printf("%sok 1 - initramfs(root) %s %s\n", why[0] ? "not " : "", op, kind);
	if (why[0])
		printf("# %s\n", why);
	printf("contain: done\n");
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	int from = 1, n = 0, list = argc > 1 && !strcmp(argv[1], "--list");

	if (argc > 2 && !strcmp(argv[1], "--from"))
		from = atoi(argv[2]);
	if (argc > 2 && !strcmp(argv[1], "--concurrent"))
		return concurrent(atoi(argv[2]));
	if (argc > 1 && !strcmp(argv[1], "--proc"))
		return proc_interface();
	if (argc > 3 && !strcmp(argv[1], "--root"))
		return root_cell(argv[2], argv[3]);
	if (argc > 1 && !strcmp(argv[1], "--list-root")) {
		for (int o = 0; o < 3; o++) {
			for (int k = 0; k < NKINDS; k++)
				printf("%s %s\n", root_ops[o], kinds[k]);
		}
		return 0;
	}
	mkdir(T, 0755);
	mkdir(O, 0755);
	mkdir(E, 0755);
	if (!list && mount("none", O, "tmpfs", 0, NULL))
		fprintf(stderr, "contain: mount %s: %s\n", O, strerror(errno));
	if (!list && (attach(0, "/e4.img") || attach(1, "/e4b.img") ||
		      mount("/dev/loop1", E, "ext4", MS_RDONLY, NULL)))
		fprintf(stderr, "contain: ext4 on loop0 and loop1: %s\n", strerror(errno));
	for (unsigned i = 0; i < sizeof(services) / sizeof(services[0]); i++) {
		const struct service *s = &services[i];

		service = s->name;
		source = s->source;
		mflags = s->flags;
		for (int o = 0; o < s->nops; o++) {
			for (int k = 0; k < NKINDS; k++) {
				if (++n < from)
					continue;
				if (list)
					printf("%s %s %s\n", s->inject_name, s->ops[o].name,
					       kinds[k]);
				else
					cell(n, s, &s->ops[o], kinds[k]);
			}
		}
	}
	if (!list)
		printf("contain: done\n");
	return 0;
}
