/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Slab core (see slab.h for the layout and the caller's protocol).
 *
 * A slab's state follows from its head page's in-use count: 0 is empty,
 * per_slab is full, anything between is partial.  Allocation prefers
 * partial slabs (so empty ones can be reaped) and pops the head of the
 * slab's free list; freeing pushes the object back.  Freed objects also
 * carry a marker in their second word when there is room (CONFIG_ASSERTS):
 * a free of a marked object walks that slab's free list, so a double free
 * is reported instead of threading the list into a cycle.
 */
#include <klib/errno.h>
#include <platform/panic.h>
#include "slab.h"

/* Its address marks a free object; no live object should point into it. */
static char free_mark;
#define FREE_MARK ((void *)&free_mark)

static inline bool has_mark_room(const struct slab_cache *c)
{
	return CONFIG_ASSERTS && c->stride >= 2 * sizeof(void *);
}

static inline void **obj_words(void *obj)
{
	return (void **)obj;
}

int slab_cache_init(struct slab_cache *c, const char *name, size_t size, size_t align,
		    const struct slab_page_ops *ops)
{
	unsigned order;

	if (align == 0)
		align = SLAB_MIN_ALIGN;
	if (size == 0 || (align & (align - 1)) || align > PAGE_SIZE)
		return -EINVAL;
	align = MAX(align, SLAB_MIN_ALIGN);
	if (size > PAGE_SIZE << SLAB_MAX_ORDER)
		return -EINVAL;
	c->stride = ALIGN_UP(MAX(size, sizeof(void *)), align);
	if (c->stride > PAGE_SIZE << SLAB_MAX_ORDER)
		return -EINVAL;

	for (order = 0; order < SLAB_MAX_ORDER; order++) {
		size_t bytes = PAGE_SIZE << order;
		size_t n = bytes / c->stride;

		if (n > 0 && (bytes - n * c->stride) * 8 <= bytes)
			break;
	}
	c->name = name;
	c->ops = ops;
	c->size = size;
	c->align = align;
	c->order = order;
	c->per_slab = (unsigned)((PAGE_SIZE << order) / c->stride);
	for (int s = 0; s < SLAB_NSTATES; s++) {
		list_init(&c->slabs[s]);
		c->nr_slabs[s] = 0;
	}
	c->inuse = 0;
	return 0;
}

static enum slab_state state_of(const struct slab_cache *c, const struct page *s)
{
	if (s->inuse == 0)
		return SLAB_EMPTY;
	return s->inuse == c->per_slab ? SLAB_FULL : SLAB_PARTIAL;
}

/* Move slab `s` from the list for `old` to the list for its state now. */
static void relist(struct slab_cache *c, struct page *s, enum slab_state old)
{
	enum slab_state now = state_of(c, s);

	if (now == old)
		return;
	list_del(&s->list);
	c->nr_slabs[old]--;
	list_add(&s->list, &c->slabs[now]);
	c->nr_slabs[now]++;
}

static struct page *owning_slab(const struct slab_cache *c, const void *obj);

/* A free object about to be handed out must still look free: its link
 * inside the same slab (or NULL) and, where there is room, the free
 * marker in place.  Anything else is a write after free, caught here at
 * the next allocation instead of as a wild pointer later. */
static void check_free_object(const struct slab_cache *c, const struct page *s, void *obj)
{
#if CONFIG_ASSERTS
	void *next = obj_words(obj)[0];

	if ((next && owning_slab(c, next) != s) ||
	    (has_mark_room(c) && obj_words(obj)[1] != FREE_MARK))
		panic("slab %s: free object %p was written after free (link %p)", c->name, obj,
		      next);
#else
	(void)c;
	(void)s;
	(void)obj;
#endif
}

void *slab_alloc(struct slab_cache *c)
{
	enum slab_state from = SLAB_PARTIAL;
	struct page *s;
	void *obj;

	if (list_empty(&c->slabs[SLAB_PARTIAL])) {
		if (list_empty(&c->slabs[SLAB_EMPTY]))
			return NULL;
		from = SLAB_EMPTY;
	}
	s = list_first_entry(&c->slabs[from], struct page, list);
	obj = s->freelist;
	BUG_ON(!obj);
	check_free_object(c, s, obj);
	s->freelist = obj_words(obj)[0];
	if (has_mark_room(c))
		obj_words(obj)[1] = NULL;
	s->inuse++;
	c->inuse++;
	relist(c, s, from);
	return obj;
}

static void push_free(struct slab_cache *c, struct page *s, void *obj)
{
	obj_words(obj)[0] = s->freelist;
	if (has_mark_room(c))
		obj_words(obj)[1] = FREE_MARK;
	s->freelist = obj;
}

void slab_grow(struct slab_cache *c, struct page *head)
{
	char *base = c->ops->address(head);

	for (size_t i = 0; i < (size_t)1 << c->order; i++) {
		struct page *p = head + i;

		BUG_ON(p->flags & (PG_SLAB | PG_SLAB_TAIL));
		p->flags |= PG_SLAB;
		p->owner = c;
		p->inuse = 0;
		p->freelist = NULL;
		if (i > 0) {
			p->flags |= PG_SLAB_TAIL;
			p->head = head;
		}
	}
	/* thread from the top down so objects come out in address order */
	for (size_t i = c->per_slab; i-- > 0;)
		push_free(c, head, base + i * c->stride);
	list_add(&head->list, &c->slabs[SLAB_EMPTY]);
	c->nr_slabs[SLAB_EMPTY]++;
}

/* The head page of obj's slab, or NULL if obj is not an object of c. */
static struct page *owning_slab(const struct slab_cache *c, const void *obj)
{
	struct page *p = c->ops->lookup(obj);
	uintptr_t off;

	if (!p || !(p->flags & PG_SLAB))
		return NULL;
	p = slab_head(p);
	if (p->owner != c)
		return NULL;
	off = (uintptr_t)obj - (uintptr_t)c->ops->address(p);
	if (off % c->stride || off / c->stride >= c->per_slab)
		return NULL;
	return p;
}

bool slab_owns(const struct slab_cache *c, const void *obj)
{
	return owning_slab(c, obj) != NULL;
}

static bool on_freelist(const struct slab_cache *c, const struct page *s, const void *obj)
{
	const void *o = s->freelist;

	for (unsigned n = 0; o && n < c->per_slab; n++, o = obj_words((void *)o)[0])
		if (o == obj)
			return true;
	return false;
}

int slab_free(struct slab_cache *c, void *obj)
{
	struct page *s = owning_slab(c, obj);
	enum slab_state from;

	if (!s || s->inuse == 0 || s->freelist == obj)
		return -EINVAL;
	if (has_mark_room(c) && obj_words(obj)[1] == FREE_MARK && on_freelist(c, s, obj))
		return -EINVAL;
	from = state_of(c, s);
	push_free(c, s, obj);
	s->inuse--;
	c->inuse--;
	relist(c, s, from);
	return 0;
}

struct page *slab_reap(struct slab_cache *c, size_t keep)
{
	struct page *head;

	if (c->nr_slabs[SLAB_EMPTY] <= keep)
		return NULL;
	/* the coldest empty slab: slabs go back on the list at its head */
	head = list_entry(c->slabs[SLAB_EMPTY].prev, struct page, list);
	list_del(&head->list);
	c->nr_slabs[SLAB_EMPTY]--;
	for (size_t i = 0; i < (size_t)1 << c->order; i++) {
		struct page *p = head + i;

		p->flags &= ~(PG_SLAB | PG_SLAB_TAIL);
		p->owner = NULL;
		p->freelist = NULL;
		p->inuse = 0;
	}
	return head;
}

static bool check_slab(const struct slab_cache *c, const struct page *s, enum slab_state st)
{
	uintptr_t base = (uintptr_t)c->ops->address(s);
	unsigned nfree = 0;

	if ((s->flags & (PG_SLAB | PG_SLAB_TAIL)) != PG_SLAB || s->owner != c ||
	    s->inuse > c->per_slab || state_of(c, s) != st)
		return false;
	for (size_t i = 1; i < (size_t)1 << c->order; i++)
		if (!(s[i].flags & PG_SLAB_TAIL) || s[i].head != s || s[i].owner != c)
			return false;
	for (const void *o = s->freelist; o; o = obj_words((void *)o)[0]) {
		uintptr_t off = (uintptr_t)o - base;

		if (off % c->stride || off / c->stride >= c->per_slab || ++nfree > c->per_slab)
			return false;
		if (has_mark_room(c) && obj_words((void *)o)[1] != FREE_MARK)
			return false;
	}
	return nfree == c->per_slab - s->inuse;
}

bool slab_check(const struct slab_cache *c)
{
	size_t inuse = 0;

	for (int st = 0; st < SLAB_NSTATES; st++) {
		const struct page *s;
		size_t n = 0;

		list_for_each_entry (s, &c->slabs[st], list) {
			if (!check_slab(c, s, (enum slab_state)st))
				return false;
			inuse += s->inuse;
			n++;
		}
		if (n != c->nr_slabs[st])
			return false;
	}
	return inuse == c->inuse;
}
