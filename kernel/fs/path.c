/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Path resolution and the mount table (see kernel/include/kernel/path.h).
 * The table is small and read on every lookup step; it is guarded by a
 * mutex taken only to add or find a mount.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <kernel/dac.h>
#include <kernel/mutex.h>
#include <kernel/path.h>
#include <kernel/process.h>
#include <kernel/vfs.h>
#include "fs.h"

static LIST_HEAD(mount_table);
static struct mutex mount_lock = MUTEX_INIT(mount_lock, "mounts");
static struct path_component *root_pc;
static int next_mount_id; /* mount IDs count from 1, the root's */

struct path_component *path_get(struct path_component *pc)
{
	__atomic_add_fetch(&pc->refs, 1, __ATOMIC_RELAXED);
	return pc;
}

static void mount_free(struct mount *m)
{
	struct vfs_sb *sb = m->sb;

	if (m->root_path) {
		inode_put(m->root); /* a bind mount's own reference */
		kfree(m->root_path);
	}
	kfree(m);
	vfs_sb_unmounted(sb); /* the instance goes with its last mount */
}

void path_put(struct path_component *pc)
{
	while (pc && __atomic_sub_fetch(&pc->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		struct path_component *parent = pc->parent;

		inode_put(pc->inode);
		if (pc->mnt && __atomic_sub_fetch(&pc->mnt->refs, 1, __ATOMIC_ACQ_REL) == 0 &&
		    pc->mnt->private_root)
			mount_free(pc->mnt);
		kfree(pc);
		pc = parent; /* each component holds a reference to its parent */
	}
}

/* A new component `name` under `parent` (whose reference it takes). */
static struct path_component *pc_new(struct path_component *parent, const char *name, size_t len,
				     struct inode *ino, struct mount *mnt)
{
	/* the name follows the struct: offsetof, not sizeof, of a flexible struct */
	struct path_component *pc =
		kmalloc(__builtin_offsetof(struct path_component, name) + len + 1);

	if (!pc)
		return NULL;
	pc->parent = parent;
	pc->inode = ino;
	pc->mnt = mnt;
	if (mnt)
		__atomic_add_fetch(&mnt->refs, 1, __ATOMIC_RELAXED);
	pc->refs = 1;
	pc->namelen = len;
	memcpy(pc->name, name, len);
	pc->name[len] = '\0';
	return pc;
}

/* mount_over() with mount_lock held. */
static struct mount *mount_over_locked(const struct inode *ino)
{
	struct mount *m;
	uint64_t dev = ino->sb ? ino->sb->dev_id : 0;

	list_for_each_entry (m, &mount_table, link) {
		if (m->mountpoint && m->key_dev == dev && m->key_ino == ino->ino)
			return m;
	}
	return NULL;
}

/* The mount whose MountKey is `ino`, if a filesystem is mounted over it. */
static struct mount *mount_over(const struct inode *ino)
{
	struct mount *found;

	mutex_lock(&mount_lock);
	found = mount_over_locked(ino);
	mutex_unlock(&mount_lock);
	return found;
}

/* mount_lock held: `m` now covers the directory `at` (a new reference). */
static void set_mountpoint(struct mount *m, struct path_component *at)
{
	m->mountpoint = path_get(at);
	m->key_dev = at->inode->sb ? at->inode->sb->dev_id : 0;
	m->key_ino = at->inode->ino;
}

bool path_is_below(const struct path_component *pc, const struct path_component *top)
{
	for (const struct path_component *c = pc; c; c = c->parent) {
		if (path_same(c, top))
			return true;
	}
	return false;
}

/* A place in a tree: a component of a mount not lazily unmounted (the
 * root of a private namespace, vfs_new_root, counts). */
static bool attached(const struct path_component *pc)
{
	return pc->mnt && !pc->mnt->detached;
}

int vfs_move_mount(struct path_component *src, struct path_component *at)
{
	struct mount *m = src->mnt;
	struct path_component *old;

	if (!attached(src) || src->inode != m->root || !m->mountpoint || !attached(at))
		return -EINVAL;
	if (at->inode->kind != src->inode->kind)
		return -EINVAL; /* a directory over a file: Linux's EINVAL */
	for (const struct path_component *c = at; c; c = c->parent) {
		if (c->mnt == m)
			return -ELOOP; /* into itself */
	}
	mutex_lock(&mount_lock);
	if (mount_over_locked(at->inode)) {
		mutex_unlock(&mount_lock);
		return -EBUSY; /* no stacked mounts here */
	}
	old = m->mountpoint;
	set_mountpoint(m, at); /* its place in the table stays, as Linux lists it */
	mutex_unlock(&mount_lock);
	path_put(old);
	return 0;
}

int vfs_pivot_root(struct path_component *root, struct path_component *new_root,
		   struct path_component *put_old)
{
	struct mount *r = root->mnt, *n = new_root->mnt;
	struct path_component *place, *old_mp;
	int err;

	if (new_root->inode->kind != INODE_DIR || put_old->inode->kind != INODE_DIR)
		return -ENOTDIR;
	if (!attached(root) || !attached(new_root) || !attached(put_old))
		return -EINVAL;
	if (n == r || put_old->mnt == r)
		return -EBUSY; /* on the same filesystem */
	if (root->inode != r->root || !r->mountpoint)
		return -EINVAL; /* the root is no mount's root, or the first mount */
	if (new_root->inode != n->root || !n->mountpoint)
		return -EINVAL;
	if (!path_is_below(put_old, new_root) || !path_is_below(new_root, root))
		return -EINVAL;
	if (path_same(put_old, new_root))
		return -EBUSY; /* the old root stacked on the new: not supported */
	/* the new root's component, at the place of the old root's */
	old_mp = r->mountpoint;
	inode_get(n->root);
	place = pc_new(old_mp->parent ? path_get(old_mp->parent) : NULL, old_mp->name,
		       old_mp->namelen, n->root, n);
	if (!place) {
		if (old_mp->parent)
			path_put(old_mp->parent);
		inode_put(n->root);
		return -ENOMEM;
	}
	mutex_lock(&mount_lock);
	if (mount_over_locked(put_old->inode)) {
		mutex_unlock(&mount_lock);
		path_put(place);
		return -EBUSY;
	}
	old_mp = n->mountpoint;
	n->mountpoint = r->mountpoint; /* its reference moves with it */
	n->key_dev = r->key_dev;
	n->key_ino = r->key_ino;
	set_mountpoint(r, put_old);
	mutex_unlock(&mount_lock);
	path_put(old_mp);
	err = process_fs_repoint(root, place);
	path_put(place);
	return err;
}

int vfs_mount_at(struct vfs_sb *sb, struct path_component *at)
{
	struct mount *m;

	if (!sb->root || sb->root->kind != INODE_DIR)
		return -ENOTDIR;
	if (at && at->inode->kind != INODE_DIR)
		return -ENOTDIR;
	if (at && mount_over(at->inode))
		return -EBUSY;
	/* a device's instance over its own root (mounted twice at one
	 * place): the MountKey would name the root it covers; refused */
	if (at && at->inode == sb->root)
		return -EBUSY;
	if (!at && root_pc)
		return -EBUSY;
	m = kzalloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->sb = sb;
	m->root = sb->root;
	m->id = __atomic_add_fetch(&next_mount_id, 1, __ATOMIC_RELAXED);
	if (at) {
		set_mountpoint(m, at);
	} else {
		inode_get(sb->root);
		root_pc = pc_new(NULL, "/", 1, sb->root, m);
		if (!root_pc) {
			inode_put(sb->root);
			kfree(m);
			return -ENOMEM;
		}
	}
	vfs_sb_mounted(sb);
	mutex_lock(&mount_lock);
	list_add_tail(&m->link, &mount_table);
	mutex_unlock(&mount_lock);
	return 0;
}

int vfs_bind_at(struct path_component *src, struct path_component *at)
{
	const struct path_component *top = src;
	struct mount *m;
	char *rel;
	int len;

	if (src->inode->kind != INODE_DIR || at->inode->kind != INODE_DIR)
		return -ENOTDIR;
	if (!src->mnt || src->mnt->private_root)
		return -EINVAL; /* detached, or a private namespace */
	if (mount_over(at->inode))
		return -EBUSY;
	/* the root shown: src's path below the root of its own mount */
	while (top->inode != top->mnt->root && top->parent)
		top = top->parent;
	rel = kmalloc(VFS_PATH_MAX);
	m = kzalloc(sizeof(*m));
	if (!rel || !m) {
		kfree(rel);
		kfree(m);
		return -ENOMEM;
	}
	len = src->mnt->root_path ? (int)strlcpy(rel, src->mnt->root_path, VFS_PATH_MAX) : 0;
	if (len == 1)
		len = 0; /* "/" */
	if (len < VFS_PATH_MAX &&
	    vfs_path_string(src, top, rel + len, VFS_PATH_MAX - (size_t)len) < 0)
		len = -1;
	if (len < 0 || len >= VFS_PATH_MAX) {
		kfree(rel);
		kfree(m);
		return -ENAMETOOLONG;
	}
	if (len && !strcmp(rel + len, "/"))
		rel[len] = '\0'; /* "/a" + "/" is "/a" */
	m->sb = src->mnt->sb;
	vfs_sb_mounted(m->sb);
	inode_get(src->inode);
	m->root = src->inode;
	m->root_path = rel;
	m->id = __atomic_add_fetch(&next_mount_id, 1, __ATOMIC_RELAXED);
	set_mountpoint(m, at);
	mutex_lock(&mount_lock);
	list_add_tail(&m->link, &mount_table);
	mutex_unlock(&mount_lock);
	return 0;
}

struct path_component *vfs_new_root(struct vfs_sb *sb)
{
	struct mount *m = kzalloc(sizeof(*m));
	struct path_component *pc;

	if (!m)
		return NULL;
	m->sb = sb;
	vfs_sb_mounted(sb);
	m->root = sb->root;
	m->private_root = true;
	inode_get(sb->root);
	pc = pc_new(NULL, "/", 1, sb->root, m);
	if (!pc) {
		inode_put(sb->root);
		mount_free(m);
	}
	return pc; /* the private root's mount is not in the table */
}

struct path_component *vfs_anon_path(struct inode *ino)
{
	struct path_component *pc = pc_new(NULL, "", 0, ino, NULL);

	if (pc)
		inode_get(ino);
	return pc;
}

struct path_component *vfs_child_path(struct path_component *parent, const char *name, size_t len,
				      struct inode *ino)
{
	struct path_component *pc = pc_new(parent, name, len, ino, parent->mnt);

	if (pc) {
		path_get(parent);
		inode_get(ino);
	}
	return pc;
}

int vfs_unmount(struct path_component *at, bool lazy)
{
	struct mount *m = at->mnt;
	struct path_component *mp;

	if (!m || !m->mountpoint || at->inode != m->root)
		return -EINVAL;
	if (!lazy && __atomic_load_n(&m->refs, __ATOMIC_ACQUIRE) != 1)
		return -EBUSY; /* only `at` itself may be inside */
	mutex_lock(&mount_lock);
	list_del(&m->link);
	mp = m->mountpoint; /* under the lock: vfs_mount_path walks mountpoints */
	m->mountpoint = NULL;
	mutex_unlock(&mount_lock);
	if (lazy) {
		/* detached: what is inside keeps working; the record goes with
		 * the last component, like a private root's */
		m->private_root = true;
		m->detached = true;
	} else {
		at->mnt = NULL;
		mount_free(m);
	}
	path_put(mp);
	return 0;
}

struct path_component *vfs_root(void)
{
	struct path_component *root = READ_ONCE(root_pc);

	return root ? path_get(root) : NULL;
}

int vfs_switch_root(struct path_component *src)
{
	struct path_component *old = root_pc, *pc;
	struct mount *m = src->mnt;
	int err;

	if (!old)
		return -EINVAL;
	err = vfs_move_mount(src, old);
	if (err)
		return err;
	inode_get(m->root);
	pc = pc_new(NULL, "/", 1, m->root, m);
	if (!pc) {
		inode_put(m->root);
		return -ENOMEM; /* moved, but the old root stays everyone's */
	}
	WRITE_ONCE(root_pc, pc);
	path_put(old); /* the mount over it keeps its own reference */
	return 0;
}

/* `ino` itself, or the root of a filesystem mounted over it; consumes the
 * reference to `ino`, returns one to the result. */
static struct inode *cross_mount(struct inode *ino, struct mount **mnt)
{
	struct mount *m;

	if (ino->kind != INODE_DIR || !(m = mount_over(ino)))
		return ino;
	inode_put(ino);
	inode_get(m->root);
	if (mnt)
		*mnt = m;
	return m->root;
}

/* One step of the walk: `name` under `cur`.  Returns the child's inode and
 * mount (crossing into a filesystem mounted over it), a new reference. */
static int step(struct path_component *cur, const char *name, size_t len, struct inode **ino,
		struct mount **mnt)
{
	struct inode *child;
	int err = vfs_lookup(cur->inode, name, len, &child);

	if (err)
		return err;
	*mnt = cur->mnt;
	*ino = cross_mount(child, mnt);
	return 0;
}

struct walk {
	struct path_component *root;
	int hops;	 /* symlinks followed so far */
	bool search_all; /* the caller may search every directory */
};

/* Search permission on `dir` before a name in it is looked up (".", ".."
 * and the parent of a final name included, as Linux). */
static int may_search(const struct walk *w, struct inode *dir)
{
	return w->search_all ? 0 : dac_may_search(dir);
}

static int walk(struct walk *w, struct path_component *start, const char *path, size_t plen,
		unsigned flags, struct path_component **out);

/* Continue through the symlink `link` found under `cur`. */
static int follow(struct walk *w, struct path_component *cur, struct inode *link,
		  struct path_component **out)
{
	char *target;
	ssize_t n;
	int err;

	if (++w->hops > PATH_MAX_SYMLINKS)
		return -ELOOP;
	err = vfs_jump(link, out); /* a magic link leads to its object */
	if (err <= 0)
		return err;
	target = kmalloc(VFS_PATH_MAX);
	if (!target)
		return -ENOMEM;
	n = vfs_readlink(link, target, VFS_PATH_MAX);
	if (n < 0)
		err = (int)n;
	else if (n == 0 || n >= VFS_PATH_MAX)
		err = n ? -ENAMETOOLONG : -ENOENT;
	else
		err = walk(w, target[0] == '/' ? w->root : cur, target, (size_t)n, RESOLVE_FOLLOW,
			   out);
	kfree(target);
	return err;
}

static int walk(struct walk *w, struct path_component *start, const char *path, size_t plen,
		unsigned flags, struct path_component **out)
{
	struct path_component *cur = path_get(start);
	size_t i = 0;
	int err = 0;

	while (i < plen) {
		size_t s, len;
		bool last;
		struct inode *ino;
		struct mount *mnt;

		while (i < plen && path[i] == '/')
			i++;
		if (i == plen)
			break;
		s = i;
		while (i < plen && path[i] != '/')
			i++;
		len = i - s;
		last = i == plen;
		if (cur->inode->kind != INODE_DIR) {
			err = -ENOTDIR;
			break;
		}
		err = may_search(w, cur->inode);
		if (err)
			break;
		if (len == 1 && path[s] == '.')
			continue;
		if (len == 2 && path[s] == '.' && path[s + 1] == '.') {
			if (!path_same(cur, w->root) && cur->parent) {
				struct path_component *up = path_get(cur->parent);

				path_put(cur);
				cur = up;
			}
			continue;
		}
		if (len > VFS_NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		err = step(cur, path + s, len, &ino, &mnt);
		if (err)
			break;
		if (ino->kind == INODE_SYMLINK &&
		    (!last || (flags & RESOLVE_FOLLOW) || (flags & RESOLVE_DIR))) {
			struct path_component *res;

			err = follow(w, cur, ino, &res);
			inode_put(ino);
			if (err)
				break;
			path_put(cur);
			cur = res;
			continue;
		}
		struct path_component *next = pc_new(cur, path + s, len, ino, mnt);

		if (!next) {
			inode_put(ino);
			err = -ENOMEM;
			break;
		}
		cur = next; /* took over the reference to the old cur */
	}
	if (!err && (flags & RESOLVE_DIR) && cur->inode->kind != INODE_DIR)
		err = -ENOTDIR;
	if (err) {
		path_put(cur);
		return err;
	}
	*out = cur;
	return 0;
}

static bool trailing_slash(const char *path, size_t len)
{
	return len && path[len - 1] == '/';
}

int vfs_resolve(struct path_component *root, struct path_component *cwd, const char *path,
		unsigned flags, struct path_component **out)
{
	struct walk w = {.root = root, .hops = 0, .search_all = dac_search_all()};
	size_t len = strnlen(path, VFS_PATH_MAX);

	if (len == 0 || len == VFS_PATH_MAX)
		return len ? -ENAMETOOLONG : -ENOENT;
	if (trailing_slash(path, len))
		flags |= RESOLVE_DIR;
	return walk(&w, path[0] == '/' ? root : cwd, path, len, flags, out);
}

/* The fast path: inodes only.  1 means "take the full path". */
static int fast_walk(struct inode *start, const char *path, size_t plen, unsigned flags,
		     bool search_all, struct inode **out)
{
	struct inode *cur = start;
	size_t i = 0;

	inode_get(cur);
	while (i < plen) {
		size_t s, len;
		struct inode *next;
		int err;

		while (i < plen && path[i] == '/')
			i++;
		if (i == plen)
			break;
		for (s = i; i < plen && path[i] != '/'; i++)
			;
		len = i - s;
		if (cur->kind != INODE_DIR) {
			inode_put(cur);
			return -ENOTDIR;
		}
		err = search_all ? 0 : dac_may_search(cur);
		if (err) {
			inode_put(cur);
			return err;
		}
		if (len == 1 && path[s] == '.')
			continue;
		err = vfs_lookup(cur, path + s, len, &next);
		inode_put(cur);
		if (err)
			return err;
		cur = cross_mount(next, NULL);
		if (cur->kind == INODE_SYMLINK &&
		    (i < plen || (flags & (RESOLVE_FOLLOW | RESOLVE_DIR)))) {
			inode_put(cur);
			return 1; /* symlinks need the chain */
		}
	}
	if ((flags & RESOLVE_DIR) && cur->kind != INODE_DIR) {
		inode_put(cur);
		return -ENOTDIR;
	}
	*out = cur;
	return 0;
}

static bool has_dotdot(const char *path, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (path[i] == '.' && path[i + 1] == '.' && (i == 0 || path[i - 1] == '/') &&
		    (i + 2 == len || path[i + 2] == '/'))
			return true;
	}
	return false;
}

int vfs_lookup_inode(struct path_component *root, struct path_component *cwd, const char *path,
		     unsigned flags, struct inode **out)
{
	size_t len = strnlen(path, VFS_PATH_MAX);
	struct path_component *pc;
	int err;

	if (len == 0 || len == VFS_PATH_MAX)
		return len ? -ENAMETOOLONG : -ENOENT;
	if (trailing_slash(path, len))
		flags |= RESOLVE_DIR;
	if (!has_dotdot(path, len)) {
		err = fast_walk((path[0] == '/' ? root : cwd)->inode, path, len, flags,
				dac_search_all(), out);
		if (err <= 0)
			return err;
	}
	err = vfs_resolve(root, cwd, path, flags, &pc);
	if (err)
		return err;
	inode_get(pc->inode);
	*out = pc->inode;
	path_put(pc);
	return 0;
}

int vfs_resolve_parent(struct path_component *root, struct path_component *cwd, const char *path,
		       struct path_component **parent, const char **name, size_t *name_len)
{
	size_t len = strnlen(path, VFS_PATH_MAX), end, start;
	struct walk w = {.root = root, .hops = 0, .search_all = dac_search_all()};
	int err;

	if (len == 0 || len == VFS_PATH_MAX)
		return len ? -ENAMETOOLONG : -ENOENT;
	end = len;
	while (end > 0 && path[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	*name = path + start;
	*name_len = end - start;
	if (*name_len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (start == 0)
		err = walk(&w, path[0] == '/' ? root : cwd, "", 0, RESOLVE_DIR, parent);
	else
		err = walk(&w, path[0] == '/' ? root : cwd, path, start,
			   RESOLVE_DIR | RESOLVE_FOLLOW, parent);
	/* the final name is looked up in the parent: search it too */
	if (!err && *name_len && (err = may_search(&w, (*parent)->inode)) != 0)
		path_put(*parent);
	return err;
}

int vfs_path_string(const struct path_component *pc, const struct path_component *root, char *buf,
		    size_t size)
{
	const struct path_component *c;
	size_t len = 0, at;

	for (c = pc; c && !path_same(c, root) && c->parent; c = c->parent)
		len += c->namelen + 1;
	if (!len)
		len = 1; /* "/" */
	if (len + 1 > size)
		return -ENAMETOOLONG;
	at = len;
	buf[at] = '\0';
	buf[0] = '/';
	for (c = pc; c && !path_same(c, root) && c->parent; c = c->parent) {
		at -= c->namelen;
		memcpy(buf + at, c->name, c->namelen);
		buf[--at] = '/';
	}
	return (int)len;
}

/* Put `n` bytes of `s` before buf[*at]: false if they do not fit. */
static bool prepend(char *buf, size_t *at, const char *s, size_t n)
{
	if (n > *at)
		return false;
	*at -= n;
	memcpy(buf + *at, s, n);
	return true;
}

int vfs_mount_path(const struct mount *m, const struct path_component *root, char *buf, size_t size)
{
	size_t at = size - 1, len;

	if (!size)
		return -ENAMETOOLONG;
	buf[at] = '\0';
	for (int depth = 0; depth < 64; depth++) {
		const struct path_component *c;

		if (root->mnt == m && root->inode == m->root)
			goto done;
		/* the names up to the root of the mount m sits on, then that
		 * mount's own place: the tree as it is now, whatever moved */
		for (c = m->mountpoint; c; c = c->parent) {
			if (path_same(c, root))
				goto done;
			if (c->mnt && c->inode == c->mnt->root)
				break;
			if (!prepend(buf, &at, c->name, c->namelen) || !prepend(buf, &at, "/", 1))
				return -ENAMETOOLONG;
		}
		if (!c)
			return -ENOENT; /* detached, or outside the reader's root */
		m = c->mnt;
	}
	return -ELOOP;
done:
	if (at == size - 1 && !prepend(buf, &at, "/", 1))
		return -ENAMETOOLONG;
	len = size - 1 - at;
	memmove(buf, buf + at, len + 1);
	return (int)len;
}

int vfs_for_each_mount(int (*fn)(void *ctx, const struct mount *m), void *ctx)
{
	struct mount *m;
	int ret = 0;

	mutex_lock(&mount_lock);
	list_for_each_entry (m, &mount_table, link) {
		ret = fn(ctx, m);
		if (ret)
			break;
	}
	mutex_unlock(&mount_lock);
	return ret;
}
