/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of procfs through the VFS: "proc" is found among the
 * registered types, mounted on a private root and used only through the
 * path walk and the dispatch wrappers.  They check the root listing
 * (names, d_type, modes), that it is read-only, the meminfo layout and
 * values, reads at an offset, and the files of a live process: a user
 * process is spawned (the self-test program of platform/ktest.h) and
 * stopped with SIGSTOP at its first system call, so /proc/<pid>/stat has
 * a known state; after SIGKILL its directory is gone.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/mman.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/percpu.h>
#include <platform/time.h>
#include <kernel/path.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include "fs.h"

/* klib has no strstr */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		if (!strncmp(hay, needle, n))
			return true;
	}
	return false;
}

static int mount_proc(struct test_mount *m)
{
	return test_mount(m, "proc", 79, NULL, 0);
}

static void unmount_proc(struct test_mount *m)
{
	test_unmount(m);
}

/* The whole file at `path` into buf (NUL-terminated): its length or -errno. */
static ssize_t read_file(struct test_mount *m, const char *path, char *buf, size_t size,
			 uint64_t off)
{
	struct inode *ino;
	struct iobuf b = {.user = false, .kbuf = buf, .len = size - 1};
	ssize_t n;
	int err = vfs_lookup_inode(m->root, m->root, path, RESOLVE_FOLLOW, &ino);

	if (err)
		return err;
	n = vfs_read_full(ino, off, &b);
	inode_put(ino);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

struct listing {
	char names[512];
	size_t used;
	unsigned self_type, meminfo_type, sys_type;
};

static int collect(void *ctx, const char *name, size_t len, uint64_t ino, unsigned type)
{
	struct listing *l = ctx;

	if (l->used + len + 2 > sizeof(l->names))
		return 1;
	memcpy(l->names + l->used, name, len);
	l->used += len;
	l->names[l->used++] = ' ';
	l->names[l->used] = '\0';
	if (len == 4 && !memcmp(name, "self", 4))
		l->self_type = type;
	if (len == 7 && !memcmp(name, "meminfo", 7))
		l->meminfo_type = type;
	if (len == 3 && !memcmp(name, "sys", 3))
		l->sys_type = type;
	return 0;
}

KTEST(procfs, root_listing_and_modes)
{
	struct test_mount m;
	struct listing l = {.used = 0};
	struct vfs_stat st;
	struct inode *ino;
	uint64_t pos = 0;
	char target[32];

	if (mount_proc(&m)) {
		KTEST_EXPECT(t, false);
		return;
	}
	KTEST_EXPECT_EQ(t, vfs_readdir(m.sb->root, &pos, collect, &l), 0);
	KTEST_EXPECT(t, !strncmp(l.names, ". .. self ", 10));
	KTEST_EXPECT(t, contains(l.names, " meminfo ") && contains(l.names, " mounts ") &&
				contains(l.names, " uptime ") && contains(l.names, " stat ") &&
				contains(l.names, " cpuinfo ") && contains(l.names, " loadavg "));
	KTEST_EXPECT_EQ(t, l.self_type, VFS_DTYPE(S_IFLNK));
	KTEST_EXPECT_EQ(t, l.meminfo_type, VFS_DTYPE(S_IFREG));
	KTEST_EXPECT_EQ(t, l.sys_type, VFS_DTYPE(S_IFDIR));
	KTEST_EXPECT_EQ(t, vfs_stat(m.sb->root, &st), 0);
	KTEST_EXPECT_EQ(t, st.mode, S_IFDIR | 0555);
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, "meminfo", 0, &ino), 0);
	KTEST_EXPECT_EQ(t, vfs_stat(ino, &st), 0);
	KTEST_EXPECT_EQ(t, st.mode, S_IFREG | 0444);
	KTEST_EXPECT_EQ(t, st.size, 0);
	inode_put(ino);
	/* /proc/mounts links to self/mounts; self needs a process (this is a kernel thread) */
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, "mounts", 0, &ino), 0);
	KTEST_EXPECT_EQ(t, vfs_readlink(ino, target, sizeof(target)), 11);
	KTEST_EXPECT(t, !memcmp(target, "self/mounts", 11));
	inode_put(ino);
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, "self", 0, &ino), 0);
	KTEST_EXPECT_EQ(t, vfs_readlink(ino, target, sizeof(target)), -ENOENT);
	inode_put(ino);
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, "nosuch", 0, &ino), -ENOENT);
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, "999999", 0, &ino), -ENOENT);
	KTEST_EXPECT_EQ(t, vfs_create(m.sb->root, "x", 1, S_IFREG | 0644, &ino), -EROFS);
	KTEST_EXPECT_EQ(t, vfs_mkdir(m.sb->root, "d", 1, S_IFDIR | 0755, &ino), -EROFS);
	KTEST_EXPECT_EQ(t, vfs_unlink(m.sb->root, "meminfo", 7), -EROFS);
	unmount_proc(&m);
}

/* The value of `key` in meminfo text, or -1 if the line is missing or not
 * in Linux's layout ("Key:" padded to 16 columns, value right-aligned in 8). */
static long long meminfo_value(const char *text, const char *key)
{
	char want[24];
	const char *line = text;
	size_t klen = (size_t)snprintf(want, sizeof(want), "%s:", key);

	while (line && *line) {
		if (!strncmp(line, want, klen)) {
			long long v = 0;
			const char *p = line + klen;

			while (p < line + 16)
				if (*p++ != ' ')
					return -1;
			while (*p == ' ')
				p++;
			if (p > line + 23)
				return -1; /* the value must end by column 24 */
			while (*p >= '0' && *p <= '9')
				v = v * 10 + (*p++ - '0');
			return strncmp(p, " kB\n", 4) ? -1 : v;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return -1;
}

KTEST(procfs, meminfo_layout_and_partial_reads)
{
	static const char *const keys[] = {
		"MemTotal",   "MemFree", "MemAvailable", "Buffers",   "Cached",
		"SwapCached", "Active",	 "Inactive",	 "SwapTotal", "SwapFree",
		"Shmem",      "Slab",	 "CommitLimit",	 "Hugetlb",
	};
	struct pmm_stats ps;
	struct test_mount m;
	char *buf = kmalloc(8192), part[16];
	ssize_t n;

	if (!buf || mount_proc(&m)) {
		KTEST_EXPECT(t, false);
		kfree(buf);
		return;
	}
	n = read_file(&m, "meminfo", buf, 8192, 0);
	KTEST_EXPECT(t, n > 0);
	KTEST_EXPECT(t, !strncmp(buf, "MemTotal:", 9));
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		KTEST_EXPECT(t, meminfo_value(buf, keys[i]) >= 0);
	pmm_stats(&ps);
	KTEST_EXPECT_EQ(t, meminfo_value(buf, "MemTotal"), (long long)(ps.total_pages * 4));
	KTEST_EXPECT(t, meminfo_value(buf, "MemFree") <= meminfo_value(buf, "MemTotal"));
	KTEST_EXPECT_EQ(t, meminfo_value(buf, "SwapTotal"), 0);
	/* a read at an offset gets the same bytes as the whole read had there */
	KTEST_EXPECT_EQ(t, read_file(&m, "meminfo", part, 6, 3), 5);
	KTEST_EXPECT(t, !strcmp(part, "Total"));
	KTEST_EXPECT_EQ(t, read_file(&m, "meminfo", part, sizeof(part), (uint64_t)n), 0);
	n = read_file(&m, "uptime", buf, 8192, 0);
	KTEST_EXPECT(t, n >= 10 && buf[n - 1] == '\n' && strchr(buf, '.') && strchr(buf, ' '));
	n = read_file(&m, "sys/kernel/ostype", buf, 8192, 0);
	KTEST_EXPECT(t, n == 6 && !strcmp(buf, "Linux\n"));
	kfree(buf);
	unmount_proc(&m);
}

/* ---- a live process ---- */

static void *user_page(struct vm *vm, uintptr_t va)
{
	if (vm_fault(vm, va, 0))
		return NULL;
	return page_address(phys_to_page(aspace_lookup(vm->as, va, NULL)));
}

/* Spawn the self-test program and stop it at its first system call.
 * Returns its leader thread (a reference) and pid, or NULL. */
static struct thread *spawn_stopped(int *pid)
{
	struct ktest_user_image img;
	struct thread *th;
	struct process *p;
	struct vm *vm = vm_create();
	void *code;
	irqflags_t f;

	ktest_user_image(&img);
	if (!vm || img.len > PAGE_SIZE)
		goto err_put;
	if (vm_mmap(vm, KTEST_USER_CODE_VA, PAGE_SIZE, PROT_READ | PROT_EXEC,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) < 0 ||
	    vm_mmap(vm, KTEST_USER_DATA_VA, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) < 0 ||
	    !(code = user_page(vm, KTEST_USER_CODE_VA)))
		goto err_put;
	memcpy(code, img.code, img.len);
	vm->brk_start = vm->brk = 0x800000;
	/* it spins until the stop: another CPU may start it at once */
	preempt_disable();
	th = process_spawn(vm, KTEST_USER_CODE_VA + img.spin_entry,
			   KTEST_USER_DATA_VA + PAGE_SIZE - 64);
	if (th) {
		*pid = th->tid;
		f = process_lock_tree();
		p = process_find(*pid);
		if (p)
			signal_send(p, SIGSTOP, NULL);
		process_unlock_tree(f);
	}
	preempt_enable();
	return th;

err_put:
	if (vm)
		vm_put(vm);
	return NULL;
}

/* Number of space-separated fields after the ") " that ends comm. */
static int stat_fields(const char *s)
{
	const char *p = strrchr(s, ')');
	int n = 2;

	if (!p)
		return -1;
	for (p++; *p && *p != '\n'; p++) {
		if (*p == ' ')
			n++;
	}
	return n;
}

KTEST(procfs, pid_files_of_a_stopped_process)
{
	char path[64], want[64], *buf = kmalloc(8192);
	struct test_mount m;
	struct inode *ino = NULL;
	struct thread *th;
	struct process *p;
	irqflags_t f;
	int pid = 0;

	if (!buf || mount_proc(&m)) {
		KTEST_EXPECT(t, false);
		kfree(buf);
		return;
	}
	th = spawn_stopped(&pid);
	KTEST_EXPECT(t, th != NULL);
	if (!th)
		goto out;
	/* wait (bounded: it may run on another CPU) for it to reach the stop */
	for (uint64_t end = time_ns() + 5000000000ull; time_ns() < end;) {
		snprintf(path, sizeof(path), "%d/stat", pid);
		if (read_file(&m, path, buf, 8192, 0) > 0 && contains(buf, ") T "))
			break;
		sched_yield_cpu();
	}
	snprintf(want, sizeof(want), "%d (", pid);
	KTEST_EXPECT(t, !strncmp(buf, want, strlen(want)));
	KTEST_EXPECT(t, contains(buf, ") T "));
	KTEST_EXPECT_EQ(t, stat_fields(buf), 52);
	KTEST_EXPECT(t, buf[strlen(buf) - 1] == '\n');
	snprintf(path, sizeof(path), "%d/status", pid);
	KTEST_EXPECT(t, read_file(&m, path, buf, 8192, 0) > 0);
	snprintf(want, sizeof(want), "\nPid:\t%d\n", pid);
	KTEST_EXPECT(t, contains(buf, want));
	KTEST_EXPECT(t, contains(buf, "\nState:\tT (stopped)\n"));
	KTEST_EXPECT(t,
		     contains(buf, "\nVmRSS:\t") && contains(buf, "\nSigBlk:\t0000000000000000\n"));
	snprintf(path, sizeof(path), "%d/statm", pid);
	KTEST_EXPECT(t, read_file(&m, path, buf, 8192, 0) > 0 && stat_fields(buf) < 0);
	snprintf(path, sizeof(path), "%d/maps", pid);
	KTEST_EXPECT(t, read_file(&m, path, buf, 8192, 0) > 0);
	KTEST_EXPECT(t, !strncmp(buf, "00400000-00401000 r-xp 00000000 00:00 0 \n", 41));
	KTEST_EXPECT(t, contains(buf, "\n00600000-00601000 rw-p "));
	snprintf(path, sizeof(path), "%d/fd/1", pid);
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(m.root, m.root, path, 0, &ino), 0);
	if (ino) {
		KTEST_EXPECT_EQ(t, vfs_readlink(ino, path, sizeof(path)), 12);
		KTEST_EXPECT(t, !memcmp(path, "/dev/console", 12));
		inode_put(ino);
	}
	snprintf(path, sizeof(path), "%d/mounts", pid);
	if (read_file(&m, path, buf, 8192, 0) > 0) /* a line per mount: "src dir type rw 0 0" */
		KTEST_EXPECT(t, contains(buf, " 0 0\n") &&
					(contains(buf, " rw 0 0\n") || contains(buf, " ro 0 0\n")));

	f = process_lock_tree();
	p = process_find(pid);
	if (p)
		signal_send(p, SIGKILL, NULL);
	process_unlock_tree(f);
	thread_join(th);
	thread_put(th);
	snprintf(path, sizeof(path), "%d/stat", pid);
	KTEST_EXPECT_EQ(t, read_file(&m, path, buf, 8192, 0), -ENOENT);
out:
	kfree(buf);
	unmount_proc(&m);
}
