/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * abi-exec: run one ABI test in a fresh, identical environment, on Linux and
 * on Kevlar alike, and print its output followed by how it ended.
 *
 *   abi-exec [-d BASE] [-t SECS] [-i] PROG [ARG...]
 *
 * The test runs in its own session (setsid: its own process group, no
 * controlling terminal), with umask 022, all signals default and unblocked,
 * RLIMIT_CORE 0, RLIMIT_NOFILE 1024, fds 0-2 only (stdin is /dev/null unless
 * -i keeps ours, for the tty tests), an environment of PATH and ABI_TMP
 * only, and its cwd and $ABI_TMP a new empty directory under BASE (default
 * /tmp).  Its stdout and stderr go to one file, which is printed when it has
 * ended, followed by the line "exit=N" or "signal=SIGNAME".  Missing final
 * newlines, timeouts (default 10 s: the process group is killed) and files
 * left in the scratch directory are reported on lines starting "abi-exec:".
 * The exit status is the test's, or 128 + the signal.
 */
#define ABI_NO_INIT
#include "../abi.h"

#include <dirent.h>
#include <ftw.h>
#include <sys/resource.h>
#include <time.h>

static void die(const char *what)
{
	printf("abi-exec: %s: %s\n", what, abi_errname(errno));
	exit(125);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Report and remove whatever the test left behind in its scratch dir. */
static void check_scratch(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int left = 0;

	if (!d)
		die("opendir scratch");
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			left++;
	closedir(d);
	if (left)
		printf("abi-exec: %d file(s) left in the scratch directory\n", left);
	if (nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		printf("abi-exec: cannot remove the scratch directory: %s\n", abi_errname(errno));
}

static void child(int out, int keep_stdin, const char *scratch, char **argv)
{
	char env_tmp[4200];
	char *envp[] = {"PATH=/bin:/usr/bin", env_tmp, NULL};
	struct rlimit core = {0, 0}, nofile = {1024, 1024};
	struct sigaction sa;
	sigset_t none;
	int sig, fd;

	setsid();
	umask(022);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < 65; sig++)
		sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setrlimit(RLIMIT_CORE, &core);
	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_max >= 1024) {
		nofile.rlim_cur = 1024;
		setrlimit(RLIMIT_NOFILE, &nofile);
	}
	if (!keep_stdin) {
		fd = open("/dev/null", O_RDONLY);
		if (fd < 0 || dup2(fd, 0) < 0)
			_exit(126);
	}
	if (dup2(out, 1) < 0 || dup2(out, 2) < 0 || chdir(scratch) != 0)
		_exit(126);
	for (fd = 3; fd < 1024; fd++)
		close(fd);
	snprintf(env_tmp, sizeof(env_tmp), "ABI_TMP=%s", scratch);
	execve(argv[0], argv, envp);
	dprintf(1, "abi-exec: execve %s: %s\n", argv[0], abi_errname(errno));
	_exit(127);
}

/* Poll for the child's end (no timers needed from the kernel). */
static int wait_with_timeout(pid_t pid, int secs, int *timed_out)
{
	struct timespec step = {0, 1000000};
	long waited_ns = 0;
	int status;
	pid_t r;

	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR)
			die("waitpid");
		if (waited_ns >= secs * 1000000000L) {
			*timed_out = 1;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0)
				if (errno != EINTR)
					die("waitpid");
			return status;
		}
		nanosleep(&step, NULL);
		waited_ns += step.tv_nsec;
		if (step.tv_nsec < 20000000)
			step.tv_nsec *= 2;
	}
}

int main(int argc, char **argv)
{
	const char *base = getenv("ABI_TMP");
	char scratch[4096], outpath[4096], buf[4096];
	int opt, secs = 10, keep_stdin = 0, timed_out = 0, status, out, last = '\n';
	ssize_t n;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+d:t:i")) != -1) {
		if (opt == 'd')
			base = optarg;
		else if (opt == 't')
			secs = atoi(optarg);
		else if (opt == 'i')
			keep_stdin = 1;
		else
			return 125;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: abi-exec [-d BASE] [-t SECS] [-i] PROG [ARG...]\n");
		return 125;
	}
	if (!base || !*base)
		base = "/tmp";
	setvbuf(stdout, NULL, _IONBF, 0);
	snprintf(scratch, sizeof(scratch), "%s/abi.XXXXXX", base);
	snprintf(outpath, sizeof(outpath), "%s/abi-out.XXXXXX", base);
	if (!mkdtemp(scratch))
		die("mkdtemp");
	out = mkstemp(outpath);
	if (out < 0)
		die("mkstemp");

	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		child(out, keep_stdin, scratch, argv + optind);
	status = wait_with_timeout(pid, secs, &timed_out);
	kill(-pid, SIGKILL); /* stragglers in the test's process group */

	if (lseek(out, 0, SEEK_SET) != 0)
		die("lseek");
	while ((n = read(out, buf, sizeof(buf))) > 0) {
		if (write(1, buf, (size_t)n) != n)
			die("write");
		last = buf[n - 1];
	}
	close(out);
	unlink(outpath);
	if (last != '\n')
		printf("\nabi-exec: no newline at the end of the output\n");
	if (timed_out)
		printf("abi-exec: timed out after %d s\n", secs);
	check_scratch(scratch);
	if (WIFSIGNALED(status)) {
		printf("signal=%s\n", abi_signame(WTERMSIG(status)));
		return 128 + WTERMSIG(status);
	}
	printf("exit=%d\n", WEXITSTATUS(status));
	return WEXITSTATUS(status);
}
