/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Per-CPU page caches (see pcp.h for the contract and watermarks).  The
 * list is a stack: frees push at the head and allocations pop the head, so
 * a page freed and reallocated on one CPU is still in its caches; drains
 * take from the tail, the coldest pages.  No locks here: the cache belongs
 * to one CPU, the zone to whoever holds its lock.
 */
#include <klib/errno.h>
#include <platform/panic.h>
#include "pcp.h"

void pcp_init(struct pcp_cache *c, unsigned high, unsigned batch)
{
	ASSERT(batch >= 1 && batch <= high);
	list_init(&c->pages);
	c->count = 0;
	c->high = high;
	c->batch = batch;
}

struct page *pcp_take(struct pcp_cache *c)
{
	struct page *p;

	if (list_empty(&c->pages))
		return NULL;
	p = list_first_entry(&c->pages, struct page, list);
	list_del(&p->list);
	p->flags &= ~PG_PCP;
	WRITE_ONCE(c->count, c->count - 1);
	return p;
}

int pcp_put(struct pcp_cache *c, struct page *p)
{
	if ((p->flags & (PG_ALLOC | PG_FREE | PG_RESERVED | PG_PCP | PG_SLAB | PG_SLAB_TAIL)) !=
		    PG_ALLOC ||
	    p->order != 0)
		return -EINVAL;
	p->flags |= PG_PCP;
	list_add(&p->list, &c->pages);
	WRITE_ONCE(c->count, c->count + 1);
	return 0;
}

unsigned pcp_refill(struct pcp_cache *c, struct buddy_zone *z)
{
	unsigned n;

	for (n = 0; n < c->batch; n++) {
		struct page *p = buddy_alloc(z, 0);

		if (!p)
			break;
		p->flags |= PG_PCP;
		/* ascending pfns come out of a split block: keep that order */
		list_add_tail(&p->list, &c->pages);
	}
	WRITE_ONCE(c->count, c->count + n);
	return n;
}

unsigned pcp_drain(struct pcp_cache *c, struct buddy_zone *z, unsigned n)
{
	unsigned done;

	for (done = 0; done < n && !list_empty(&c->pages); done++) {
		struct page *p = list_entry(c->pages.prev, struct page, list);
		int err;

		list_del(&p->list);
		p->flags &= ~PG_PCP;
		err = buddy_free(z, p, 0);
		/* pcp_put() vetted the page; failing now means corruption */
		BUG_ON(err);
	}
	WRITE_ONCE(c->count, c->count - done);
	return done;
}
