/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * One round's child: a new session, fds 0-2 on /dev/null, a fixed set of
 * files, fds and mappings (all from the round's random stream, at fixed
 * addresses), a 100 ms interval timer so that blocking calls end in EINTR,
 * then N random system calls.  fork, vfork and clone are made here so the
 * fuzzer keeps control of what runs next: a forked process goes on with
 * the round's calls (one level deep), a vfork child execs a scratch file.
 * The child records each call in the shared page before making it, and
 * with -v also writes it to the console (the marker fd) first.
 */
#define _GNU_SOURCE
#include "fuzz.h"
#include <elf.h>
#include <grp.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#define C(name, kinds)                   \
	{                                \
#name, SYS_##name, kinds \
	}
const struct call fz_calls[] = {
#include "calls.inc"
	/* not in the robustness table: they end, replace or block the caller */
	C(fork, ""),	    C(vfork, ""),	 C(clone, "xpppp"),  C(exit, "x"),
	C(exit_group, "x"), C(rt_sigreturn, ""), C(pause, ""),	     C(rt_sigsuspend, "pn"),
	C(poll, "pxx"),	    C(ppoll, "pxppn"),	 C(select, "xpppp"), C(pselect6, "xpppp-"),
};
const int fz_ncalls = (int)(sizeof(fz_calls) / sizeof(fz_calls[0]));

static unsigned char template[FZ_BUF_SIZE]; /* FZ_BUF's contents before each call */

static void on_alarm(int sig)
{
	(void)sig;
}

static void put_file(const char *name, const void *data, size_t len, mode_t mode)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd >= 0) {
		if (write(fd, data, len) < 0) {
		}
		close(fd);
	}
}

/* An ELF header whose fields are sometimes right and sometimes not; the
 * code, if the loader takes it, is int3 (the process traps at once). */
static void make_elf(unsigned char *img, size_t size)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	Elf64_Phdr *ph = (Elf64_Phdr *)(img + 64);
	int bad = (int)below(4); /* 0: a valid image */

	memset(img, 0xcc, size);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = bad && !below(8) ? (unsigned char)rnd() : ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	memset(eh->e_ident + EI_PAD, 0, EI_NIDENT - EI_PAD);
	eh->e_type = bad && !below(4) ? (uint16_t)rnd() : ET_EXEC;
	eh->e_machine = bad && !below(8) ? (uint16_t)rnd() : EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = bad && !below(3) ? rnd() : 0x10000000 + 0x200;
	eh->e_phoff = bad && !below(4) ? rnd() >> below(64) : 64;
	eh->e_shoff = 0;
	eh->e_flags = 0;
	eh->e_ehsize = 64;
	eh->e_phentsize = bad && !below(6) ? (uint16_t)rnd() : sizeof(Elf64_Phdr);
	eh->e_phnum = bad && !below(4) ? (uint16_t)below(100) : 3;
	eh->e_shentsize = 0;
	eh->e_shnum = 0;
	eh->e_shstrndx = 0;
	for (int i = 0; i < 3; i++) {
		memset(&ph[i], 0, sizeof(ph[i]));
		ph[i].p_type = i == 0 ? PT_LOAD : i == 1 ? PT_GNU_STACK : PT_NULL;
		ph[i].p_flags = PF_R | PF_X;
		ph[i].p_offset = 0;
		ph[i].p_vaddr = 0x10000000;
		ph[i].p_paddr = 0x10000000;
		ph[i].p_filesz = size;
		ph[i].p_memsz = size;
		ph[i].p_align = 4096;
		if (bad && below(3) == 0) {
			const uint32_t types[] = {PT_LOAD, PT_INTERP, PT_DYNAMIC,  PT_PHDR,
						  PT_TLS,  PT_NOTE,   PT_GNU_STACK};

			ph[i].p_type = types[below(7)];
			ph[i].p_offset = below(2) ? below(size * 2) : rnd();
			ph[i].p_vaddr = below(2) ? below(1ul << 47) : rnd();
			ph[i].p_filesz = below(2) ? below(size * 2) : rnd();
			/* a bss can make memory: at most 16 MiB, or certainly refused */
			ph[i].p_memsz = below(4) ? below(16ul << 20) : rnd() | (1ul << 63);
			ph[i].p_align = 1ul << below(64);
			ph[i].p_flags = (uint32_t)rnd();
		}
	}
	if (bad && !below(4)) { /* an interpreter: the image itself, or nothing */
		ph[1].p_type = PT_INTERP;
		ph[1].p_offset = 512;
		ph[1].p_filesz = below(2) ? 5 : below(64);
		memcpy(img + 512, below(2) ? "fz-x" : "/nope", 5);
	}
}

/* Put `fd` at `want` (deterministic numbering); /dev/null if it failed. */
static void place(int fd, int want)
{
	if (fd < 0)
		fd = open("/dev/null", O_RDWR);
	if (fd >= 0 && fd != want) {
		dup2(fd, want);
		close(fd);
	}
}

static unsigned char elf[4096];
static int s2_loops; /* fz-s2 starts fz-s again (ELOOP) or fz-x */

/* Every random draw of the setup, so that -p (print only) stays in step. */
static void prepare(void)
{
	unsigned char *t = template;

	/* FZ_BUF: small ints (timeouts of 0-3 s, counts, ids), iovecs into the
	 * random region (a few hostile), random bytes, zeros; a guard after */
	for (int i = 0; i < 512; i++)
		((long *)t)[i] = (long)below(4);
	for (int i = 0; i < 256; i++) {
		long *iov = (long *)(t + 4096) + 2 * i;

		iov[0] = (long)(FZ_BUF + 8192 + below(16) * 256);
		iov[1] = (long)below(257);
		if (i % 8 == 7)
			iov[0] = (long)FZ_RO;
		if (i % 16 == 15)
			iov[0] = 0;
	}
	for (int i = 8192; i < 12288; i++)
		t[i] = (unsigned char)rnd();
	memset(t + 12288, 0, 4096);
	make_elf(elf, sizeof(elf));
	s2_loops = (int)below(2);
}

static void setup(uint64_t round)
{
	unsigned char *t = template;
	struct sigaction sa;
	struct itimerval it = {{0, 100000}, {0, 100000}};
	int p[2];

	setsid();
	syscall(SYS_close_range, 3, FZ_MARKER_FD - 1, 0);
	syscall(SYS_close_range, FZ_MARKER_FD + 1, ~0u, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm; /* no SA_RESTART: a blocked call returns EINTR */
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	mmap((void *)FZ_BUF, FZ_BUF_SIZE, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	mmap((void *)FZ_RO, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	mmap((void *)FZ_ARENA, FZ_ARENA_SIZE, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	mmap((void *)FZ_GONE, 4096, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, -1, 0);
	munmap((void *)FZ_GONE, 4096);

	/* the scratch directory's files (the cwd is the round's directory) */
	put_file("fz-a", t + 8192, 4096, 0644);
	mkdir("fz-d", 0755);
	put_file("fz-d/fz-e", t + 8192, 100, 0600);
	symlink("fz-a", "fz-l");
	symlink("fz-loop", "fz-loop");
	mknod("fz-p", S_IFIFO | 0644, 0);
	put_file("fz-x", elf, sizeof(elf), 0755);
	put_file("fz-s", "#!fz-s2\n", 8, 0755);
	put_file("fz-s2", s2_loops ? "#!fz-s\n" : "#!fz-x\n", 7, 0755);

	/* fds 0-15: nothing reaches the console */
	place(open("/dev/null", O_RDWR), 0);
	place(open("/dev/null", O_RDWR), 1);
	place(open("/dev/null", O_RDWR), 2);
	place(open("fz-a", O_RDWR), 3);
	place(open("fz-d", O_RDONLY | O_DIRECTORY), 4);
	place(open("/dev/null", O_RDWR), 5);
	place(open("/dev/zero", O_RDWR), 6);
	if (pipe(p) == 0) {
		if (write(p[1], t + 8192, 100) < 0) {
		}
		place(p[0], 7);
		place(p[1], 8);
	}
	place(open("/proc/self/status", O_RDONLY), 9);
	place(open("/", O_RDONLY | O_DIRECTORY), 10);
	/* a pty master every other round, /dev/full in the others */
	place(round % 2 == 0 ? open("/dev/ptmx", O_RDWR | O_NOCTTY) : open("/dev/full", O_RDWR),
	      11);
	place(open("fz-d/fz-e", O_WRONLY | O_APPEND), 12);
	place(open("/dev/urandom", O_RDONLY), 13);
	place(open("fz-p", O_RDWR | O_NONBLOCK), 14);
	place(open("fz-a", O_RDONLY | O_CLOEXEC), 15);
	setitimer(ITIMER_REAL, &it, NULL);
	if (round % 4 == 1) { /* every fourth round as an ordinary user */
		setgroups(0, NULL);
		setresgid(1000, 1000, 1000);
		setresuid(1000, 1000, 1000);
	}
}

/* "fuzz: R.I name(args)\n", a path argument as its string */
int format_call(char *line, int size, unsigned long round, int i, const struct call *c,
		const long a[6])
{
	int n = snprintf(line, (size_t)size, "fuzz: %lu.%d %s(", round, i, c->name);
	int nargs = (int)strlen(c->kinds);

	for (int k = 0; k < nargs && n < size; k++) {
		const char *s = c->kinds[k] == 's' || c->kinds[k] == 'p' ? path_name(a[k]) : NULL;

		if (s)
			n += snprintf(line + n, (size_t)(size - n), "%s\"%s\"", k ? ", " : "", s);
		else
			n += snprintf(line + n, (size_t)(size - n), "%s%#lx", k ? ", " : "", a[k]);
	}
	if (n < size)
		n += snprintf(line + n, (size_t)(size - n), ")\n");
	return n < size ? n : size - 1;
}

static void log_call(unsigned long round, int i, const struct call *c, const long a[6])
{
	char line[512];
	int n = format_call(line, sizeof(line), round, i, c, a);

	if (write(FZ_MARKER_FD, line, (size_t)n) < 0 && fz_verbose == 1) {
		int fd = open("/dev/console", O_WRONLY | O_NOCTTY);

		if (fd >= 0) { /* the call before closed it: take the console again */
			dup2(fd, FZ_MARKER_FD);
			close(fd);
			if (write(FZ_MARKER_FD, line, (size_t)n) < 0) {
			}
		}
	}
}

/* fork, vfork, clone.  Returns the result; *forked says we are the new one. */
static long do_fork(const struct call *c, long a[6], int depth, int *forked)
{
	long r;

	*forked = 0;
	if (depth > 0)
		return -1; /* one level deep: no fork bombs */
	if (!strcmp(c->name, "vfork")) {
		const char *path = (const char *)a[0]; /* from the exec pool */

		r = vfork();
		if (r == 0) {
			char *const argv[] = {(char *)"fz", NULL};

			execve(path, argv, argv + 1);
			_exit(127);
		}
		return r;
	}
	if (!strcmp(c->name, "clone")) {
		/* a copy of the address space only: a shared one would run two
		 * processes on this stack */
		a[0] &= ~(long)(CLONE_VM | CLONE_THREAD | CLONE_SIGHAND | CLONE_SETTLS |
				CLONE_PARENT | CLONE_VFORK);
		a[1] = 0;
		r = syscall(SYS_clone, a[0], 0, a[2], a[3], a[4]);
	} else {
		r = fork();
	}
	*forked = r == 0;
	return r;
}

void run_round(uint64_t seed, uint64_t round, int calls, int print_only)
{
	long self = print_only ? 1000 : getpid();
	long parent = print_only ? 1 : getppid();
	long parent_pgid = print_only ? 1 : getpgid(parent);
	int depth = 0;

	rng_seed(seed, round);
	fuzz_set_pids(self, parent, parent_pgid, 0);
	prepare();
	if (!print_only)
		setup(round);
	for (int i = 0; i < calls; i++) {
		const struct call *c;
		unsigned cls;
		long a[6];
		int forked = 0;

		do {
			c = &fz_calls[below((uint64_t)fz_ncalls)];
			cls = call_class(c->name);
		} while ((cls & CL_NEVER) || ((cls & CL_RARE) && below(8) != 0));
		fuzz_args(c, cls, a);
		if (print_only) {
			char line[512];

			format_call(line, sizeof(line), (unsigned long)round, i, c, a);
			fputs(line, stdout);
			continue;
		}
		if (depth == 0) {
			fz_sh->index = (unsigned long)i + 1;
			format_call(fz_sh->line, sizeof(fz_sh->line), (unsigned long)round, i, c,
				    a);
		}
		if (fz_verbose)
			log_call((unsigned long)round, i, c, a);
		memcpy((void *)FZ_BUF, template, FZ_BUF_SIZE);
		if (cls & CL_FORK) {
			long r = do_fork(c, a, depth, &forked);

			if (forked) { /* the new process: its own stream, no forks */
				depth = 1;
				rng_seed(seed ^ 0x5bd1e995, round * 1024 + (uint64_t)i);
				fuzz_set_pids(getpid(), parent, parent_pgid, 0);
			} else if (r > 0) {
				fuzz_set_pids(self, parent, parent_pgid, r);
			}
		} else {
			syscall(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		}
		__atomic_fetch_add(&fz_sh->done, 1, __ATOMIC_RELAXED);
	}
}
