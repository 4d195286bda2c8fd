/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_initramfs: building and dissolving the tree (node.h has the data
 * structure and the reference rules).  Used only by mount() and release(),
 * single-threaded, so nothing here locks.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "node.h"

struct irfs_node *irfs_node_new(struct irfs *fs, uint32_t mode)
{
	struct irfs_node *node = svc_alloc(fs->cap, sizeof(*node));
	enum inode_kind kind = INODE_FILE;
	const void *ops = &irfs_dev_ops;

	if (!node)
		return NULL;
	if (S_ISDIR(mode)) {
		kind = INODE_DIR;
		ops = &irfs_dir_ops;
	} else if (S_ISLNK(mode)) {
		kind = INODE_SYMLINK;
		ops = &irfs_symlink_ops;
	} else if (S_ISREG(mode)) {
		ops = &irfs_file_ops;
	}
	node->inode = svc_inode_alloc(fs->cap, fs->sb, kind, ops, fs->next_ino);
	if (!node->inode) {
		svc_free(fs->cap, node);
		return NULL;
	}
	fs->next_ino++;
	node->inode->priv = node;
	node->mode = mode;
	node->mtime = fs->now;
	list_add_tail(&node->all, &fs->nodes);
	fs->nnodes++;
	return node;
}

/* Make room for one more name in dir: 0 or -ENOMEM. */
static int grow(struct irfs_node *dir)
{
	struct irfs_dirent *kids;
	uint32_t cap;

	if (dir->nkids < dir->cap)
		return 0;
	if (dir->cap > UINT32_MAX / 2 / sizeof(*kids))
		return -ENOMEM;
	cap = dir->cap ? 2 * dir->cap : 4;
	kids = svc_alloc(dir->inode->sb->cap, cap * sizeof(*kids));
	if (!kids)
		return -ENOMEM;
	if (dir->nkids)
		memcpy(kids, dir->kids, dir->nkids * sizeof(*kids));
	svc_free(dir->inode->sb->cap, dir->kids);
	dir->kids = kids;
	dir->cap = cap;
	return 0;
}

int irfs_link(struct irfs *fs, struct irfs_node *dir, const char *name, size_t len,
	      struct irfs_node *node)
{
	uint32_t slot;
	int err;

	if (irfs_find(dir, name, len, &slot))
		return -EEXIST; /* callers check first; never reached */
	err = grow(dir);
	if (err)
		return err;
	memmove(&dir->kids[slot + 1], &dir->kids[slot], (dir->nkids - slot) * sizeof(*dir->kids));
	dir->kids[slot] = (struct irfs_dirent){.name = name, .len = len, .node = node};
	dir->nkids++;
	if (S_ISDIR(node->mode)) {
		node->parent = dir;
		dir->nsubdirs++;
	} else {
		node->nlink++;
	}
	return 0;
}

/* Drop the tree's reference to a node that has lost its last name. */
static void drop(struct irfs *fs, struct irfs_node *node)
{
	list_del(&node->all);
	fs->nnodes--;
	svc_inode_put(fs->cap, node->inode);
}

void irfs_unlink(struct irfs *fs, struct irfs_node *dir, uint32_t slot)
{
	struct irfs_node *node = dir->kids[slot].node;

	dir->nkids--;
	memmove(&dir->kids[slot], &dir->kids[slot + 1], (dir->nkids - slot) * sizeof(*dir->kids));
	if (S_ISDIR(node->mode)) {
		dir->nsubdirs--;
		drop(fs, node);
	} else if (--node->nlink == 0) {
		drop(fs, node);
	}
}

/* A piece of a path still to walk. */
struct span {
	const char *p;
	size_t len;
};

/* Cut the next component off s (NULL-length components included). */
static struct span next_component(struct span *s)
{
	struct span c = {.p = s->p, .len = 0};

	while (c.len < s->len && s->p[c.len] != '/')
		c.len++;
	s->p += c.len;
	s->len -= c.len;
	if (s->len) { /* the '/' */
		s->p++;
		s->len--;
	}
	return c;
}

/*
 * Symlinks met on the way push their target on a stack of spans; a target
 * that ends the current span replaces it, so the stack only grows for
 * symlinks in the middle of another target.  IRFS_MAX_HOPS bounds both the
 * work and the stack.
 */
int irfs_walk(struct irfs *fs, struct irfs_node *start, const char *path, size_t len,
	      struct irfs_node **out)
{
	struct span stack[IRFS_MAX_HOPS + 1];
	struct irfs_node *cur = start;
	unsigned sp = 0, hops = 0;
	int err;

	stack[sp++] = (struct span){.p = path, .len = len};
	while (sp) {
		struct span *s = &stack[sp - 1];
		struct span c = next_component(s);
		struct irfs_dirent *d;

		if (!s->len && !c.len) {
			sp--;
			continue;
		}
		if (!c.len || (c.len == 1 && c.p[0] == '.'))
			continue;
		if (c.len == 2 && c.p[0] == '.' && c.p[1] == '.') {
			cur = cur->parent;
			continue;
		}
		if (c.len > IRFS_NAME_MAX)
			return -ENAMETOOLONG;
		d = irfs_find(cur, c.p, c.len, NULL);
		if (!d) {
			struct irfs_node *dir = irfs_node_new(fs, S_IFDIR | 0755);

			if (!dir)
				return -ENOMEM;
			err = irfs_link(fs, cur, c.p, c.len, dir);
			if (err)
				return err;
			cur = dir;
			continue;
		}
		if (S_ISLNK(d->node->mode)) {
			if (++hops > IRFS_MAX_HOPS)
				return -ELOOP;
			if (!s->len)
				sp--;
			stack[sp++] = (struct span){.p = d->node->data, .len = d->node->size};
			if (d->node->size && ((const char *)d->node->data)[0] == '/')
				cur = fs->root;
			continue;
		}
		if (!S_ISDIR(d->node->mode))
			return -ENOTDIR;
		cur = d->node;
	}
	*out = cur;
	return 0;
}

void irfs_drop_tree(struct irfs *fs)
{
	struct list_head *pos, *tmp;

	list_for_each_safe (pos, tmp, &fs->nodes) {
		struct irfs_node *node = list_entry(pos, struct irfs_node, all);

		svc_free(fs->cap, node->kids);
		node->kids = NULL;
		node->nkids = node->cap = node->nsubdirs = 0;
		node->parent = NULL;
		drop(fs, node);
	}
	fs->root = NULL;
}
