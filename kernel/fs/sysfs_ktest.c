/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of sysfs through the VFS: "sysfs" mounted on a private root
 * and used through the path walk and the dispatch wrappers.  They check
 * the processor files against ncpus() (Linux's cpulist format), the cpuN
 * directories, that the tree refuses writers and new names with Linux's
 * errnos, and a bound PCI device's driver links.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <platform/ktest.h>
#include <platform/pci.h>
#include <platform/percpu.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include "sysfs_pci.h"
#include "fs.h"

#define CPU "devices/system/cpu/"

/* The file at `path` into buf (NUL-terminated): its length or -errno. */
static ssize_t read_file(struct test_mount *m, const char *path, char *buf, size_t size)
{
	struct inode *ino;
	struct iobuf b = {.user = false, .kbuf = buf, .len = size - 1};
	ssize_t n;
	int err = vfs_lookup_inode(m->root, m->root, path, RESOLVE_FOLLOW, &ino);

	if (err)
		return err;
	n = vfs_read_full(ino, 0, &b);
	inode_put(ino);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static ssize_t write_str(struct inode *ino, const char *s)
{
	struct iobuf b = {.user = false, .kbuf = (void *)s, .len = strlen(s)};

	return vfs_write(ino, 0, &b, O_WRONLY);
}

static int count_cpus(void *ctx, const char *name, size_t len, uint64_t ino, unsigned type)
{
	unsigned *n = ctx;

	if (len > 3 && !memcmp(name, "cpu", 3) && type == VFS_DTYPE(S_IFDIR))
		(*n)++;
	return 0;
}

KTEST(sysfs, cpu_files)
{
	struct test_mount m;
	char buf[64], want[32], name[32];
	struct inode *ino;
	unsigned cpus = 0;
	uint64_t pos = 0;

	if (test_mount(&m, "sysfs", 81, NULL, 0)) {
		KTEST_EXPECT(t, false);
		return;
	}
	if (ncpus() == 1)
		snprintf(want, sizeof(want), "0\n");
	else
		snprintf(want, sizeof(want), "0-%u\n", ncpus() - 1);
	KTEST_EXPECT(t, read_file(&m, CPU "online", buf, sizeof(buf)) > 0 && !strcmp(buf, want));
	KTEST_EXPECT(t, read_file(&m, CPU "possible", buf, sizeof(buf)) > 0 && !strcmp(buf, want));
	KTEST_EXPECT(t, read_file(&m, CPU "present", buf, sizeof(buf)) > 0 && !strcmp(buf, want));
	KTEST_EXPECT_EQ(t, read_file(&m, CPU "offline", buf, sizeof(buf)), 1);
	KTEST_EXPECT_EQ(t, read_file(&m, CPU "cpu0/topology/core_id", buf, sizeof(buf)), 2);
	KTEST_EXPECT_EQ(t, read_file(&m, CPU "cpu0/online", buf, sizeof(buf)), -ENOENT);
	snprintf(name, sizeof(name), CPU "cpu%u", ncpus());
	KTEST_EXPECT_EQ(t, read_file(&m, name, buf, sizeof(buf)), -ENOENT);
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, CPU, RESOLVE_FOLLOW, &ino), 0);
	KTEST_EXPECT_EQ(t, vfs_readdir(ino, &pos, count_cpus, &cpus), 0);
	KTEST_EXPECT_EQ(t, cpus, ncpus());
	inode_put(ino);
	test_unmount(&m);
}

KTEST(sysfs, refuses_changes)
{
	struct test_mount m;
	struct inode *dir, *ino;

	if (test_mount(&m, "sysfs", 82, NULL, 0)) {
		KTEST_EXPECT(t, false);
		return;
	}
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, CPU, RESOLVE_FOLLOW, &dir), 0);
	KTEST_EXPECT_EQ(t, vfs_create(dir, "x", 1, S_IFREG | 0644, &ino), -EACCES);
	KTEST_EXPECT_EQ(t, vfs_mkdir(dir, "d", 1, S_IFDIR | 0755, &ino), -EPERM);
	KTEST_EXPECT_EQ(t, vfs_mkdir(dir, "online", 6, S_IFDIR | 0755, &ino), -EEXIST);
	KTEST_EXPECT_EQ(t, vfs_unlink(dir, "online", 6), -EPERM);
	KTEST_EXPECT_EQ(t, vfs_unlink(dir, "x", 1), -ENOENT);
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, CPU "online", 0, &ino), 0);
	KTEST_EXPECT_EQ(t, vfs_open(ino, O_WRONLY), -EACCES);
	KTEST_EXPECT_EQ(t, vfs_open(ino, O_RDONLY), 0);
	inode_put(ino);
	/* cpu1/online takes Linux's booleans; going offline is refused */
	if (ncpus() > 1) {
		KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, CPU "cpu1/online", 0, &ino), 0);
		KTEST_EXPECT_EQ(t, vfs_open(ino, O_WRONLY), 0);
		KTEST_EXPECT_EQ(t, write_str(ino, "1\n"), 2);
		KTEST_EXPECT_EQ(t, write_str(ino, "on"), 2);
		KTEST_EXPECT_EQ(t, write_str(ino, "y"), 1);
		KTEST_EXPECT_EQ(t, write_str(ino, ""), 0);
		KTEST_EXPECT_EQ(t, write_str(ino, "2"), -EINVAL);
		KTEST_EXPECT_EQ(t, write_str(ino, "o"), -EINVAL);
		KTEST_EXPECT_EQ(t, write_str(ino, "0\n"), -EBUSY);
		inode_put(ino);
	}
	inode_put(dir);
	test_unmount(&m);
}

/* A device a driver bound (the pci suite binds QEMU's edu to
 * "ktest-edu"): its driver link, the driver's directory listing it, and
 * uevent's DRIVER= line. */
KTEST(sysfs, pci_driver_links)
{
	struct pci_dev *d = NULL;
	struct test_mount m;
	struct inode *ino;
	char name[16], path[96], want[96], buf[256];
	ssize_t n;

	for (unsigned i = 0; !d && i < pci_device_count(); i++)
		d = pci_device(i)->driver ? pci_device(i) : NULL;
	if (!d) {
		ktest_skip(t, "no PCI device has a driver (the pci suite binds one)");
		return;
	}
	if (test_mount(&m, "sysfs", 83, NULL, 0)) {
		KTEST_EXPECT(t, false);
		return;
	}
	sysfs_pci_name(d, name, sizeof(name));
	snprintf(path, sizeof(path), "bus/pci/devices/%s/driver", name);
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, path, 0, &ino), 0);
	n = vfs_readlink(ino, buf, sizeof(buf) - 1);
	inode_put(ino);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "%s../../../bus/pci/drivers/%s", d->parent ? "../" : "",
		 d->driver->name);
	KTEST_EXPECT(t, !strcmp(buf, want));
	snprintf(path, sizeof(path), "bus/pci/drivers/%s/%s/vendor", d->driver->name, name);
	snprintf(want, sizeof(want), "0x%04x\n", d->vendor);
	KTEST_EXPECT(t, read_file(&m, path, buf, sizeof(buf)) == 7 && !strcmp(buf, want));
	snprintf(path, sizeof(path), "bus/pci/devices/%s/driver/%s/device", name, name);
	snprintf(want, sizeof(want), "0x%04x\n", d->device);
	KTEST_EXPECT(t, read_file(&m, path, buf, sizeof(buf)) == 7 && !strcmp(buf, want));
	snprintf(path, sizeof(path), "bus/pci/devices/%s/uevent", name);
	snprintf(want, sizeof(want), "DRIVER=%s\nPCI_CLASS=", d->driver->name);
	KTEST_EXPECT(t, read_file(&m, path, buf, sizeof(buf)) > 0 &&
				!strncmp(buf, want, strlen(want)));
	snprintf(path, sizeof(path), "bus/pci/devices/0000:00:00.0/driver");
	KTEST_EXPECT_EQ(t, read_file(&m, path, buf, sizeof(buf)),
			pci_find(0, 0, 0)->driver ? -EISDIR : -ENOENT);
	test_unmount(&m);
}
