/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kernel command line parsing, per <klib/cmdline.h>.  The command line is
 * never modified or copied: parameters are handed out as (pointer, length)
 * slices of it, so this works from the first instruction of boot, before
 * any allocator exists.  Every query rescans the string; command lines are
 * short and queried a handful of times.
 */
#include <klib/cmdline.h>
#include <klib/errno.h>
#include <klib/string.h>

struct param {
	const char *key, *val; /* val is NULL for a bare key */
	size_t klen, vlen;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static const char *skip_word(const char *s)
{
	while (*s && !is_space(*s))
		s++;
	return s;
}

/* Split the parameter starting at s into *p; return the end of it. */
static const char *parse_param(const char *s, struct param *p)
{
	p->key = s;
	while (*s && !is_space(*s) && *s != '=')
		s++;
	p->klen = (size_t)(s - p->key);
	p->val = NULL;
	p->vlen = 0;
	if (*s != '=')
		return s;
	s++;
	if (*s == '"') {
		p->val = ++s;
		while (*s && *s != '"')
			s++;
		p->vlen = (size_t)(s - p->val);
		/* Whatever follows the closing quote, up to a space, is dropped. */
		return skip_word(s);
	}
	p->val = s;
	s = skip_word(s);
	p->vlen = (size_t)(s - p->val);
	return s;
}

int cmdline_foreach(const char *cmdline, cmdline_fn fn, void *ctx)
{
	const char *s = cmdline ? cmdline : "";
	struct param p;
	int ret;

	for (;;) {
		while (is_space(*s))
			s++;
		if (!*s)
			return 0;
		s = parse_param(s, &p);
		if (p.klen == 0) /* "=value": no key to match */
			continue;
		ret = fn(p.key, p.klen, p.val, p.vlen, ctx);
		if (ret)
			return ret;
	}
}

/* The key being looked up and, for cmdline_get, its last occurrence. */
struct lookup {
	const char *key;
	size_t klen;
	bool found;
	const char *val;
	size_t vlen;
};

static bool key_matches(const struct lookup *l, const char *key, size_t klen)
{
	return klen == l->klen && memcmp(key, l->key, klen) == 0;
}

static int stop_at_key(const char *key, size_t klen, const char *val __unused, size_t vlen __unused,
		       void *ctx)
{
	return key_matches(ctx, key, klen);
}

static int note_last(const char *key, size_t klen, const char *val, size_t vlen, void *ctx)
{
	struct lookup *l = ctx;

	if (key_matches(l, key, klen)) {
		l->found = true;
		l->val = val;
		l->vlen = vlen;
	}
	return 0;
}

bool cmdline_has(const char *cmdline, const char *key)
{
	struct lookup l = {.key = key, .klen = strlen(key)};

	return cmdline_foreach(cmdline, stop_at_key, &l) != 0;
}

int cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
	struct lookup l = {.key = key, .klen = strlen(key)};
	size_t n;

	cmdline_foreach(cmdline, note_last, &l);
	if (!l.found || !l.val)
		return -ENOENT;
	if (size == 0)
		return -ENAMETOOLONG;
	n = MIN(l.vlen, size - 1);
	memcpy(buf, l.val, n);
	buf[n] = '\0';
	return l.vlen < size ? (int)l.vlen : -ENAMETOOLONG;
}

int cmdline_get_ull(const char *cmdline, const char *key, unsigned long long *res)
{
	char buf[64]; /* far more than any 64-bit number needs */
	int ret = cmdline_get(cmdline, key, buf, sizeof(buf));

	if (ret == -ENAMETOOLONG)
		return -ERANGE;
	if (ret < 0)
		return ret;
	return kstrtoull(buf, 0, res);
}
