/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_initramfs: applying cpio entries to the tree, with the semantics
 * of Linux's init/initramfs.c (its do_name, do_symlink, clean_path and
 * maybe_link), so an image unpacks to the same tree it does on Linux:
 *
 *  - An existing name of another file type is removed first (a directory
 *    only if empty).  A directory entry over a directory keeps its children
 *    and takes the new mode, owner and time; a regular file over a regular
 *    file rewrites that inode in place (other hard links see the new
 *    contents); a device node over one of its type only changes its mode,
 *    owner and time; a symlink always replaces what was there.
 *  - Hard links: entries with nlink >= 2 and the same (dev, ino, file type)
 *    within one archive of the buffer are one inode; each later name is
 *    linked to it and an entry with data replaces its contents.
 *  - Skipped, as on Linux: names of PATH_MAX bytes or more, components
 *    over NAME_MAX, paths through a non-directory or a symlink loop,
 *    unknown file types, data on anything but a file or symlink, symlink
 *    targets over PATH_MAX or empty (up to the first NUL), and a non-empty
 *    directory in the way.  The root ("" or ".") takes a directory entry's
 *    attributes and ignores others.
 *
 * The one deliberate difference: a missing parent directory is created
 * (mode 0755, owner 0, time of mount) where Linux would skip the entry.
 * Symlink modes are 0777 whatever the archive says, as on Linux.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "cpio.h"
#include "node.h"

#define LINK_BUCKETS 256

/* One inode that more names may link to: Linux's find_link() hash. */
struct link {
	uint32_t ino, devmajor, devminor, type;
	struct irfs_node *node; /* holds a reference */
	uint32_t next;		/* 1-based index of the next in the bucket, 0 ends */
};

struct links {
	struct link *v;
	uint32_t n, cap;
	uint32_t heads[LINK_BUCKETS]; /* 1-based indices into v, 0 for none */
	struct svc_cap token;	      /* the instance's */
};

static uint32_t link_hash(const struct cpio_entry *e)
{
	return (e->ino ^ (e->devmajor << 3) ^ (e->devminor << 7)) % LINK_BUCKETS;
}

static struct irfs_node *links_find(const struct links *lt, const struct cpio_entry *e)
{
	for (uint32_t i = lt->heads[link_hash(e)]; i; i = lt->v[i - 1].next) {
		const struct link *l = &lt->v[i - 1];

		if (l->ino == e->ino && l->devmajor == e->devmajor && l->devminor == e->devminor &&
		    l->type == (e->mode & S_IFMT))
			return l->node;
	}
	return NULL;
}

static int links_add(struct links *lt, const struct cpio_entry *e, struct irfs_node *node)
{
	uint32_t h = link_hash(e);

	if (lt->n == lt->cap) {
		uint32_t cap = lt->cap ? 2 * lt->cap : 16;
		struct link *v;

		if (lt->cap > UINT32_MAX / 2 / sizeof(*v))
			return -ENOMEM;
		v = svc_alloc(lt->token, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		if (lt->n)
			memcpy(v, lt->v, lt->n * sizeof(*v));
		svc_free(lt->token, lt->v);
		lt->v = v;
		lt->cap = cap;
	}
	svc_inode_get(lt->token, node->inode);
	lt->v[lt->n] = (struct link){.ino = e->ino,
				     .devmajor = e->devmajor,
				     .devminor = e->devminor,
				     .type = e->mode & S_IFMT,
				     .node = node,
				     .next = lt->heads[h]};
	lt->heads[h] = ++lt->n;
	return 0;
}

/* Forget every link (the end of one archive, or of the buffer). */
static void links_clear(struct links *lt)
{
	for (uint32_t i = 0; i < lt->n; i++)
		svc_inode_put(lt->token, lt->v[i].node->inode);
	lt->n = 0;
	memset(lt->heads, 0, sizeof(lt->heads));
}

/* Where one entry is going: the directory and the last component. */
struct target {
	struct irfs_node *dir;
	const char *name;
	size_t len;
};

/* Linux's clean_path(): remove the name unless it has file type `type`
 * (0 matches nothing).  A non-empty directory stays; true if the name is
 * gone (or was never there). */
static bool clean(struct irfs *fs, const struct target *t, uint32_t type)
{
	uint32_t slot;
	struct irfs_dirent *d = irfs_find(t->dir, t->name, t->len, &slot);

	if (!d)
		return true;
	if ((d->node->mode & S_IFMT) == type)
		return false;
	if (S_ISDIR(d->node->mode) && d->node->nkids)
		return false;
	irfs_unlink(fs, t->dir, slot);
	return true;
}

static struct irfs_node *existing(const struct target *t)
{
	struct irfs_dirent *d = irfs_find(t->dir, t->name, t->len, NULL);

	return d ? d->node : NULL;
}

static void set_attrs(struct irfs_node *n, const struct cpio_entry *e)
{
	n->mode = (n->mode & S_IFMT) | (e->mode & 07777);
	n->uid = e->uid;
	n->gid = e->gid;
	n->mtime = e->mtime;
}

/* A new node named by t, with e's attributes; NULL when out of memory. */
static struct irfs_node *create(struct irfs *fs, const struct target *t, const struct cpio_entry *e,
				uint32_t mode)
{
	struct irfs_node *n = irfs_node_new(fs, mode);

	if (!n)
		return NULL;
	set_attrs(n, e);
	n->mode = mode; /* a symlink keeps 0777 */
	if (irfs_link(fs, t->dir, t->name, t->len, n))
		return NULL; /* n stays on fs->nodes; the failed mount frees it */
	return n;
}

enum { LINK_NONE, LINK_DONE, LINK_FAILED };

/* Linux's maybe_link(): link the name to an earlier inode with the same
 * identity.  LINK_NONE (not a hard link, or the first of its names),
 * LINK_DONE (*out is the inode), LINK_FAILED (skip the entry) or -ENOMEM. */
static int maybe_link(struct irfs *fs, struct links *lt, const struct target *t,
		      const struct cpio_entry *e, struct irfs_node **out)
{
	struct irfs_node *old;

	if (e->nlink < 2 || !(old = links_find(lt, e)))
		return LINK_NONE;
	if (!clean(fs, t, 0) || !old->nlink) /* in the way, or no longer linked */
		return LINK_FAILED;
	if (irfs_link(fs, t->dir, t->name, t->len, old))
		return -ENOMEM;
	*out = old;
	return LINK_DONE;
}

static int unpack_file(struct irfs *fs, struct links *lt, const struct target *t,
		       const struct cpio_entry *e)
{
	struct irfs_node *n = NULL;
	int ml = maybe_link(fs, lt, t, e, &n);

	if (ml < 0 || ml == LINK_FAILED)
		return ml < 0 ? ml : 0;
	if (ml == LINK_NONE) {
		n = existing(t);
		if (n && !S_ISREG(n->mode))
			return 0; /* a non-empty directory: EISDIR on Linux */
		if (!n && !(n = create(fs, t, e, S_IFREG | (e->mode & 07777))))
			return -ENOMEM;
	}
	/* Linux opens with O_TRUNC unless linked, then writes the data. */
	if (ml == LINK_NONE || e->size) {
		n->data = e->data;
		n->size = e->size;
	}
	set_attrs(n, e);
	if (ml == LINK_NONE && e->nlink >= 2)
		return links_add(lt, e, n);
	return 0;
}

/* Linux's new_encode_dev(MKDEV(major, minor)). */
static uint32_t encode_dev(uint32_t major, uint32_t minor)
{
	uint32_t dev = (major << 20) | minor;

	major = dev >> 20;
	minor = dev & 0xfffff;
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static int unpack_special(struct irfs *fs, struct links *lt, const struct target *t,
			  const struct cpio_entry *e)
{
	struct irfs_node *n = NULL;
	int ml = maybe_link(fs, lt, t, e, &n);

	if (ml != LINK_NONE)
		return ml < 0 ? ml : 0;
	n = existing(t);
	if (n) { /* mknod fails with EEXIST; chown, chmod and utime still apply */
		set_attrs(n, e);
		return 0;
	}
	n = create(fs, t, e, e->mode & (S_IFMT | 07777));
	if (!n)
		return -ENOMEM;
	if (S_ISCHR(e->mode) || S_ISBLK(e->mode)) /* fifos and sockets ignore it */
		n->rdev = encode_dev(e->rdevmajor, e->rdevminor);
	if (e->nlink >= 2)
		return links_add(lt, e, n);
	return 0;
}

static int unpack_symlink(struct irfs *fs, const struct target *t, const struct cpio_entry *e)
{
	size_t tlen = strnlen(e->data, e->size);
	struct irfs_node *n;

	if (!clean(fs, t, 0) || !tlen)
		return 0;
	n = create(fs, t, e, S_IFLNK | 0777);
	if (!n)
		return -ENOMEM;
	n->data = e->data;
	n->size = tlen;
	return 0;
}

static bool is_dot_or_dotdot(const char *s, size_t len)
{
	return (len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.');
}

static int unpack_entry(struct irfs *fs, struct links *lt, const struct cpio_entry *e)
{
	uint32_t type = e->mode & S_IFMT;
	size_t len = e->namelen, last;
	bool slash = false;
	struct target t;
	int err;

	if (e->namelen + 1 > IRFS_PATH_MAX || (S_ISLNK(type) && e->size > IRFS_PATH_MAX))
		return 0;
	if (!S_ISREG(type) && !S_ISLNK(type) &&
	    (e->size || !(S_ISDIR(type) || S_ISCHR(type) || S_ISBLK(type) || S_ISFIFO(type) ||
			  S_ISSOCK(type))))
		return 0;
	while (len && e->name[len - 1] == '/') {
		len--;
		slash = true;
	}
	for (last = len; last && e->name[last - 1] != '/'; last--)
		;
	t.name = e->name + last;
	t.len = len - last;
	if (!t.len || is_dot_or_dotdot(t.name, t.len)) {
		/* The name is a directory that exists already: the root, "a/.". */
		err = irfs_walk(fs, fs->root, e->name, len, &t.dir);
		if (!err && S_ISDIR(type))
			set_attrs(t.dir, e);
		return err == -ENOMEM ? err : 0;
	}
	err = irfs_walk(fs, fs->root, e->name, last, &t.dir);
	if (err)
		return err == -ENOMEM ? err : 0;
	if (t.len > IRFS_NAME_MAX || (slash && !S_ISDIR(type)))
		return 0;

	if (S_ISLNK(type))
		return unpack_symlink(fs, &t, e);
	clean(fs, &t, type);
	if (S_ISREG(type))
		return unpack_file(fs, lt, &t, e);
	if (!S_ISDIR(type))
		return unpack_special(fs, lt, &t, e);
	if (existing(&t))
		set_attrs(existing(&t), e); /* only a directory survives clean() */
	else if (!create(fs, &t, e, S_IFDIR | (e->mode & 07777)))
		return -ENOMEM;
	return 0;
}

/*
 * Linux forgets hard links at each trailer; the iterator consumes trailers
 * silently, but entries of one archive are contiguous, so a trailer came
 * between two entries exactly when the header at the end of the previous
 * one is named "TRAILER!!!".  Those bytes are inside the buffer whenever
 * the check looks at them: either a trailer is there, or they are the
 * current entry's own header and name (`span` covers both).
 */
static bool crossed_trailer(const char *prev_end, const struct cpio_entry *e)
{
	size_t span = (size_t)(e->name + e->namelen + 1 - prev_end);

	return span >= CPIO_HEADER_SIZE + sizeof(CPIO_TRAILER) &&
	       !memcmp(prev_end + CPIO_HEADER_SIZE, CPIO_TRAILER, sizeof(CPIO_TRAILER));
}

int irfs_unpack(struct irfs *fs, const void *data, size_t len)
{
	struct links *lt = svc_alloc(fs->cap, sizeof(*lt));
	const char *prev_end = NULL;
	struct cpio_iter it;
	struct cpio_entry e;
	int rc;

	if (!lt)
		return -ENOMEM;
	lt->token = fs->cap;
	cpio_iter_init(&it, data, len);
	while ((rc = cpio_next(&it, &e)) == 1) {
		if (prev_end && crossed_trailer(prev_end, &e))
			links_clear(lt);
		prev_end = (const char *)e.data + ALIGN_UP(e.size, 4);
		rc = unpack_entry(fs, lt, &e);
		if (rc)
			break;
	}
	links_clear(lt);
	svc_free(fs->cap, lt->v);
	svc_free(fs->cap, lt);
	return rc;
}
