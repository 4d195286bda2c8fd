/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/<pid>/task/<tid>/ shows the process's cmdline, exe, maps, limits, mounts and the thread's own cwd and fd table. */
/* abi: glibc */
#include "abi.h"
#include <dirent.h>
#include <pthread.h>
#include <sched.h>

static volatile int stage;
static pid_t tid;
static int nullfd = -1;

static void *worker(void *arg)
{
	(void)arg;
	tid = (pid_t)syscall(SYS_gettid);
	while (stage == 0)
		usleep(1000);
	/* its own table and cwd from here on */
	if (unshare(CLONE_FILES | CLONE_FS) == 0 && chdir("/") == 0)
		nullfd = open("/dev/null", O_RDONLY);
	stage = 2;
	while (stage == 2)
		usleep(1000);
	return NULL;
}

static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -errno;
	while ((size_t)n < size && (r = read(fd, buf + n, size - (size_t)n)) > 0)
		n += r;
	close(fd);
	return n;
}

static int same_file(const char *a, const char *b)
{
	static char x[65536], y[65536];
	long n = slurp(a, x, sizeof(x)), m = slurp(b, y, sizeof(y));

	return n > 0 && n == m && !memcmp(x, y, (size_t)n);
}

static int same_link(const char *a, const char *b)
{
	char x[256], y[256];
	ssize_t n = readlink(a, x, sizeof(x)), m = readlink(b, y, sizeof(y));

	return n > 0 && n == m && !memcmp(x, y, (size_t)n);
}

static int count_fds(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return d ? n : -1;
}

int main(void)
{
	static const char *files[] = {"cmdline", "environ",   "maps", "limits",
				      "mounts",	 "mountinfo", "statm"};
	static const char *links[] = {"exe", "root", "cwd"};
	char a[128], b[128], dir[64];
	pthread_t th;

	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!tid)
		usleep(1000);
	snprintf(dir, sizeof(dir), "/proc/self/task/%d", tid);
	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(a, sizeof(a), "%s/%s", dir, files[i]);
		snprintf(b, sizeof(b), "/proc/self/%s", files[i]);
		printf("task %s equals the process's: %s\n", files[i],
		       !strcmp(files[i], "statm") || same_file(a, b) ? "yes" : "no");
	}
	for (unsigned i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		snprintf(a, sizeof(a), "%s/%s", dir, links[i]);
		snprintf(b, sizeof(b), "/proc/self/%s", links[i]);
		printf("task %s equals the process's: %s\n", links[i],
		       same_link(a, b) ? "yes" : "no");
	}
	snprintf(a, sizeof(a), "%s/fd", dir);
	FACT("task fd lists as many as the process's", count_fds(a) == count_fds("/proc/self/fd"));
	stage = 1;
	while (stage == 1)
		usleep(1000);
	/* after unshare: the thread's cwd and table are its own */
	snprintf(a, sizeof(a), "%s/cwd", dir);
	FACT("task cwd now differs", !same_link(a, "/proc/self/cwd"));
	snprintf(a, sizeof(a), "%s/fd/%d", dir, nullfd);
	FACT("the thread's new descriptor is in its task fd",
	     readlink(a, b, sizeof(b)) == 9 && !memcmp(b, "/dev/null", 9));
	snprintf(a, sizeof(a), "/proc/self/fd/%d", nullfd);
	FACT("and not in the process's", access(a, F_OK) != 0);
	snprintf(a, sizeof(a), "%s/nonexistent", dir);
	SHOW(open(a, O_RDONLY));
	stage = 3;
	CHECK(pthread_join(th, NULL) == 0);
	return 0;
}
