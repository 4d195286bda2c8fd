/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Capability tokens of service instances, and the ops-table check of
 * checked dispatch (svc_cap.h).
 *
 * In fortress (CONFIG_CAP_RUNTIME) a token is one 64-bit word: a registry
 * slot (bits 0-15), the slot's generation (16-31) and a random secret
 * (32-63, never 0).  The registry is up to 256 chunks of 256 slots,
 * allocated as mounts need them and never freed, so a check indexes it
 * with the token's slot number and compares one word: it never follows a
 * pointer the service gave it, and needs no lock.  Minting and revoking
 * write a slot under cap_lock; the slot's key is published last (release)
 * and cleared first, so a check that sees the key (acquire) sees the slot's
 * instance.  A revoked slot keeps its generation and its service's name,
 * to name a stale token's service; the next mint there bumps the
 * generation, so a stale token matches again only if the slot is reused
 * 65536 times and the 32-bit secret repeats.
 *
 * Other profiles mint nothing: the token is an empty struct.
 */
#include <klib/errno.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/spinlock.h>
#include <kernel/random.h>
#include "contain.h"
#include "svc_cap.h"

static unsigned long refusals; /* atomic */

unsigned long svc_cap_refusals(void)
{
	return __atomic_load_n(&refusals, __ATOMIC_RELAXED);
}

static void count_refusal(void)
{
	__atomic_add_fetch(&refusals, 1, __ATOMIC_RELAXED);
}

#if CONFIG_CAP_RUNTIME

#define CHUNK_SLOTS 256
#define MAX_CHUNKS  256 /* 65536 slots: the token's 16-bit slot number */

struct cap_slot {
	uint64_t key;	   /* the live token, 0 when free: atomic, written under cap_lock */
	struct vfs_sb *sb; /* cap_lock: the instance while key is set */
	uint16_t gen;	   /* cap_lock: the generation of the last token minted here */
	const char *name;  /* cap_lock: that token's service (kept after revoke) */
};

/* A leaf lock: nothing (not even the log) is taken under it. */
static struct spinlock cap_lock = SPINLOCK_INIT("svc_cap", LOCK_RANK_NONE);
static struct cap_slot *chunks[MAX_CHUNKS]; /* atomic; set once under cap_lock */
static unsigned nchunks;		    /* cap_lock */

static struct cap_slot *slot_of(uint64_t v)
{
	unsigned idx = v & 0xffff;
	struct cap_slot *chunk = __atomic_load_n(&chunks[idx / CHUNK_SLOTS], __ATOMIC_ACQUIRE);

	return chunk ? &chunk[idx % CHUNK_SLOTS] : NULL;
}

/* A free slot's number, or -1; cap_lock held. */
static int free_slot(void)
{
	for (unsigned c = 0; c < nchunks; c++) {
		for (unsigned i = 0; i < CHUNK_SLOTS; i++) {
			if (!chunks[c][i].key && !chunks[c][i].sb)
				return (int)(c * CHUNK_SLOTS + i);
		}
	}
	return -1;
}

int svc_cap_mint(struct vfs_sb *sb)
{
	struct cap_slot *spare = NULL, *s;
	uint32_t secret = 0;
	irqflags_t flags;
	int idx;

	bool full;

	while (!secret)
		random_bytes(&secret, sizeof(secret));
	for (;;) {
		flags = spin_lock_irqsave(&cap_lock);
		idx = free_slot();
		if (idx >= 0)
			break;
		full = nchunks == MAX_CHUNKS;
		if (spare && !full) {
			/* release: a check that finds the chunk sees it zeroed */
			__atomic_store_n(&chunks[nchunks++], spare, __ATOMIC_RELEASE);
			spare = NULL;
			spin_unlock_irqrestore(&cap_lock, flags);
			continue;
		}
		spin_unlock_irqrestore(&cap_lock, flags);
		if (full) {
			kfree(spare);
			return -ENOMEM;
		}
		spare = kzalloc(CHUNK_SLOTS * sizeof(*spare));
		if (!spare)
			return -ENOMEM;
	}
	s = &chunks[idx / CHUNK_SLOTS][idx % CHUNK_SLOTS];
	s->gen++;
	s->sb = sb;
	s->name = sb->type ? sb->type->name : "?";
	sb->cap.v = (uint64_t)idx | (uint64_t)s->gen << 16 | (uint64_t)secret << 32;
	__atomic_store_n(&s->key, sb->cap.v, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&cap_lock, flags);
	kfree(spare); /* another mint added a chunk first */
	return 0;
}

void svc_cap_revoke(struct vfs_sb *sb)
{
	struct cap_slot *s = sb->cap.v ? slot_of(sb->cap.v) : NULL;
	irqflags_t flags;

	if (!s)
		return;
	flags = spin_lock_irqsave(&cap_lock);
	if (s->key == sb->cap.v && s->sb == sb) {
		__atomic_store_n(&s->key, 0, __ATOMIC_RELEASE);
		s->sb = NULL;
	}
	spin_unlock_irqrestore(&cap_lock, flags);
	sb->cap.v = 0;
}

uint64_t svc_cap_entered(const struct vfs_sb *sb)
{
	uint64_t v = READ_ONCE(sb->cap.v);
	struct cap_slot *s = v ? slot_of(v) : NULL;

	/* acquire: pairs with the mint's release of key, after s->sb */
	if (s && __atomic_load_n(&s->key, __ATOMIC_ACQUIRE) == v &&
	    __atomic_load_n(&s->sb, __ATOMIC_RELAXED) == sb)
		return v;
	return 0;
}

/* Why `v` was refused; the service it names, and the instance to mark
 * failed when the token is surely its own (a live slot and generation
 * with the wrong secret: its memory holding the token is corrupt). */
static const char *classify(uint64_t v, const struct vfs_sb *want, const char **name)
{
	struct cap_slot *s = v ? slot_of(v) : NULL;
	const char *why = "forged (no such instance)";
	irqflags_t flags;

	*name = "an unknown service";
	if (!v)
		return "never minted";
	if (!s)
		return why;
	flags = spin_lock_irqsave(&cap_lock);
	if (s->key == v) {
		*name = s->name;
		why = want ? "another instance's" : "valid"; /* valid: revoked meanwhile */
	} else if ((uint16_t)(v >> 16) != s->gen) {
		why = "stale or forged (an old generation)";
	} else if (!s->key) {
		*name = s->name;
		why = "stale (its instance was released)";
	} else {
		*name = s->name;
		why = "forged (wrong secret)";
		__atomic_store_n(&s->sb->failed, true, __ATOMIC_RELEASE);
	}
	spin_unlock_irqrestore(&cap_lock, flags);
	return why;
}

bool svc_cap_check(struct svc_cap cap, const struct vfs_sb *sb, const char *call,
		   const void *caller)
{
	struct cap_slot *s = cap.v ? slot_of(cap.v) : NULL;
	const char *name, *why;

	/* acquire: pairs with the mint's release of key, after s->sb */
	if (s && __atomic_load_n(&s->key, __ATOMIC_ACQUIRE) == cap.v &&
	    (!sb || __atomic_load_n(&s->sb, __ATOMIC_RELAXED) == sb))
		return true;
	why = classify(cap.v, sb, &name);
	count_refusal();
	pr_warn("svc_cap: %s from %s (called at %p) refused: %s token %#llx\n", call, name, caller,
		why, (unsigned long long)cap.v);
	return false;
}

#else /* !CONFIG_CAP_RUNTIME */

int svc_cap_mint(struct vfs_sb *sb)
{
	return 0;
}

void svc_cap_revoke(struct vfs_sb *sb)
{
}

#endif

bool svc_ops_ok(const struct vfs_sb *sb, const void *ops)
{
	const void *const *t;

	if (!svc_contained(sb))
		return true;
	for (t = sb->type ? sb->type->ops_tables : NULL; t && *t; t++) {
		if (*t == ops)
			return true;
	}
	count_refusal();
	pr_warn("svc: %s: a call through ops table %p, which its service did not register, "
		"refused\n",
		sb->type ? sb->type->name : "?", ops);
	/* the instance is shared state the checked call was about to enter */
	__atomic_store_n(&((struct vfs_sb *)sb)->failed, true, __ATOMIC_RELEASE);
	return false;
}
