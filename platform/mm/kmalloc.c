/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The kernel heap (kmalloc.h): slab caches behind spinlocks, and kmalloc()
 * over nine power-of-two caches, kmalloc-8 .. kmalloc-2048, each aligned to
 * its size.  Bigger requests take a whole block from alloc_pages() (order
 * remembered in the head page's struct page by the buddy allocator); so
 * kfree() tells the two apart by PG_SLAB on the object's page, and a slab
 * object's page leads to its cache (slab_head()->owner).
 *
 * Each CPU keeps a small magazine of free objects per cache, used with
 * interrupts off and no lock: most allocations and frees touch only it.
 * An empty magazine is refilled with half its capacity under the cache
 * lock, a full one gives half back (every CPU on one cache lock was the
 * hot spot of threaded programs at SMP=8).  Objects in magazines count as
 * in use in /proc/slabinfo, as Linux's per-CPU caches do.
 *
 * Locking: each cache has its own spinlock (LOCK_RANK_HEAP) guarding its
 * slab_cache, taken with interrupts off.  The page allocator ranks below
 * the heap, so pages are allocated and freed with the cache lock dropped:
 * grow = unlock, alloc_pages, relock, slab_grow; shrink = slab_reap under
 * the lock, free_pages after.  Caches are never destroyed.
 */
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/irq.h>
#include <platform/spinlock.h>
#include "pmm.h"
#include "slab.h"

#define KMALLOC_MIN_SHIFT 3
#define KMALLOC_MAX_SHIFT 11
#define KMALLOC_MAX_SIZE  (1UL << KMALLOC_MAX_SHIFT)
#define KMALLOC_NCLASSES  (KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)

#define MAG_MAX 16

struct magazine {
	unsigned n;
	void *obj[MAG_MAX];
};

struct kmem_cache {
	struct spinlock lock;
	struct slab_cache sc;	       /* guarded by lock; sc.size/order/name are constant */
	unsigned mag_cap;	       /* objects a magazine holds: fewer for big objects */
	struct magazine mag[MAX_CPUS]; /* each CPU's own, interrupts off */
};

static const struct slab_page_ops kernel_pages = {
	.address = page_address,
	.lookup = virt_to_page,
};

static const char *const class_names[KMALLOC_NCLASSES] = {
	"kmalloc-8",   "kmalloc-16",  "kmalloc-32",   "kmalloc-64",   "kmalloc-128",
	"kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
};
static struct kmem_cache kmalloc_caches[KMALLOC_NCLASSES];
static struct kmem_cache cache_cache; /* holds kmem_cache_create()'s caches */
static bool heap_ready;		      /* set once by kmalloc_init() */

static int cache_setup(struct kmem_cache *c, const char *name, size_t size, size_t align)
{
	spin_lock_init(&c->lock, name, LOCK_RANK_HEAP);
	c->mag_cap =
		(unsigned)MIN(MAX(2 * PAGE_SIZE / MAX(size, 1ul), 4ul), (unsigned long)MAG_MAX);
	for (unsigned i = 0; i < MAX_CPUS; i++)
		c->mag[i].n = 0;
	return slab_cache_init(&c->sc, name, size, align, &kernel_pages);
}

void kmalloc_init(void)
{
	int err = cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0);

	BUG_ON(err);
	for (unsigned i = 0; i < KMALLOC_NCLASSES; i++) {
		size_t size = 1UL << (i + KMALLOC_MIN_SHIFT);

		err = cache_setup(&kmalloc_caches[i], class_names[i], size, size);
		BUG_ON(err);
	}
	heap_ready = true;
}

bool kmem_cache_stat(unsigned i, struct kmem_cache_stat *st)
{
	struct kmem_cache *c;
	irqflags_t f;

	if (i > KMALLOC_NCLASSES || !heap_ready)
		return false;
	c = i == 0 ? &cache_cache : &kmalloc_caches[i - 1];
	f = spin_lock_irqsave(&c->lock);
	st->name = c->sc.name;
	st->objsize = c->sc.size;
	st->objperslab = c->sc.per_slab;
	st->pagesperslab = 1UL << c->sc.order;
	st->active_objs = c->sc.inuse;
	st->num_slabs = 0;
	for (unsigned s = 0; s < SLAB_NSTATES; s++)
		st->num_slabs += c->sc.nr_slabs[s];
	st->active_slabs = st->num_slabs - c->sc.nr_slabs[SLAB_EMPTY];
	st->num_objs = st->num_slabs * c->sc.per_slab;
	spin_unlock_irqrestore(&c->lock, f);
	return true;
}

/* `name` must outlive the cache.  NULL if out of memory or if size/align
 * are unusable (see slab_cache_init()). */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align)
{
	struct kmem_cache *c;

	ASSERT(heap_ready);
	c = kmem_cache_alloc(&cache_cache);
	if (!c)
		return NULL;
	if (cache_setup(c, name, size, align)) {
		kmem_cache_free(&cache_cache, c);
		return NULL;
	}
	return c;
}

/* Refill this CPU's empty magazine `m` with up to half its capacity and
 * take one object (interrupts off); NULL if the slab has none left. */
static void *refill(struct kmem_cache *c, struct magazine *m)
{
	void *obj;

	spin_lock(&c->lock);
	obj = slab_alloc(&c->sc);
	while (obj && m->n < c->mag_cap / 2) {
		void *more = slab_alloc(&c->sc);

		if (!more)
			break;
		m->obj[m->n++] = more;
	}
	spin_unlock(&c->lock);
	return obj;
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	irqflags_t f = irq_save();
	struct magazine *m = &c->mag[cpu_id()];
	void *obj = m->n ? m->obj[--m->n] : refill(c, m);
	struct page *p;

	irq_restore(f);
	if (obj)
		return obj;
	p = alloc_pages(0, c->sc.order);
	if (!p)
		return NULL;
	f = spin_lock_irqsave(&c->lock);
	slab_grow(&c->sc, p);
	obj = slab_alloc(&c->sc);
	spin_unlock_irqrestore(&c->lock, f);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *c)
{
	void *obj = kmem_cache_alloc(c);

	if (obj)
		memset(obj, 0, c->sc.size);
	return obj;
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct page *surplus = NULL;
	struct magazine *m;
	irqflags_t f;
	int err = 0;

	if (!obj)
		return;
	if (!slab_owns(&c->sc, obj)) /* checked now: a magazine hands it out again */
		panic("kmem_cache_free: %p is not an object of %s", obj, c->sc.name);
	f = irq_save();
	m = &c->mag[cpu_id()];
	if (CONFIG_ASSERTS) {
		/* a double free of an object still in the magazine */
		for (unsigned i = 0; i < m->n; i++) {
			if (m->obj[i] == obj)
				panic("kmem_cache_free: %p freed twice (%s)", obj, c->sc.name);
		}
	}
	if (m->n < c->mag_cap) {
		m->obj[m->n++] = obj;
		irq_restore(f);
		return;
	}
	/* full: half of it, and this one, go back to the slabs */
	spin_lock(&c->lock);
	err = slab_free(&c->sc, obj);
	while (!err && m->n > c->mag_cap / 2)
		err = slab_free(&c->sc, m->obj[--m->n]);
	if (!err)
		surplus = slab_reap(&c->sc, SLAB_KEEP_EMPTY);
	spin_unlock(&c->lock);
	irq_restore(f);
	if (err)
		panic("kmem_cache_free: %p is not an allocated object of %s", obj, c->sc.name);
	if (surplus)
		free_pages(surplus, c->sc.order);
}

void kmem_cache_drain(struct kmem_cache *c)
{
	irqflags_t f = irq_save();
	struct magazine *m = &c->mag[cpu_id()];
	struct page *surplus;
	int err = 0;

	spin_lock(&c->lock);
	while (!err && m->n)
		err = slab_free(&c->sc, m->obj[--m->n]);
	surplus = slab_reap(&c->sc, SLAB_KEEP_EMPTY);
	spin_unlock(&c->lock);
	irq_restore(f);
	BUG_ON(err);
	while (surplus) { /* slab_reap hands back one block at a time */
		free_pages(surplus, c->sc.order);
		f = spin_lock_irqsave(&c->lock);
		surplus = slab_reap(&c->sc, SLAB_KEEP_EMPTY);
		spin_unlock_irqrestore(&c->lock, f);
	}
}

void kmalloc_drain(void)
{
	for (unsigned i = 0; i < KMALLOC_NCLASSES; i++)
		kmem_cache_drain(&kmalloc_caches[i]);
	kmem_cache_drain(&cache_cache);
}

static unsigned size_class(size_t size)
{
	if (size <= 1UL << KMALLOC_MIN_SHIFT)
		return 0;
	return (unsigned)(64 - __builtin_clzll((unsigned long long)size - 1)) - KMALLOC_MIN_SHIFT;
}

static void *alloc(size_t size, bool zero)
{
	struct page *p;
	unsigned order = 0;

	ASSERT(heap_ready);
	if (size <= KMALLOC_MAX_SIZE) {
		void *obj = kmem_cache_alloc(&kmalloc_caches[size_class(size)]);

		if (obj && zero)
			memset(obj, 0, size);
		return obj;
	}
	if (size > PAGE_SIZE << (MAX_ORDER - 1))
		return NULL;
	while (PAGE_SIZE << order < size)
		order++;
	p = alloc_pages(zero ? PAF_ZERO : 0, order);
	return p ? page_address(p) : NULL;
}

/* kmalloc(0) returns a smallest object, not NULL. */
void *kmalloc(size_t size)
{
	return alloc(size, false);
}

void *kzalloc(size_t size)
{
	return alloc(size, true);
}

void kfree(const void *obj)
{
	struct page *p;

	if (!obj)
		return;
	p = virt_to_page(obj);
	if (p && (p->flags & PG_SLAB)) {
		struct slab_cache *sc = slab_head(p)->owner;

		kmem_cache_free(container_of(sc, struct kmem_cache, sc), (void *)obj);
		return;
	}
	if (!p || !IS_ALIGNED((uintptr_t)obj, PAGE_SIZE) || !(p->flags & PG_ALLOC))
		panic("kfree: %p was not allocated by kmalloc", obj);
	free_pages(p, p->order);
}
