/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Robustness: call every system call Kevlar implements with hostile
 * arguments (NULL, kernel, unaligned, unmapped and read-only pointers,
 * huge lengths, invalid descriptors, flags and ids), many times each, and
 * check that the kernel survives and answers with a result or a Linux
 * errno.  Each syscall runs in its own child (a call may legitimately kill
 * its caller, e.g. arch_prctl moving the TLS); the parent reports one TAP
 * line per syscall and a final line proving the kernel still works.
 *
 * Run inside Kevlar only: some calls would change the host (settimeofday,
 * sethostname, mount) if they happened to succeed there.
 * usage: robust [ITERATIONS [unmapped-kernel]]   (default 300 per syscall)
 * `unmapped-kernel` (PROFILE=ludicrous, which skips access_ok and relies on
 * the fault fixup): the kernel pointers are an unmapped and a
 * non-canonical address of the kernel half instead of the kernel image and
 * the direct map, which that profile reads and writes as asked.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* argument kinds: p pointer, s path, f fd, n length, x flags/int,
 * i pid (never 0, -1 or our own), g signal, c clock id, - unused */
struct call {
	const char *name;
	long nr;
	const char *kinds;
};

#define C(name, kinds)                   \
	{                                \
#name, SYS_##name, kinds \
	}
static const struct call calls[] = {
	C(read, "fpn"),
	C(write, "fpn"),
	C(open, "sxx"),
	C(close, "f"),
	C(stat, "sp"),
	C(fstat, "fp"),
	C(lstat, "sp"),
	C(lseek, "fxx"),
	C(mmap, "pnxxfn"),
	C(mprotect, "pnx"),
	C(munmap, "pn"),
	C(brk, "p"),
	C(rt_sigaction, "xppn"),
	C(rt_sigprocmask, "xppn"),
	C(ioctl, "fxp"),
	C(pread64, "fpnn"),
	C(pwrite64, "fpnn"),
	C(readv, "fpn"),
	C(writev, "fpn"),
	C(access, "sx"),
	C(pipe, "p"),
	C(sched_yield, ""),
	C(mremap, "pnnxp"),
	C(mincore, "pnp"),
	C(msync, "pnx"),
	C(madvise, "pnx"),
	C(dup, "f"),
	C(dup2, "ff"),
	C(getpid, ""),
	C(getppid, ""),
	C(gettid, ""),
	C(wait4, "ipxp"),
	C(kill, "ig"),
	C(uname, "p"),
	C(fcntl, "fxx"),
	C(fsync, "f"),
	C(fdatasync, "f"),
	C(truncate, "sn"),
	C(ftruncate, "fn"),
	C(getdents64, "fpn"),
	C(getdents, "fpn"),
	C(getcwd, "pn"),
	C(chdir, "s"),
	C(fchdir, "f"),
	C(rename, "ss"),
	C(mkdir, "sx"),
	C(rmdir, "s"),
	C(creat, "sx"),
	C(link, "ss"),
	C(unlink, "s"),
	C(symlink, "ss"),
	C(readlink, "spn"),
	C(chmod, "sx"),
	C(fchmod, "fx"),
	C(chown, "sxx"),
	C(fchown, "fxx"),
	C(lchown, "sxx"),
	C(umask, "x"),
	C(gettimeofday, "pp"),
	C(getrlimit, "xp"),
	C(getrusage, "xp"),
	C(sysinfo, "p"),
	C(times, "p"),
	C(getuid, ""),
	C(getgid, ""),
	C(setuid, "x"),
	C(setgid, "x"),
	C(geteuid, ""),
	C(getegid, ""),
	C(setpgid, "ix"),
	C(getpgrp, ""),
	C(setsid, ""),
	C(setreuid, "xx"),
	C(setregid, "xx"),
	C(getgroups, "xp"),
	C(setgroups, "np"),
	C(setresuid, "xxx"),
	C(getresuid, "ppp"),
	C(setresgid, "xxx"),
	C(getresgid, "ppp"),
	C(setfsuid, "x"),
	C(setfsgid, "x"),
	C(getpgid, "i"),
	C(getsid, "i"),
	C(rt_sigpending, "pn"),
	C(sigaltstack, "pp"),
	C(setrlimit, "xp"),
	C(chroot, "s"),
	C(sync, ""),
	C(mount, "sssxp"),
	C(umount2, "sx"),
	C(swapon, "sx"),
	C(swapoff, "s"),
	C(acct, "s"),
	C(vhangup, ""),
	C(sethostname, "pn"),
	C(setdomainname, "pn"),
	C(tkill, "ig"),
	C(tgkill, "iig"),
	C(clone3, "pn"),
	C(unshare, "x"),
	C(time, "p"),
	C(set_tid_address, "p"),
	C(clock_gettime, "cp"),
	C(clock_getres, "cp"),
	C(clock_nanosleep, "cxpp"),
	C(waitid, "xipxp"),
	C(openat, "fsxx"),
	C(mkdirat, "fsx"),
	C(mknod, "sxx"),
	C(mknodat, "fsxx"),
	C(fchownat, "fsxxx"),
	C(setxattr, "sppnx"),
	C(lsetxattr, "sppnx"),
	C(fsetxattr, "fppnx"),
	C(getxattr, "sppn"),
	C(lgetxattr, "sppn"),
	C(fgetxattr, "fppn"),
	C(listxattr, "spn"),
	C(llistxattr, "spn"),
	C(flistxattr, "fpn"),
	C(removexattr, "sp"),
	C(lremovexattr, "sp"),
	C(fremovexattr, "fp"),
	C(newfstatat, "fspx"),
	C(statfs, "sp"),
	C(fstatfs, "fp"),
	C(unlinkat, "fsx"),
	C(renameat, "fsfs"),
	C(linkat, "fsfsx"),
	C(symlinkat, "sfs"),
	C(readlinkat, "fspn"),
	C(fchmodat, "fsx"),
	C(faccessat, "fsx"),
	C(utimensat, "fspx"),
	C(utimes, "sp"),
	C(futimesat, "fsp"),
	C(utime, "sp"),
	C(set_robust_list, "pn"),
	/* val is never 0 (an fd kind): a WAIT on a zero word would sleep */
	C(futex, "pxfppx"),
	{"futex_waitv", 449, "pnxpc"}, /* musl's headers predate SYS_futex_waitv */
	C(get_robust_list, "ipp"),
	C(dup3, "ffx"),
	C(flock, "fx"),
	C(epoll_create, "x"),
	C(epoll_create1, "x"),
	C(epoll_ctl, "fxfp"),
	C(epoll_wait, "fpnx"),
	C(epoll_pwait, "fpnxpn"),
	C(epoll_pwait2, "fpnppn"),
	C(close_range, "ffx"),
	C(pipe2, "px"),
	C(memfd_create, "px"),
	C(shmget, "xnx"),
	C(shmat, "xpx"),
	C(shmdt, "p"),
	C(shmctl, "xxp"),
	C(semget, "xxx"),
	/* i: never a live id, so a valid-looking call never waits */
	C(semop, "ipn"),
	C(semtimedop, "xpnp"),
	C(semctl, "xxxp"),
	C(msgget, "xx"),
	C(msgsnd, "ipnx"),
	C(msgrcv, "ipnxx"),
	C(msgctl, "xxp"),
	C(sendfile, "ffpn"),
	C(splice, "fpfpnx"),
	C(tee, "ffnx"),
	C(copy_file_range, "fpfpnx"),
	C(fallocate, "fxnn"),
	C(fadvise64, "fnnx"),
	C(readahead, "fnn"),
	C(sync_file_range, "fnnx"),
	C(vmsplice, "fpnx"),
	C(preadv, "fpnn"),
	C(pwritev, "fpnn"),
	C(prlimit64, "ixpp"),
	C(syncfs, "f"),
	C(getrandom, "pnx"),
	C(renameat2, "fsfsx"),
	C(preadv2, "fpnnx"),
	C(pwritev2, "fpnnx"),
	C(statx, "fsxxp"),
	C(faccessat2, "fsxx"),
	C(nanosleep, "pp"),
	C(alarm, "x"),
	C(setitimer, "xpp"),
	C(getitimer, "xp"),
	C(timer_create, "xpp"), /* x: clock ids 0, 1, 2 are real ones */
	C(timer_settime, "xxpp"),
	C(timer_gettime, "xp"),
	C(timer_getoverrun, "x"),
	C(timer_delete, "x"),
	C(rt_sigtimedwait, "pp-n"), /* a random timeout pointer: a NULL one would wait forever */
	C(rt_sigqueueinfo, "igp"),
	C(rt_tgsigqueueinfo, "iigp"),
	C(execve, "spp"),
	C(execveat, "fsppx"),
	C(arch_prctl, "xp"),
	C(mlock, "pn"),
	C(munlock, "pn"),
	C(mlockall, "x"),
	C(munlockall, ""),
	C(settimeofday, "pp"),
	C(clock_settime, "cp"),
	C(clock_adjtime, "cp"),
	C(adjtimex, "p"),
	C(eventfd, "x"),
	C(eventfd2, "xx"),
	C(timerfd_create, "cx"),
	C(timerfd_settime, "fxpp"),
	C(timerfd_gettime, "fp"),
	C(signalfd, "fpn"),
	C(signalfd4, "fpnx"),
	C(pidfd_open, "ix"),
	C(pidfd_send_signal, "fgpx"),
	C(pidfd_getfd, "ffx"),
	C(preadv, "fpnn"),
	C(syslog, "gpn"), /* not "x": type 2 with a good buffer waits for records */
	C(getpriority, "xi"),
	C(setpriority, "xix"),
	C(ioprio_get, "xi"),
	C(ioprio_set, "xix"),
	C(sched_setparam, "ip"),
	C(sched_getparam, "ip"),
	C(sched_setscheduler, "ixp"),
	C(sched_getscheduler, "i"),
	C(sched_get_priority_max, "x"),
	C(sched_get_priority_min, "x"),
	C(sched_rr_get_interval, "ip"),
	C(sched_setaffinity, "inp"),
	C(sched_getaffinity, "inp"),
	C(personality, "x"),
	C(capget, "pp"),
	C(capset, "pp"),
	C(prctl, "xpxxx"),
	C(getcpu, "ppp"),
	C(rseq, "pnxx"),
	C(membarrier, "xxx"),
	C(socket, "xxx"),
	C(inotify_init, ""),
	C(inotify_init1, "x"),
	C(inotify_add_watch, "fsx"),
	C(inotify_rm_watch, "fx"),
	C(mq_open, "sxxp"),
	C(mq_unlink, "s"),
	C(mq_timedsend, "fpnxp"),
	C(mq_timedreceive, "fpnpp"),
	C(mq_notify, "fp"),
	C(mq_getsetattr, "fpp"),
	C(socketpair, "xxxp"),
	C(bind, "fpn"),
	C(connect, "fpn"),
	C(listen, "fx"),
	C(accept, "fpp"),
	C(accept4, "fppx"),
	C(getsockname, "fpp"),
	C(getpeername, "fpp"),
	C(sendto, "fpnxpn"),
	C(recvfrom, "fpnxpp"),
	C(sendmsg, "fpx"),
	C(recvmsg, "fpx"),
	C(sendmmsg, "fpnx"),
	C(recvmmsg, "fpnxp"),
	C(shutdown, "fx"),
	C(setsockopt, "fxxpn"),
	C(getsockopt, "fxxpp"),
};

static char *buf;	    /* a valid read-write buffer of 2 pages, filled with 'A' */
static char *ro_page;	    /* mapped read-only */
static char *gone_page;	    /* mapped, then unmapped */
static int unmapped_kernel; /* kernel pointers that fault (ludicrous) */
static char *long_path;	    /* PATH_MAX + 64 'A's, NUL-terminated */

static uint64_t rng = 0x243f6a8885a308d3ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static long pick(char kind)
{
	const long ptrs[] = {0,
			     1,
			     (long)(unmapped_kernel ? 0xfffffffffffff000ul : 0xffffffff80000000ul),
			     (long)(unmapped_kernel ? 0xffff7ffffffff000ul : 0xffff800000000000ul),
			     (long)(buf + 1),
			     0x1000,
			     0x7fffffffffffl,
			     (long)0x800000000000ul,
			     -1,
			     (long)gone_page,
			     (long)ro_page,
			     (long)buf,
			     (long)(buf + 4096 - 3)};
	const long fds[] = {-1, -100, 3, 1023, 1024, 65536, 0x7fffffff, (long)INT32_MIN, 4};
	const long lens[] = {0, 1, 8, 4096, 0x7fffffff, 0x80000000l, 1l << 40, -1, 24, 128};
	const long flags[] = {0, 1, -1, 0x80000000l, 0xdeadbeefl, 0x7fffffff, 2, 0x800, 0x1000};
	const long pids[] = {(long)INT32_MIN, -999999, 999999, 0x7fffffff, (long)INT32_MIN + 1};
	const long sigs[] = {-1, 0, 65, 1000, 0x7fffffff};
	const long clocks[] = {-1, 100, 0x7fffffff, (long)INT32_MIN, 12};

#define ONE_OF(a) a[next() % (sizeof(a) / sizeof(a[0]))]
	switch (kind) {
	case 'p':
		return ONE_OF(ptrs);
	case 's':
		return next() % 4 == 0 ? (long)long_path : ONE_OF(ptrs);
	case 'f':
		return ONE_OF(fds);
	case 'n':
		return next() % 8 == 0 ? (long)(next() >> (next() % 64)) : ONE_OF(lens);
	case 'x':
		return next() % 8 == 0 ? (long)next() : ONE_OF(flags);
	case 'i':
		return ONE_OF(pids);
	case 'g':
		return ONE_OF(sigs);
	case 'c':
		return ONE_OF(clocks);
	default:
		return (long)next();
	}
}

/* ENOSYS from an implemented call means a missing case, except where Linux
 * itself answers it: futex with an unknown operation, memfd_create with
 * MFD_HUGETLB on a kernel without hugetlbfs. */
static int enosys_allowed(const struct call *c)
{
	return c->nr == SYS_futex || c->nr == SYS_memfd_create;
}

/* Run `iters` hostile calls; exit status 0 if every result was a value or
 * a Linux errno, 1 (after printing it) otherwise. */
static int hammer(const struct call *c, int iters)
{
	long self = syscall(SYS_gettid);
	int bad = 0;

	for (int i = 0; i < iters; i++) {
		long a[6] = {0};
		long r;

		for (int k = 0; k < 6 && c->kinds[k]; k++)
			a[k] = pick(c->kinds[k]);
		memset(buf, 'A', 8192);
		buf[8191] = '\0';
		errno = 0;
		r = syscall(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		if (syscall(SYS_gettid) != self) /* a child clone3 made: it ends */
			syscall(SYS_exit, 0);
		if (r == -1 &&
		    (errno <= 0 || errno > 133 || (errno == ENOSYS && !enosys_allowed(c)))) {
			printf("# %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx): errno %d\n", c->name,
			       a[0], a[1], a[2], a[3], a[4], a[5], errno);
			bad = 1;
		}
	}
	return bad;
}

int main(int argc, char **argv)
{
	int iters = argc > 1 ? atoi(argv[1]) : 300;

	unmapped_kernel = argc > 2 && !strcmp(argv[2], "unmapped-kernel");
	int n = 0, failed = 0;
	int ncalls = (int)(sizeof(calls) / sizeof(calls[0]));

	buf = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	gone_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long_path = malloc(4096 + 64);
	if (buf == MAP_FAILED || ro_page == MAP_FAILED || gone_page == MAP_FAILED || !long_path)
		return 2;
	munmap(gone_page, 4096);
	memset(long_path, 'A', 4096 + 63);
	long_path[4096 + 63] = '\0';
	/* fd 3: /dev/null, fd 4: a pipe's read end, in a scratch directory */
	if (chdir("/tmp") != 0 || mkdir("robust", 0700) != 0 || chdir("robust") != 0)
		return 2;
	close(3);
	close(4);
	if (open("/dev/null", O_RDWR) != 3)
		return 2;
	{
		int p[2];

		if (pipe(p) != 0)
			return 2;
		if (p[0] != 4)
			dup2(p[0], 4);
		close(p[1]); /* reads see EOF, never block */
	}
	signal(SIGPIPE, SIG_IGN);

	printf("1..%d\n", ncalls + 1);
	for (int i = 0; i < ncalls; i++) {
		const struct call *c = &calls[i];
		pid_t pid;
		int st;

		fflush(stdout);
		rng = 0x243f6a8885a308d3ull ^ (uint64_t)c->nr;
		pid = fork();
		if (pid == 0) {
			alarm(20);
			_exit(hammer(c, iters));
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid) {
			printf("not ok %d - %s: fork/wait failed\n", ++n, c->name);
			failed++;
			continue;
		}
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
			printf("ok %d - %s: %d hostile calls\n", ++n, c->name, iters);
		} else if (WIFSIGNALED(st) && WTERMSIG(st) != SIGALRM) {
			/* the call itself may end its caller (a bad TLS base, a
			 * signal frame it returned through): allowed */
			printf("ok %d - %s: caller ended by signal %d (allowed)\n", ++n, c->name,
			       WTERMSIG(st));
		} else {
			printf("not ok %d - %s: status %#x\n", ++n, c->name, st);
			failed++;
		}
	}
	/* the kernel still works: a process, a pipe, a file */
	{
		int p[2];
		char c = 0;
		pid_t pid;

		if (pipe(p) == 0 && (pid = fork()) == 0) {
			_exit(write(p[1], "k", 1) == 1 ? 0 : 1);
		}
		waitpid(-1, NULL, 0);
		if (read(p[0], &c, 1) == 1 && c == 'k')
			printf("ok %d - the kernel still runs processes and pipes\n", ++n);
		else
			printf("not ok %d - the kernel still runs processes and pipes\n", ++n),
				failed++;
	}
	return failed ? 1 : 0;
}
