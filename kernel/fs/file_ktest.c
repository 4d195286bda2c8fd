/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of open file descriptions and the OpenedFileTable. */
#include <klib/errno.h>
#include <linux/fcntl.h>
#include <platform/ktest.h>
#include <kernel/file.h>

KTEST(fdtable, lowest_free_dup_and_close)
{
	struct opened_file_table *tab = fdtable_new();
	struct file *f = file_new(console_inode(), O_RDWR), *g;

	KTEST_EXPECT(t, tab && f);
	if (!tab || !f)
		return;
	KTEST_EXPECT_EQ(t, fdtable_install(tab, f, 0, false), 0);
	KTEST_EXPECT_EQ(t, fdtable_install(tab, f, 0, true), 1);
	KTEST_EXPECT_EQ(t, fdtable_install(tab, f, 10, false), 10);
	KTEST_EXPECT_EQ(t, fdtable_close(tab, 0), 0);
	KTEST_EXPECT_EQ(t, fdtable_close(tab, 0), -EBADF);
	KTEST_EXPECT_EQ(t, fdtable_install(tab, f, 0, false), 0); /* lowest free again */
	KTEST_EXPECT_EQ(t, fdtable_get_cloexec(tab, 1), 1);
	KTEST_EXPECT_EQ(t, fdtable_get_cloexec(tab, 0), 0);
	KTEST_EXPECT_EQ(t, fdtable_set_cloexec(tab, 0, true), 0);
	KTEST_EXPECT_EQ(t, fdtable_get_cloexec(tab, 0), 1);
	KTEST_EXPECT_EQ(t, fdtable_get_cloexec(tab, 5), -EBADF);
	KTEST_EXPECT_EQ(t, fdtable_dup_to(tab, 1, 5, false), 5);
	KTEST_EXPECT_EQ(t, fdtable_get_cloexec(tab, 5), 0); /* dup clears close-on-exec */
	KTEST_EXPECT_EQ(t, fdtable_dup_to(tab, 7, 5, false), -EBADF);
	KTEST_EXPECT_EQ(t, fdtable_dup_to(tab, 1, FD_MAX, false), -EBADF);
	g = fdtable_get(tab, 5);
	KTEST_EXPECT(t, g == f);
	file_put(g);
	KTEST_EXPECT(t, fdtable_get(tab, -1) == NULL && fdtable_get(tab, FD_MAX) == NULL);
	KTEST_EXPECT_EQ(t, f->refs, 1 + 4); /* ours, and fds 0, 1, 5 and 10 */
	fdtable_put(tab);
	KTEST_EXPECT_EQ(t, f->refs, 1); /* the table dropped all of its references */
	file_put(f);
}

KTEST(fdtable, emfile_and_copy)
{
	struct opened_file_table *tab = fdtable_new(), *c;
	struct file *f = file_new(console_inode(), O_RDONLY);
	int n = 0;

	KTEST_EXPECT(t, tab && f);
	if (!tab || !f)
		return;
	while (fdtable_install(tab, f, 0, false) >= 0)
		n++;
	KTEST_EXPECT_EQ(t, n, FD_MAX);
	KTEST_EXPECT_EQ(t, fdtable_install(tab, f, 0, false), -EMFILE);
	KTEST_EXPECT_EQ(t, fdtable_install(tab, f, FD_MAX, false), -EMFILE);
	KTEST_EXPECT_EQ(t, fdtable_install(tab, f, -1, false), -EINVAL);
	c = fdtable_copy(tab);
	KTEST_EXPECT(t, c != NULL);
	KTEST_EXPECT_EQ(t, f->refs, 1 + 2 * FD_MAX);
	fdtable_put(c);
	fdtable_put(tab);
	KTEST_EXPECT_EQ(t, f->refs, 1);
	file_put(f);
}
