/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of the service API that ring-2 filesystems build on. */
#include <klib/string.h>
#include <linux/mman.h>
#include <platform/ktest.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <kernel/sched.h>
#include <kernel/vm.h>
#include <kernel/vfs.h>
#include "fs.h"
#include "svc_cap.h"

static int evictions;

static void count_evict(struct inode *ino)
{
	evictions++;
}

static const struct vfs_sb_ops test_sb_ops = {.evict = count_evict};
static const struct file_ops test_file_ops = {.read = NULL};

KTEST(service, inode_refs_and_evict)
{
	struct vfs_sb sb = {.ops = &test_sb_ops};
	struct inode *i = inode_alloc(&sb, INODE_FILE, &test_file_ops, 42);

	evictions = 0;
	KTEST_EXPECT(t, i != NULL);
	if (!i)
		return;
	KTEST_EXPECT(t, i->kind == INODE_FILE && i->ops.file == &test_file_ops && i->ino == 42);
	inode_get(i);
	inode_put(i);
	KTEST_EXPECT_EQ(t, evictions, 0);
	inode_put(i);
	KTEST_EXPECT_EQ(t, evictions, 1);
	KTEST_EXPECT(t, inode_alloc(&sb, 7, &test_file_ops, 1) == NULL);
	KTEST_EXPECT(t, inode_alloc(&sb, INODE_DIR, NULL, 1) == NULL);
}

KTEST(service, iobuf_kernel_and_user)
{
	char kbuf[8] = "";
	struct iobuf kb = {.user = false, .kbuf = kbuf, .len = sizeof(kbuf)};
	struct vm *vm = vm_create();
	char out[4];
	long a;

	KTEST_EXPECT_EQ(t, iobuf_put(&kb, 2, "abc", 4), 0);
	KTEST_EXPECT(t, !strcmp(kbuf + 2, "abc"));
	KTEST_EXPECT_EQ(t, iobuf_get(&kb, 2, out, 4), 0);
	KTEST_EXPECT_EQ(t, iobuf_put(&kb, 6, "abc", 3), -14); /* past the end */
	KTEST_EXPECT_EQ(t, iobuf_put(&kb, 9, "", 0), -14);

	current_thread()->vm = vm;
	vm_activate(vm);
	a = vm_mmap(vm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	struct iobuf ub = {.user = true, .ubuf = uptr(a), .len = PAGE_SIZE};
	struct iobuf bad = {.user = true, .ubuf = uptr(0x1000), .len = 16};
	KTEST_EXPECT_EQ(t, iobuf_put(&ub, 100, "xyz", 4), 0);
	KTEST_EXPECT_EQ(t, iobuf_get(&ub, 100, out, 4), 0);
	KTEST_EXPECT(t, !strcmp(out, "xyz"));
	KTEST_EXPECT_EQ(t, iobuf_put(&bad, 0, "xyz", 4), -14);
	current_thread()->vm = NULL;
	aspace_activate(NULL);
	vm_put(vm);
}

/* The _upto forms move the bytes before a bad user page and say how many. */
KTEST(service, iobuf_upto_stops_at_the_fault)
{
	struct vm *vm = vm_create();
	char kbuf[8] = "", out[300];
	struct iobuf kb = {.user = false, .kbuf = kbuf, .len = sizeof(kbuf)};
	long a;

	KTEST_EXPECT_EQ(t, iobuf_put_upto(&kb, 2, "abc", 4), 4);
	KTEST_EXPECT_EQ(t, iobuf_put_upto(&kb, 6, "abc", 3), 0); /* past the end */
	current_thread()->vm = vm;
	vm_activate(vm);
	a = vm_mmap(vm, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	KTEST_EXPECT_EQ(t, vm_munmap(vm, (uintptr_t)a + PAGE_SIZE, PAGE_SIZE), 0);
	struct iobuf ub = {.user = true, .ubuf = uptr(a + PAGE_SIZE - 100), .len = 300};
	memset(out, 'k', sizeof(out));
	KTEST_EXPECT_EQ(t, iobuf_put_upto(&ub, 0, out, 300), 100);
	KTEST_EXPECT_EQ(t, iobuf_put_upto(&ub, 40, out, 200), 60);
	KTEST_EXPECT_EQ(t, iobuf_put_upto(&ub, 100, out, 10), 0);
	KTEST_EXPECT_EQ(t, iobuf_get_upto(&ub, 90, out, 20), 10);
	KTEST_EXPECT_EQ(t, out[9], 'k');
	KTEST_EXPECT_EQ(t, out[10], 0);			      /* the tail not copied is zeroed */
	KTEST_EXPECT_EQ(t, iobuf_put(&ub, 0, out, 300), -14); /* all or nothing */
	current_thread()->vm = NULL;
	aspace_activate(NULL);
	vm_put(vm);
}

KTEST(service, memory_is_zeroed)
{
	struct vfs_sb sb = {.type = NULL};
	unsigned char *p, *pg;
	bool zero = true;

	KTEST_EXPECT_EQ(t, svc_cap_mint(&sb), 0);
	p = svc_alloc(sb.cap, 100);
	pg = svc_alloc_page(sb.cap);
	KTEST_EXPECT(t, p && pg);
	for (int i = 0; p && i < 100; i++)
		zero &= p[i] == 0;
	for (int i = 0; pg && i < 4096; i++)
		zero &= pg[i] == 0;
	KTEST_EXPECT(t, zero);
	svc_free(sb.cap, p);
	svc_free_page(sb.cap, pg);
	svc_free(sb.cap, NULL);
	svc_free_page(sb.cap, NULL);
	svc_cap_revoke(&sb);
}

static int no_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	return -19;
}

/* The disk service's three names are registered from the image's service
 * set (contained) and need a block device; tmpfs does not. */
KTEST(service, disk_types_registered)
{
	static const char *const names[] = {"ext2", "ext3", "ext4"};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		const struct fs_type *ty = vfs_find_fs(names[i]);

		KTEST_EXPECT(t, ty != NULL);
		if (!ty)
			continue;
		KTEST_EXPECT(t, ty->requires_dev);
		KTEST_EXPECT(t, vfs_fs_is_service(ty));
		KTEST_EXPECT(t, ty->ops_tables && ty->ops_tables[0]);
	}
	KTEST_EXPECT(t, vfs_find_fs("tmpfs") && !vfs_find_fs("tmpfs")->requires_dev);
}

KTEST(service, fs_registry)
{
	static const struct fs_type a = {.name = "ktestfs", .mount = no_mount};
	static const struct fs_type dup = {.name = "ktestfs", .mount = no_mount};

	KTEST_EXPECT_EQ(t, vfs_register_fs(&a), 0);
	KTEST_EXPECT_EQ(t, vfs_register_fs(&dup), -16 /* EBUSY */);
	KTEST_EXPECT(t, vfs_find_fs("ktestfs") == &a);
	KTEST_EXPECT(t, vfs_find_fs("nosuchfs") == NULL);
}
