/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The text of fault injections (inject.h): SERVICE:OP[:NTH[:KIND]], one
 * or a comma-separated list, as inject= and /proc/sys/kevlar/inject take
 * them, and back.  Pure functions of their arguments: no lock, no
 * allocation, so the kernel command line can be parsed before anything
 * else runs and the host tests cover every rule (inject_spec_test.c).
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include "inject.h"

const char *const svc_op_names[SVC_OP_COUNT] = {
	[SVC_OP_OPEN] = "open",
	[SVC_OP_READ] = "read",
	[SVC_OP_WRITE] = "write",
	[SVC_OP_IOCTL] = "ioctl",
	[SVC_OP_POLL] = "poll",
	[SVC_OP_TRUNCATE] = "truncate",
	[SVC_OP_FSYNC] = "fsync",
	[SVC_OP_FALLOCATE] = "fallocate",
	[SVC_OP_SPLICE_READ] = "splice_read",
	[SVC_OP_GET_PAGE] = "get_page",
	[SVC_OP_READPAGE] = "readpage",
	[SVC_OP_WRITEPAGE] = "writepage",
	[SVC_OP_RELEASE] = "release",
	[SVC_OP_SHOW_FDINFO] = "show_fdinfo",
	[SVC_OP_SEEK_DATA] = "seek_data",
	[SVC_OP_FIEMAP] = "fiemap",
	[SVC_OP_LOOKUP] = "lookup",
	[SVC_OP_CREATE] = "create",
	[SVC_OP_MKDIR] = "mkdir",
	[SVC_OP_MKNOD] = "mknod",
	[SVC_OP_SYMLINK] = "symlink",
	[SVC_OP_LINK] = "link",
	[SVC_OP_TMPFILE] = "tmpfile",
	[SVC_OP_UNLINK] = "unlink",
	[SVC_OP_RMDIR] = "rmdir",
	[SVC_OP_RENAME] = "rename",
	[SVC_OP_EXCHANGE] = "exchange",
	[SVC_OP_READDIR] = "readdir",
	[SVC_OP_OPENDIR] = "opendir",
	[SVC_OP_READLINK] = "readlink",
	[SVC_OP_JUMP] = "jump",
	[SVC_OP_STAT] = "stat",
	[SVC_OP_SETATTR] = "setattr",
	[SVC_OP_MOUNT] = "mount",
	[SVC_OP_UMOUNT] = "umount",
	[SVC_OP_EVICT] = "evict",
	[SVC_OP_REMOUNT] = "remount",
	[SVC_OP_SHOW_OPTIONS] = "show_options",
	[SVC_OP_STATFS] = "statfs",
	[SVC_OP_GETXATTR] = "getxattr",
	[SVC_OP_SETXATTR] = "setxattr",
	[SVC_OP_LISTXATTR] = "listxattr",
	[SVC_OP_REMOVEXATTR] = "removexattr",
	[SVC_OP_SYNC_FS] = "sync_fs",
	[SVC_OP_THREAD] = "thread",
	[SVC_OP_INET] = "inet",
	[SVC_OP_PROBE] = "probe",
	[SVC_OP_SUBMIT] = "submit",
	[SVC_OP_IRQ] = "irq",
	[SVC_OP_XMIT] = "xmit",
	[SVC_OP_CTL] = "ctl",
};

const char *const svc_fault_names[SVC_FAULT_COUNT] = {
	[SVC_FAULT_PANIC] = "panic",
	[SVC_FAULT_ASSERT] = "assert",
	[SVC_FAULT_PAGEFAULT] = "pagefault",
	[SVC_FAULT_GP] = "gp",
	[SVC_FAULT_UD] = "ud",
	[SVC_FAULT_DIV0] = "div0",
	[SVC_FAULT_STACK] = "stack",
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool word_is(const char *s, size_t len, const char *word)
{
	return word && strlen(word) == len && memcmp(s, word, len) == 0;
}

/* The index of s[0..len) in names[0..n), or -1. */
static int find_name(const char *const *names, int n, const char *s, size_t len)
{
	for (int i = 0; i < n; i++) {
		if (word_is(s, len, names[i]))
			return i;
	}
	return -1;
}

/* A decimal in 0..UINT32_MAX, digits only (no sign, no blanks). */
static int parse_u32(const char *s, size_t len, uint32_t *out)
{
	uint64_t v = 0;

	if (!len)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > UINT32_MAX)
			return -EINVAL;
	}
	*out = (uint32_t)v;
	return 0;
}

/* SERVICE or SERVICE@DEV into out (service, has_dev, dev). */
static int parse_service(const char *s, size_t len, struct inject_spec *out)
{
	size_t n = 0;

	while (n < len && s[n] != '@')
		n++;
	if (!n || n >= INJECT_SERVICE_MAX)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		if (is_blank(s[i]) || s[i] == ',' || s[i] == '=')
			return -EINVAL;
	}
	out->has_dev = n < len;
	out->dev = 0;
	if (out->has_dev && parse_u32(s + n + 1, len - n - 1, &out->dev))
		return -EINVAL;
	memcpy(out->service, s, n);
	out->service[n] = '\0';
	return 0;
}

int inject_parse(const char *s, size_t len, struct inject_spec *out)
{
	const char *field[4];
	size_t flen[4];
	size_t nf = 0, start = 0;
	int op, kind = SVC_FAULT_PANIC;
	uint32_t nth = 1;
	struct inject_spec spec;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != ':')
			continue;
		if (nf == 4 || i == start) /* a fifth or an empty field */
			return -EINVAL;
		field[nf] = s + start;
		flen[nf++] = i - start;
		start = i + 1;
	}
	if (nf < 2 || parse_service(field[0], flen[0], &spec))
		return -EINVAL;
	op = find_name(svc_op_names, SVC_OP_COUNT, field[1], flen[1]);
	if (op < 0)
		return -EINVAL;
	if (nf > 2 && (parse_u32(field[2], flen[2], &nth) || !nth))
		return -EINVAL;
	if (nf > 3) {
		kind = find_name(svc_fault_names, SVC_FAULT_COUNT, field[3], flen[3]);
		if (kind <= SVC_FAULT_NONE)
			return -EINVAL;
	}
	spec.op = (enum svc_op)op;
	spec.nth = nth;
	spec.kind = (enum svc_fault)kind;
	*out = spec;
	return 0;
}

int inject_parse_list(const char *s, size_t len, struct inject_spec out[INJECT_MAX])
{
	size_t start = 0;
	int n = 0;

	while (len && is_blank(s[len - 1]))
		len--;
	while (start < len && is_blank(s[start]))
		start++;
	if (start == len)
		return 0;
	for (size_t i = start; i <= len; i++) {
		size_t a = start, b = i;

		if (i < len && s[i] != ',')
			continue;
		while (a < b && is_blank(s[a]))
			a++;
		while (b > a && is_blank(s[b - 1]))
			b--;
		if (n == INJECT_MAX || inject_parse(s + a, b - a, &out[n]))
			return -EINVAL;
		n++;
		start = i + 1;
	}
	return n;
}

int inject_format(const struct inject_spec *spec, char *buf, size_t size)
{
	const char *op = (unsigned)spec->op < SVC_OP_COUNT ? svc_op_names[spec->op] : NULL;
	const char *kind =
		(unsigned)spec->kind < SVC_FAULT_COUNT ? svc_fault_names[spec->kind] : NULL;

	char dev[16] = "";

	if (spec->has_dev)
		snprintf(dev, sizeof(dev), "@%u", spec->dev);
	return snprintf(buf, size, "%s%s:%s:%u:%s", spec->service, dev, op ? op : "?", spec->nth,
			kind ? kind : "?");
}
