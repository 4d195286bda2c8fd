/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kevlar's syscall fuzzer (tests/fuzz/README.md).  Run inside Kevlar as
 * pid 1 (or a subreaper): from a seed it runs rounds; each round forks one
 * child (child.c) that makes N random system calls from the robustness
 * table's implemented set.  Before each round it prints
 * "fuzz: seed S round R" on the console, so a panic or a hang names the
 * round that did it.  A child that outlives the round's time bound is
 * SIGKILLed; it is a hang only if it cannot be killed (it, or anything it
 * forked, is still there 10 s after SIGKILL).  The last line is
 * "fuzz: done ..." (exit 0) or "fuzz: HANG ..." (exit 2).
 *
 * It never calls reboot, never signals pid 1, -1 or itself, keeps the
 * children off the console, and caps the memory they map.  Never run it
 * on a real machine: it mounts, sets the clock and the hostname as root.
 *
 * usage: fuzz [-s SEED] [-r ROUND] [-f FIRST] [-t SECONDS] [-n CALLS]
 *             [-T ROUND_SECONDS] [-v] [-p]
 *   -r runs one round only; -v logs every call to the console first;
 *   -p prints the calls a round would make without making them.
 */
#define _GNU_SOURCE
#include "fuzz.h"
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct fz_shared *fz_sh;
int fz_verbose;

static uint64_t seed;
static struct {
	unsigned long rounds, calls, timeouts, signaled;
} stats;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nap(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	if (ftw->level == 0)
		return 0; /* the fuzzer's own directory */
	if (type == FTW_DP || type == FTW_D || type == FTW_DNR) {
		umount2(path, MNT_DETACH); /* a child may have mounted here */
		rmdir(path);
	} else {
		unlink(path);
	}
	return 0;
}

static void remove_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Our children by /proc (orphans of a round come to us): SIGKILL each.
 * Returns how many were found. */
static int kill_children(pid_t self, int quiet)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[64], buf[512], *p;
		FILE *f;
		int ppid = 0;
		pid_t pid = (pid_t)atoi(e->d_name);

		if (pid <= 1 || pid == self)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if (!(f = fopen(path, "r")))
			continue;
		buf[0] = 0;
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = 0;
		fclose(f);
		p = strrchr(buf, ')');
		if (!p || sscanf(p, ") %*c %d", &ppid) != 1 || ppid != self)
			continue;
		if (!quiet)
			printf("fuzz:   pid %d still there: %s", pid, buf);
		kill(pid, SIGKILL);
		n++;
	}
	closedir(d);
	return n;
}

/* MemAvailable in kB (a kernel that leaks on some path shows it here) */
static long mem_available(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long kb = -1;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static void report_call(const char *what)
{
	printf("fuzz: %s seed %llu round %lu, the last call started:\n%s", what,
	       (unsigned long long)seed, fz_sh->round, fz_sh->index ? fz_sh->line : "(none)\n");
}

/* Run one round; 0 when everything it started is gone, -1 on a hang. */
static int round_once(uint64_t round, int calls, double bound)
{
	char dir[32];
	pid_t self = getpid(), pid;
	double deadline, kill_deadline = 0;
	int st, done = 0;

	printf("fuzz: seed %llu round %llu\n", (unsigned long long)seed, (unsigned long long)round);
	fflush(stdout);
	memset(fz_sh, 0, sizeof(*fz_sh));
	fz_sh->round = round;
	snprintf(dir, sizeof(dir), "r%llu", (unsigned long long)round);
	remove_tree(dir);
	mkdir(dir, 0777);
	pid = fork();
	if (pid == 0) {
		if (chdir(dir) != 0)
			_exit(3);
		run_round(seed, round, calls, 0);
		_exit(0);
	}
	if (pid < 0) {
		printf("fuzz: fork: %s\n", strerror(errno));
		return 0;
	}
	deadline = now() + bound;
	while (!done) {
		pid_t w = waitpid(-1, &st, WNOHANG);

		if (w == pid) {
			done = 1;
			if (WIFSIGNALED(st) && WTERMSIG(st) != SIGKILL)
				stats.signaled++;
			break;
		}
		if (w > 0)
			continue; /* an orphan of an earlier round */
		if (!kill_deadline && now() > deadline) {
			kill(pid, SIGKILL);
			stats.timeouts++;
			printf("fuzz: round %llu: time bound, SIGKILL; last call %s",
			       (unsigned long long)round, fz_sh->index ? fz_sh->line : "(none)\n");
			kill_deadline = now() + 10;
		}
		if (kill_deadline && now() > kill_deadline) {
			report_call("HANG: a child survives SIGKILL,");
			kill_children(self, 0);
			return -1;
		}
		nap(10);
	}
	/* whatever the round forked (orphans now ours): kill and reap it */
	kill_deadline = now() + 10;
	for (;;) {
		pid_t w = waitpid(-1, &st, WNOHANG);

		if (w > 0)
			continue;
		if (w < 0 && errno == ECHILD)
			break;
		if (now() > kill_deadline) {
			report_call("HANG: a process of the round survives SIGKILL,");
			kill_children(self, 0);
			return -1;
		}
		kill_children(self, 1);
		nap(10);
	}
	stats.rounds++;
	stats.calls += fz_sh->done;
	/* the round's directory, and what it renamed or linked out of it */
	remove_tree(".");
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t first = 0;
	long one = -1;
	int calls = 64, print_only = 0, opt, hang = 0;
	double budget = 60, bound = 5, start;
	long mem_start;

	if (argc < 1)
		return 1;
	while ((opt = getopt(argc, argv, "s:r:f:t:n:T:vp")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'r':
			one = atol(optarg);
			break;
		case 'f':
			first = strtoull(optarg, NULL, 0);
			break;
		case 't':
			budget = atof(optarg);
			break;
		case 'n':
			calls = atoi(optarg);
			break;
		case 'T':
			bound = atof(optarg);
			break;
		case 'v':
			fz_verbose = 1;
			break;
		case 'p':
			print_only = 1;
			break;
		default:
			fprintf(stderr, "usage: fuzz [-s SEED] [-r ROUND] [-f FIRST] [-t SECONDS] "
					"[-n CALLS] [-T ROUND_SECONDS] [-v] [-p]\n");
			return 1;
		}
	}
	if (one >= 0)
		first = (uint64_t)one;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (print_only) {
		for (uint64_t r = first; r < first + (one >= 0 ? 1 : 10); r++)
			run_round(seed, r, calls, 1);
		return 0;
	}

	fz_sh = mmap((void *)FZ_SHARED, 4096, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (fz_sh == MAP_FAILED)
		return 1;
	if (getpid() != 1)
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (fz_verbose)
		dup2(1, FZ_MARKER_FD);
	signal(SIGPIPE, SIG_IGN);
	mkdir("/tmp/fuzz", 0777);
	if (chdir("/tmp/fuzz") != 0) {
		printf("fuzz: /tmp/fuzz: %s\n", strerror(errno));
		return 1;
	}
	printf("fuzz: seed %llu, %d calls a round, %g s a round at most, for %g s\n",
	       (unsigned long long)seed, calls, bound, one >= 0 ? 0 : budget);
	start = now();
	mem_start = mem_available();
	for (uint64_t r = first;; r++) {
		if (round_once(r, calls, bound) != 0) {
			hang = 1;
			break;
		}
		if (one >= 0 || now() - start >= budget)
			break;
		if (r % 100 == 99)
			printf("fuzz: after round %llu: MemAvailable %ld kB\n",
			       (unsigned long long)r, mem_available());
	}
	printf("fuzz: MemAvailable %ld kB before, %ld kB after\n", mem_start, mem_available());
	if (!hang)
		printf("fuzz: done seed %llu rounds %lu calls %lu timeouts %lu signaled %lu\n",
		       (unsigned long long)seed, stats.rounds, stats.calls, stats.timeouts,
		       stats.signaled);
	fflush(stdout);
	return hang ? 2 : 0;
}
