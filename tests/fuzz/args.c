/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Argument distributions for the fuzzer: for each kind letter of the
 * robustness table a mix of useful values (the fds the child opened, small
 * ints, flag bit soup, pointers to mapped, read-only, unmapped, kernel and
 * misaligned memory, lengths at boundaries, paths from a small pool) and
 * hostile ones, then the safety filters: memory calls stay in the arena
 * with capped lengths, path mutations stay in the scratch directory, and
 * no pid argument is ever init, -1 or the fuzzer itself.
 */
#define _GNU_SOURCE
#include "fuzz.h"
#include <limits.h>
#include <string.h>
#include <sys/mman.h>

static uint64_t state;

/* splitmix64: one stream per (seed, round), independent of the kernel */
uint64_t rnd(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

void rng_seed(uint64_t seed, uint64_t round)
{
	state = seed * 0x2545f4914f6cdd1dull ^ round;
	rnd();
	state ^= round * 0x9e3779b97f4a7c15ull;
}

#define N_OF(a)	  (sizeof(a) / sizeof((a)[0]))
#define ONE_OF(a) ((a)[below(N_OF(a))])

static const struct {
	const char *name;
	unsigned cls;
} classes[] = {
	{"reboot", CL_NEVER},
	{"kexec_load", CL_NEVER},
	{"kexec_file_load", CL_NEVER},
	{"mmap", CL_MEM},
	{"mprotect", CL_MEM},
	{"munmap", CL_MEM},
	{"mremap", CL_MEM},
	{"madvise", CL_MEM},
	{"mlock", CL_MEM},
	{"munlock", CL_MEM},
	{"msync", CL_MEM},
	{"mincore", CL_MEM},
	{"brk", CL_MEM},
	{"fallocate", CL_CAPLEN},
	{"truncate", CL_CAPLEN | CL_MUT},
	{"ftruncate", CL_CAPLEN},
	{"sendfile", CL_CAPLEN},
	{"splice", CL_CAPLEN},
	{"tee", CL_CAPLEN},
	{"copy_file_range", CL_CAPLEN},
	{"vmsplice", CL_CAPLEN},
	{"readahead", CL_CAPLEN},
	{"unlink", CL_MUT},
	{"unlinkat", CL_MUT},
	{"rmdir", CL_MUT},
	{"rename", CL_MUT},
	{"renameat", CL_MUT},
	{"renameat2", CL_MUT},
	{"link", CL_MUT},
	{"linkat", CL_MUT},
	{"symlink", CL_MUT},
	{"symlinkat", CL_MUT},
	{"mkdir", CL_MUT},
	{"mkdirat", CL_MUT},
	{"mknod", CL_MUT},
	{"mknodat", CL_MUT},
	{"chmod", CL_MUT},
	{"fchmodat", CL_MUT},
	{"chown", CL_MUT},
	{"lchown", CL_MUT},
	{"fchownat", CL_MUT},
	{"creat", CL_MUT},
	{"setxattr", CL_MUT},
	{"lsetxattr", CL_MUT},
	{"removexattr", CL_MUT},
	{"lremovexattr", CL_MUT},
	{"utime", CL_MUT},
	{"utimes", CL_MUT},
	{"utimensat", CL_MUT},
	{"futimesat", CL_MUT},
	{"mount", CL_MUT},
	{"umount2", CL_MUT},
	{"execve", CL_EXEC | CL_RARE},
	{"execveat", CL_EXEC | CL_RARE},
	{"kill", CL_SIG},
	{"tkill", CL_SIG},
	{"tgkill", CL_SIG},
	{"rt_sigqueueinfo", CL_SIG},
	{"rt_tgsigqueueinfo", CL_SIG},
	{"pidfd_send_signal", CL_SIG},
	{"pidfd_open", CL_SIG},
	{"prlimit64", CL_SIG},
	{"setpriority", CL_SIG},
	{"ioprio_set", CL_SIG},
	{"sched_setscheduler", CL_SIG},
	{"sched_setparam", CL_SIG},
	{"sched_setaffinity", CL_SIG},
	{"setpgid", CL_SIG},
	{"syslog", CL_SYSLOG},
	{"exit", CL_RARE},
	{"exit_group", CL_RARE},
	{"rt_sigreturn", CL_RARE},
	{"arch_prctl", CL_RARE},
	{"fork", CL_FORK | CL_RARE},
	{"vfork", CL_FORK | CL_RARE},
	{"clone", CL_FORK | CL_RARE},
};

unsigned call_class(const char *name)
{
	for (unsigned i = 0; i < N_OF(classes); i++)
		if (!strcmp(classes[i].name, name))
			return classes[i].cls;
	return 0;
}

/* ---- pids ---- */
static long pid_self, pid_parent, pgid_parent, pid_child;

void fuzz_set_pids(long self, long parent, long parent_pgid, long child)
{
	pid_self = self;
	pid_parent = parent;
	pgid_parent = parent_pgid;
	pid_child = child;
}

static int pid_forbidden(long v)
{
	int p = (int)v; /* the kernel reads a pid_t */

	return p == 1 || p == -1 || p == (int)pid_parent || p == -(int)pid_parent ||
	       p == -(int)pgid_parent || p == (int)pgid_parent;
}

static long pick_pid(void)
{
	const long pids[] = {0,
			     pid_self,
			     -pid_self,
			     pid_child ? pid_child : pid_self,
			     999999,
			     -999999,
			     INT_MAX,
			     (long)INT_MIN,
			     INT_MIN + 1l,
			     0x100000001l};

	return ONE_OF(pids);
}

/* ---- paths ---- */
static char long_path[4096 + 64];
static char long_name[300];

static const char *const scratch_paths[] = {
	"fz-a",	     "fz-b", "fz-d",	     "fz-d/fz-e", "fz-l",	  "fz-loop",
	"fz-p",	     "fz-x", "fz-s",	     ".",	  "..",		  "fz-d/../fz-a",
	"fz-a/",     "",     "fz-nope/fz-q", "fz-d/fz-f", "fz-d/fz-e/..", "fz-l/",
	"fz-d/fz-g", "fz-c", "fz-s2",
};
static const char *const system_paths[] = {
	"/",
	"/proc",
	"/proc/self",
	"/proc/self/status",
	"/proc/self/maps",
	"/proc/self/stat",
	"/proc/self/fd",
	"/proc/self/fd/3",
	"/proc/self/cwd",
	"/proc/self/exe/",
	"/proc/1/stat",
	"/proc/1/status",
	"/proc/meminfo",
	"/proc/mounts",
	"/proc/sys/kernel/hostname",
	"/dev",
	"/dev/null",
	"/dev/zero",
	"/dev/full",
	"/dev/urandom",
	"/dev/ptmx",
	"/dev/pts",
	"/tmp",
	"/etc/passwd",
	"/nonexistent",
	"/sys",
	"/proc/self/root/tmp",
	"/proc/self/cmdline",
	"/proc/self/environ",
	"/proc/self/smaps",
	"/proc/self/mountinfo",
	"/proc/self/limits",
	"/proc/self/comm",
	"/proc/self/fd/0",
	"/proc/self/cwd/fz-a",
	"/proc/sys/kernel/domainname",
	"//proc/./self/../self/status",
};
static const char *const fstypes[] = {"tmpfs", "proc", "devtmpfs", "devpts", "sysfs", "bogus", ""};

static long hostile_ptr(void)
{
	const long ptrs[] = {0,
			     1,
			     (long)0xffffffff80000000ul,
			     (long)0xffff800000000000ul,
			     (long)0xffff888000001000ul,
			     0x1000,
			     0x7ffffffff000l,
			     (long)0x800000000000ul,
			     -1,
			     (long)FZ_GONE,
			     (long)FZ_RO,
			     (long)(FZ_BUF + FZ_BUF_SIZE - 3)};

	return ONE_OF(ptrs);
}

static long pick_path(unsigned cls)
{
	if (!long_path[0]) {
		memset(long_path, 'A', sizeof(long_path) - 1);
		memset(long_name, 'n', sizeof(long_name) - 1);
	}
	if (cls & CL_EXEC)
		return below(4) ? (long)exec_path() : hostile_ptr();
	switch (below(10)) {
	case 0:
		return hostile_ptr();
	case 1:
		return below(2) ? (long)long_path : (long)long_name;
	case 2:
	case 3:
	case 4:
		if (!(cls & CL_MUT))
			return (long)ONE_OF(system_paths);
		/* fall through */
	default:
		return (long)ONE_OF(scratch_paths);
	}
}

static const char *const exec_paths[] = {"fz-x",	"fz-x", "fz-s",	     "fz-s2",
					 "fz-a",	"fz-d", "/dev/null", "/proc/self/status",
					 "/nonexistent"};

const char *exec_path(void)
{
	return ONE_OF(exec_paths);
}

static int in_pool(const char *const *pool, unsigned n, long v)
{
	for (unsigned i = 0; i < n; i++)
		if ((long)pool[i] == v)
			return 1;
	return 0;
}

/* For the call log: the string `v` points to if it is one of the pools'. */
const char *path_name(long v)
{
	if (v == (long)long_path)
		return "<PATH_MAX+63 x A>";
	if (v == (long)long_name)
		return "<299 x n>";
	if (in_pool(scratch_paths, N_OF(scratch_paths), v) ||
	    in_pool(system_paths, N_OF(system_paths), v) || in_pool(fstypes, N_OF(fstypes), v) ||
	    in_pool(exec_paths, N_OF(exec_paths), v))
		return (const char *)v;
	return NULL;
}

/* ---- pointers ---- */
static long pick_ptr(void)
{
	switch (below(12)) {
	case 0:
	case 1:
		return hostile_ptr();
	case 2:
		return (long)(FZ_BUF + below(FZ_BUF_SIZE)); /* misaligned */
	case 3:
		return (long)(FZ_ARENA + below(FZ_ARENA_SIZE / 4096) * 4096);
	default:
		/* one of the four regions, sometimes at an offset */
		return (long)(FZ_BUF + below(4) * 4096 + (below(4) ? 0 : below(512) * 8));
	}
}

/* never low addresses: a long range from there would cover the program */
static long pick_mem_ptr(void)
{
	const long ptrs[] = {(long)0xffffffff80000000ul,
			     (long)0xffff800000000000ul,
			     (long)0x800000000000ul,
			     0x7ffffffff000l,
			     -1,
			     -4096,
			     (long)FZ_GONE};

	if (below(8) == 0)
		return ONE_OF(ptrs);
	if (below(16) == 0)
		return (long)(FZ_ARENA + below(FZ_ARENA_SIZE)); /* misaligned */
	return (long)(FZ_ARENA + below(FZ_ARENA_SIZE / 4096) * 4096);
}

/* ---- numbers ---- */
static long pick_len(void)
{
	const long lens[] = {0,	      1,	   2,		7,	  8,	15,    16,
			     24,      64,	   128,		255,	  256,	512,   1024,
			     4095,    4096,	   4097,	8191,	  8192, 16384, 65536,
			     INT_MAX, 0x80000000l, 0xffffffffl, LONG_MAX, -1,	-4096, 1l << 40};

	switch (below(8)) {
	case 0:
		return (long)below(64);
	case 1:
		return (long)(rnd() >> below(64));
	default:
		return ONE_OF(lens);
	}
}

/* lengths that could make memory: at most 16 MiB unless certainly refused */
static long cap_len(long v)
{
	unsigned long u = (unsigned long)v;

	if (u > (16ul << 20) && u < (1ul << 62))
		return (long)(u & ((16ul << 20) - 1));
	return v;
}

static long pick_mem_len(void)
{
	switch (below(8)) {
	case 0:
		return cap_len(pick_len());
	case 1:
		return (long)below(FZ_ARENA_SIZE);
	default:
		return (long)((1 + below(64)) * 4096);
	}
}

static long pick_flags(void)
{
	const long flags[] = {0,       1,     2,	  3,	       4,	    0x10,   0x40,
			      0x80,    0x100, 0x200,	  0x400,       0x800,	    0x1000, 0x4000,
			      0x80000, -1,    0x7fffffff, 0x80000000l, 0xdeadbeefl, 0x20000};
	long v = 0;

	switch (below(8)) {
	case 0:
		return (long)rnd();
	case 1:
		return (long)below(16);
	case 2:
	case 3: /* bit soup: a few single bits */
		for (int k = (int)below(4) + 1; k > 0; k--)
			v |= 1l << below(32);
		return v;
	default:
		return ONE_OF(flags);
	}
}

static long pick_fd(void)
{
	const long fds[] = {-1, 1023, 1024, 65536, INT_MAX, (long)INT_MIN, 0x100000003l};

	switch (below(10)) {
	case 0:
		return ONE_OF(fds);
	case 1:
		return -100; /* AT_FDCWD */
	default:
		return (long)below(16);
	}
}

static long pick_sig(void)
{
	const long sigs[] = {-1, 65, 1000, INT_MAX, (long)INT_MIN};

	return below(6) ? (long)below(65) : ONE_OF(sigs);
}

static long pick_clock(void)
{
	const long clocks[] = {-1, 100, INT_MAX, (long)INT_MIN, -6, -2, 12};

	return below(5) ? (long)below(12) : ONE_OF(clocks);
}

static long pick(char kind, unsigned cls)
{
	switch (kind) {
	case 'p':
		return (cls & CL_MEM) ? pick_mem_ptr() : pick_ptr();
	case 's':
		return pick_path(cls);
	case 'f':
		return pick_fd();
	case 'n':
		if (cls & CL_MEM)
			return pick_mem_len();
		return (cls & CL_CAPLEN) ? cap_len(pick_len()) : pick_len();
	case 'x':
		return pick_flags();
	case 'i':
		return pick_pid();
	case 'g':
		return pick_sig();
	case 'c':
		return pick_clock();
	default:
		return (long)rnd();
	}
}

/* Draw the arguments of one call, then apply the call's filters. */
void fuzz_args(const struct call *c, unsigned cls, long a[6])
{
	int n = (int)strlen(c->kinds);

	for (int k = 0; k < 6; k++)
		a[k] = k < n ? pick(c->kinds[k], cls) : 0;
	for (int k = 0; k < 6 && k < n; k++)
		if (c->kinds[k] == 'i' && pid_forbidden(a[k]))
			a[k] = pid_self;
	if (!strcmp(c->name, "mount"))
		a[2] = below(4) ? (long)ONE_OF(fstypes) : hostile_ptr();
	if (cls & CL_SYSLOG) {
		/* 6, 7 and 8 turn the console off or change its level */
		const long types[] = {0, 1, 2, 3, 4, 5, 9, 10, -1, 11, 100};

		a[0] = ONE_OF(types);
	}
	if (!strcmp(c->name, "mmap") && below(2))
		a[0] = 0;
	if (!strcmp(c->name, "mmap") && (a[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE)) &&
	    ((unsigned long)a[0] < FZ_ARENA || (unsigned long)a[0] >= FZ_ARENA + FZ_ARENA_SIZE))
		a[0] = (long)FZ_ARENA; /* never map over the fuzzer's own memory */
	if (!strcmp(c->name, "mremap") &&
	    ((unsigned long)a[4] < FZ_ARENA || (unsigned long)a[4] >= FZ_ARENA + FZ_ARENA_SIZE))
		a[4] = (long)(FZ_ARENA + FZ_ARENA_SIZE / 2);
	if (!strcmp(c->name, "mremap"))
		a[2] = cap_len(a[2]);
	if (!strcmp(c->name, "vfork"))
		a[0] = (long)exec_path();
	if ((cls & CL_SIG) && pid_forbidden(a[0]))
		a[0] = pid_self;
}
