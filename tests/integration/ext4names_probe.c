/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * What the ext4 namespace answers, printed one line a call, run by
 * tests/integration/ext4names.sh in Kevlar and on the host's Linux mount
 * of the same fresh image: the outputs must be identical.  chattr's
 * ioctls on files and directories (and what immutable and append-only
 * forbid), xattrs with their errors, O_TMPFILE then linkat, RENAME_EXCHANGE,
 * rename's and rmdir's errors, an unlinked file still open, link counts,
 * symlink lengths, device numbers.  No inode numbers or times: they differ.
 * usage: ext4names_probe DIR   (DIR: the root of the mounted image)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

/* linux/fs.h's, which musl does not ship */
#define FS_IOC_GETFLAGS _IOR('f', 1, long)
#define FS_IOC_SETFLAGS _IOW('f', 2, long)
#define FS_IMMUTABLE_FL 0x10
#define FS_APPEND_FL	0x20
#define FS_NODUMP_FL	0x40

static const char *errname(int e)
{
	static const struct {
		int e;
		const char *n;
	} names[] = {
		{EPERM, "EPERM"},     {ENOENT, "ENOENT"},	  {EEXIST, "EEXIST"},
		{ENOTDIR, "ENOTDIR"}, {EISDIR, "EISDIR"},	  {EINVAL, "EINVAL"},
		{ENOSPC, "ENOSPC"},   {ENOTEMPTY, "ENOTEMPTY"},	  {ENODATA, "ENODATA"},
		{ERANGE, "ERANGE"},   {EOPNOTSUPP, "EOPNOTSUPP"}, {ENAMETOOLONG, "ENAMETOOLONG"},
		{ENOTTY, "ENOTTY"},   {E2BIG, "E2BIG"},		  {EACCES, "EACCES"},
		{EMLINK, "EMLINK"},   {EXDEV, "EXDEV"},		  {EBADF, "EBADF"},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].n;
	return "E?";
}

static void say(const char *what, long rc)
{
	if (rc < 0)
		printf("%s: %s\n", what, errname(errno));
	else
		printf("%s: %ld\n", what, rc);
}

static long getflags(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK), fl = 0;
	long rc;

	if (fd < 0)
		return -1;
	rc = ioctl(fd, FS_IOC_GETFLAGS, &fl);
	close(fd);
	return rc < 0 ? rc : fl;
}

static long setflags(const char *path, int fl)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	long rc;

	if (fd < 0)
		return -1;
	rc = ioctl(fd, FS_IOC_SETFLAGS, &fl);
	close(fd);
	return rc;
}

static long nlink(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? -1 : (long)st.st_nlink;
}

static void put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0) {
		if (write(fd, s, strlen(s)) < 0)
			perror("write");
		close(fd);
	}
}

int main(int argc, char **argv)
{
	char buf[8192], big[6000], path[64];
	struct stat st;
	int fd;

	if (argc != 2 || chdir(argv[1]))
		return 2;
	umask(022);
	say("mkdir p", mkdir("p", 0755));
	say("mkdir q", mkdir("q", 0755));
	put("p/f", "hello\n");
	say("flags p/f", getflags("p/f"));
	say("flags p", getflags("p"));
	/* immutable */
	say("chattr +i p/f", setflags("p/f", (int)getflags("p/f") | FS_IMMUTABLE_FL));
	say("flags p/f", getflags("p/f"));
	say("unlink immutable", unlink("p/f"));
	say("rename immutable", rename("p/f", "p/g"));
	say("link immutable", link("p/f", "p/h"));
	say("setxattr immutable", setxattr("p/f", "user.x", "1", 1, 0));
	say("chmod immutable", chmod("p/f", 0600));
	say("open immutable for writing", open("p/f", O_WRONLY));
	say("chattr +a p/f",
	    setflags("p/f", ((int)getflags("p/f") & ~FS_IMMUTABLE_FL) | FS_APPEND_FL));
	say("open append-only for writing", open("p/f", O_WRONLY));
	fd = open("p/f", O_WRONLY | O_APPEND);
	say("open append-only with O_APPEND", fd < 0 ? -1 : 0);
	if (fd >= 0)
		close(fd);
	say("truncate append-only", truncate("p/f", 0));
	say("chattr +i -a p/f",
	    setflags("p/f", ((int)getflags("p/f") & ~FS_APPEND_FL) | FS_IMMUTABLE_FL));
	say("chattr +i+d while immutable", setflags("p/f", (int)getflags("p/f") | FS_NODUMP_FL));
	say("chattr -i p/f", setflags("p/f", (int)getflags("p/f") & ~FS_IMMUTABLE_FL));
	say("chattr unknown bit", setflags("p/f", (int)getflags("p/f") | 0x80000000));
	/* append-only directory; nodump is inherited */
	say("chattr +a+d p", setflags("p", (int)getflags("p") | FS_APPEND_FL | FS_NODUMP_FL));
	put("p/new", "x");
	say("create in append-only", nlink("p/new"));
	say("unlink in append-only", unlink("p/new"));
	say("mkdir in append-only", mkdir("p/sub", 0755));
	say("flags p/sub", getflags("p/sub"));
	say("chattr -a-d p", setflags("p", (int)getflags("p") & ~(FS_APPEND_FL | FS_NODUMP_FL)));
	say("unlink p/new", unlink("p/new"));
	/* xattrs */
	say("setxattr", setxattr("p/f", "user.a", "one", 3, 0));
	say("setxattr create again", setxattr("p/f", "user.a", "two", 3, XATTR_CREATE));
	say("setxattr replace absent", setxattr("p/f", "user.b", "two", 3, XATTR_REPLACE));
	say("getxattr", getxattr("p/f", "user.a", buf, sizeof(buf)));
	say("getxattr small buffer", getxattr("p/f", "user.a", buf, 1));
	memset(big, 'v', sizeof(big));
	say("setxattr 6000 bytes", setxattr("p/f", "user.big", big, sizeof(big), 0));
	say("setxattr 3000 bytes", setxattr("p/f", "user.mid", big, 3000, 0));
	say("setxattr on dir", setxattr("p", "trusted.t", "dir", 3, 0));
	say("listxattr", listxattr("p/f", buf, sizeof(buf)));
	say("removexattr", removexattr("p/f", "user.a"));
	say("removexattr again", removexattr("p/f", "user.a"));
	say("getxattr removed", getxattr("p/f", "user.a", buf, sizeof(buf)));
	/* link counts, rmdir and rename errors */
	say("mkdir p/d1", mkdir("p/d1", 0755));
	say("mkdir p/d2", mkdir("p/d2", 0755));
	say("nlink p", nlink("p"));
	put("p/d1/inner", "i");
	say("rmdir non-empty", rmdir("p/d1"));
	say("rmdir a file", rmdir("p/f"));
	say("unlink a dir", unlink("p/d2"));
	say("rename into own subtree", rename("p", "p/d1/x"));
	say("rename over non-empty dir", rename("p/d2", "p/d1"));
	say("rename file over dir", rename("p/f", "p/d2"));
	say("rename dir over file", rename("p/d2", "p/f"));
	say("rename dir across", rename("p/d2", "q/d2"));
	say("nlink p", nlink("p"));
	say("nlink q", nlink("q"));
	say("rename dir over empty dir", rename("q/d2", "p/d1/inner2") ? -1 : 0);
	say("nlink q", nlink("q"));
	say("nlink p/d1", nlink("p/d1"));
	/* RENAME_EXCHANGE of a file and a directory across directories */
	put("q/file", "qf");
	say("exchange", syscall(SYS_renameat2, AT_FDCWD, "q/file", AT_FDCWD, "p/d1", 2));
	say("nlink p", nlink("p"));
	say("nlink q", nlink("q"));
	say("q/file is a dir", stat("q/file", &st) ? -1 : S_ISDIR(st.st_mode));
	say("q/file/.. is q", stat("q/file/../file/inner", &st) ? -1 : 1);
	say("exchange missing", syscall(SYS_renameat2, AT_FDCWD, "q/none", AT_FDCWD, "p/d1", 2));
	/* O_TMPFILE, then a name */
	fd = open("q", O_TMPFILE | O_RDWR, 0600);
	say("O_TMPFILE", fd < 0 ? -1 : 0);
	if (fd >= 0) {
		say("write tmpfile", write(fd, "tmp", 3));
		say("tmpfile nlink", fstat(fd, &st) ? -1 : (long)st.st_nlink);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		say("linkat tmpfile",
		    linkat(AT_FDCWD, path, AT_FDCWD, "q/was-tmp", AT_SYMLINK_FOLLOW));
		say("tmpfile nlink", fstat(fd, &st) ? -1 : (long)st.st_nlink);
		close(fd);
	}
	/* an unlinked file still open */
	put("q/open", "still here");
	fd = open("q/open", O_RDWR);
	say("unlink open file", unlink("q/open"));
	say("open file nlink", fstat(fd, &st) ? -1 : (long)st.st_nlink);
	say("read unlinked", pread(fd, buf, sizeof(buf), 0));
	say("write unlinked", pwrite(fd, "more", 4, 10));
	say("link unlinked", linkat(fd, "", AT_FDCWD, "q/back", AT_EMPTY_PATH));
	close(fd);
	/* symlinks, hard links, devices */
	say("symlink fast", symlink("p/f", "fast"));
	memset(big, 'y', 2000);
	big[2000] = 0;
	say("symlink slow", symlink(big, "slow"));
	say("readlink slow", readlink("slow", buf, sizeof(buf)));
	big[4094] = 0;
	memset(big, 'z', 4094);
	say("symlink 4094", symlink(big, "long"));
	say("link", link("p/f", "q/f2"));
	say("nlink p/f", nlink("p/f"));
	say("mknod chr", mknod("chr", S_IFCHR | 0600, makedev(300, 70000)));
	say("rdev major", stat("chr", &st) ? -1 : (long)major(st.st_rdev));
	say("rdev minor", stat("chr", &st) ? -1 : (long)minor(st.st_rdev));
	say("mkfifo", mkfifo("fifo", 0600));
	say("mkdir exists", mkdir("fifo", 0755));
	return 0;
}
