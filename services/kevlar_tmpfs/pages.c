/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_tmpfs: the sparse page index of a regular file.  A radix tree
 * whose nodes are pages of 512 pointers: with height h, index bits
 * 9(h-1)..9h-1 pick the root's slot and the last level holds data pages.
 * The tree grows upwards when an index does not fit and shrinks back after
 * a truncate, so a file with a few pages far apart costs a few index
 * pages, and a 1 MiB file with holes only the pages written.  Index nodes
 * are the service's own pages (svc_alloc_data_page); the data pages are
 * frames held by handle (svc_page_alloc), what processes map.  Pure data
 * structure: the caller holds the file's lock.
 */
#include <klib/compiler.h>
#include <klib/string.h>
#include "node.h"

#define FAN_SHIFT  9
#define FAN	   (1u << FAN_SHIFT)
#define MAX_HEIGHT 6 /* 6 * 9 + 12 = 66 bits cover every offset below 2^63 */

/* How many indexes a subtree of `height` levels covers. */
static uint64_t span(unsigned height)
{
	return 1ull << (FAN_SHIFT * height);
}

static unsigned slot_at(uint64_t idx, unsigned level)
{
	return (unsigned)(idx >> (FAN_SHIFT * (level - 1))) & (FAN - 1);
}

struct svc_page *tmpfs_page_find(const struct tmpfs_pages *p, uint64_t idx)
{
	void **node = p->root;

	if (!node || idx >= span(p->height))
		return NULL;
	for (unsigned level = p->height; level > 1 && node; level--)
		node = node[slot_at(idx, level)];
	return node ? node[slot_at(idx, 1)] : NULL;
}

struct svc_page *tmpfs_page_get(struct tmpfs_pages *p, uint64_t idx)
{
	void **node, **slot;

	if (!p->root) {
		unsigned h = 1;

		while (h < MAX_HEIGHT && idx >= span(h))
			h++;
		p->root = svc_alloc_data_page(p->cap);
		if (!p->root)
			return NULL;
		p->height = h;
	}
	while (p->height < MAX_HEIGHT && idx >= span(p->height)) {
		void **top = svc_alloc_data_page(p->cap);

		if (!top)
			return NULL;
		top[0] = p->root;
		p->root = top;
		p->height++;
	}
	if (idx >= span(p->height))
		return NULL;
	node = p->root;
	for (unsigned level = p->height; level > 1; level--) {
		slot = &node[slot_at(idx, level)];
		if (!*slot) {
			*slot = svc_alloc_data_page(p->cap);
			if (!*slot)
				return NULL; /* an empty index node stays; trunc frees it */
		}
		node = *slot;
	}
	slot = &node[slot_at(idx, 1)];
	if (!*slot) {
		*slot = svc_page_alloc(p->cap, SVC_PAGE_DATA);
		if (!*slot)
			return NULL;
		p->count++;
	}
	return *slot;
}

/* Free what lies at indexes from..to-1 under `node` (covering `level`
 * levels from index `base`); true if the node is left empty. */
static bool trim(struct tmpfs_pages *p, void **node, unsigned level, uint64_t base, uint64_t from,
		 uint64_t to)
{
	uint64_t each = span(level - 1);
	bool empty = true;

	for (unsigned i = 0; i < FAN; i++) {
		uint64_t start = base + i * each;

		if (!node[i])
			continue;
		if (start + each <= from || start >= to) {
			empty = false;
			continue;
		}
		if (level == 1) {
			svc_page_put(p->cap, node[i]);
			p->count--;
		} else if (trim(p, node[i], level - 1, start, from, to)) {
			svc_free_page(p->cap, node[i]);
		} else {
			empty = false;
			continue;
		}
		node[i] = NULL;
	}
	return empty;
}

/* true if only slot 0 of an index node is used */
static bool only_first(void **node)
{
	for (unsigned i = 1; i < FAN; i++) {
		if (node[i])
			return false;
	}
	return true;
}

void tmpfs_pages_punch(struct tmpfs_pages *p, uint64_t from, uint64_t to)
{
	if (!p->root || from >= span(p->height) || from >= to)
		return;
	if (trim(p, p->root, p->height, 0, from, to)) {
		svc_free_page(p->cap, p->root);
		p->root = NULL;
		p->height = 0;
		return;
	}
	while (p->height > 1 && only_first(p->root)) {
		void **top = p->root;

		p->root = top[0];
		p->height--;
		svc_free_page(p->cap, top);
	}
}

void tmpfs_pages_trunc(struct tmpfs_pages *p, uint64_t from)
{
	tmpfs_pages_punch(p, from, UINT64_MAX);
}
