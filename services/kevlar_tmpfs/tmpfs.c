/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_tmpfs: the filesystem type and the lifetime of mounts and nodes
 * (tmpfs.h has the contract, node.h the references and locks).  mount()
 * makes the root; release() dissolves the tree, dropping its references;
 * evict() frees one node once its inode's last reference is gone, which
 * may be after release() for an inode someone still held; the mount's own
 * state goes with the last of them.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "node.h"
#include "tmpfs.h"

#define LIMIT_UNSET UINT64_MAX /* an option not given */

static void fs_put(struct tmpfs *fs)
{
	if (__atomic_sub_fetch(&fs->refs, 1, __ATOMIC_ACQ_REL))
		return;
	svc_lock_free(fs->cap, fs->lock);
	svc_free(fs->cap, fs);
}

/* Free every name a directory holds (F held, or the node unreachable). */
static void drop_names(struct tmpfs_node *n)
{
	while (!list_empty(&n->entries)) {
		struct tmpfs_dirent *de = list_first_entry(&n->entries, struct tmpfs_dirent, order);

		list_del(&de->order);
		svc_free(n->fs->cap, de);
	}
	svc_free(n->fs->cap, n->buckets);
	n->buckets = NULL;
	n->nbuckets = n->nentries = n->nsubdirs = 0;
}

/* Free a node's own memory: its inode is gone or was never handed out. */
static void node_free(struct tmpfs_node *n)
{
	struct tmpfs *fs = n->fs;
	uint64_t pages = n->pages.count;

	tmpfs_pages_trunc(&n->pages, 0);
	__atomic_sub_fetch(&fs->npages, pages, __ATOMIC_RELAXED);
	svc_lock_free(fs->cap, n->lock);
	svc_lock_free(fs->cap, n->plock);
	svc_free(fs->cap, n->target);
	tmpfs_xattr_free(n);
	drop_names(n); /* empty by now (rmdir, or release() emptied it) */
	svc_free(fs->cap, n);
	__atomic_sub_fetch(&fs->ninodes, 1, __ATOMIC_RELAXED);
	fs_put(fs);
}

struct tmpfs_node *tmpfs_node_new(struct tmpfs *fs, uint32_t mode, const char *target, size_t tlen)
{
	struct tmpfs_node *n = svc_alloc(fs->cap, sizeof(*n));
	enum inode_kind kind = INODE_FILE;
	const void *ops = &tmpfs_special_ops;
	struct vfs_time now = svc_now();

	if (!n)
		return NULL;
	n->fs = fs;
	n->pages.cap = fs->cap;
	list_init(&n->all);
	list_init(&n->entries);
	__atomic_add_fetch(&fs->refs, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&fs->ninodes, 1, __ATOMIC_RELAXED);
	n->mode = mode;
	n->atime = n->mtime = n->ctime = n->btime = now;
	if (S_ISDIR(mode)) {
		kind = INODE_DIR;
		ops = &tmpfs_dir_ops;
		n->next_serial = TMPFS_FIRST_SERIAL;
	} else if (S_ISLNK(mode)) {
		kind = INODE_SYMLINK;
		ops = &tmpfs_symlink_ops;
		n->target = svc_alloc(fs->cap, tlen);
		if (!n->target)
			goto err_free;
		memcpy(n->target, target, tlen);
		n->tlen = tlen;
	} else if (S_ISREG(mode)) {
		ops = &tmpfs_file_ops;
		n->lock = svc_lock_new(fs->cap, "tmpfs-file");
		n->plock = svc_lock_new(fs->cap, "tmpfs-pages");
		if (!n->lock || !n->plock)
			goto err_free;
	}
	n->inode = svc_inode_alloc(fs->cap, fs->sb, kind, ops, fs->next_ino);
	if (!n->inode)
		goto err_free;
	fs->next_ino++;
	n->inode->priv = n;
	return n;

err_free:
	node_free(n);
	return NULL;
}

void tmpfs_forget(struct tmpfs_node *n)
{
	list_del(&n->all);
	svc_inode_put(n->fs->cap, n->inode); /* may evict n right here */
}

static void tmpfs_evict(struct inode *ino)
{
	struct tmpfs_node *n = ino->priv;

	if (!n)
		return;
	ino->priv = NULL;
	node_free(n);
}

/* Unmount: every directory loses its names and every node the tree's
 * reference; nodes still held elsewhere live on without names. */
static void tmpfs_release(struct vfs_sb *sb)
{
	struct tmpfs *fs = sb->priv;
	struct list_head *pos, *tmp;

	if (!fs)
		return;
	svc_lock(fs->cap, fs->lock);
	list_for_each_safe (pos, tmp, &fs->nodes) {
		struct tmpfs_node *n = list_entry(pos, struct tmpfs_node, all);

		drop_names(n);
		n->parent = NULL;
		n->nlink = 0;
		n->dead = true;
		tmpfs_forget(n);
	}
	fs->root = NULL;
	svc_unlock(fs->cap, fs->lock);
	sb->priv = NULL;
	sb->root = NULL;
	fs_put(fs);
}

/* The limits less what the files use, as df shows a tmpfs; an unlimited
 * one (size=0, nr_inodes=0) reports 0 total and 0 free, as Linux. */
static int tmpfs_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	const struct tmpfs *fs = sb->priv;
	uint64_t pages = fs ? __atomic_load_n(&fs->npages, __ATOMIC_RELAXED) : 0;
	uint64_t inodes = fs ? __atomic_load_n(&fs->ninodes, __ATOMIC_RELAXED) : 0;

	if (fs) {
		st->blocks = fs->max_pages;
		st->files = fs->max_inodes;
	}
	st->bfree = st->bavail = st->blocks > pages ? st->blocks - pages : 0;
	st->ffree = st->files > inodes ? st->files - inodes : 0;
	return 0;
}

/* Linux's defaults: half the RAM, and as many inodes as half its pages. */
static uint64_t default_pages(void)
{
	return svc_ram_pages() / 2;
}

static uint64_t default_inodes(void)
{
	return svc_ram_pages() / 2;
}

/* A number with an optional k, m, g (or t, p, e) suffix, as Linux's
 * memparse reads size= and nr_inodes=: 0 or -EINVAL. */
static int parse_size(const char *s, size_t len, uint64_t *out)
{
	static const char units[] = "kmgtpe";
	uint64_t v = 0;
	size_t i = 0;

	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (!i)
		return -EINVAL;
	if (i + 1 == len) {
		const char *u = memchr(units, s[i] | 0x20, sizeof(units) - 1);

		if (!u)
			return -EINVAL;
		for (long k = 0; k <= u - units; k++) {
			if (v > UINT64_MAX / 1024)
				return -EINVAL;
			v *= 1024;
		}
	} else if (i != len) {
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static bool option_is(const char *opt, size_t len, const char *name)
{
	size_t n = strlen(name);

	return len > n && !memcmp(opt, name, n);
}

/* A decimal id (uid=, gid=): 0 or -EINVAL. */
static int parse_id(const char *s, size_t len, uint32_t *out)
{
	uint64_t v = 0;

	if (!len)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v >= 0xffffffffu)
			return -EINVAL; /* (uid_t)-1 is no id */
	}
	*out = (uint32_t)v;
	return 0;
}

/* Mount options: a comma-separated list; "mode=OCTAL" sets the root's
 * permissions (default 01777), uid= and gid= its owner, size= and
 * nr_inodes= the limits (statfs reports them; past them is ENOSPC);
 * anything else is -EINVAL as on Linux.  The results go to `o`'s option fields. */
static int parse_options(const char *opt, size_t len, struct tmpfs *o)
{
	size_t i = 0;

	while (i < len && opt[i]) {
		size_t end = i;

		while (end < len && opt[end] && opt[end] != ',')
			end++;
		if (end - i > 5 && !memcmp(opt + i, "mode=", 5)) {
			uint32_t m = 0;

			for (size_t k = i + 5; k < end; k++) {
				if (opt[k] < '0' || opt[k] > '7')
					return -EINVAL;
				m = m * 8 + (uint32_t)(opt[k] - '0');
				if (m > 07777)
					return -EINVAL;
			}
			o->root_mode = m;
		} else if (option_is(opt + i, end - i, "size=")) {
			size_t vlen = end - i - 5;
			bool percent = opt[end - 1] == '%';
			uint64_t bytes;

			if (parse_size(opt + i + 5, vlen - percent, &bytes))
				return -EINVAL;
			if (percent) { /* of the RAM, as Linux: bytes, then pages up */
				if (bytes > UINT64_MAX / 4096 / (svc_ram_pages() + 1))
					return -EINVAL;
				bytes = bytes * 4096 * svc_ram_pages() / 100;
			}
			o->max_pages = bytes / 4096 + (bytes % 4096 != 0);
		} else if (option_is(opt + i, end - i, "nr_inodes=")) {
			if (parse_size(opt + i + 10, end - i - 10, &o->max_inodes))
				return -EINVAL;
		} else if (option_is(opt + i, end - i, "uid=")) {
			if (parse_id(opt + i + 4, end - i - 4, &o->uid))
				return -EINVAL;
		} else if (option_is(opt + i, end - i, "gid=")) {
			if (parse_id(opt + i + 4, end - i - 4, &o->gid))
				return -EINVAL;
		} else if (end != i) {
			return -EINVAL;
		}
		i = end < len && opt[end] == ',' ? end + 1 : end;
	}
	return 0;
}

/* Remount: new limits (what is not given stays), never below what is in
 * use, and a limit never added to an unlimited mount (size=0,
 * nr_inodes=0), as Linux; mode=, uid= and gid= are accepted and change
 * nothing.  All refusals are -EINVAL. */
static int tmpfs_remount(struct vfs_sb *sb, bool read_only, const char *data, size_t len)
{
	struct tmpfs *fs = sb->priv, limits;

	if (!fs)
		return 0;
	limits = (struct tmpfs){.max_pages = LIMIT_UNSET, .max_inodes = LIMIT_UNSET};
	if (data && parse_options(data, len, &limits))
		return -EINVAL;
	if (limits.max_pages != LIMIT_UNSET && limits.max_pages &&
	    (!fs->max_pages || limits.max_pages < __atomic_load_n(&fs->npages, __ATOMIC_RELAXED)))
		return -EINVAL;
	if (limits.max_inodes != LIMIT_UNSET && limits.max_inodes &&
	    (!fs->max_inodes ||
	     limits.max_inodes < __atomic_load_n(&fs->ninodes, __ATOMIC_RELAXED)))
		return -EINVAL;
	if (limits.max_pages != LIMIT_UNSET)
		fs->max_pages = limits.max_pages;
	if (limits.max_inodes != LIMIT_UNSET)
		fs->max_inodes = limits.max_inodes;
	return 0;
}

/* Append "name=value" to buf at *at (kept NUL-terminated); false once
 * it does not fit. */
static bool put_option(char *buf, size_t size, size_t *at, const char *name, uint64_t v,
		       unsigned base, const char *suffix)
{
	char digits[24];
	size_t n = 0, nlen = strlen(name), slen = strlen(suffix);

	do {
		digits[n++] = (char)('0' + v % base);
		v /= base;
	} while (v);
	while (base == 8 && n < 3)
		digits[n++] = '0'; /* mode=%03o */
	if (*at + 1 + nlen + n + slen + 1 > size)
		return false;
	buf[(*at)++] = ',';
	memcpy(buf + *at, name, nlen);
	*at += nlen;
	while (n)
		buf[(*at)++] = digits[--n];
	memcpy(buf + *at, suffix, slen);
	*at += slen;
	buf[*at] = '\0';
	return true;
}

/* What Linux's tmpfs lists: the options given, those at their defaults
 * left out. */
static int tmpfs_show_options(struct vfs_sb *sb, char *buf, size_t size)
{
	const struct tmpfs *fs = sb->priv;
	size_t at = 0;
	bool ok = true;

	if (!size)
		return -ENAMETOOLONG;
	buf[0] = '\0';
	if (!fs)
		return 0;
	if (fs->max_pages != default_pages())
		ok = put_option(buf, size, &at, "size=", fs->max_pages * 4, 10, "k");
	if (ok && fs->max_inodes != default_inodes())
		ok = put_option(buf, size, &at, "nr_inodes=", fs->max_inodes, 10, "");
	if (ok && fs->root_mode != 01777)
		ok = put_option(buf, size, &at, "mode=", fs->root_mode, 8, "");
	if (ok && fs->uid)
		ok = put_option(buf, size, &at, "uid=", fs->uid, 10, "");
	if (ok && fs->gid)
		ok = put_option(buf, size, &at, "gid=", fs->gid, 10, "");
	return ok ? (int)at : -ENAMETOOLONG;
}

static const struct vfs_sb_ops tmpfs_sb_ops = {
	.getxattr = tmpfs_getxattr,
	.setxattr = tmpfs_setxattr,
	.listxattr = tmpfs_listxattr,
	.removexattr = tmpfs_removexattr,
	.evict = tmpfs_evict,
	.release = tmpfs_release,
	.remount = tmpfs_remount,
	.show_options = tmpfs_show_options,
	.statfs = tmpfs_statfs,
};

static int tmpfs_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	struct tmpfs *fs, limits = {
				  .root_mode = 01777,
				  .max_pages = LIMIT_UNSET,
				  .max_inodes = LIMIT_UNSET,
			  };

	if (data && parse_options(data, len, &limits))
		return -EINVAL;
	if (limits.max_pages == LIMIT_UNSET)
		limits.max_pages = default_pages();
	if (limits.max_inodes == LIMIT_UNSET)
		limits.max_inodes = default_inodes();
	fs = svc_alloc(sb->cap, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	fs->cap = sb->cap;
	fs->max_pages = limits.max_pages;
	fs->max_inodes = limits.max_inodes;
	fs->root_mode = limits.root_mode;
	fs->uid = limits.uid;
	fs->gid = limits.gid;
	fs->lock = svc_lock_new(fs->cap, "tmpfs");
	if (!fs->lock) {
		svc_free(fs->cap, fs);
		return -ENOMEM;
	}
	list_init(&fs->nodes);
	fs->sb = sb;
	fs->next_ino = 1;
	fs->refs = 1;
	sb->ops = &tmpfs_sb_ops; /* inodes evict through it from now on */
	fs->root = tmpfs_node_new(fs, S_IFDIR | fs->root_mode, NULL, 0);
	if (!fs->root) {
		sb->ops = NULL;
		fs_put(fs);
		return -ENOMEM;
	}
	fs->root->uid = fs->uid;
	fs->root->gid = fs->gid;
	list_add_tail(&fs->root->all, &fs->nodes);
	svc_inode_get(fs->cap, fs->root->inode);
	sb->priv = fs;
	sb->root = fs->root->inode;
	sb->read_only = false;
	return 0;
}

/* the busiest first: fortress's checked dispatch looks a call's table up
 * here in order */
static const void *const tmpfs_ops_tables[] = {
	&tmpfs_file_ops,    &tmpfs_dir_ops, &tmpfs_symlink_ops,
	&tmpfs_special_ops, &tmpfs_sb_ops,  NULL,
};

const struct fs_type tmpfs_fs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
	.ops_tables = tmpfs_ops_tables,
};
VFS_SERVICE(tmpfs_fs_type);
