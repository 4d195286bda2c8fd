/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The syscall fuzzer's shared declarations.  fuzz.c is the parent (rounds,
 * time bounds, reports), child.c one round's child (setup, then N random
 * calls), args.c the argument distributions and the safety filters.
 *
 * Everything a round does comes from one random stream seeded by (seed,
 * round), and every buffer sits at a fixed address, so the same seed and
 * round make the same calls with the same argument values.
 */
#pragma once
#include <stdint.h>

/* One row of the syscall table: the rows are tests/robust/robust.c's own
 * (extracted at build time into calls.inc) plus the fuzzer's extras. */
struct call {
	const char *name;
	long nr;
	const char *kinds; /* p s f n x i g c -, as tests/robust/robust.c says */
};

/* How the fuzzer treats a call (args.c's class table). */
enum {
	CL_MEM = 1 << 0,    /* address arguments inside the arena, lengths capped */
	CL_CAPLEN = 1 << 1, /* lengths capped: the call could fill memory */
	CL_MUT = 1 << 2,    /* path arguments only from the scratch pool */
	CL_EXEC = 1 << 3,   /* path arguments only from the exec pool */
	CL_SIG = 1 << 4,    /* pid arguments checked: never init, -1 or the fuzzer */
	CL_RARE = 1 << 5,   /* ends or replaces the child: drawn 1 time in 8 */
	CL_NEVER = 1 << 6,  /* never called (reboot) */
	CL_SYSLOG = 1 << 7, /* only the syslog actions that leave the console alone */
	CL_FORK = 1 << 8,   /* fork, vfork, clone: done by child.c itself */
};

/* Fixed addresses (deterministic argument values). */
#define FZ_SHARED     0x0ff000000ul /* the parent's record of the running call */
#define FZ_BUF	      0x100000000ul /* 16 KiB: small ints, iovecs, random, zeros */
#define FZ_BUF_SIZE   0x4000ul	    /* followed by an unmapped guard page */
#define FZ_RO	      0x100010000ul /* one read-only page */
#define FZ_GONE	      0x100020000ul /* mapped, then unmapped */
#define FZ_ARENA      0x200000000ul /* 4 MiB for the memory calls to play in */
#define FZ_ARENA_SIZE 0x400000ul
#define FZ_MARKER_FD  1000 /* the console, for -v's call log */

/* What the child tells the parent, in a MAP_SHARED page. */
struct fz_shared {
	unsigned long round;
	unsigned long index; /* calls started in this round */
	unsigned long done;  /* calls made (all processes of the round) */
	char line[512];	     /* the call, as format_call() writes it */
};

extern const struct call fz_calls[];
extern const int fz_ncalls;
extern struct fz_shared *fz_sh;
extern int fz_verbose;

/* args.c */
void rng_seed(uint64_t seed, uint64_t round);
uint64_t rnd(void);
uint64_t below(uint64_t n);
unsigned call_class(const char *name);
void fuzz_args(const struct call *c, unsigned cls, long a[6]);
void fuzz_set_pids(long self, long parent, long parent_pgid, long child);
const char *exec_path(void);
const char *path_name(long v);
int format_call(char *line, int size, unsigned long round, int i, const struct call *c,
		const long a[6]);

/* child.c */
void run_round(uint64_t seed, uint64_t round, int calls, int print_only);
