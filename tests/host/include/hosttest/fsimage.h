/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Disk images for host tests of disk services: shell commands, a scratch
 * directory, e2fsprogs (e2fsck, debugfs) on an image, and mounting an
 * image through a filesystem type as the VFS would.  Link
 * tests/host/include/hosttest/fsimage.c beside service_stub.c and
 * bdev_stub.c (name it on the test's `hosttest-sources:` line); the test
 * needs `-Ilibs/kevlar_vfs/include` in its `hosttest-cflags:`.  Each
 * failure named below is a cmocka failure of the running test.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <kevlar_vfs/service.h>

/* system() of a printf-formatted command: its exit status, or -1 if it
 * did not exit (a signal). */
int host_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, failing the test unless the command exits 0. */
void host_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The first line a command prints, as a number (strtoull base 0; 0 when
 * it prints nothing). */
uint64_t host_run_num(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whether mke2fs, e2fsck and debugfs are on the PATH. */
bool host_have_e2fsprogs(void);
/* A scratch directory of this process, made empty: /dev/shm/kevlar-TAG.PID
 * where /dev/shm is a writable directory (a loaded disk makes mke2fs
 * slow), else build/host/TAG.PID; two runs side by side never share it.
 * Returns 0 or -1 (the name did not fit, or mkdir failed). */
int host_workdir(char *buf, size_t size, const char *tag);

/* `e2fsck -fn img`: its exit status; the report is kept in img.fsck. */
int host_fsck(const char *img);
/* The same, failing the test (the report's first 40 lines on stderr)
 * unless e2fsck finds nothing to fix. */
void host_fsck_clean(const char *img);
/* Whether a line of `debugfs -R 'req' img` contains `want`. */
bool host_debugfs_says(const char *img, const char *req, const char *want);
/* What `debugfs -R 'cat path' img` prints: malloc'ed bytes (the caller
 * frees them), their count in *len. */
uint8_t *host_debugfs_cat(const char *img, const char *path, size_t *len);

/* Mount `img` through `type` into *sb (zeroed first) as mount(2) does:
 * dev_id, read-only or not, sb->source = `source`, the option string
 * `opts` (NULL: none).  Returns what the type's mount returns. */
int host_mount(struct vfs_sb *sb, const struct fs_type *type, const char *img, const char *source,
	       unsigned dev_id, bool read_only, const char *opts);
/* Drop the root and release sb, then fail the test if any inode,
 * allocation, buffer or block device of the service is still live. */
void host_umount(struct vfs_sb *sb);
