/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the DAC questions (dac.c, on perm.c's stat_permission):
 * a caller (a thread whose credential has chosen ids and capabilities) against a
 * fake directory of inodes whose stat the test sets.  Covers open by
 * access mode, create and delete (EEXIST/ENOENT first, the sticky bit),
 * rename's extra write check on a directory changing parent,
 * protected_hardlinks, and access(2)'s swap to the real ids.
 */
/* hosttest-sources: kernel/fs/perm.c */
/* hosttest-cflags: -Ikernel/include -Ilibs/kevlar_vfs/include -Iplatform/x64/include */
/* hosttest-cflags: -D_GNU_SOURCE -include sys/stat.h */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <cmocka.h>
#include <klib/errno.h>
#include <linux/capability.h>
#include <kernel/cred.h>
#include <kernel/dac.h>
#include <kernel/process.h>
#include <kernel/vfs.h>

#define ALL_CAPS (~0ull)
#define NFAKE	 8
#define CAP(c)	 (1ull << (c))

/* ---- the caller: a thread and its credential ---- */

static struct process me_proc;
static struct thread me_thread;
static struct cred me; /* its real credential */
static struct cred override;

struct process *current_process(void)
{
	return &me_proc;
}

bool in_group(uint32_t gid)
{
	return gid == current_cred()->fsgid;
}

/* cred.c's, for access(2)'s override: one credential at a time. */
struct cred *cred_prepare(void)
{
	override = me;
	return &override;
}

const struct cred *cred_override(const struct cred *new)
{
	const struct cred *old = me_thread.cred;

	me_thread.cred = new;
	return old;
}

void cred_revert(const struct cred *old)
{
	me_thread.cred = old;
}

void cred_put(const struct cred *c)
{
}

static void become(uint32_t uid, uint32_t gid, uint64_t caps)
{
	memset(&me, 0, sizeof(me));
	me.uid = me.euid = me.suid = me.fsuid = uid;
	me.gid = me.egid = me.sgid = me.fsgid = gid;
	me.cap_eff = me.cap_prm = caps;
	me_thread.cred = me_thread.real_cred = &me;
	me_thread.proc = &me_proc;
	hosttest_current = &me_thread;
}

/* ---- a fake directory tree: one level of names under each directory ---- */

struct fake {
	struct inode ino;
	struct vfs_stat st;
	const char *name;
	struct fake *parent;
};
static struct fake fakes[NFAKE];
static int nfake, lookups;

static struct inode *fake(struct fake *parent, const char *name, uint32_t mode, uint32_t uid,
			  uint32_t gid)
{
	struct fake *f = &fakes[nfake++];

	f->ino.kind = S_ISDIR(mode) ? INODE_DIR : INODE_FILE;
	f->st = (struct vfs_stat){.mode = mode, .uid = uid, .gid = gid};
	f->name = name;
	f->parent = parent;
	return &f->ino;
}

static struct fake *of(struct inode *i)
{
	return (struct fake *)i;
}

int vfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	lookups++;
	for (int i = 0; i < nfake; i++) {
		if (fakes[i].parent == of(dir) && strlen(fakes[i].name) == len &&
		    !memcmp(fakes[i].name, name, len)) {
			*out = &fakes[i].ino;
			return 0;
		}
	}
	return -ENOENT;
}

int vfs_stat(struct inode *i, struct vfs_stat *st)
{
	*st = of(i)->st;
	return 0;
}

/* procfs's own rule is not under test here: nothing is procfs */
bool procfs_permits(const struct inode *i)
{
	(void)i;
	return false;
}

void inode_put(struct inode *i)
{
	(void)i;
}

static int setup(void **state)
{
	memset(fakes, 0, sizeof(fakes));
	nfake = lookups = 0;
	become(1000, 1000, 0);
	return 0;
}

static void open_by_access_mode(void **state)
{
	struct vfs_stat st = {.mode = S_IFREG | 0640, .uid = 0, .gid = 1000};

	assert_int_equal(dac_may_open(&st, O_RDONLY), 0); /* the group's r */
	assert_int_equal(dac_may_open(&st, O_WRONLY), -EACCES);
	assert_int_equal(dac_may_open(&st, O_RDONLY | O_TRUNC), -EACCES);
	assert_int_equal(dac_may_open(&st, O_RDONLY | O_NOATIME), -EPERM);
	st.uid = 1000;
	st.mode = S_IFREG | 0040; /* the owner's bits decide, not the group's */
	assert_int_equal(dac_may_open(&st, O_RDONLY), -EACCES);
	st.mode = S_IFDIR | 0777;
	assert_int_equal(dac_may_open(&st, O_RDWR), -EISDIR);
	assert_int_equal(dac_may_open(&st, O_RDONLY | O_TRUNC), -EISDIR);
	become(0, 0, ALL_CAPS);
	st = (struct vfs_stat){.mode = S_IFREG | 0, .uid = 5, .gid = 5};
	assert_int_equal(dac_may_open(&st, O_RDWR | O_NOATIME), 0);
}

static void create_and_delete(void **state)
{
	struct inode *ro = fake(NULL, "ro", S_IFDIR | 0755, 0, 0);
	struct inode *sticky = fake(NULL, "t", S_IFDIR | 01777, 0, 0);

	fake(of(ro), "f", S_IFREG | 0666, 1000, 1000);
	fake(of(sticky), "root", S_IFREG | 0666, 0, 0);
	fake(of(sticky), "mine", S_IFREG | 0600, 1000, 1000);
	assert_int_equal(dac_may_create(ro, "f", 1), -EEXIST); /* before EACCES */
	assert_int_equal(dac_may_create(ro, "g", 1), -EACCES);
	assert_int_equal(dac_may_create(sticky, "g", 1), 0);
	assert_int_equal(dac_may_delete(ro, "x", 1), -ENOENT); /* before EACCES */
	assert_int_equal(dac_may_delete(ro, "f", 1), -EACCES);
	assert_int_equal(dac_may_delete(sticky, "root", 4), -EPERM);
	assert_int_equal(dac_may_delete(sticky, "mine", 4), 0);
	become(1000, 1000, CAP(CAP_FOWNER));
	assert_int_equal(dac_may_delete(sticky, "root", 4), 0);
	of(sticky)->st.uid = 1000; /* the directory's owner */
	become(1000, 1000, 0);
	assert_int_equal(dac_may_delete(sticky, "root", 4), 0);
	become(0, 0, ALL_CAPS);
	lookups = 0;
	assert_int_equal(dac_may_delete(ro, "x", 1), 0); /* root: the service answers */
	assert_int_equal(dac_may_create(ro, "f", 1), 0);
	assert_int_equal(lookups, 0);
}

static void rename_of_a_directory(void **state)
{
	struct inode *a = fake(NULL, "a", S_IFDIR | 0777, 0, 0);
	struct inode *b = fake(NULL, "b", S_IFDIR | 0777, 0, 0);

	fake(of(a), "rootd", S_IFDIR | 0755, 0, 0);
	fake(of(a), "mined", S_IFDIR | 0755, 1000, 1000);
	assert_int_equal(dac_may_rename(a, "rootd", 5, b, "x", 1, false), -EACCES);
	assert_int_equal(dac_may_rename(a, "rootd", 5, a, "x", 1, false), 0);
	assert_int_equal(dac_may_rename(a, "mined", 5, b, "x", 1, false), 0);
	assert_int_equal(dac_may_rename(a, "mined", 5, a, "mined", 5, false), 0); /* one inode */
	assert_int_equal(dac_may_rename(a, "nope", 4, b, "x", 1, false), -ENOENT);
	/* exchange: the other directory changes parent too */
	fake(of(b), "rootd2", S_IFDIR | 0755, 0, 0);
	assert_int_equal(dac_may_rename(a, "mined", 5, b, "rootd2", 6, true), -EACCES);
	assert_int_equal(dac_may_rename(a, "mined", 5, b, "y", 1, true), -ENOENT);
}

static void protected_hardlinks(void **state)
{
	struct inode *f = fake(NULL, "f", S_IFREG | 0666, 0, 0);

	assert_int_equal(dac_may_link(f), 0); /* read and write: as good as a copy */
	of(f)->st.mode = S_IFREG | 0644;
	assert_int_equal(dac_may_link(f), -EPERM);
	of(f)->st.mode = S_IFREG | 04777;
	assert_int_equal(dac_may_link(f), -EPERM);
	of(f)->st.mode = S_IFREG | 02777;
	assert_int_equal(dac_may_link(f), -EPERM);
	of(f)->st.mode = S_IFREG | 02767; /* setgid without group x: not a setgid program */
	assert_int_equal(dac_may_link(f), 0);
	of(f)->st.mode = S_IFREG | 0;
	of(f)->st.uid = 1000;
	assert_int_equal(dac_may_link(f), 0); /* the owner links anything */
	of(f)->st.uid = 0;
	become(1000, 1000, CAP(CAP_FOWNER));
	assert_int_equal(dac_may_link(f), 0);
}

static void access_uses_the_real_ids(void **state)
{
	struct dac_saved_ids ids;

	become(0, 0, ALL_CAPS);
	me.euid = me.fsuid = 1000;
	me.cap_eff = 0; /* real root, effective 1000 */
	assert_int_equal(dac_real_ids_begin(&ids), 0);
	assert_int_equal(current_cred()->fsuid, 0);
	assert_int_equal(me.fsuid, 1000);	/* others still see the real one */
	assert_true(capable(CAP_DAC_OVERRIDE)); /* the permitted set */
	dac_real_ids_end(&ids);
	assert_int_equal(current_cred()->fsuid, 1000);
	assert_false(capable(CAP_DAC_OVERRIDE));
	become(1000, 1000, 0);
	me.euid = me.fsuid = 0;
	me.fsgid = 0;
	me.cap_eff = me.cap_prm = ALL_CAPS; /* a setuid-root program */
	assert_int_equal(dac_real_ids_begin(&ids), 0);
	assert_int_equal(current_cred()->fsuid, 1000);
	assert_int_equal(current_cred()->fsgid, 1000);
	assert_false(capable(CAP_DAC_READ_SEARCH));
	assert_false(dac_search_all());
	dac_real_ids_end(&ids);
	assert_true(dac_search_all());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(open_by_access_mode, setup),
		cmocka_unit_test_setup(create_and_delete, setup),
		cmocka_unit_test_setup(rename_of_a_directory, setup),
		cmocka_unit_test_setup(protected_hardlinks, setup),
		cmocka_unit_test_setup(access_uses_the_real_ids, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
