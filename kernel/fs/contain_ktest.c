/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Containment (contain.h), on a private tmpfs instance: each kind of fault
 * injected into a write unwinds to the wrapper, which returns -EIO with the
 * service's locks released, interrupts and preemption as they were; the
 * instance is failed (reads too give -EIO), another instance keeps
 * working, and once the failed one is unmounted its memory is given back.
 * In the profiles without containment there is nothing to test.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include <platform/irq.h>
#include <platform/ktest.h>
#include <platform/page.h>
#include <platform/percpu.h>
#include <kernel/path.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include "contain.h"
#include "fs.h"

static bool in_frame(void)
{
	return current_thread()->svc_frame != NULL;
}

/* The profile's dispatch: a crossing runs in a frame with a recovery point
 * where services are contained, and is the bare call where they are
 * called directly (performance, ludicrous); a ring-1 kind never is. */
KTEST(contain, crossing_per_profile)
{
	static const struct fs_type type = {.name = "ktest"};
	struct vfs_sb svc = {.type = &type, .service = true}, ring1 = {.type = &type};

	KTEST_EXPECT_EQ(t, SVC_CALL(&svc, SVC_OP_READ, NULL, in_frame()), CONFIG_RING2_CONTAIN);
	KTEST_EXPECT_EQ(t, SVC_CALL(&ring1, SVC_OP_READ, NULL, in_frame()), false);
	KTEST_EXPECT_EQ(t, SVC_CALL(NULL, SVC_OP_READ, NULL, in_frame()), false);
	KTEST_EXPECT(t, !in_frame());
	svc_instance_free(&svc);
}

#if CONFIG_RING2_CONTAIN

/* What a service would do with a frame handle it did not get from
 * svc_page_alloc (a stale or made-up one): write through it. */
static int write_through(struct page *pg)
{
	svc_page_write((struct svc_page *)pg, 0, "x", 1);
	return 0;
}

static const struct file_ops unregistered_ops;

static int zero(void)
{
	return 0;
}

/* COPY_FRAMES (fortress) refuses a frame handle that is not one of the
 * instance's frames, as the service's fault; without it the copy is not
 * checked.  DISPATCH_CHECKED (fortress) refuses a call through an ops
 * table the service never registered; without it the call goes on. */
KTEST(contain, forged_frame_and_ops_table)
{
	struct test_mount m = {.sb = NULL, .root = NULL};
	struct page *pg = alloc_page(PAF_ZERO);
	int err;

	KTEST_EXPECT_EQ(t, test_mount(&m, "tmpfs", 92, NULL, 0), 0);
	if (!m.root || !pg)
		goto out;
	err = SVC_CALL(m.sb, SVC_OP_WRITE, NULL, write_through(pg));
	KTEST_EXPECT_EQ(t, err, CONFIG_COPY_FRAMES ? -EIO : 0);
	KTEST_EXPECT_EQ(t, *(char *)page_address(pg), CONFIG_COPY_FRAMES ? 0 : 'x');
	KTEST_EXPECT_EQ(t, m.sb->failed, CONFIG_COPY_FRAMES);
	test_unmount(&m);
	KTEST_EXPECT_EQ(t, test_mount(&m, "tmpfs", 93, NULL, 0), 0);
	if (!m.root)
		goto out;
	err = SVC_CALL(m.sb, SVC_OP_READ, &unregistered_ops, zero());
	KTEST_EXPECT_EQ(t, err, CONFIG_DISPATCH_CHECKED ? -EIO : 0);
	KTEST_EXPECT_EQ(t, m.sb->failed, CONFIG_DISPATCH_CHECKED);
out:
	if (pg)
		page_put(pg);
	test_unmount(&m);
}

static ssize_t rw(struct inode *f, bool write, uint64_t off, void *buf, size_t len)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = len};

	return write ? vfs_write(f, off, &b, 0) : vfs_read(f, off, &b, 0);
}

/* A tmpfs instance with /f holding "hello" (and a page's worth more). */
static int setup(struct test_mount *m, struct inode **f)
{
	static char page[5000];
	struct inode *dir = NULL;
	int err = test_mount(m, "tmpfs", 91, NULL, 0);

	*f = NULL;
	if (err)
		return err;
	m->sb->service = true;
	dir = m->sb->root;
	err = vfs_create(dir, "f", 1, S_IFREG | 0644, f);
	if (err)
		return err;
	memset(page, 'x', sizeof(page));
	if (rw(*f, true, 0, page, sizeof(page)) != (ssize_t)sizeof(page) ||
	    rw(*f, true, 0, "hello", 5) != 5)
		return -EIO;
	return 0;
}

static void one_kind(struct ktest_ctx *t, enum svc_fault kind)
{
	struct test_mount m = {.sb = NULL, .root = NULL}, other = {.sb = NULL, .root = NULL};
	struct inode *f = NULL, *g = NULL;
	int pc = this_cpu()->preempt_count;
	uint64_t objs, pages;
	unsigned faults;
	char buf[8] = "";

	KTEST_EXPECT_EQ(t, setup(&m, &f), 0);
	KTEST_EXPECT_EQ(t, setup(&other, &g), 0);
	if (!f || !g)
		goto out;
	svc_instance_usage(m.sb, &objs, &pages, &faults);
	KTEST_EXPECT(t, objs > 0 && pages > 0);
	svc_inject_next("tmpfs", SVC_OP_WRITE, kind);
	KTEST_EXPECT_EQ(t, rw(f, true, 0, "world", 5), -EIO);
	KTEST_EXPECT(t, m.sb->failed);
	KTEST_EXPECT(t, current_thread()->svc_frame == NULL);
	KTEST_EXPECT(t, irq_enabled());
	KTEST_EXPECT_EQ(t, this_cpu()->preempt_count, pc);
	svc_instance_usage(m.sb, &objs, &pages, &faults);
	KTEST_EXPECT_EQ(t, faults, 1);
	KTEST_EXPECT_EQ(t, rw(f, false, 0, buf, 5), -EIO);
	/* the other instance: its locks are free, its data intact */
	KTEST_EXPECT_EQ(t, rw(g, true, 0, "HELLO", 5), 5);
	KTEST_EXPECT_EQ(t, rw(g, false, 0, buf, 5), 5);
	KTEST_EXPECT(t, !memcmp(buf, "HELLO", 5));
	KTEST_EXPECT(t, !other.sb->failed);
out:
	inode_put(f);
	inode_put(g);
	if (m.root) {
		path_put(m.root); /* the last mount: a failed instance's memory goes */
		m.root = NULL;
		svc_instance_usage(m.sb, &objs, &pages, &faults);
		KTEST_EXPECT_EQ(t, objs, 0);
		KTEST_EXPECT_EQ(t, pages, 0);
	}
	test_unmount(&m);
	test_unmount(&other);
}

KTEST(contain, injected_panic_returns_eio)
{
	one_kind(t, SVC_FAULT_PANIC);
}

KTEST(contain, injected_assert_returns_eio)
{
	one_kind(t, SVC_FAULT_ASSERT);
}

KTEST(contain, injected_page_fault_returns_eio)
{
	one_kind(t, SVC_FAULT_PAGEFAULT);
}

KTEST(contain, injected_general_protection_returns_eio)
{
	one_kind(t, SVC_FAULT_GP);
}

KTEST(contain, injected_invalid_opcode_returns_eio)
{
	one_kind(t, SVC_FAULT_UD);
}

KTEST(contain, injected_divide_error_returns_eio)
{
	one_kind(t, SVC_FAULT_DIV0);
}

#define WORKERS 4
#define ROUNDS	200

struct worker {
	struct inode *f;
	int id;
	int ok, eio, other; /* writes that succeeded, failed with EIO, failed otherwise */
};

/* Appends until the instance fails under it; worker 0 faults at its 50th. */
static void worker(void *arg)
{
	struct worker *w = arg;
	char rec[16];

	memset(rec, 'a' + w->id, sizeof(rec));
	for (int i = 0; i < ROUNDS; i++) {
		ssize_t n;

		if (w->id == 0 && i == 50)
			svc_inject_next("tmpfs", SVC_OP_WRITE, SVC_FAULT_PAGEFAULT);
		n = rw(w->f, true, (uint64_t)(w->id * ROUNDS + i) * sizeof(rec), rec, sizeof(rec));
		if (n == (ssize_t)sizeof(rec))
			w->ok++;
		else if (n == -EIO)
			w->eio++;
		else
			w->other++;
	}
}

/* Several threads inside one instance when a fault fails it: none hangs
 * on a lock the faulting call held, each sees EIO from then on, and the
 * instance's memory is freed once it is unmounted. */
KTEST(contain, fault_while_others_write)
{
	struct test_mount m = {.sb = NULL, .root = NULL};
	struct worker w[WORKERS];
	struct thread *th[WORKERS];
	struct inode *f = NULL;
	uint64_t objs, pages;
	unsigned faults;
	int eio = 0;

	KTEST_EXPECT_EQ(t, setup(&m, &f), 0);
	if (!f)
		goto out;
	for (int i = 0; i < WORKERS; i++) {
		w[i] = (struct worker){.f = f, .id = i};
		th[i] = thread_create("contain-w", worker, &w[i]);
		KTEST_EXPECT(t, th[i] != NULL);
	}
	for (int i = 0; i < WORKERS; i++) {
		if (!th[i])
			continue;
		thread_join(th[i]);
		thread_put(th[i]);
		KTEST_EXPECT_EQ(t, w[i].other, 0);
		KTEST_EXPECT_EQ(t, w[i].ok + w[i].eio, ROUNDS);
		eio += w[i].eio;
	}
	KTEST_EXPECT_EQ(t, w[0].ok, 50);
	KTEST_EXPECT(t, eio >= ROUNDS - 50);
	KTEST_EXPECT(t, m.sb->failed);
	svc_instance_usage(m.sb, &objs, &pages, &faults);
	KTEST_EXPECT_EQ(t, faults, 1);
out:
	inode_put(f);
	if (m.root) {
		path_put(m.root);
		m.root = NULL;
		svc_instance_usage(m.sb, &objs, &pages, &faults);
		KTEST_EXPECT_EQ(t, objs, 0);
		KTEST_EXPECT_EQ(t, pages, 0);
	}
	test_unmount(&m);
}

KTEST(contain, injected_stack_overflow_returns_eio)
{
	one_kind(t, SVC_FAULT_STACK);
}

#endif
