/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the way into and out of user mode: a thread drops to ring 3
 * with its own address space, makes system calls (SYSCALL/SYSRET into the
 * generated table, bad pointers, unknown numbers) and exits; another
 * faults on NULL and is killed while the kernel carries on.
 */
#include <klib/string.h>
#include <platform/context.h>
#include <platform/ktest.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <kernel/sched.h>
#include "process.h"

struct user_run {
	struct aspace *as;
	struct page *code, *data;
	uintptr_t entry;
};

static void user_thread(void *arg)
{
	struct user_run *u = arg;

	aspace_activate(u->as);
	context_enter_user(u->entry, KTEST_USER_DATA_VA + PAGE_SIZE - 64);
}

/* Load the test program, run it at `entry_off` in a new thread, wait. */
static bool run_user(struct user_run *u, size_t entry_off, int *tid)
{
	struct ktest_user_image img;
	struct thread *th;
	bool ok = false;

	ktest_user_image(&img);
	u->as = aspace_create();
	u->code = alloc_page(PAF_ZERO);
	u->data = alloc_page(PAF_ZERO);
	if (!u->as || !u->code || !u->data || img.len > PAGE_SIZE)
		return false;
	memcpy(page_address(u->code), img.code, img.len);
	if (aspace_map(u->as, KTEST_USER_CODE_VA, page_to_phys(u->code),
		       MMU_READ | MMU_EXEC | MMU_USER) ||
	    aspace_map(u->as, KTEST_USER_DATA_VA, page_to_phys(u->data),
		       MMU_READ | MMU_WRITE | MMU_USER))
		goto out;
	u->entry = KTEST_USER_CODE_VA + entry_off;
	th = thread_create("ktest-user", user_thread, u);
	if (!th)
		goto out;
	*tid = th->tid;
	thread_join(th);
	thread_put(th);
	ok = true;
out:
	aspace_destroy(u->as);
	return ok;
}

static void free_run(struct user_run *u)
{
	free_page(u->code);
	free_page(u->data);
}

KTEST(user, syscalls_from_ring3)
{
	struct user_run u = {.as = NULL};
	const struct ktest_user_results *r;
	int tid = -1;

	KTEST_EXPECT(t, run_user(&u, 0, &tid));
	r = page_address(u.data);
	KTEST_EXPECT_EQ(t, r->done, 1);
	KTEST_EXPECT_EQ(t, r->getpid, tid);
	KTEST_EXPECT_EQ(t, r->gettid, tid);
	KTEST_EXPECT_EQ(t, r->write_ok, 18);
	KTEST_EXPECT_EQ(t, r->enosys, -38);
	KTEST_EXPECT_EQ(t, r->write_null, -14);
	KTEST_EXPECT_EQ(t, r->write_kernel, -14);
	KTEST_EXPECT_EQ(t, r->yield, 0);
	KTEST_EXPECT_EQ(t, r->out_of_range, -38);
	free_run(&u);
}

KTEST(user, null_write_kills_only_the_thread)
{
	struct ktest_user_image img;
	struct user_run u = {.as = NULL};
	int tid = -1;

	ktest_user_image(&img);
	memset(&last_user_fault, 0, sizeof(last_user_fault));
	KTEST_EXPECT(t, run_user(&u, img.fault_entry, &tid));
	KTEST_EXPECT_EQ(t, last_user_fault.signo, 11 /* SIGSEGV */);
	KTEST_EXPECT_EQ(t, last_user_fault.code, 1 /* SEGV_MAPERR */);
	KTEST_EXPECT_EQ(t, last_user_fault.addr, 0);
	KTEST_EXPECT(t, last_user_fault.write);
	free_run(&u);
}
