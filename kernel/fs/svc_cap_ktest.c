/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of capability tokens (svc_cap.h): in fortress a forged or
 * stale token is refused, logged and counted and a valid one accepted; in
 * every profile the service API's token parameter has the token type (a
 * compile-time check: a service cannot pass anything else); checked
 * dispatch's table test (svc_ops_ok).
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <platform/ktest.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/kmsg.h>
#include "contain.h"
#include "fs.h"
#include "svc_cap.h"

/* The token is the first parameter of every service-API call that takes
 * one, and has the token's type: anything else fails to compile. */
#define TAKES_CAP(fn, type) _Static_assert(__builtin_types_compatible_p(__typeof__(&fn), type), #fn)
TAKES_CAP(svc_alloc, void *(*)(struct svc_cap, size_t));
TAKES_CAP(svc_free, void (*)(struct svc_cap, const void *));
TAKES_CAP(svc_alloc_page, void *(*)(struct svc_cap));
TAKES_CAP(svc_alloc_data_page, void *(*)(struct svc_cap));
TAKES_CAP(svc_free_page, void (*)(struct svc_cap, void *));
TAKES_CAP(svc_lock_new, struct svc_lock *(*)(struct svc_cap, const char *));
TAKES_CAP(svc_lock_free, void (*)(struct svc_cap, struct svc_lock *));
TAKES_CAP(svc_lock, void (*)(struct svc_cap, struct svc_lock *));
TAKES_CAP(svc_unlock, void (*)(struct svc_cap, struct svc_lock *));
TAKES_CAP(svc_inode_alloc, struct inode *(*)(struct svc_cap, struct vfs_sb *, enum inode_kind,
					     const void *, uint64_t));
TAKES_CAP(svc_inode_put, void (*)(struct svc_cap, struct inode *));
/* and a token is no integer or pointer a service could pass by mistake */
_Static_assert(!__builtin_types_compatible_p(struct svc_cap, uint64_t), "token type");
_Static_assert(!__builtin_types_compatible_p(struct svc_cap, void *), "token type");
_Static_assert(CONFIG_CAP_RUNTIME ? sizeof(struct svc_cap) == 8 : sizeof(struct svc_cap) == 0,
	       "a token costs one register in fortress, none elsewhere");

KTEST(svc_cap, the_api_takes_the_token_type)
{
	/* the assertions above are the test; here, what each profile says */
	KTEST_EXPECT(t, CONFIG_CAP_STATIC || !CONFIG_CAP_RUNTIME);
}

static bool has(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		if (!strncmp(hay, needle, n))
			return true;
	}
	return false;
}

/* Does a record of the kernel log contain both `a` and `b`? */
static bool logged(const char *a, const char *b)
{
	void *r = kmsg_reader_new();
	char rec[1100];
	bool found = false;

	while (r && !found) {
		struct iobuf buf = {.user = false, .kbuf = rec, .len = sizeof(rec) - 1};
		ssize_t n = kmsg_read(r, &buf, O_NONBLOCK);

		if (n == -EPIPE)
			continue;
		if (n < 0)
			break;
		rec[n] = '\0';
		found = has(rec, a) && has(rec, b);
	}
	kmsg_reader_free(r);
	return found;
}

KTEST(svc_cap, a_valid_token_is_accepted)
{
	struct test_mount m;
	unsigned long before = svc_cap_refusals();
	struct svc_lock *l;
	void *p;

	KTEST_EXPECT_EQ(t, test_mount(&m, "tmpfs", 90, NULL, 0), 0);
	if (!m.sb)
		return;
	p = svc_alloc(m.sb->cap, 64);
	l = svc_lock_new(m.sb->cap, "ktest");
	KTEST_EXPECT(t, p && l);
	if (l) {
		svc_lock(m.sb->cap, l);
		svc_unlock(m.sb->cap, l);
		svc_lock_free(m.sb->cap, l);
	}
	svc_free(m.sb->cap, p);
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before);
	KTEST_EXPECT(t, !m.sb->failed);
	test_unmount(&m);
}

#if CONFIG_CAP_RUNTIME

static char hex[24];
static const char *hex_of(struct svc_cap c)
{
	snprintf(hex, sizeof(hex), "%#llx", (unsigned long long)c.v);
	return hex;
}

KTEST(svc_cap, a_forged_token_is_refused_and_logged)
{
	struct test_mount m;
	unsigned long before = svc_cap_refusals();
	struct svc_cap forged, nowhere = {.v = 0xdead0000ffffull}, zero = {0};

	KTEST_EXPECT_EQ(t, test_mount(&m, "tmpfs", 91, NULL, 0), 0);
	if (!m.sb)
		return;
	/* the instance's slot and generation, a wrong secret */
	forged.v = m.sb->cap.v ^ (1ull << 40);
	KTEST_EXPECT(t, svc_alloc(forged, 64) == NULL);
	KTEST_EXPECT(t, logged("svc_alloc from tmpfs", hex_of(forged)));
	KTEST_EXPECT(t, logged("forged (wrong secret)", hex_of(forged)));
	KTEST_EXPECT(t, m.sb->failed); /* the token named it: its memory is corrupt */
	KTEST_EXPECT(t, svc_lock_new(forged, "x") == NULL);
	KTEST_EXPECT(t, svc_alloc_page(nowhere) == NULL); /* a slot never allocated */
	KTEST_EXPECT(t, logged("svc_alloc_page", hex_of(nowhere)));
	KTEST_EXPECT(t, svc_alloc_data_page(zero) == NULL);
	KTEST_EXPECT(t, svc_inode_alloc(forged, m.sb, INODE_FILE, m.sb->root->ops.file, 9) == NULL);
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before + 5);
	m.sb->failed = false;
	test_unmount(&m);
}

KTEST(svc_cap, a_stale_token_is_refused_and_logged)
{
	struct test_mount m, again;
	unsigned long before = svc_cap_refusals();
	struct svc_cap stale;

	KTEST_EXPECT_EQ(t, test_mount(&m, "tmpfs", 92, NULL, 0), 0);
	if (!m.sb)
		return;
	stale = m.sb->cap;
	test_unmount(&m); /* released: its token with it */
	KTEST_EXPECT(t, svc_alloc(stale, 64) == NULL);
	KTEST_EXPECT(t, logged("stale (its instance was released)", hex_of(stale)));
	/* the slot reused by a new instance: still refused, a new generation */
	KTEST_EXPECT_EQ(t, test_mount(&again, "tmpfs", 93, NULL, 0), 0);
	KTEST_EXPECT(t, again.sb && again.sb->cap.v != stale.v);
	KTEST_EXPECT(t, svc_lock_new(stale, "x") == NULL);
	KTEST_EXPECT(t, again.sb && !again.sb->failed);
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before + 2);
	test_unmount(&again);
}

KTEST(svc_cap, a_token_is_good_for_its_own_instance_only)
{
	struct test_mount a, b;
	unsigned long before = svc_cap_refusals();

	KTEST_EXPECT_EQ(t, test_mount(&a, "tmpfs", 94, NULL, 0), 0);
	KTEST_EXPECT_EQ(t, test_mount(&b, "tmpfs", 95, NULL, 0), 0);
	if (!a.sb || !b.sb)
		goto out;
	KTEST_EXPECT(t,
		     svc_inode_alloc(a.sb->cap, b.sb, INODE_FILE, b.sb->root->ops.file, 9) == NULL);
	KTEST_EXPECT(t, logged("another instance's", hex_of(a.sb->cap)));
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before + 1);
out:
	test_unmount(&b);
	test_unmount(&a);
}

/* Inside a crossing, a service-API call compares the token to the one the
 * crossing found live (contain.h): the same one passes, any other still
 * takes the full check and is refused, logged and counted. */
KTEST(svc_cap, inside_a_crossing_every_other_token_is_refused)
{
	struct test_mount a, b, c;
	unsigned long before = svc_cap_refusals();
	struct svc_cap forged, stale, zero = {0};
	struct svc_frame f;
	void *p;

	KTEST_EXPECT_EQ(t, test_mount(&a, "tmpfs", 96, NULL, 0), 0);
	KTEST_EXPECT_EQ(t, test_mount(&b, "tmpfs", 97, NULL, 0), 0);
	KTEST_EXPECT_EQ(t, test_mount(&c, "tmpfs", 98, NULL, 0), 0);
	if (!a.sb || !b.sb || !c.sb)
		goto out;
	stale = c.sb->cap;
	test_unmount(&c);
	c.sb = NULL;
	forged.v = a.sb->cap.v ^ (1ull << 40);
	svc_frame_push(&f, a.sb, SVC_OP_STAT, SVC_FAULT_NONE);
	KTEST_EXPECT_EQ(t, f.cap, a.sb->cap.v);
	p = svc_alloc(a.sb->cap, 64);
	KTEST_EXPECT(t, p != NULL);
	svc_free(a.sb->cap, p);
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before);
	KTEST_EXPECT(t,
		     svc_inode_alloc(b.sb->cap, a.sb, INODE_FILE, a.sb->root->ops.file, 9) == NULL);
	KTEST_EXPECT(t, logged("another instance's", hex_of(b.sb->cap)));
	KTEST_EXPECT(t, svc_alloc_page(zero) == NULL);
	KTEST_EXPECT(t, svc_alloc_page(stale) == NULL);
	KTEST_EXPECT(t, logged("stale (its instance was released)", hex_of(stale)));
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before + 3);
	/* last: it fails the instance, and the next service-API call in the
	 * crossing (the log's reader's too) would unwind it */
	KTEST_EXPECT(t, svc_alloc(forged, 64) == NULL);
	svc_leave(&f);
	KTEST_EXPECT(t, logged("forged (wrong secret)", hex_of(forged)));
	KTEST_EXPECT(t, a.sb->failed);
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before + 4);
	a.sb->failed = false;
out:
	if (c.sb)
		test_unmount(&c);
	test_unmount(&b);
	test_unmount(&a);
}

/* One of several threads minting, using and revoking tokens at once, on
 * every CPU, while another instance's token is checked throughout. */
struct churn {
	struct svc_cap steady;
	int bad; /* a call refused, or two live instances with one token */
};

static void churn(void *arg)
{
	struct churn *c = arg;

	for (int i = 0; i < 300; i++) {
		struct vfs_sb a = {.type = NULL}, b = {.type = NULL};
		void *p, *q;

		if (svc_cap_mint(&a) || svc_cap_mint(&b)) {
			__atomic_add_fetch(&c->bad, 1, __ATOMIC_RELAXED);
			continue;
		}
		p = svc_alloc(a.cap, 32);
		q = svc_alloc(c->steady, 32);
		if (!p || !q || a.cap.v == b.cap.v)
			__atomic_add_fetch(&c->bad, 1, __ATOMIC_RELAXED);
		svc_free(a.cap, p);
		svc_free(c->steady, q);
		svc_cap_revoke(&b);
		svc_cap_revoke(&a);
		sched_yield_cpu();
	}
}

KTEST(svc_cap, minting_and_checking_on_every_cpu_at_once)
{
	struct vfs_sb steady = {.type = NULL};
	struct churn c = {.bad = 0};
	struct thread *th[4];
	unsigned long before = svc_cap_refusals();

	KTEST_EXPECT_EQ(t, svc_cap_mint(&steady), 0);
	c.steady = steady.cap;
	for (int i = 0; i < 4; i++) {
		th[i] = thread_new("capchurn", churn, &c);
		if (th[i])
			thread_start_new(th[i]);
	}
	for (int i = 0; i < 4; i++) {
		if (th[i]) {
			thread_join(th[i]);
			thread_put(th[i]);
		}
	}
	KTEST_EXPECT_EQ(t, c.bad, 0);
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before);
	svc_cap_revoke(&steady);
}

#else

KTEST(svc_cap, no_runtime_check_without_cap_runtime)
{
	struct svc_cap any = {};
	unsigned long before = svc_cap_refusals();
	void *p = svc_alloc(any, 64);

	/* balanced: the compiler checked the type; nothing is checked here */
	KTEST_EXPECT(t, p != NULL);
	svc_free(any, p);
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before);
}

#endif

static int no_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	return -ENODEV;
}
static const struct file_ops listed_ops = {.read = NULL};
static const struct file_ops other_ops = {.read = NULL};
static const void *const tables[] = {&listed_ops, NULL};
static const struct fs_type listing = {.name = "ktestcap", .mount = no_mount, .ops_tables = tables};

KTEST(svc_cap, checked_dispatch_takes_only_registered_tables)
{
	struct vfs_sb sb = {.type = &listing, .service = true};
	struct vfs_sb ring1 = {.type = &listing};
	unsigned long before = svc_cap_refusals();

	KTEST_EXPECT(t, svc_ops_ok(&sb, &listed_ops));
	KTEST_EXPECT(t, !sb.failed);
	KTEST_EXPECT(t, svc_ops_ok(&ring1, &other_ops)); /* a ring-1 kind: not checked */
	KTEST_EXPECT(t, svc_ops_ok(NULL, &other_ops));
	KTEST_EXPECT(t, !svc_ops_ok(&sb, &other_ops));
	KTEST_EXPECT(t, sb.failed);
	KTEST_EXPECT(t, logged("ktestcap: a call through ops table", "refused"));
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before + 1);
	/* the dispatch wrappers' test: refused only where dispatch is checked */
	sb.failed = false;
	KTEST_EXPECT_EQ(t, svc_ops_checked(&sb, &other_ops), !CONFIG_DISPATCH_CHECKED);
	KTEST_EXPECT_EQ(t, sb.failed, CONFIG_DISPATCH_CHECKED);
	KTEST_EXPECT(t, svc_ops_checked(&sb, &listed_ops));
	/* every table the real services use is listed */
	for (unsigned i = 0; vfs_fs_type(i); i++) {
		const struct fs_type *ty = vfs_fs_type(i);

		if (!strcmp(ty->name, "tmpfs") || !strcmp(ty->name, "rootfs"))
			KTEST_EXPECT(t, ty->ops_tables && ty->ops_tables[0]);
	}
}

#if CONFIG_DISPATCH_CHECKED
/* The instance's record places every table of its service in a slot of
 * its own (contain.h), which the wrappers' check reads first: each listed
 * table passes, and one not listed is still refused. */
KTEST(svc_cap, each_listed_table_has_its_slot_and_no_other_passes)
{
	struct test_mount m;
	const struct svc_instance *in;
	unsigned long before = svc_cap_refusals();
	const void *const *tab;

	KTEST_EXPECT_EQ(t, test_mount(&m, "tmpfs", 88, NULL, 0), 0);
	if (!m.sb)
		return;
	in = m.sb->inst;
	KTEST_EXPECT(t, in && in->ops_shift);
	for (tab = m.sb->type->ops_tables; in && *tab; tab++) {
		KTEST_EXPECT(t,
			     in->ops[((uintptr_t)*tab >> in->ops_shift) % SVC_OPS_SLOTS] == *tab);
		KTEST_EXPECT(t, svc_ops_pass(m.sb, *tab));
	}
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before);
	KTEST_EXPECT(t, !m.sb->failed);
	KTEST_EXPECT(t, !svc_ops_pass(m.sb, &other_ops));
	KTEST_EXPECT(t, !svc_ops_pass(m.sb, (const char *)m.sb->ops + 8)); /* inside a table */
	KTEST_EXPECT_EQ(t, svc_cap_refusals(), before + 2);
	KTEST_EXPECT(t, m.sb->failed);
	m.sb->failed = false;
	test_unmount(&m);
}
#endif

KTEST(svc_cap, a_mounted_service_uses_only_its_tables)
{
	struct test_mount m;
	struct vfs_sb copy;

	KTEST_EXPECT_EQ(t, test_mount(&m, "tmpfs", 96, NULL, 0), 0);
	if (!m.sb)
		return;
	copy = *m.sb;
	copy.service = true;
	KTEST_EXPECT(t, svc_ops_ok(&copy, m.sb->ops));
	KTEST_EXPECT(t, svc_ops_ok(&copy, m.sb->root->ops.dir));
	KTEST_EXPECT(t, !copy.failed);
	test_unmount(&m);
}
