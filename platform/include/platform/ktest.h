/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * In-kernel self-tests, reported in KTAP (Linux's kselftest/KUnit format).
 * A test is a function registered with KTEST(suite, name); the runner
 * (ktest_run, called by ring 1 when the command line says `ktest`) runs
 * every suite in link order, each test in turn, and prints one KTAP
 * subtest block per suite.  KTEST_EXPECT and KTEST_EXPECT_EQ record a
 * failure and continue; a test that cannot go on after one returns.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

struct ktest_ctx {
	int failures;
	bool skipped;
	const char *skip_reason;
};

struct ktest {
	const char *suite;
	const char *name;
	void (*fn)(struct ktest_ctx *t);
};

#define KTEST(suite_, name_)                                                               \
	static void ktest_##suite_##_##name_(struct ktest_ctx *t);                         \
	static const struct ktest ktest_desc_##suite_##_##name_ __used __section(".ktest") \
		__aligned(8) = {#suite_, #name_, ktest_##suite_##_##name_};                \
	static void ktest_##suite_##_##name_(struct ktest_ctx *t)

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *fmt, ...)
	__printf(4, 5);

#define KTEST_EXPECT(t, cond)                                           \
	do {                                                            \
		if (!(cond))                                            \
			ktest_fail(t, __FILE__, __LINE__, "%s", #cond); \
	} while (0)
#define KTEST_EXPECT_EQ(t, a, b)                                                                 \
	do {                                                                                     \
		long long __a = (long long)(a), __b = (long long)(b);                            \
		if (__a != __b)                                                                  \
			ktest_fail(t, __FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, __a, \
				   __b);                                                         \
	} while (0)

static inline void ktest_skip(struct ktest_ctx *t, const char *why)
{
	t->skipped = true;
	t->skip_reason = why;
}

/* A tiny user-mode program for the syscall self-tests (ring 0 provides it
 * because it is machine code).  Load `code` at KTEST_USER_CODE_VA and map a
 * writable page at KTEST_USER_DATA_VA.  Entered at `main_entry`, it makes
 * a fixed series of system calls, stores each result in the data page
 * (struct ktest_user_results) and exits with status 0.  Entered at
 * `fault_entry`, it writes to address 0.  */
#define KTEST_USER_CODE_VA 0x400000ul
#define KTEST_USER_DATA_VA 0x600000ul
struct ktest_user_image {
	const void *code;
	size_t len;
	size_t main_entry, fault_entry, mem_entry, fork_entry, pipe_entry; /* offsets into code */
	size_t spin_entry;						   /* loops forever */
};
struct ktest_user_results {
	int64_t getpid;	      /* getpid() */
	int64_t write_ok;     /* write(1, "hello from ring 3\n", 18) */
	int64_t enosys;	      /* syscall 180 (nfsservctl, unimplemented) */
	int64_t write_null;   /* write(1, (void *)16, 5) */
	int64_t write_kernel; /* write(1, <kernel address>, 5) */
	int64_t gettid;	      /* gettid() */
	int64_t yield;	      /* sched_yield() */
	int64_t out_of_range; /* syscall 100000 */
	int64_t done;	      /* 1 once all calls returned */
};
/* Entered at `mem_entry`: mmap, demand faults from user mode, brk, an
 * invalid munmap, mprotect, then a write to the read-only page. */
struct ktest_user_mem_results {
	int64_t mmap;		  /* mmap(NULL, 8192, RW, PRIVATE|ANON, -1, 0) */
	int64_t readback;	  /* value written to the second page and read back */
	int64_t zero;		  /* first page read before any write */
	int64_t brk;		  /* brk(0) */
	int64_t munmap_unaligned; /* munmap(mmap + 1, 4096) */
	int64_t mprotect;	  /* mprotect(mmap, 4096, PROT_READ) */
	int64_t reached;	  /* 1 just before the faulting write */
};
/* Entered at `fork_entry`: fork a child that exits with getppid() & 0xff,
 * wait for it; fork one that dies of SIGSEGV, wait; wait again. */
struct ktest_user_fork_results {
	int64_t child;	       /* fork() in the parent */
	int32_t status1, pad1; /* wait4 status of the first child */
	int64_t wait1;	       /* wait4's return */
	int32_t status2, pad2; /* status of the faulting child */
	int64_t echild;	       /* wait4 with no children left */
	int64_t ppid;	       /* getppid() of the parent (no parent process) */
	int64_t child_write;   /* the child's write, not visible here */
	int64_t done;
};
/* Entered at `pipe_entry`: pipe2, pipe and getrandom with good and bad
 * arguments, then exit(0). */
struct ktest_user_pipe_results {
	int64_t pipe2;		  /* pipe2(fds1, O_NONBLOCK | O_CLOEXEC) */
	int64_t pipe_efault;	  /* pipe((void *)16) */
	int64_t pipe2_einval;	  /* pipe2(fds2, O_APPEND) */
	int64_t write;		  /* write(fds1[1], "hello", 5) */
	int64_t read;		  /* read(fds1[0], buf, 64) */
	int64_t read_eagain;	  /* the same, now empty */
	int64_t lseek;		  /* lseek(fds1[0], 0, SEEK_SET) */
	int64_t read_eof;	  /* read(fds1[0], ...) after close(fds1[1]) */
	int64_t getrandom;	  /* getrandom(buf, 64, 0) */
	int64_t getrandom_einval; /* getrandom(buf, 64, 8) */
	int64_t getrandom_efault; /* getrandom((void *)16, 8, 0) */
	int64_t pipe2_again;	  /* pipe2(fds2, 0) */
	int64_t done;
	int32_t fds1[2], fds2[2];
	uint8_t random[64]; /* getrandom's bytes */
};
void ktest_user_image(struct ktest_user_image *img);

/* Run the suites whose name matches `filter` ("all" or a suite name);
 * returns the number of failed tests. */
int ktest_run(const char *filter);
