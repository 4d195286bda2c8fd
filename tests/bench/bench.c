// SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
/*
 * Kevlar's micro- and workload benchmarks (issue 4).  One static program,
 * run unchanged on the host, under Linux in QEMU and under Kevlar in QEMU
 * (tools/bench.py boots both with the same initramfs).
 *
 * Output: one line per benchmark, "name iterations ns/op", where ns/op is
 * CLOCK_MONOTONIC time over a fixed iteration count (after a short
 * warm-up).  A benchmark that fails prints "name iterations FAIL reason";
 * each runs in its own child process, so a crash or a hang (killed after
 * a timeout) costs one row, not the run.  Bandwidth rows report ns per
 * transfer of the named size, like every other row.  A row whose
 * prerequisite is missing (threads, /usr/bin/hackbench) fails with a
 * reason starting "n/a:", so tools that only know FAIL still read it.
 *
 * Thread rows (issue 10) use musl's pthreads; the SMP rows are read at
 * several -smp by `make bench-smp`.  cpu_work_Nproc runs N processes that
 * each do the same fixed work (no system calls) and reports ns per unit of
 * the total work, so its speed-up at SMP=N is ns(1proc, SMP=1) divided by
 * ns(Nproc, SMP=N).
 *
 * usage: bench [-q] [-l] [NAME...]
 *   -q  quick mode (tiny counts, for CI); -l  list the names and exit;
 *   NAMEs restrict the run to those benchmarks.
 * Scratch files live in /tmp/kbench.PID and are removed at the end.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/file.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

static char dir[64];	    /* scratch directory under /tmp */
static char path_file[96];  /* a 4 KiB regular file */
static char path_link[96];  /* a symlink to it */
static char path_dents[96]; /* a directory with 100 entries */
static char cmd_sort[512], cmd_tar[512], cmd_grep[512];
static volatile int sig_count;
static int quick;
static const char *na_reason; /* set by a row whose prerequisite is missing */

static struct timespec t_start;
static double t_elapsed = -1; /* set by stop(), else taken when the body returns */

static void start(void)
{
	t_elapsed = -1;
	clock_gettime(CLOCK_MONOTONIC, &t_start);
}

static double elapsed_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t_start.tv_sec) * 1e9 + (t.tv_nsec - t_start.tv_nsec);
}

static void stop(void)
{
	t_elapsed = elapsed_ns();
}

/*
 * Every benchmark runs its body `n` times and returns 0, or -1 with errno
 * set.  run_bench() calls it twice: a warm-up and the timed run.  Setup
 * that must not be timed goes before start().
 */
typedef int (*bench_fn)(long n);

static int b_getpid(long n)
{
	start();
	for (long i = 0; i < n; i++)
		syscall(SYS_getpid);
	return 0;
}

/* getpid with an rseq area registered, as every glibc thread has one: the
 * system call exit's rseq check on its common path (nothing to update). */
static int b_getpid_rseq(long n)
{
	static struct {
		unsigned cpu_id_start, cpu_id;
		unsigned long long rseq_cs;
		unsigned flags, pad[3];
	} __attribute__((aligned(32))) area;

	if (syscall(SYS_rseq, &area, sizeof(area), 0, 0x53053053) < 0 && errno != EBUSY)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		syscall(SYS_getpid);
	return 0;
}

static int b_gettid(long n)
{
	start();
	for (long i = 0; i < n; i++)
		syscall(SYS_gettid);
	return 0;
}

static int b_clock_gettime(long n)
{
	struct timespec ts;
	start();
	for (long i = 0; i < n; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	return 0;
}

static int b_gettimeofday(long n)
{
	struct timeval tv;
	start();
	for (long i = 0; i < n; i++)
		gettimeofday(&tv, NULL);
	return 0;
}

static int b_time(long n)
{
	start();
	for (long i = 0; i < n; i++)
		if (time(NULL) < 0)
			return -1;
	return 0;
}

static int b_getcpu(long n)
{
	start();
	for (long i = 0; i < n; i++)
		if (sched_getcpu() < 0)
			return -1;
	return 0;
}

static int b_uname(long n)
{
	struct utsname u;
	start();
	for (long i = 0; i < n; i++)
		if (uname(&u) < 0)
			return -1;
	return 0;
}

/* A credential round trip: setresuid to the ids already held, then getuid. */
static int b_setuid_getuid(long n)
{
	uid_t u = getuid();
	start();
	for (long i = 0; i < n; i++)
		if (syscall(SYS_setresuid, u, u, u) < 0 || syscall(SYS_getuid) != u)
			return -1;
	return 0;
}

static int rw_loop(const char *path, int flags, size_t len, long n, int do_write)
{
	static char buf[4096];
	int fd = open(path, flags);
	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		ssize_t r = do_write ? write(fd, buf, len) : read(fd, buf, len);
		if (r < 0 || (do_write && (size_t)r != len)) {
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}

static int b_read_null(long n)
{
	return rw_loop("/dev/null", O_RDONLY, 1, n, 0);
}

static int b_write_null(long n)
{
	return rw_loop("/dev/null", O_WRONLY, 1, n, 1);
}

static int b_read_zero(long n)
{
	return rw_loop("/dev/zero", O_RDONLY, 4096, n, 0);
}

static int b_pread(long n)
{
	char buf[4096];
	int fd = open(path_file, O_RDONLY);
	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		if (pread(fd, buf, sizeof(buf), 0) != sizeof(buf))
			return -1;
	close(fd);
	return 0;
}

/* one crossing per call: a 1-byte pread of a tmpfs file (ring 2, a service)
 * against the same of /dev/zero (ring 1); with fstat of each, the pair's
 * difference per profile is the cost of a contained crossing */
static int pread_1b_loop(const char *path, long n)
{
	char c;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		if (pread(fd, &c, 1, 0) != 1)
			return -1;
	close(fd);
	return 0;
}

static int b_pread_tmpfs_1b(long n)
{
	return pread_1b_loop(path_file, n);
}

static int b_pread_zero_1b(long n)
{
	return pread_1b_loop("/dev/zero", n);
}

static int b_fstat_null(long n)
{
	struct stat st;
	int fd = open("/dev/null", O_RDONLY);
	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		if (fstat(fd, &st) < 0)
			return -1;
	close(fd);
	return 0;
}

static int b_writev(long n)
{
	static char a[64], b[64], c[64], d[64];
	struct iovec iov[4] = {{a, 64}, {b, 64}, {c, 64}, {d, 64}};
	int fd = open("/dev/null", O_WRONLY);
	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		if (writev(fd, iov, 4) != 256)
			return -1;
	close(fd);
	return 0;
}

static int b_lseek(long n)
{
	int fd = open(path_file, O_RDONLY);
	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		if (lseek(fd, i & 1023, SEEK_SET) < 0)
			return -1;
	close(fd);
	return 0;
}

static int b_fcntl(long n)
{
	start();
	for (long i = 0; i < n; i++)
		if (fcntl(1, F_GETFL) < 0)
			return -1;
	return 0;
}

static int b_dup_close(long n)
{
	start();
	for (long i = 0; i < n; i++) {
		int fd = dup(1);
		if (fd < 0)
			return -1;
		close(fd);
	}
	return 0;
}

/* flock LOCK_EX then LOCK_UN on a tmpfs file */
static int b_flock(long n)
{
	int fd = open(path_file, O_RDONLY);

	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		if (flock(fd, LOCK_EX) < 0 || flock(fd, LOCK_UN) < 0) {
			close(fd);
			return -1;
		}
	}
	stop();
	close(fd);
	return 0;
}

/* fcntl F_SETLK: a write lock on the whole file, then its unlock */
static int b_fcntl_lock(long n)
{
	struct flock wr = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	struct flock un = {.l_type = F_UNLCK, .l_whence = SEEK_SET};
	int fd = open(path_file, O_RDWR);

	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		if (fcntl(fd, F_SETLK, &wr) < 0 || fcntl(fd, F_SETLK, &un) < 0) {
			close(fd);
			return -1;
		}
	}
	stop();
	close(fd);
	return 0;
}

static int b_open_close(long n)
{
	start();
	for (long i = 0; i < n; i++) {
		int fd = open(path_file, O_RDONLY);
		if (fd < 0)
			return -1;
		close(fd);
	}
	return 0;
}

/* open+close as uid 1000 (no capabilities) of dir/pa/pb/file, a path of
 * three components from the scratch directory: a search check on each
 * directory and a read check on the file (issue 9's permission row).
 * The child running the row drops its root privileges for good. */
static int b_open_close_uid1000(long n)
{
	char p[128];

	if (chdir(dir) < 0 || (mkdir("pa", 0755) < 0 && errno != EEXIST) ||
	    (mkdir("pa/pb", 0755) < 0 && errno != EEXIST))
		return -1;
	snprintf(p, sizeof(p), "pa/pb/file");
	close(open(p, O_WRONLY | O_CREAT, 0644));
	if (setresgid(1000, 1000, 1000) < 0 || setresuid(1000, 1000, 1000) < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		int fd = open(p, O_RDONLY);
		if (fd < 0)
			return -1;
		close(fd);
	}
	return 0;
}

static int b_stat(long n)
{
	struct stat st;
	start();
	for (long i = 0; i < n; i++)
		if (stat(path_file, &st) < 0)
			return -1;
	return 0;
}

static int b_fstat(long n)
{
	struct stat st;
	int fd = open(path_file, O_RDONLY);
	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		if (fstat(fd, &st) < 0)
			return -1;
	close(fd);
	return 0;
}

/* statfs of the scratch directory (a tmpfs): what df does per mount */
static int b_statfs(long n)
{
	struct statfs sf;
	start();
	for (long i = 0; i < n; i++)
		if (statfs(path_file, &sf) < 0)
			return -1;
	return 0;
}

static int b_access(long n)
{
	start();
	for (long i = 0; i < n; i++)
		if (access(path_file, R_OK) < 0)
			return -1;
	return 0;
}

static int b_getcwd(long n)
{
	char buf[256];
	start();
	for (long i = 0; i < n; i++)
		if (!getcwd(buf, sizeof(buf)))
			return -1;
	return 0;
}

static int b_readlink(long n)
{
	char buf[256];
	start();
	for (long i = 0; i < n; i++)
		if (readlink(path_link, buf, sizeof(buf)) < 0)
			return -1;
	return 0;
}

static int b_pipe_1b(long n)
{
	int p[2];
	char c = 'x';
	if (pipe(p) < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		if (write(p[1], &c, 1) != 1 || read(p[0], &c, 1) != 1)
			return -1;
	close(p[0]);
	close(p[1]);
	return 0;
}

/* epoll_wait on an epoll holding one pipe with a byte in it (level-
 * triggered: ready every time).  Issue 11 names an eventfd; a pipe
 * stands in until eventfd lands. */
static int b_epoll_wait_ready_pipe(long n)
{
	struct epoll_event ev = {.events = EPOLLIN};
	int p[2], ep = epoll_create1(0);
	if (ep < 0 || pipe(p) < 0 || write(p[1], "x", 1) != 1 ||
	    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		if (epoll_wait(ep, &ev, 1, 0) != 1)
			return -1;
	close(p[0]);
	close(p[1]);
	close(ep);
	return 0;
}

/* 100 pipes, the last one readable: poll or select over all of them. */
#define NPIPES 100
static int pipes_open(int r[NPIPES], int w[NPIPES])
{
	for (int i = 0; i < NPIPES; i++) {
		int p[2];
		if (pipe(p) < 0)
			return -1;
		r[i] = p[0];
		w[i] = p[1];
	}
	return write(w[NPIPES - 1], "x", 1) == 1 ? 0 : -1;
}

static void pipes_close(int r[NPIPES], int w[NPIPES])
{
	for (int i = 0; i < NPIPES; i++) {
		close(r[i]);
		close(w[i]);
	}
}

static int b_poll_100_pipes(long n)
{
	int r[NPIPES], w[NPIPES];
	struct pollfd pfd[NPIPES];
	if (pipes_open(r, w) < 0)
		return -1;
	for (int i = 0; i < NPIPES; i++)
		pfd[i] = (struct pollfd){.fd = r[i], .events = POLLIN};
	start();
	for (long i = 0; i < n; i++)
		if (poll(pfd, NPIPES, 0) != 1)
			return -1;
	pipes_close(r, w);
	return 0;
}

static int b_select_100_pipes(long n)
{
	int r[NPIPES], w[NPIPES], maxfd = 0;
	fd_set all, rd;
	if (pipes_open(r, w) < 0)
		return -1;
	FD_ZERO(&all);
	for (int i = 0; i < NPIPES; i++) {
		FD_SET(r[i], &all);
		maxfd = r[i] > maxfd ? r[i] : maxfd;
	}
	start();
	for (long i = 0; i < n; i++) {
		struct timeval tv = {0, 0};
		rd = all;
		if (select(maxfd + 1, &rd, NULL, NULL, &tv) != 1)
			return -1;
	}
	pipes_close(r, w);
	return 0;
}

/* epoll_wait on an epoll holding one eventfd with a count (level-
 * triggered: ready every time), the row issue 11 names. */
static int b_epoll_wait_ready_eventfd(long n)
{
	struct epoll_event ev = {.events = EPOLLIN};
	int fd = eventfd(1, 0), ep = epoll_create1(0);

	if (fd < 0 || ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		if (epoll_wait(ep, &ev, 1, 0) != 1)
			return -1;
	close(fd);
	close(ep);
	return 0;
}

/* eventfd: add 1 and read the counter back, one process: ns per pair. */
static int b_eventfd(long n)
{
	uint64_t v = 1;
	int fd = eventfd(0, 0);

	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		v = 1;
		if (write(fd, &v, 8) != 8 || read(fd, &v, 8) != 8)
			return -1;
	}
	close(fd);
	return 0;
}

static int reap(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		errno = ECHILD;
		return -1;
	}
	return 0;
}

/* One byte there and back between two processes, the parent writing
 * `out` and reading `in`, the child reading `cin` and writing `cout`: ns
 * per round trip (the reap is not a round trip). */
static int pingpong(long n, int in, int out, int cin, int cout)
{
	char c = 'x';
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		for (long i = 0; i < n; i++)
			if (read(cin, &c, 1) != 1 || write(cout, &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	start();
	for (long i = 0; i < n; i++)
		if (write(out, &c, 1) != 1 || read(in, &c, 1) != 1)
			return -1;
	stop();
	return reap(pid);
}

/* One byte there and back between two processes over two pipes. */
static int b_pipe_pingpong(long n)
{
	int a[2], b[2], r;
	if (pipe(a) < 0 || pipe(b) < 0)
		return -1;
	r = pingpong(n, b[0], a[1], a[0], b[1]);
	close(a[0]), close(a[1]), close(b[0]), close(b[1]);
	return r;
}

/*
 * Context switch: two processes each call sched_yield() n times, so with
 * one CPU every yield hands the CPU to the other; ns per yield (2n).
 */
static int b_ctxsw(long n)
{
	int go[2];
	char c = 0;
	if (pipe(go) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		for (long i = 0; i < n; i++)
			sched_yield();
		_exit(0);
	}
	start();
	if (write(go[1], &c, 1) != 1)
		return -1;
	for (long i = 0; i < n; i++)
		sched_yield();
	close(go[0]), close(go[1]);
	return reap(pid);
}

static int b_fork(long n)
{
	start();
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0)
			_exit(0);
		if (reap(pid) < 0)
			return -1;
	}
	return 0;
}

/*
 * Thread rows.  threads_ok() creates and joins one thread; a kernel
 * without CLONE_THREAD makes the row "n/a" rather than a failure.
 */
static void *thread_nop(void *arg)
{
	return arg;
}

static int threads_ok(void)
{
	pthread_t t;
	int e = pthread_create(&t, NULL, thread_nop, NULL);

	if (e) {
		na_reason = "threads (pthread_create)";
		errno = e;
		return 0;
	}
	pthread_join(t, NULL);
	return 1;
}

/* <linux/futex.h>'s values (musl-gcc does not see the kernel headers) */
#define FUTEX_WAIT	   0
#define FUTEX_WAKE	   1
#define FUTEX_PRIVATE_FLAG 128

static long futex_op(int *uaddr, int op, int val)
{
	return syscall(SYS_futex, uaddr, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

/* Block until *word == want (FUTEX_WAIT while it holds another value). */
static int futex_await(int *word, int want)
{
	int cur;

	while ((cur = __atomic_load_n(word, __ATOMIC_ACQUIRE)) != want)
		if (futex_op(word, FUTEX_WAIT, cur) < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
	return 0;
}

static int futex_hand(int *word, int val)
{
	__atomic_store_n(word, val, __ATOMIC_RELEASE);
	return futex_op(word, FUTEX_WAKE, 1) < 0 ? -1 : 0;
}

struct pingpong {
	int turn; /* 1: the partner's move, 0: the main thread's */
	long n;
	int err;
};

static void *pingpong_partner(void *arg)
{
	struct pingpong *pp = arg;

	for (long i = 0; i < pp->n; i++)
		if (futex_await(&pp->turn, 1) < 0 || futex_hand(&pp->turn, 0) < 0) {
			pp->err = errno;
			futex_hand(&pp->turn, 0);
			break;
		}
	return NULL;
}

/* FUTEX_WAKE/FUTEX_WAIT there and back between two threads of one
 * process: ns per round trip (two wakes, two waits). */
static int b_futex_pingpong(long n)
{
	struct pingpong pp = {.turn = 0, .n = n};
	pthread_t t;
	int e;

	if (!threads_ok())
		return -1;
	if ((e = pthread_create(&t, NULL, pingpong_partner, &pp))) {
		errno = e;
		return -1;
	}
	start();
	for (long i = 0; i < n && !pp.err; i++)
		if (futex_hand(&pp.turn, 1) < 0 || futex_await(&pp.turn, 0) < 0)
			return -1;
	stop();
	pthread_join(t, NULL);
	if (pp.err) {
		errno = pp.err;
		return -1;
	}
	return 0;
}

static int b_pthread_create_join(long n)
{
	if (!threads_ok())
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		pthread_t t;
		void *ret;
		int e = pthread_create(&t, NULL, thread_nop, (void *)i);

		if (e || (e = pthread_join(t, &ret)) || ret != (void *)i) {
			errno = e ? e : EPROTO;
			return -1;
		}
	}
	return 0;
}

#define MUTEX_THREADS 4
static pthread_mutex_t mutex_shared = PTHREAD_MUTEX_INITIALIZER;
static long mutex_counter;

static void *mutex_worker(void *arg)
{
	long n = (long)arg;

	for (long i = 0; i < n; i++) {
		pthread_mutex_lock(&mutex_shared);
		mutex_counter++;
		pthread_mutex_unlock(&mutex_shared);
	}
	return NULL;
}

/* One pthread mutex, 4 threads, n lock/unlock pairs in all (n/4 each):
 * ns per pair.  Contended wherever two threads run at once.  The threads
 * are created while the main thread holds the mutex, so the clock starts
 * when it lets them all go, not while they are being created. */
static int b_mutex_contended(long n)
{
	pthread_t t[MUTEX_THREADS];
	long each = n / MUTEX_THREADS > 0 ? n / MUTEX_THREADS : 1;
	int made = 0, e = 0;

	if (!threads_ok())
		return -1;
	mutex_counter = 0;
	pthread_mutex_lock(&mutex_shared);
	for (; made < MUTEX_THREADS; made++)
		if ((e = pthread_create(&t[made], NULL, mutex_worker, (void *)each)))
			break;
	start();
	pthread_mutex_unlock(&mutex_shared);
	for (int i = 0; i < made; i++)
		pthread_join(t[i], NULL);
	t_elapsed = elapsed_ns() * n / (each * MUTEX_THREADS);
	if (e || mutex_counter != each * MUTEX_THREADS) {
		errno = e ? e : EPROTO;
		return -1;
	}
	return 0;
}

static char *const true_argv[] = {"true", NULL};
static char *const no_env[] = {"PATH=/bin:/usr/bin", NULL};

static int b_vfork_exec(long n)
{
	start();
	for (long i = 0; i < n; i++) {
		pid_t pid = vfork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			execve("/bin/true", true_argv, no_env);
			_exit(127);
		}
		if (reap(pid) < 0)
			return -1;
	}
	return 0;
}

static int b_fork_exec(long n)
{
	start();
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			execve("/bin/true", true_argv, no_env);
			_exit(127);
		}
		if (reap(pid) < 0)
			return -1;
	}
	return 0;
}

/* Start `procs` children each running fn(per) and wait for them all;
 * t_elapsed is the wall time of the whole. */
static int parallel_procs(int procs, long per, int (*fn)(long))
{
	pid_t pid[8];
	int made = 0, bad = 0;

	start();
	for (; made < procs; made++) {
		pid[made] = fork();
		if (pid[made] < 0)
			break;
		if (pid[made] == 0)
			_exit(fn(per) < 0 ? 1 : 0);
	}
	for (int i = 0; i < made; i++)
		bad |= reap(pid[i]) < 0;
	t_elapsed = elapsed_ns();
	if (made < procs || bad) {
		errno = made < procs ? EAGAIN : ECHILD;
		return -1;
	}
	return 0;
}

static int fork_exec_loop(long n)
{
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			execve("/bin/true", true_argv, no_env);
			_exit(127);
		}
		if (reap(pid) < 0)
			return -1;
	}
	return 0;
}

/* fork+exec throughput: 4 processes each fork+exec+wait /bin/true n/4
 * times; ns per exec of the whole. */
static int b_fork_exec_4proc(long n)
{
	long per = n / 4 > 0 ? n / 4 : 1;
	int r = parallel_procs(4, per, fork_exec_loop);

	t_elapsed = t_elapsed * n / (4 * per); /* run_bench divides by n */
	return r;
}

/* One unit of CPU-bound work: a xorshift chain with no system call and
 * no memory traffic (about 0.15 ms under QEMU TCG on the build machine, 1.1 ms in icount mode). */
static volatile unsigned long cpu_sink;

static int cpu_work(long units)
{
	unsigned long x = 88172645463325252ul;

	for (long u = 0; u < units; u++)
		for (int i = 0; i < 100000; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
		}
	cpu_sink = x;
	return 0;
}

/* N processes, each doing n units: ns per unit of the N * n done. */
static int cpu_work_procs(int procs, long n)
{
	int r = parallel_procs(procs, n, cpu_work);

	t_elapsed /= procs; /* run_bench divides by n */
	return r;
}

static int b_cpu_work_1proc(long n)
{
	return cpu_work_procs(1, n);
}

static int b_cpu_work_2proc(long n)
{
	return cpu_work_procs(2, n);
}

static int b_cpu_work_4proc(long n)
{
	return cpu_work_procs(4, n);
}

/* fork + exec /bin/sh -c CMD + wait; fails unless CMD exits 0. */
static int sh_c(const char *cmd)
{
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve("/bin/sh", argv, no_env);
		_exit(127);
	}
	return reap(pid);
}

static int sh_loop(const char *cmd, long n)
{
	start();
	for (long i = 0; i < n; i++)
		if (sh_c(cmd) < 0)
			return -1;
	return 0;
}

static int b_sh_true(long n)
{
	return sh_loop("true", n);
}

static int b_mmap_4k(long n)
{
	start();
	for (long i = 0; i < n; i++) {
		void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			       0);
		if (p == MAP_FAILED)
			return -1;
		munmap(p, 4096);
	}
	return 0;
}

/* Map 1 MiB, write one byte per page (256 page faults), unmap. */
static int b_mmap_touch(long n)
{
	const size_t len = 256 * 4096;
	start();
	for (long i = 0; i < n; i++) {
		char *p =
			mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return -1;
		for (size_t off = 0; off < len; off += 4096)
			p[off] = 1;
		munmap(p, len);
	}
	return 0;
}

static int b_mprotect(long n)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	p[0] = 1;
	start();
	for (long i = 0; i < n; i++)
		if (mprotect(p, 4096, (i & 1) ? PROT_READ | PROT_WRITE : PROT_READ) < 0)
			return -1;
	munmap(p, 4096);
	return 0;
}

/* Grow the break by one page and shrink it back: ns per pair. */
static int b_brk(long n)
{
	long base = syscall(SYS_brk, 0);
	start();
	for (long i = 0; i < n; i++) {
		if (syscall(SYS_brk, base + 4096) != base + 4096)
			return -1;
		syscall(SYS_brk, base);
	}
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;
	sig_count++;
}

static int b_sigaction(long n)
{
	struct sigaction sa = {.sa_handler = on_signal};
	start();
	for (long i = 0; i < n; i++)
		if (sigaction(SIGUSR1, &sa, NULL) < 0)
			return -1;
	return 0;
}

static int b_sigprocmask(long n)
{
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	start();
	for (long i = 0; i < n; i++)
		if (sigprocmask((i & 1) ? SIG_UNBLOCK : SIG_BLOCK, &set, &old) < 0)
			return -1;
	return 0;
}

/* kill(getpid()) with a handler installed: delivery plus sigreturn. */
static int b_signal(long n)
{
	struct sigaction sa = {.sa_handler = on_signal};
	pid_t me = getpid();
	if (sigaction(SIGUSR1, &sa, NULL) < 0)
		return -1;
	sig_count = 0;
	start();
	for (long i = 0; i < n; i++)
		kill(me, SIGUSR1);
	if (sig_count != n) {
		errno = EINTR;
		return -1;
	}
	return 0;
}

/* setitimer(ITIMER_REAL, 1 us) then sigsuspend until the SIGALRM handler
 * ran: arming, expiry, wake-up and delivery (an alarm-driven signal). */
static int b_itimer_signal(long n)
{
	struct sigaction sa = {.sa_handler = on_signal};
	struct itimerval it = {{0, 0}, {0, 1}};
	sigset_t block, wait_mask;

	if (sigaction(SIGALRM, &sa, NULL) < 0)
		return -1;
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigdelset(&wait_mask, SIGALRM);
	sig_count = 0;
	start();
	for (long i = 0; i < n; i++) {
		if (setitimer(ITIMER_REAL, &it, NULL) < 0)
			return -1;
		while (sig_count <= i)
			sigsuspend(&wait_mask);
	}
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	return 0;
}

static int b_sched_yield(long n)
{
	start();
	for (long i = 0; i < n; i++)
		sched_yield();
	return 0;
}

/* Open the 100-entry directory, read it all with getdents64, close. */
static int b_getdents(long n)
{
	char buf[8192];
	start();
	for (long i = 0; i < n; i++) {
		int fd = open(path_dents, O_RDONLY | O_DIRECTORY);
		long got, entries = 0;
		if (fd < 0)
			return -1;
		while ((got = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
			for (long off = 0; off < got;) {
				unsigned short reclen;
				memcpy(&reclen, buf + off + 16, sizeof(reclen));
				off += reclen;
				entries++;
			}
		close(fd);
		if (got < 0)
			return -1;
		if (entries != 102) { /* 100 files, "." and ".." */
			errno = ENOENT;
			return -1;
		}
	}
	return 0;
}

static int b_create_delete(long n)
{
	char p[128];
	snprintf(p, sizeof(p), "%s/new", dir);
	start();
	for (long i = 0; i < n; i++) {
		int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			return -1;
		close(fd);
		if (unlink(p) < 0)
			return -1;
	}
	return 0;
}

/* A child drains the pipe while we write n chunks of `len` bytes. */
static int pipe_bw(size_t len, long n)
{
	static char buf[1 << 20];
	int p[2];
	if (pipe(p) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(p[1]);
		long long want = (long long)len * n;
		ssize_t r;
		while (want > 0 && (r = read(p[0], buf, 65536)) > 0)
			want -= r;
		_exit(want ? 1 : 0);
	}
	close(p[0]);
	start();
	for (long i = 0; i < n; i++)
		for (size_t done = 0; done < len;) {
			ssize_t w = write(p[1], buf + done, len - done);
			if (w <= 0)
				return -1;
			done += w;
		}
	close(p[1]);
	return reap(pid);
}

static int b_pipe_bw_4k(long n)
{
	return pipe_bw(4096, n);
}

static int b_pipe_bw_1m(long n)
{
	return pipe_bw(1 << 20, n);
}

/* sendfile of a 64 KiB file in `where` to /dev/null, at an offset pointer. */
static int sendfile_64k(const char *where, long n)
{
	static char data[65536];
	char path[128];
	int in, out = open("/dev/null", O_WRONLY);

	snprintf(path, sizeof(path), "%s/sendfile", where);
	in = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (in < 0 || out < 0 || write(in, data, sizeof(data)) != sizeof(data))
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		off_t off = 0;

		if (syscall(SYS_sendfile, out, in, &off, sizeof(data)) != sizeof(data))
			return -1;
	}
	stop();
	close(in);
	close(out);
	return unlink(path);
}

static int b_sendfile_64k(long n)
{
	return sendfile_64k(dir, n); /* tmpfs */
}

/* issue 11: Unix sockets.  One byte there and back between two processes
 * over a stream socketpair: ns per round trip. */
static int b_unix_pingpong(long n)
{
	int sv[2], r;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return -1;
	r = pingpong(n, sv[0], sv[0], sv[1], sv[1]);
	close(sv[0]), close(sv[1]);
	return r;
}

/* issue 14: TCP and UDP over the loopback.  Linux's lo starts down in a
 * bare initramfs: bring it up (Kevlar's loopback is always up, and an
 * error here is ignored). */
static void loopback_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		(void)ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
}

/* A connected pair of `type` on 127.0.0.1 (a listener in between for TCP). */
static int loopback_pair(int type, int sv[2])
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int l, one = 1;

	loopback_up();
	l = socket(AF_INET, type, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, len) ||
	    getsockname(l, (struct sockaddr *)&a, &len))
		return -1;
	if (type == SOCK_STREAM && listen(l, 1))
		return -1;
	sv[0] = socket(AF_INET, type, 0);
	if (sv[0] < 0 || connect(sv[0], (struct sockaddr *)&a, len))
		return -1;
	if (type == SOCK_DGRAM) {
		struct sockaddr_in b;
		socklen_t blen = sizeof(b);

		if (getsockname(sv[0], (struct sockaddr *)&b, &blen) ||
		    connect(l, (struct sockaddr *)&b, blen))
			return -1;
		sv[1] = l;
		return 0;
	}
	sv[1] = accept(l, NULL, NULL);
	close(l);
	if (sv[1] < 0)
		return -1;
	setsockopt(sv[0], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(sv[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return 0;
}

/* One byte there and back between two processes over a TCP connection
 * (TCP_NODELAY) or a connected UDP pair on 127.0.0.1: ns per round trip. */
static int inet_pingpong(long n, int type)
{
	int sv[2], r;

	if (loopback_pair(type, sv))
		return -1;
	r = pingpong(n, sv[0], sv[0], sv[1], sv[1]);
	close(sv[0]), close(sv[1]);
	return r;
}

static int b_tcp_pingpong(long n)
{
	return inet_pingpong(n, SOCK_STREAM);
}

static int b_udp_pingpong(long n)
{
	return inet_pingpong(n, SOCK_DGRAM);
}

/* Bulk TCP on 127.0.0.1: `size`-byte writes into a connection another
 * process drains: ns per write (MB/s = size * 1e3 / ns). */
static int tcp_bw(long n, size_t size)
{
	static char buf[65536];
	int sv[2], r;
	pid_t pid;

	if (loopback_pair(SOCK_STREAM, sv))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		long long want = (long long)size * n;
		ssize_t got;

		close(sv[0]);
		while (want > 0 && (got = read(sv[1], buf, sizeof(buf))) > 0)
			want -= got;
		_exit(want ? 1 : 0);
	}
	close(sv[1]);
	start();
	for (long i = 0; i < n; i++)
		for (size_t done = 0; done < size;) {
			ssize_t w = write(sv[0], buf + done, size - done);
			if (w <= 0)
				return -1;
			done += w;
		}
	r = reap(pid);
	stop();
	close(sv[0]);
	return r;
}

static int b_tcp_bw_4k(long n)
{
	return tcp_bw(n, 4096);
}

static int b_tcp_bw_64k(long n)
{
	return tcp_bw(n, 65536);
}

/* connect() to a listener on 127.0.0.1, accept(), close both (the client
 * first, so its end waits in TIME_WAIT as a client's does): ns per
 * connection. */
static int b_tcp_connect_accept_close(long n)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int l;

	loopback_up();
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, len) ||
	    getsockname(l, (struct sockaddr *)&a, &len) || listen(l, 16))
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0), s;

		if (c < 0 || connect(c, (struct sockaddr *)&a, len) < 0)
			return -1;
		s = accept(l, NULL, NULL);
		if (s < 0)
			return -1;
		close(c);
		close(s);
	}
	stop();
	close(l);
	return 0;
}

/* Debian's redis-server and redis-benchmark (the bench image carries them
 * when build/servers/root exists; otherwise the rows are n/a):
 * `redis-benchmark -n N -c 20 -t TEST -q` against a server on 127.0.0.1,
 * started before the clock: ns per request (requests/s = 1e9 / ns). */
#define REDIS_SERVER "/usr/bin/redis-server"
#define REDIS_BENCH  "/usr/bin/redis-benchmark"
#define REDIS_PORT   6390

static pid_t spawn_quiet(const char *path, char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
			_exit(126);
		execve(path, argv, no_env);
		_exit(127);
	}
	return pid;
}

static int redis_row(long n, const char *test)
{
	char *srv_argv[] = {"redis-server", "--port", "6390",	      "--bind", "127.0.0.1",
			    "--save",	    "",	      "--appendonly", "no",	NULL};
	char count[24];
	char *argv[] = {"redis-benchmark", "-p", "6390", "-n", count, "-c", "20", "-t",
			(char *)test,	   "-q", NULL};
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons(REDIS_PORT),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	pid_t srv, cli;
	int up = 0, st, r;

	if (access(REDIS_SERVER, X_OK) < 0 || access(REDIS_BENCH, X_OK) < 0) {
		na_reason = REDIS_SERVER " and " REDIS_BENCH;
		return -1;
	}
	loopback_up();
	srv = spawn_quiet(REDIS_SERVER, srv_argv);
	if (srv < 0)
		return -1;
	for (int i = 0; i < 1000 && !up; i++) { /* at most 10 s for it to listen */
		int c = socket(AF_INET, SOCK_STREAM, 0);

		up = c >= 0 && connect(c, (struct sockaddr *)&a, sizeof(a)) == 0;
		close(c);
		if (!up)
			usleep(10000);
	}
	snprintf(count, sizeof(count), "%ld", n);
	start();
	cli = up ? spawn_quiet(REDIS_BENCH, argv) : -1;
	r = cli < 0 ? -1 : reap(cli);
	stop();
	kill(srv, SIGKILL);
	waitpid(srv, &st, 0);
	if (!up)
		errno = ECONNREFUSED;
	return up ? r : -1;
}

static int b_redis_set(long n)
{
	return redis_row(n, "set");
}

static int b_redis_get(long n)
{
	return redis_row(n, "get");
}

/* issue 11: System V semaphores.  Two processes hand a turn back and
 * forth through two semaphores of one set, each semop blocking until the
 * other's (the contended path: a sleep, and a wake-up by the other's
 * operation): ns per round trip. */
static int b_semop_pingpong(long n)
{
	struct sembuf up0 = {0, 1, 0}, down0 = {0, -1, 0}, up1 = {1, 1, 0}, down1 = {1, -1, 0};
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600), r;
	pid_t pid;

	if (id < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		for (long i = 0; i < n; i++)
			if (semop(id, &down0, 1) < 0 || semop(id, &up1, 1) < 0)
				_exit(1);
		_exit(0);
	}
	start();
	for (long i = 0; i < n; i++)
		if (semop(id, &up0, 1) < 0 || semop(id, &down1, 1) < 0)
			return -1;
	stop();
	r = reap(pid);
	semctl(id, 0, IPC_RMID);
	return r;
}

/* 64 KiB writes to a stream socket another process drains: ns per 64 KiB. */
static int b_unix_64k(long n)
{
	static char buf[65536];
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(sv[0]);
		long long want = (long long)sizeof(buf) * n;
		ssize_t r;
		while (want > 0 && (r = read(sv[1], buf, sizeof(buf))) > 0)
			want -= r;
		_exit(want ? 1 : 0);
	}
	close(sv[1]);
	start();
	for (long i = 0; i < n; i++)
		for (size_t done = 0; done < sizeof(buf);) {
			ssize_t w = write(sv[0], buf + done, sizeof(buf) - done);
			if (w <= 0)
				return -1;
			done += w;
		}
	int r = reap(pid);
	stop();
	close(sv[0]);
	return r;
}

/* socketpair() and closing both ends: ns per pair. */
static int b_socketpair(long n)
{
	int sv[2];

	start();
	for (long i = 0; i < n; i++) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
			return -1;
		close(sv[0]);
		close(sv[1]);
	}
	return 0;
}

/* Debian's hackbench (rt-tests) with pipes, 4 groups of 20 senders and 20
 * receivers passing 100 messages each: ns per whole run.  The bench image
 * carries it as /usr/bin/hackbench (BENCH_HACKBENCH names another path);
 * without it the row is n/a. */
static int hackbench(long n, int threads)
{
	char *argv[] = {"hackbench", "-p", "-g", "4", "-l", "100", threads ? "-T" : NULL, NULL};
	const char *path =
		getenv("BENCH_HACKBENCH") ? getenv("BENCH_HACKBENCH") : "/usr/bin/hackbench";

	if (access(path, X_OK) < 0) {
		na_reason = path;
		return -1;
	}
	if (threads && !threads_ok())
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			if (null < 0 || dup2(null, 1) < 0)
				_exit(126);
			execve(path, argv, no_env);
			_exit(127);
		}
		if (reap(pid) < 0)
			return -1;
	}
	return 0;
}

static int b_hackbench_proc(long n)
{
	return hackbench(n, 0);
}

static int b_hackbench_thr(long n)
{
	return hackbench(n, 1);
}

static int b_sort_uniq(long n)
{
	return sh_loop(cmd_sort, n);
}

static int b_tar(long n)
{
	return sh_loop(cmd_tar, n);
}

static int b_grep_sed(long n)
{
	return sh_loop(cmd_grep, n);
}

/* issue 13: the virtio-blk disk both kernels get (tools/bench.py: 128 MiB
 * of random bytes, read-only), read through the block device node with
 * its cache dropped first (BLKFLSBUF, as Linux's), so the disk is read:
 * 64 MiB sequentially in 1 MiB reads (one op), and 4 KiB reads at
 * pseudo-random 4 KiB offsets (one op each). */
#ifndef BLKFLSBUF
#define BLKFLSBUF _IO(0x12, 97)
#endif
#define DISK_DEV "/dev/vda"

static int open_disk(void)
{
	/* only a disk the bench image was given (tools/bench.py), never
	 * whatever /dev/vda the machine running the bench natively has */
	const char *dev = getenv("BENCH_DISK_DEV");
	int fd = dev && !strcmp(dev, DISK_DEV) ? open(DISK_DEV, O_RDONLY) : -1;

	if (fd < 0) {
		if (!dev)
			errno = ENOENT;
		na_reason = DISK_DEV " (BENCH_DISK_DEV)";
		return -1;
	}
	if (ioctl(fd, BLKFLSBUF, 0) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int b_disk_seq_read(long n)
{
	static char buf[1 << 20];
	double total = 0;
	int fd = open_disk();

	if (fd < 0)
		return -1;
	for (long i = 0; i < n; i++) {
		/* every op reads the disk, not the cache: dropped untimed */
		if (ioctl(fd, BLKFLSBUF, 0) < 0 || lseek(fd, 0, SEEK_SET) < 0)
			return -1;
		start();
		for (int k = 0; k < 64; k++)
			if (read(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
				return -1;
		total += elapsed_ns();
	}
	t_elapsed = total;
	close(fd);
	return 0;
}

static int b_disk_rand_read(long n)
{
	char buf[4096];
	unsigned long x = 12345;
	int fd = open_disk();

	if (fd < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		if (pread(fd, buf, sizeof(buf), (off_t)((x >> 33) % 32768) * 4096) != sizeof(buf))
			return -1;
	}
	close(fd);
	return 0;
}

static void die(const char *what);
static void write_file(const char *path, const char *data, size_t len);

/*
 * Issue 13: rows on an ext4 disk.  tools/bench.py attaches a fresh
 * `mke2fs -t ext4` image on virtio-blk to every boot and the image's
 * command mounts it and names the mount in BENCH_DISK_DIR; setup() makes
 * its scratch directory there.  Without it every row is "n/a: no ext4
 * disk".  The read rows (stat, sequential and random reads) use the files
 * bench.py puts on the image with `mke2fs -d` (kbench-ro/), so they run on
 * a disk mounted read-only too; elsewhere (natively) the 64 MiB file is
 * written by ext4_seq_write (the first row to need it makes it otherwise,
 * untimed).  The read rows read it after its pages are dropped (fsync, POSIX_FADV_DONTNEED, and, with
 * BENCH_DROP_CACHES set, /proc/sys/vm/drop_caches where the kernel has it).
 */
#define EXT4_FILE_MIB 64
static char ext4_dir[96];  /* BENCH_DISK_DIR/kbench.PID, or "" */
static char ext4_big[128]; /* the 64 MiB file */
static char ext4_ro[128];  /* BENCH_DISK_DIR/kbench-ro, if the image has it */
static char cmd_ext4_tar[512];

static int ext4_errno = ENOENT; /* why there is no ext4_dir */

static int ext4_ok(void)
{
	if (!ext4_dir[0]) {
		na_reason = "writable ext4 disk (BENCH_DISK_DIR)";
		errno = ext4_errno;
		return 0;
	}
	return 1;
}

static void ext4_drop_pages(int fd)
{
	/* only where asked (the bench image): never the host's caches */
	int dc = getenv("BENCH_DROP_CACHES") ? open("/proc/sys/vm/drop_caches", O_WRONLY) : -1;

	fsync(fd);
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	if (dc >= 0) {
		sync();
		if (write(dc, "3", 1) < 0) { /* not root, or no such knob: keep going */
		}
		close(dc);
	}
}

/* write `mib` MiB from offset 0 (truncating first), then fsync */
static int ext4_write_mib(long mib, int timed)
{
	static char buf[1 << 20];
	int fd = open(ext4_big, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	memset(buf, 'e', sizeof(buf));
	if (timed)
		start();
	for (long i = 0; i < mib; i++)
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			return -1;
	if (fsync(fd) < 0)
		return -1;
	if (timed)
		stop();
	close(fd);
	return 0;
}

static int ext4_big_fd(void)
{
	struct stat st;
	char p[160];

	if (ext4_ro[0]) {
		snprintf(p, sizeof(p), "%s/big", ext4_ro);
		int fd = open(p, O_RDONLY);
		if (fd >= 0)
			ext4_drop_pages(fd);
		return fd;
	}
	if (!ext4_ok())
		return -1;
	if (stat(ext4_big, &st) < 0 || st.st_size < (off_t)EXT4_FILE_MIB << 20)
		if (ext4_write_mib(EXT4_FILE_MIB, 0) < 0)
			return -1;
	int fd = open(ext4_big, O_RDONLY);
	if (fd >= 0)
		ext4_drop_pages(fd);
	return fd;
}

static int ext4_create_delete(long n, size_t len)
{
	static char buf[10240];
	char p[160];

	if (!ext4_ok())
		return -1;
	snprintf(p, sizeof(p), "%s/new", ext4_dir);
	memset(buf, 'c', sizeof(buf));
	start();
	for (long i = 0; i < n; i++) {
		int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			return -1;
		if (len && write(fd, buf, len) != (ssize_t)len)
			return -1;
		close(fd);
		if (unlink(p) < 0)
			return -1;
	}
	return 0;
}

static int b_ext4_create_delete_0k(long n)
{
	return ext4_create_delete(n, 0);
}

static int b_ext4_create_delete_10k(long n)
{
	return ext4_create_delete(n, 10240);
}

static int b_ext4_stat(long n)
{
	char p[160];
	struct stat st;

	if (ext4_ro[0]) {
		snprintf(p, sizeof(p), "%s/big", ext4_ro);
	} else {
		if (!ext4_ok())
			return -1;
		snprintf(p, sizeof(p), "%s/stat-me", ext4_dir);
		int fd = open(p, O_WRONLY | O_CREAT, 0644);
		if (fd < 0)
			return -1;
		close(fd);
	}
	start();
	for (long i = 0; i < n; i++)
		if (stat(p, &st) < 0)
			return -1;
	return 0;
}

/* one op: one MiB of a sequential write of n MiB, the fsync included */
static int b_ext4_seq_write(long n)
{
	if (!ext4_ok())
		return -1;
	return ext4_write_mib(n, 1);
}

/* one op: one MiB of a sequential read from cold pages */
static int b_ext4_seq_read(long n)
{
	static char buf[1 << 20];
	int fd;

	if ((fd = ext4_big_fd()) < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++)
		if (read(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			return -1;
	close(fd);
	return 0;
}

/* one op: one 4 KiB pread at a random aligned offset of the cold file */
static int b_ext4_rand_read(long n)
{
	char buf[4096];
	unsigned long x = 88172645463325252UL;
	int fd;

	if ((fd = ext4_big_fd()) < 0)
		return -1;
	start();
	for (long i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		off_t off = (off_t)(x % (EXT4_FILE_MIB * 256)) * 4096;
		if (pread(fd, buf, sizeof(buf), off) != (ssize_t)sizeof(buf))
			return -1;
	}
	close(fd);
	return 0;
}

/* one op: a 4 KiB pwrite and the fsync that makes it durable */
static int b_ext4_fsync(long n)
{
	char p[160], buf[4096];
	int fd;

	if (!ext4_ok())
		return -1;
	snprintf(p, sizeof(p), "%s/fsync-me", ext4_dir);
	if ((fd = open(p, O_WRONLY | O_CREAT, 0644)) < 0)
		return -1;
	memset(buf, 'f', sizeof(buf));
	start();
	for (long i = 0; i < n; i++)
		if (pwrite(fd, buf, sizeof(buf), 0) != (ssize_t)sizeof(buf) || fsync(fd) < 0)
			return -1;
	close(fd);
	return 0;
}

/* one op: sendfile of a 64 KiB ext4 file (cached after the first) to
 * /dev/null at an offset pointer, as sendfile_tmpfs_64K */
static int b_ext4_sendfile_64k(long n)
{
	return ext4_ok() ? sendfile_64k(ext4_dir, n) : -1;
}

/* one op: BusyBox tar extracting 100 files (0-16 KiB) in 5 directories */
static int b_ext4_tar(long n)
{
	if (!ext4_ok())
		return -1;
	return sh_loop(cmd_ext4_tar, n);
}

static void ext4_setup(void)
{
	const char *d = getenv("BENCH_DISK_DIR");
	char p[200], buf[16384];

	struct stat st;

	if (!d || !*d)
		return;
	snprintf(ext4_ro, sizeof(ext4_ro), "%s/kbench-ro", d);
	snprintf(p, sizeof(p), "%s/big", ext4_ro);
	if (stat(p, &st) < 0 || st.st_size < (off_t)EXT4_FILE_MIB << 20)
		ext4_ro[0] = 0;
	snprintf(ext4_dir, sizeof(ext4_dir), "%s/kbench.%d", d, (int)getpid());
	if (mkdir(ext4_dir, 0755) < 0) {
		ext4_errno = errno;
		ext4_dir[0] = 0;
		return;
	}
	snprintf(ext4_big, sizeof(ext4_big), "%s/big", ext4_dir);
	/* the archive lives on tmpfs: only the extraction touches the disk */
	memset(buf, 't', sizeof(buf));
	for (int i = 0; i < 100; i++) {
		snprintf(p, sizeof(p), "%s/ext4tar/d%d", dir, i % 5);
		mkdir(p, 0755);
		snprintf(p, sizeof(p), "%s/ext4tar/d%d/f%03d", dir, i % 5, i);
		write_file(p, buf, (size_t)(i * 167) % sizeof(buf));
	}
	snprintf(p, sizeof(p), "cd %s/ext4tar && tar cf ../ext4.tar d0 d1 d2 d3 d4", dir);
	if (sh_c(p) < 0)
		die("tar cf");
	snprintf(cmd_ext4_tar, sizeof(cmd_ext4_tar),
		 "rm -rf %s/x && mkdir %s/x && tar xf %s/ext4.tar -C %s/x", ext4_dir, ext4_dir, dir,
		 ext4_dir);
}

struct bench {
	const char *name;
	bench_fn fn;
	long iters; /* full run; quick mode divides by 100 (at least 2) */
};

/* Counts are sized for QEMU TCG: each row takes about 0.3-1 s there. */
static const struct bench benches[] = {
	{"getpid", b_getpid, 100000},
	{"getpid_rseq", b_getpid_rseq, 100000},
	{"gettid", b_gettid, 100000},
	{"clock_gettime", b_clock_gettime, 100000},
	{"gettimeofday", b_gettimeofday, 100000},
	{"time", b_time, 100000},
	{"getcpu", b_getcpu, 100000},
	{"uname", b_uname, 50000},
	{"setuid_getuid", b_setuid_getuid, 100000},
	{"read_devnull_1B", b_read_null, 50000},
	{"write_devnull_1B", b_write_null, 50000},
	{"read_devzero_4K", b_read_zero, 20000},
	{"pread_tmpfs_4K", b_pread, 20000},
	{"writev_devnull_4x64B", b_writev, 50000},
	{"lseek", b_lseek, 100000},
	{"fcntl_getfl", b_fcntl, 100000},
	{"dup_close", b_dup_close, 50000},
	{"flock_ex_un", b_flock, 50000},
	{"fcntl_setlk_wr_un", b_fcntl_lock, 50000},
	{"open_close_tmpfs", b_open_close, 20000},
	{"open_close_uid1000_3deep", b_open_close_uid1000, 20000},
	{"stat_tmpfs", b_stat, 20000},
	{"fstat", b_fstat, 50000},
	{"statfs", b_statfs, 20000},
	{"access_tmpfs", b_access, 20000},
	{"getcwd", b_getcwd, 50000},
	{"readlink_tmpfs", b_readlink, 20000},
	{"pipe_write_read_1B", b_pipe_1b, 20000},
	{"pipe_pingpong_2proc", b_pipe_pingpong, 5000},
	/* issue 11: readiness */
	{"epoll_wait_ready_pipe", b_epoll_wait_ready_pipe, 50000},
	{"poll_100_pipes", b_poll_100_pipes, 5000},
	{"select_100_pipes", b_select_100_pipes, 5000},
	{"eventfd_write_read", b_eventfd, 20000},
	{"epoll_wait_ready_eventfd", b_epoll_wait_ready_eventfd, 50000},
	{"ctxsw_sched_yield_2proc", b_ctxsw, 10000},
	{"fork_exit_wait", b_fork, 300},
	{"vfork_exec_true", b_vfork_exec, 200},
	{"fork_exec_true", b_fork_exec, 200},
	{"sh_c_true", b_sh_true, 100},
	{"mmap_munmap_4K", b_mmap_4k, 20000},
	{"mmap_touch_256_pages", b_mmap_touch, 200},
	{"mprotect_4K", b_mprotect, 50000},
	{"brk_grow_shrink", b_brk, 20000},
	{"sigaction", b_sigaction, 100000},
	{"sigprocmask", b_sigprocmask, 100000},
	{"signal_delivery", b_signal, 20000},
	{"itimer_signal_roundtrip", b_itimer_signal, 5000},
	{"sched_yield", b_sched_yield, 100000},
	{"getdents64_100_entries", b_getdents, 2000},
	{"create_delete_tmpfs", b_create_delete, 10000},
	{"pipe_bw_4K", b_pipe_bw_4k, 20000},
	{"pipe_bw_1M", b_pipe_bw_1m, 100},
	{"sendfile_tmpfs_64K", b_sendfile_64k, 2000},
	{"bb_sort_uniq_1000_lines", b_sort_uniq, 20},
	{"bb_tar_extract_20_files", b_tar, 20},
	{"bb_grep_sed_pipeline", b_grep_sed, 20},
	/* issue 10: threads, futexes and the rows `make bench-smp` runs */
	{"futex_pingpong_2thr", b_futex_pingpong, 5000},
	{"pthread_create_join", b_pthread_create_join, 2000},
	{"mutex_contended_4thr", b_mutex_contended, 100000},
	{"fork_exec_true_4proc", b_fork_exec_4proc, 200},
	{"cpu_work_1proc", b_cpu_work_1proc, 1000},
	{"cpu_work_2proc", b_cpu_work_2proc, 1000},
	{"cpu_work_4proc", b_cpu_work_4proc, 1000},
	{"hackbench_pipe_proc_g4_l100", b_hackbench_proc, 3},
	{"hackbench_pipe_thr_g4_l100", b_hackbench_thr, 3},
	/* issue 11: Unix sockets */
	{"unix_stream_pingpong", b_unix_pingpong, 5000},
	{"unix_stream_64k", b_unix_64k, 2000},
	{"socketpair_create_close", b_socketpair, 20000},
	/* issue 14: TCP and UDP on 127.0.0.1 */
	{"tcp_loopback_pingpong", b_tcp_pingpong, 2000},
	{"udp_loopback_pingpong", b_udp_pingpong, 2000},
	{"tcp_loopback_bw_4K", b_tcp_bw_4k, 20000},
	{"tcp_loopback_bw_64K", b_tcp_bw_64k, 2000},
	{"tcp_connect_accept_close", b_tcp_connect_accept_close, 1000},
	{"redis_bench_set_c20", b_redis_set, 20000},
	{"redis_bench_get_c20", b_redis_get, 20000},
	/* issue 11: System V IPC */
	{"semop_pingpong_2proc", b_semop_pingpong, 5000},
	/* issue 12: one crossing into a service (tmpfs) against the same call on
	 * a ring-1 kind (devfs); `fstat` is the tmpfs half of the fstat pair */
	{"fstat_devnull", b_fstat_null, 50000},
	{"pread_tmpfs_1B", b_pread_tmpfs_1b, 100000},
	{"pread_devzero_1B", b_pread_zero_1b, 100000},
	/* issue 13: virtio-blk, the disk read (MB/s = 64 MiB / the op; IOPS = 1 / the op) */
	{"disk_seq_read_64M", b_disk_seq_read, 2},
	{"disk_rand_read_4K", b_disk_rand_read, 2000},
	/* issue 13: an ext4 disk on virtio-blk (BENCH_DISK_DIR) */
	{"ext4_create_delete_0K", b_ext4_create_delete_0k, 2000},
	{"ext4_create_delete_10K", b_ext4_create_delete_10k, 1000},
	{"ext4_stat", b_ext4_stat, 20000},
	{"ext4_seq_write_64M_per_MiB", b_ext4_seq_write, EXT4_FILE_MIB},
	{"ext4_seq_read_64M_per_MiB", b_ext4_seq_read, EXT4_FILE_MIB},
	{"ext4_rand_read_4K", b_ext4_rand_read, 2000},
	{"ext4_fsync_4K_write", b_ext4_fsync, 200},
	{"ext4_tar_extract_100_files", b_ext4_tar, 10},
	{"ext4_sendfile_64K", b_ext4_sendfile_64k, 2000},
};
#define NBENCH (sizeof(benches) / sizeof(benches[0]))

static void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		die(path);
	close(fd);
}

static void setup(void)
{
	char p[160], buf[4096];
	snprintf(dir, sizeof(dir), "/tmp/kbench.%d", (int)getpid());
	if (mkdir(dir, 0755) < 0)
		die(dir);
	snprintf(path_file, sizeof(path_file), "%s/file", dir);
	memset(buf, 'k', sizeof(buf));
	write_file(path_file, buf, sizeof(buf));
	snprintf(path_link, sizeof(path_link), "%s/link", dir);
	if (symlink(path_file, path_link) < 0)
		die(path_link);
	snprintf(path_dents, sizeof(path_dents), "%s/dents", dir);
	if (mkdir(path_dents, 0755) < 0)
		die(path_dents);
	for (int i = 0; i < 100; i++) {
		snprintf(p, sizeof(p), "%s/entry%03d", path_dents, i);
		write_file(p, "", 0);
	}

	/* 1,000 lines of 50 distinct words, in a scrambled order */
	FILE *f;
	snprintf(p, sizeof(p), "%s/lines.txt", dir);
	if (!(f = fopen(p, "w")))
		die(p);
	for (int i = 0; i < 1000; i++)
		fprintf(f, "word%02d line %d of the kevlar benchmark\n", (i * 37) % 50, i);
	fclose(f);

	/* 20 files of 1-20 KiB, archived once with the image's tar */
	snprintf(p, sizeof(p), "%s/tarsrc", dir);
	if (mkdir(p, 0755) < 0)
		die(p);
	for (int i = 0; i < 20; i++) {
		snprintf(p, sizeof(p), "%s/tarsrc/f%02d", dir, i);
		int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			die(p);
		for (int k = 0; k <= i; k++)
			if (write(fd, buf, 1024) != 1024)
				die(p);
		close(fd);
	}
	snprintf(p, sizeof(p), "cd %s/tarsrc && tar cf ../files.tar f*", dir);
	if (sh_c(p) < 0)
		die("tar cf");

	snprintf(cmd_sort, sizeof(cmd_sort), "sort %s/lines.txt | uniq -c > /dev/null", dir);
	snprintf(cmd_tar, sizeof(cmd_tar),
		 "rm -rf %s/x && mkdir %s/x && tar xf %s/files.tar -C %s/x", dir, dir, dir, dir);
	snprintf(cmd_grep, sizeof(cmd_grep),
		 "grep 'word[0-2]' %s/lines.txt | sed -e 's/line/LINE/' -e 's/of the//' | wc -l "
		 "> /dev/null",
		 dir);
	snprintf(p, sizeof(p), "%s/ext4tar", dir);
	if (mkdir(p, 0755) < 0)
		die(p);
	ext4_setup();
	if (chdir(dir) < 0)
		die(dir);
}

static void cleanup(void)
{
	char cmd[128];
	if (chdir("/") < 0)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	sh_c(cmd);
	if (ext4_dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", ext4_dir);
		sh_c(cmd);
	}
}

/*
 * A watchdog process: kill `pid` once `timeout_s` seconds have passed on
 * CLOCK_MONOTONIC (checked each second, so an early wake-up is harmless).
 */
static pid_t watchdog(pid_t pid, int timeout_s)
{
	pid_t w = fork();
	if (w != 0)
		return w;
	struct timespec t0, t, sec = {1, 0};
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		nanosleep(&sec, NULL);
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec < timeout_s);
	kill(pid, SIGKILL);
	_exit(0);
}

/*
 * Run one benchmark in a child: warm up with a tenth of the count, then
 * time the full count.  The parent blocks in waitpid (it does not poll, so
 * it never competes with the measurement); a watchdog kills a hung row,
 * which is then reported rather than stalling the run.
 */
static void run_bench(const struct bench *b, int timeout_s)
{
	long n = quick ? (b->iters / 100 > 2 ? b->iters / 100 : 2) : b->iters;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		long warm = n / 10 > 1 ? n / 10 : 1;
		if (b->fn(warm) < 0 || b->fn(n) < 0) {
			if (na_reason)
				printf("%s %ld FAIL n/a: no %s (%s)\n", b->name, n, na_reason,
				       strerror(errno));
			else
				printf("%s %ld FAIL %s\n", b->name, n, strerror(errno));
			fflush(stdout);
			_exit(1);
		}
		double ns = t_elapsed >= 0 ? t_elapsed : elapsed_ns();
		printf("%s %ld %.1f\n", b->name, n, ns / n);
		fflush(stdout);
		_exit(0);
	}
	pid_t w = watchdog(pid, timeout_s);
	int st, wst;
	if (waitpid(pid, &st, 0) != pid)
		die("waitpid");
	if (w > 0) {
		kill(w, SIGKILL);
		waitpid(w, &wst, 0);
	}
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
		printf("%s %ld FAIL killed after %d s (hung or too slow)\n", b->name, n, timeout_s);
	else if (WIFSIGNALED(st))
		printf("%s %ld FAIL killed by signal %d\n", b->name, n, WTERMSIG(st));
}

int main(int argc, char **argv)
{
	int list = 0, first = 1;
	for (; first < argc && argv[first][0] == '-'; first++) {
		if (!strcmp(argv[first], "-q"))
			quick = 1;
		else if (!strcmp(argv[first], "-l"))
			list = 1;
		else {
			fprintf(stderr, "usage: bench [-q] [-l] [NAME...]\n");
			return 2;
		}
	}
	if (list) {
		for (size_t i = 0; i < NBENCH; i++)
			printf("%s\n", benches[i].name);
		return 0;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	setup();
	const char *t = getenv("BENCH_ROW_TIMEOUT");
	int timeout_s = t ? atoi(t) : 60;
	for (size_t i = 0; i < NBENCH; i++) {
		int want = first == argc;
		for (int k = first; k < argc; k++)
			want |= !strcmp(argv[k], benches[i].name);
		if (want)
			run_bench(&benches[i], timeout_s);
	}
	cleanup();
	return 0;
}
