/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Extended attributes: those kept in the inode after its extra fields and
 * those in the inode's xattr block (i_file_acl), listed in that order, as
 * Linux lists them.  A name is stored as a namespace index and a suffix;
 * POSIX ACLs (system.posix_acl_access/default) are kept in ext4's compact
 * form and handed out in the xattr form every filesystem uses (version 2,
 * eight bytes an entry).  Entries and values are bounds-checked against
 * their region; the block's header and checksum are checked.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "ext2.h"

#define XATTR_MAGIC	  0xea020000u
#define XATTR_BLK_HDR	  32
#define XATTR_ENTRY_HDR	  16
#define XATTR_USER	  1
#define XATTR_ACL_ACCESS  2
#define XATTR_ACL_DEFAULT 3
#define XATTR_TRUSTED	  4
#define XATTR_SECURITY	  6

#define ACL_USER	 0x02
#define ACL_GROUP	 0x08
#define ACL_UNDEFINED_ID 0xffffffffu

static const struct {
	uint8_t index;
	bool whole; /* the name is the prefix itself */
	const char *prefix;
} prefixes[] = {
	{XATTR_USER, false, "user."},
	{XATTR_ACL_ACCESS, true, "system.posix_acl_access"},
	{XATTR_ACL_DEFAULT, true, "system.posix_acl_default"},
	{XATTR_TRUSTED, false, "trusted."},
	{XATTR_SECURITY, false, "security."},
};

int ext2_xattr_name(const char *name, uint8_t *index, const char **suffix)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++) {
		size_t plen = strlen(prefixes[i].prefix);

		if (prefixes[i].whole ? strcmp(name, prefixes[i].prefix) != 0
				      : strncmp(name, prefixes[i].prefix, plen) != 0)
			continue;
		if (!prefixes[i].whole && len == plen)
			return -EINVAL;
		*index = prefixes[i].index;
		*suffix = name + (prefixes[i].whole ? len : plen);
		return 0;
	}
	return -EOPNOTSUPP;
}

/* One region of entries: `base` is where value offsets count from. */
struct region {
	const uint8_t *base, *first;
	size_t size; /* bytes from base */
};

/* Visit each entry; stop when `fn` returns non-zero (returned), -EUCLEAN
 * for a malformed one. */
typedef long (*entry_fn)(void *ctx, const struct region *r, const uint8_t *e);

static long walk(const struct region *r, entry_fn fn, void *ctx)
{
	const uint8_t *end = r->base + r->size, *e = r->first;

	while (e + 4 <= end && le32_at(e, 0) != 0) {
		size_t len;
		uint32_t offs, vsize;
		long ret;

		if (e + XATTR_ENTRY_HDR > end)
			return -EUCLEAN;
		len = (XATTR_ENTRY_HDR + e[0] + 3) & ~(size_t)3;
		offs = le16_at(e, 2);
		vsize = le32_at(e, 8);
		if (e + len > end || le32_at(e, 4) != 0 || offs > r->size || vsize > r->size - offs)
			return -EUCLEAN;
		ret = fn(ctx, r, e);
		if (ret)
			return ret;
		e += len;
	}
	return 0;
}

/* Visit the in-inode entries, then the block's. */
static long walk_all(struct ext2_inode *ei, entry_fn fn, void *ctx)
{
	struct ext2_fs *fs = ei->fs;
	uint8_t *blk;
	long ret = 0;

	if (ei->extra_end + 4 <= fs->inode_size && le32_at(ei->raw, ei->extra_end) == XATTR_MAGIC) {
		struct region r = {.base = ei->raw + ei->extra_end + 4,
				   .first = ei->raw + ei->extra_end + 4,
				   .size = fs->inode_size - ei->extra_end - 4};

		ret = walk(&r, fn, ctx);
		if (ret)
			return ret;
	}
	if (!ei->file_acl)
		return 0;
	blk = ext2_block_alloc(fs);
	if (!blk)
		return -ENOMEM;
	ret = ext2_read_block(fs, ei->file_acl, blk);
	if (!ret && (le32_at(blk, 0) != XATTR_MAGIC || le32_at(blk, 8) != 1)) {
		svc_log("EXT4-fs error (device %s): inode #%u: bad block %llu", fs->sb->source,
			ei->ino, (unsigned long long)ei->file_acl);
		ret = -EUCLEAN;
	}
	if (!ret && !ext2_xattr_block_csum_ok(fs, ei->file_acl, blk)) {
		svc_log("EXT4-fs error (device %s): inode #%u: xattr block %llu: checksum invalid",
			fs->sb->source, ei->ino, (unsigned long long)ei->file_acl);
		ret = -EBADMSG;
	}
	if (!ret) {
		struct region r = {.base = blk, .first = blk + XATTR_BLK_HDR, .size = fs->bsize};

		ret = walk(&r, fn, ctx);
	}
	ext2_block_free(fs, blk);
	return ret;
}

/* ---- getxattr ---- */

struct get_ctx {
	uint8_t index;
	const char *suffix;
	size_t slen;
	struct iobuf *buf;
};

/* ext4's compact ACL (version 1; short entries for the owner, group, mask
 * and other) as the xattr form: its length, copied if `out` is big enough. */
static long acl_to_xattr(const uint8_t *v, size_t n, struct iobuf *out)
{
	size_t at = 4, count = 0;
	uint8_t hdr[4] = {2, 0, 0, 0}, ent[8];

	if (n < 4 || le32_at(v, 0) != 1)
		return -EINVAL;
	for (size_t pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			if (out->len == 0)
				return (long)(4 + count * 8);
			if (out->len < 4 + count * 8)
				return -ERANGE;
			if (iobuf_put(out, 0, hdr, 4))
				return -EFAULT;
		}
		for (size_t i = 0, off = 4; off < n; i++) {
			unsigned tag;
			uint32_t id = ACL_UNDEFINED_ID;
			size_t esz;

			if (off + 4 > n)
				return -EINVAL;
			tag = le16_at(v, off);
			esz = (tag == ACL_USER || tag == ACL_GROUP) ? 8 : 4;
			if (off + esz > n)
				return -EINVAL;
			if (esz == 8)
				id = le32_at(v, off + 4);
			if (pass == 0) {
				count++;
			} else {
				memcpy(ent, v + off, 4);
				for (int k = 0; k < 4; k++)
					ent[4 + k] = (uint8_t)(id >> (8 * k));
				if (iobuf_put(out, at + i * 8, ent, 8))
					return -EFAULT;
			}
			off += esz;
		}
	}
	return (long)(4 + count * 8);
}

static long get_one(void *ctx, const struct region *r, const uint8_t *e)
{
	struct get_ctx *g = ctx;
	const uint8_t *v = r->base + le16_at(e, 2);
	size_t n = le32_at(e, 8);

	if (e[1] != g->index || e[0] != g->slen || memcmp(e + XATTR_ENTRY_HDR, g->suffix, g->slen))
		return 0;
	if (g->index == XATTR_ACL_ACCESS || g->index == XATTR_ACL_DEFAULT)
		return acl_to_xattr(v, n, g->buf);
	if (g->buf->len == 0)
		return n ? (long)n : -(long)EAGAIN; /* -EAGAIN: found, empty */
	if (g->buf->len < n)
		return -ERANGE;
	if (iobuf_put(g->buf, 0, v, n))
		return -EFAULT;
	return n ? (long)n : -(long)EAGAIN;
}

ssize_t ext2_getxattr(struct inode *ino, const char *name, struct iobuf *buf)
{
	struct get_ctx g = {.buf = buf};
	size_t len = strlen(name);
	long ret;

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++) {
		size_t plen = strlen(prefixes[i].prefix);

		if (prefixes[i].whole ? strcmp(name, prefixes[i].prefix) != 0
				      : strncmp(name, prefixes[i].prefix, plen) != 0)
			continue;
		if (!prefixes[i].whole && len == plen)
			return -EINVAL;
		g.index = prefixes[i].index;
		g.suffix = name + (prefixes[i].whole ? len : plen);
		g.slen = prefixes[i].whole ? 0 : len - plen;
		ret = walk_all(EI(ino), get_one, &g);
		if (ret == -EAGAIN)
			return 0;
		return ret ? ret : -ENODATA;
	}
	return -EOPNOTSUPP;
}

/* ---- listxattr ---- */

struct list_ctx {
	struct iobuf *buf;
	size_t used;
};

static long list_one(void *ctx, const struct region *r, const uint8_t *e)
{
	struct list_ctx *l = ctx;
	const char *prefix = NULL;
	size_t plen, slen = 0;
	static const uint8_t nul;

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++) {
		if (prefixes[i].index == e[1]) {
			prefix = prefixes[i].prefix;
			slen = prefixes[i].whole ? 0 : e[0];
		}
	}
	if (!prefix)
		return 0; /* a namespace Linux does not list (system.data, hurd) */
	plen = strlen(prefix);
	if (l->buf->len) {
		if (l->used + plen + slen + 1 > l->buf->len)
			return -ERANGE;
		if (iobuf_put(l->buf, l->used, prefix, plen) ||
		    iobuf_put(l->buf, l->used + plen, e + XATTR_ENTRY_HDR, slen) ||
		    iobuf_put(l->buf, l->used + plen + slen, &nul, 1))
			return -EFAULT;
	}
	l->used += plen + slen + 1;
	return 0;
}

ssize_t ext2_listxattr(struct inode *ino, struct iobuf *buf)
{
	struct list_ctx l = {.buf = buf};
	long ret = walk_all(EI(ino), list_one, &l);

	return ret ? ret : (ssize_t)l.used;
}
