/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Disk images for host tests (fsimage.h): the shell, e2fsprogs and a
 * mount through a filesystem type, shared by the ext2 service's tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <hosttest/bdev_stub.h>
#include <hosttest/fsimage.h>
#include <hosttest/service_stub.h>

/* Run the command (one too long fails the test): its exit status, or -1
 * if it did not exit; with `must`, anything but 0 fails the test. */
static int vrun(bool must, const char *fmt, va_list ap)
{
	char cmd[2048];
	int n = vsnprintf(cmd, sizeof(cmd), fmt, ap), st;

	if (n < 0 || (size_t)n >= sizeof(cmd))
		fail_msg("command too long: %.80s...", cmd);
	st = system(cmd);
	st = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (must && st != 0)
		fail_msg("`%s` failed: %d", cmd, st);
	return st;
}

int host_run(const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vrun(false, fmt, ap);
	va_end(ap);
	return rc;
}

void host_sh(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrun(true, fmt, ap);
	va_end(ap);
}

uint64_t host_run_num(const char *fmt, ...)
{
	char cmd[2048], line[256] = "";
	va_list ap;
	FILE *p;

	int n;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(cmd))
		fail_msg("command too long: %.80s...", cmd);
	p = popen(cmd, "r");
	assert_non_null(p);
	if (!fgets(line, sizeof(line), p))
		line[0] = '\0';
	pclose(p);
	return strtoull(line, NULL, 0);
}

bool host_have_e2fsprogs(void)
{
	return host_run("command -v mke2fs >/dev/null && command -v e2fsck >/dev/null && "
			"command -v debugfs >/dev/null") == 0;
}

int host_workdir(char *buf, size_t size, const char *tag)
{
	int n;

	if (access("/dev/shm", W_OK) == 0)
		n = snprintf(buf, size, "/dev/shm/kevlar-%s.%d", tag, (int)getpid());
	else
		n = snprintf(buf, size, "build/host/%s.%d", tag, (int)getpid());
	if (n < 0 || (size_t)n >= size)
		return -1;
	return host_run("rm -rf '%s' && mkdir -p '%s'", buf, buf) == 0 ? 0 : -1;
}

int host_fsck(const char *img)
{
	return host_run("e2fsck -fn '%s' > '%s.fsck' 2>&1", img, img);
}

void host_fsck_clean(const char *img)
{
	int rc = host_fsck(img);

	if (rc != 0) {
		host_run("head -40 '%s.fsck' >&2", img);
		fail_msg("e2fsck -fn %s: %d", img, rc);
	}
}

bool host_debugfs_says(const char *img, const char *req, const char *want)
{
	char cmd[1024], line[512];
	bool found = false;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "debugfs -R '%s' '%s' 2>/dev/null", req, img);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p))
		found |= strstr(line, want) != NULL;
	pclose(p);
	return found;
}

uint8_t *host_debugfs_cat(const char *img, const char *path, size_t *len)
{
	char cmd[1024];
	size_t cap = 1 << 20, n = 0, k;
	uint8_t *buf = malloc(cap);
	FILE *p;

	assert_non_null(buf);
	snprintf(cmd, sizeof(cmd), "debugfs -R 'cat %s' '%s' 2>/dev/null", path, img);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((k = fread(buf + n, 1, cap - n, p)) > 0) {
		n += k;
		if (n == cap) {
			buf = realloc(buf, cap *= 2);
			assert_non_null(buf);
		}
	}
	pclose(p);
	*len = n;
	return buf;
}

int host_mount(struct vfs_sb *sb, const struct fs_type *type, const char *img, const char *source,
	       unsigned dev_id, bool read_only, const char *opts)
{
	memset(sb, 0, sizeof(*sb));
	sb->type = type;
	sb->dev_id = dev_id;
	sb->read_only = read_only;
	snprintf(sb->source, sizeof(sb->source), "%.63s", source);
	return type->mount(sb, img, opts, opts ? strlen(opts) + 1 : 0);
}

void host_umount(struct vfs_sb *sb)
{
	inode_put(sb->root);
	sb->ops->release(sb);
	assert_int_equal(stub_live_inodes, 0);
	assert_int_equal(stub_live_allocs, 0);
	assert_int_equal(stub_live_bufs, 0);
	assert_int_equal(stub_live_bdevs, 0);
}
