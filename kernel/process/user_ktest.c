/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the way into and out of user mode: a thread drops to ring 3
 * with its own vm, makes system calls (SYSCALL/SYSRET into the generated
 * table, bad pointers, unknown numbers) and exits; another faults on NULL,
 * a third maps and touches memory and dies writing to a read-only page;
 * the kernel carries on.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/context.h>
#include <platform/ktest.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <linux/mman.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/vm.h>
#include "process.h"

struct user_run {
	struct vm *vm;
};

/* The frame behind a user page of `vm`, faulted in if needed. */
static void *user_page(struct vm *vm, uintptr_t va)
{
	if (vm_fault(vm, va, 0))
		return NULL;
	return page_address(phys_to_page(aspace_lookup(vm->as, va, NULL)));
}

/* Load the test program into a fresh vm, run it at `entry_off` in a new
 * thread and wait for it; the vm (with the results page) is returned. */
static struct vm *run_user(size_t entry_off, int *tid)
{
	struct ktest_user_image img;
	struct user_run u;
	struct thread *th;
	void *code;

	ktest_user_image(&img);
	u.vm = vm_create();
	if (!u.vm || img.len > PAGE_SIZE)
		return NULL;
	if (vm_mmap(u.vm, KTEST_USER_CODE_VA, PAGE_SIZE, PROT_READ | PROT_EXEC,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) < 0 ||
	    vm_mmap(u.vm, KTEST_USER_DATA_VA, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) < 0 ||
	    !(code = user_page(u.vm, KTEST_USER_CODE_VA)))
		goto err_put;
	memcpy(code, img.code, img.len);
	u.vm->brk_start = u.vm->brk = 0x800000;
	vm_get(u.vm); /* one for the process, one kept for the test */
	th = process_spawn(u.vm, KTEST_USER_CODE_VA + entry_off,
			   KTEST_USER_DATA_VA + PAGE_SIZE - 64);
	if (!th) {
		vm_put(u.vm);
		goto err_put;
	}
	*tid = th->tid;
	thread_join(th);
	thread_put(th);
	return u.vm;

err_put:
	vm_put(u.vm);
	return NULL;
}

KTEST(user, syscalls_from_ring3)
{
	const struct ktest_user_results *r;
	int tid = -1;
	struct vm *vm = run_user(0, &tid);

	KTEST_EXPECT(t, vm != NULL);
	if (!vm)
		return;
	r = user_page(vm, KTEST_USER_DATA_VA);
	KTEST_EXPECT_EQ(t, r->done, 1);
	KTEST_EXPECT_EQ(t, r->getpid, tid);
	KTEST_EXPECT_EQ(t, r->gettid, tid);
	KTEST_EXPECT_EQ(t, r->write_ok, 18);
	KTEST_EXPECT_EQ(t, r->enosys, -38);
	KTEST_EXPECT_EQ(t, r->write_null, -14);
	KTEST_EXPECT_EQ(t, r->write_kernel, -14);
	KTEST_EXPECT_EQ(t, r->yield, 0);
	KTEST_EXPECT_EQ(t, r->out_of_range, -38);
	vm_put(vm);
}

KTEST(user, null_write_kills_only_the_thread)
{
	struct ktest_user_image img;
	struct vm *vm;
	int tid = -1;

	ktest_user_image(&img);
	memset(&last_user_fault, 0, sizeof(last_user_fault));
	vm = run_user(img.fault_entry, &tid);
	KTEST_EXPECT(t, vm != NULL);
	KTEST_EXPECT_EQ(t, last_user_fault.signo, 11 /* SIGSEGV */);
	KTEST_EXPECT_EQ(t, last_user_fault.code, 1 /* SEGV_MAPERR */);
	KTEST_EXPECT_EQ(t, last_user_fault.addr, 0);
	KTEST_EXPECT(t, last_user_fault.write);
	if (vm)
		vm_put(vm);
}

KTEST(user, memory_syscalls_and_faults_from_ring3)
{
	struct ktest_user_image img;
	const struct ktest_user_mem_results *r;
	struct vm *vm;
	int tid = -1;

	ktest_user_image(&img);
	memset(&last_user_fault, 0, sizeof(last_user_fault));
	vm = run_user(img.mem_entry, &tid);
	KTEST_EXPECT(t, vm != NULL);
	if (!vm)
		return;
	r = user_page(vm, KTEST_USER_DATA_VA);
	KTEST_EXPECT(t, r->mmap > 0 && IS_ALIGNED(r->mmap, PAGE_SIZE));
	KTEST_EXPECT_EQ(t, r->readback, 0x1234);
	KTEST_EXPECT_EQ(t, r->zero, 0);
	KTEST_EXPECT_EQ(t, r->brk, 0x800000);
	KTEST_EXPECT_EQ(t, r->munmap_unaligned, -22);
	KTEST_EXPECT_EQ(t, r->mprotect, 0);
	KTEST_EXPECT_EQ(t, r->reached, 1);
	KTEST_EXPECT_EQ(t, last_user_fault.signo, 11 /* SIGSEGV */);
	KTEST_EXPECT_EQ(t, last_user_fault.code, 2 /* SEGV_ACCERR */);
	KTEST_EXPECT_EQ(t, last_user_fault.addr, r->mmap);
	vm_put(vm);
}

KTEST(user, fork_wait_and_copy_on_write_from_ring3)
{
	struct ktest_user_image img;
	const struct ktest_user_fork_results *r;
	struct vm *vm;
	int tid = -1;

	ktest_user_image(&img);
	vm = run_user(img.fork_entry, &tid);
	KTEST_EXPECT(t, vm != NULL);
	if (!vm)
		return;
	r = user_page(vm, KTEST_USER_DATA_VA);
	KTEST_EXPECT_EQ(t, r->done, 1);
	KTEST_EXPECT(t, r->child > tid);
	KTEST_EXPECT_EQ(t, r->wait1, r->child);
	KTEST_EXPECT_EQ(t, r->status1, (tid & 0xff) << 8); /* exit(getppid()) */
	KTEST_EXPECT_EQ(t, r->status2, 11);		   /* killed by SIGSEGV */
	KTEST_EXPECT_EQ(t, r->echild, -10 /* ECHILD */);
	KTEST_EXPECT_EQ(t, r->ppid, 0);
	KTEST_EXPECT_EQ(t, r->child_write, 0);
	vm_put(vm);
}

/* the offsets ktest_user.S stores at */
_Static_assert(__builtin_offsetof(struct ktest_user_pipe_results, done) == 96, "asm layout");
_Static_assert(__builtin_offsetof(struct ktest_user_pipe_results, fds1) == 104, "asm layout");
_Static_assert(__builtin_offsetof(struct ktest_user_pipe_results, random) == 120, "asm layout");

KTEST(user, pipe_and_getrandom_from_ring3)
{
	struct ktest_user_image img;
	const struct ktest_user_pipe_results *r;
	struct vm *vm;
	int tid = -1, zero = 0;

	ktest_user_image(&img);
	vm = run_user(img.pipe_entry, &tid);
	KTEST_EXPECT(t, vm != NULL);
	if (!vm)
		return;
	r = user_page(vm, KTEST_USER_DATA_VA);
	KTEST_EXPECT_EQ(t, r->done, 1);
	KTEST_EXPECT_EQ(t, r->pipe2, 0);
	KTEST_EXPECT_EQ(t, r->fds1[0], 3); /* 0, 1, 2 are the console */
	KTEST_EXPECT_EQ(t, r->fds1[1], 4);
	KTEST_EXPECT_EQ(t, r->pipe_efault, -EFAULT);
	KTEST_EXPECT_EQ(t, r->pipe2_einval, -EINVAL);
	KTEST_EXPECT_EQ(t, r->write, 5);
	KTEST_EXPECT_EQ(t, r->read, 5);
	KTEST_EXPECT_EQ(t, r->read_eagain, -EAGAIN);
	KTEST_EXPECT_EQ(t, r->lseek, -ESPIPE);
	KTEST_EXPECT_EQ(t, r->read_eof, 0);
	KTEST_EXPECT_EQ(t, r->getrandom, 64);
	KTEST_EXPECT_EQ(t, r->getrandom_einval, -EINVAL);
	KTEST_EXPECT_EQ(t, r->getrandom_efault, -EFAULT);
	/* the failed calls left no descriptor: fd 4 (closed) is the lowest free */
	KTEST_EXPECT_EQ(t, r->pipe2_again, 0);
	KTEST_EXPECT_EQ(t, r->fds2[0], 4);
	KTEST_EXPECT_EQ(t, r->fds2[1], 5);
	for (size_t i = 0; i < sizeof(r->random); i++)
		zero += r->random[i] == 0;
	KTEST_EXPECT(t, zero < 16);
	vm_put(vm);
}
