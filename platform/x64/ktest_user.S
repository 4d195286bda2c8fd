/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The user-mode program of the syscall self-tests (see platform/ktest.h):
 * position-independent code, results stored at absolute addresses in the
 * data page at 0x600000 in struct ktest_user_results order.
 */
#define DATA 0x600000
#define SYS(nr) movl $nr, %eax; syscall

	.section .rodata
	.balign 16
	.globl ktest_user_code, ktest_user_code_end, ktest_user_fault, ktest_user_mem, ktest_user_fork
	.globl ktest_user_pipe, ktest_user_spin
ktest_user_code:
	SYS(39)                         /* getpid */
	movq %rax, DATA + 0
	movl $1, %edi
	leaq msg(%rip), %rsi
	movl $msg_end - msg, %edx
	SYS(1)                          /* write(1, msg, len) */
	movq %rax, DATA + 8
	SYS(180)                        /* nfsservctl: not implemented */
	movq %rax, DATA + 16
	movl $1, %edi
	movl $16, %esi
	movl $5, %edx
	SYS(1)                          /* write(1, (void *)16, 5) */
	movq %rax, DATA + 24
	movl $1, %edi
	movq $0xffffffff80100000, %rsi
	movl $5, %edx
	SYS(1)                          /* write(1, kernel address, 5) */
	movq %rax, DATA + 32
	SYS(186)                        /* gettid */
	movq %rax, DATA + 40
	SYS(24)                         /* sched_yield */
	movq %rax, DATA + 48
	SYS(100000)                     /* out of range */
	movq %rax, DATA + 56
	movq $1, DATA + 64
	xorl %edi, %edi
	SYS(60)                         /* exit(0) */
	ud2
ktest_user_mem:
	xorl %edi, %edi
	movl $8192, %esi
	movl $3, %edx                   /* PROT_READ | PROT_WRITE */
	movl $0x22, %r10d               /* MAP_PRIVATE | MAP_ANONYMOUS */
	movq $-1, %r8
	xorl %r9d, %r9d
	SYS(9)                          /* mmap */
	movq %rax, DATA + 0
	movq %rax, %rbx
	movq $0x1234, 4096(%rbx)        /* first touch from user mode: a write */
	movq 4096(%rbx), %rcx
	movq %rcx, DATA + 8
	movq (%rbx), %rcx               /* an untouched page reads as zero */
	movq %rcx, DATA + 16
	xorl %edi, %edi
	SYS(12)                         /* brk(0) */
	movq %rax, DATA + 24
	leaq 1(%rbx), %rdi
	movl $4096, %esi
	SYS(11)                         /* munmap(unaligned) */
	movq %rax, DATA + 32
	movq %rbx, %rdi
	movl $4096, %esi
	movl $1, %edx
	SYS(10)                         /* mprotect(page 0, PROT_READ) */
	movq %rax, DATA + 40
	movq $1, DATA + 48
	movq $5, (%rbx)                 /* write to a read-only page: SEGV_ACCERR */
	ud2
ktest_user_fork:
	SYS(57)                         /* fork */
	testq %rax, %rax
	jz 1f
	movq %rax, DATA + 0             /* parent: the child's pid */
	movq $-1, %rdi
	movq $DATA + 8, %rsi
	xorl %edx, %edx
	xorl %r10d, %r10d
	SYS(61)                         /* wait4(-1, &status, 0, NULL) */
	movq %rax, DATA + 16
	SYS(57)                         /* a second child, which faults */
	testq %rax, %rax
	jz 2f
	movq $-1, %rdi
	movq $DATA + 24, %rsi
	xorl %edx, %edx
	xorl %r10d, %r10d
	SYS(61)
	movq $-1, %rdi
	xorl %esi, %esi
	xorl %edx, %edx
	xorl %r10d, %r10d
	SYS(61)                         /* no children left: ECHILD */
	movq %rax, DATA + 32
	SYS(110)                        /* getppid: no parent process */
	movq %rax, DATA + 40
	movq $1, DATA + 56
	xorl %edi, %edi
	SYS(60)
1:	movq $99, DATA + 48             /* child: lands in its own copy */
	SYS(110)                        /* getppid() == parent's pid */
	movq %rax, %rdi                 /* exit(getppid() & 0xff) */
	SYS(60)
2:	movq $1, 0                      /* second child: SIGSEGV */
	ud2
ktest_user_spin:                        /* loop forever: a process to stop or kill */
	jmp ktest_user_spin

ktest_user_fault:
	movq $1, 0                      /* write to NULL: SIGSEGV */
	ud2
/* struct ktest_user_pipe_results: 13 results, fds1 at +104, fds2 at +112,
 * random bytes at +120; a scratch buffer at +512 */
ktest_user_pipe:
	movq $DATA + 104, %rdi
	movl $0x80800, %esi             /* O_CLOEXEC | O_NONBLOCK */
	SYS(293)                        /* pipe2(fds1, flags) */
	movq %rax, DATA + 0
	movl $16, %edi
	SYS(22)                         /* pipe((void *)16) */
	movq %rax, DATA + 8
	movq $DATA + 112, %rdi
	movl $0x400, %esi               /* O_APPEND */
	SYS(293)
	movq %rax, DATA + 16
	movslq DATA + 108, %rdi
	leaq msg(%rip), %rsi
	movl $5, %edx
	SYS(1)                          /* write(fds1[1], "hello", 5) */
	movq %rax, DATA + 24
	movslq DATA + 104, %rdi
	movq $DATA + 512, %rsi
	movl $64, %edx
	SYS(0)                          /* read(fds1[0], buf, 64) */
	movq %rax, DATA + 32
	movslq DATA + 104, %rdi
	movq $DATA + 512, %rsi
	movl $64, %edx
	SYS(0)                          /* empty and O_NONBLOCK: EAGAIN */
	movq %rax, DATA + 40
	movslq DATA + 104, %rdi
	xorl %esi, %esi
	xorl %edx, %edx
	SYS(8)                          /* lseek(fds1[0], 0, SEEK_SET) */
	movq %rax, DATA + 48
	movslq DATA + 108, %rdi
	SYS(3)                          /* close(fds1[1]) */
	movslq DATA + 104, %rdi
	movq $DATA + 512, %rsi
	movl $64, %edx
	SYS(0)                          /* no writer left: end of file */
	movq %rax, DATA + 56
	movq $DATA + 120, %rdi
	movl $64, %esi
	xorl %edx, %edx
	SYS(318)                        /* getrandom(buf, 64, 0) */
	movq %rax, DATA + 64
	movq $DATA + 512, %rdi
	movl $64, %esi
	movl $8, %edx
	SYS(318)                        /* unknown flag */
	movq %rax, DATA + 72
	movl $16, %edi
	movl $8, %esi
	xorl %edx, %edx
	SYS(318)                        /* bad buffer */
	movq %rax, DATA + 80
	movq $DATA + 112, %rdi
	xorl %esi, %esi
	SYS(293)                        /* pipe2(fds2, 0) */
	movq %rax, DATA + 88
	movq $1, DATA + 96
	xorl %edi, %edi
	SYS(60)
	ud2
msg:	.ascii "hello from ring 3\n"
msg_end:
ktest_user_code_end:

	.section .note.GNU-stack, "", @progbits
