/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of RLIMIT_SIGPENDING accounting: what signal.c charges and gives back. */
#include <klib/errno.h>
#include <asm-generic/siginfo.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/sigpending.h>

#define UID_A 900201 /* users no self-test process has */
#define UID_B 900202

static struct cred cred_a = {.refs = 1, .uid = UID_A}, cred_b = {.refs = 1, .uid = UID_B};

/* A process outside the process list, of real uid UID_A, limit 2. */
static struct process *receiver(void)
{
	struct process *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->pid = 900201;
	p->state = PROC_ALIVE;
	p->cred = &cred_a;
	p->rlim[RLIMIT_SIGPENDING] = (struct rlimit64){2, 2};
	signal_init_process(p, NULL);
	return p;
}

KTEST(sigpending, instances_charged_to_the_receivers_user)
{
	struct process *p = receiver();
	struct ksiginfo q = {.code = SI_QUEUE};
	int rt = 34;

	KTEST_EXPECT(t, p != NULL);
	if (!p)
		return;
	KTEST_EXPECT_EQ(t, signal_send(p, rt, &q), 0); /* the slot */
	KTEST_EXPECT_EQ(t, signal_send(p, rt, &q), 0); /* the queue */
	KTEST_EXPECT_EQ(t, signal_send(p, rt, &q), -EAGAIN);
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 2);
	KTEST_EXPECT_EQ(t, signal_send(p, SIGUSR1, NULL), 0); /* the kernel's: past it */
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 3);
	signal_discard(p, rt);
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 1);
	p->cred = &cred_b; /* a set*uid: what is pending stays UID_A's */
	KTEST_EXPECT_EQ(t, signal_send(p, rt, &q), 0);
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 1);
	KTEST_EXPECT_EQ(t, sigpending_count(UID_B), 1);
	signal_free_queue(p);
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 0);
	KTEST_EXPECT_EQ(t, sigpending_count(UID_B), 0);
	kfree(p);
}

KTEST(sigpending, dropped_signals_give_back)
{
	struct process *p = receiver();

	KTEST_EXPECT(t, p != NULL);
	if (!p)
		return;
	KTEST_EXPECT_EQ(t, signal_send(p, SIGTSTP, NULL), 0);
	KTEST_EXPECT_EQ(t, signal_send(p, SIGTSTP, NULL), 0); /* merged */
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 1);
	/* SIGCONT drops the stop, a stop drops SIGCONT: one charge each time */
	KTEST_EXPECT_EQ(t, signal_send(p, SIGCONT, NULL), 0);
	KTEST_EXPECT(t, !(p->sig_pending & SIGBIT(SIGTSTP)));
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 1);
	KTEST_EXPECT_EQ(t, signal_send(p, SIGTTIN, NULL), 0);
	KTEST_EXPECT(t, !(p->sig_pending & SIGBIT(SIGCONT)));
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 1);
	KTEST_EXPECT_EQ(t, signal_send(p, SIGKILL, NULL), 0); /* never charged, drops the stop */
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 0);
	signal_free_queue(p);
	kfree(p);
}

/* A thread's own queue: each instance charged, the charges given back
 * when the thread exits with them pending. */
KTEST(sigpending, thread_queue_charged_until_exit)
{
	struct process *p = receiver();
	struct thread *th = kzalloc(sizeof(*th));
	struct ksiginfo q = {.code = SI_QUEUE}, tk = {.code = SI_TKILL};
	int rt = 34;

	KTEST_EXPECT(t, p && th);
	if (!p || !th)
		goto out;
	th->tid = 900203; /* never woken: not on a CPU nor asleep */
	th->proc = p;
	th->sigmask = ~0ull; /* blocked: pending, never ignored */
	list_init(&th->sig_queue);
	list_add_tail(&th->group_link, &p->threads);
	KTEST_EXPECT_EQ(t, signal_send_tid(p, th->tid, rt, &q), 0);
	KTEST_EXPECT_EQ(t, signal_send_tid(p, th->tid, rt, &q), 0);
	KTEST_EXPECT_EQ(t, signal_send_tid(p, th->tid, rt, &q), -EAGAIN);
	KTEST_EXPECT_EQ(t, signal_send_tid(p, th->tid, rt, &tk), -EAGAIN);
	KTEST_EXPECT_EQ(t, signal_send_tid(p, th->tid, SIGUSR1, &tk), 0); /* without its siginfo */
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 2);
	KTEST_EXPECT_EQ(t, th->sig_pending, SIGBIT(rt) | SIGBIT(SIGUSR1));
	KTEST_EXPECT_EQ(t, p->sig_pending, 0);
	list_del(&th->group_link);
	signal_thread_exit(p, th);
	KTEST_EXPECT_EQ(t, sigpending_count(UID_A), 0);
	KTEST_EXPECT_EQ(t, th->sig_pending, 0);
	KTEST_EXPECT(t, list_empty(&th->sig_queue));
out:
	if (p)
		signal_free_queue(p);
	kfree(th);
	kfree(p);
}
