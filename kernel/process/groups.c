/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Supplementary groups: each credential (kernel/cred.h) holds a reference
 * to an immutable, sorted list of gids (NULL is the empty list).  A copied
 * credential shares its list, setgroups installs a credential with a new
 * one on the calling thread only, the last reference frees it.
 */
#include <klib/errno.h>
#include <klib/sort.h>
#include <linux/capability.h>
#include <linux/limits.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <kernel/cred.h>
#include <kernel/process.h>

struct group_list {
	unsigned refs; /* atomic */
	unsigned n;
	uint32_t *gid; /* n gids, stored right after the struct */
};

struct group_list *groups_get(struct group_list *g)
{
	if (g)
		__atomic_add_fetch(&g->refs, 1, __ATOMIC_RELAXED);
	return g;
}

void groups_put(struct group_list *g)
{
	if (g && __atomic_sub_fetch(&g->refs, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(g);
}

unsigned groups_count(const struct group_list *g)
{
	return g ? g->n : 0;
}

uint32_t groups_nth(const struct group_list *g, unsigned i)
{
	return g->gid[i];
}

bool groups_contain(const struct group_list *g, uint32_t gid)
{
	unsigned lo = 0, hi = g ? g->n : 0;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (g->gid[mid] == gid)
			return true;
		if (g->gid[mid] < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

long groups_read(uint32_t __user *list, int size)
{
	const struct group_list *g = current_cred()->groups;
	unsigned n = g ? g->n : 0;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return n;
	if ((unsigned)size < n)
		return -EINVAL;
	if (n && copy_to_user(list, g->gid, n * sizeof(uint32_t)))
		return -EFAULT;
	return n;
}

long groups_write(const uint32_t __user *list, int size)
{
	struct group_list *g = NULL;
	struct cred *new;

	if (!capable(CAP_SETGID))
		return -EPERM;
	if ((unsigned)size > NGROUPS_MAX)
		return -EINVAL;
	if (size) {
		g = kmalloc(sizeof(*g) + (size_t)size * sizeof(uint32_t));
		if (!g)
			return -ENOMEM;
		g->refs = 1;
		g->n = (unsigned)size;
		g->gid = (uint32_t *)(g + 1);
		if (copy_from_user(g->gid, list, g->n * sizeof(uint32_t))) {
			kfree(g);
			return -EFAULT;
		}
		/* Linux keeps the list sorted (it searches it); so do we, and
		 * getgroups reports it in that order */
		sort_u32(g->gid, g->n);
	}
	new = cred_prepare();
	if (!new) {
		groups_put(g);
		return -ENOMEM;
	}
	groups_put(new->groups);
	new->groups = g;
	cred_install(new);
	return 0;
}
