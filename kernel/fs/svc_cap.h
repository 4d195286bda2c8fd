/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Capability tokens at the ring-1/ring-2 boundary (BRIEF §2.7; the token
 * type is in kevlar_vfs/service.h) and the checked dispatch of
 * CONFIG_DISPATCH_CHECKED.  Ring 1 mints an instance's token before its
 * service's mount() runs and revokes it when it frees the vfs_sb; each
 * service-API call checks the token it is given (svc_cap_ok) in fortress.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <kevlar_vfs/service.h>

/* Give `sb` its token (sb->cap), before its fs_type's mount() runs.
 * 0, or -ENOMEM (fortress: every registry slot is taken).  May sleep. */
int svc_cap_mint(struct vfs_sb *sb) __must_check;

/* `sb` is about to be freed (after its service's release and the last
 * evict): its token, and every copy of it, is refused from now on.  A
 * no-op for an instance that holds no token (never minted, or revoked). */
void svc_cap_revoke(struct vfs_sb *sb);

#if CONFIG_CAP_RUNTIME
/* The body of svc_cap_ok(): true if `cap` is the token of a live instance
 * (and, `sb` non-NULL, of that one).  Otherwise logs `call` with `caller`
 * (the service's call site), counts the refusal, marks the instance failed
 * when the token names a live one with the wrong secret, and returns false. */
bool svc_cap_check(struct svc_cap cap, const struct vfs_sb *sb, const char *call,
		   const void *caller) __must_check;
/* `sb`'s token if the registry holds it as live for `sb`, else 0: what
 * the kernel's record of the instance keeps from its first crossing on
 * (contain.h), so that each service-API call during a crossing compares
 * one word (svc_cap_entered_ok).  Takes no lock, never sleeps. */
uint64_t svc_cap_entered(const struct vfs_sb *sb);
/* At the top of each service-API function: may this call go on?  The
 * token the crossing in progress checked (contain.h), or else the full
 * check.  A macro only so that the logged call site is the service's. */
#define svc_cap_ok(cap, sb, call)                   \
	(likely(svc_cap_entered_ok((cap), (sb))) || \
	 svc_cap_check(cap, sb, call, __builtin_return_address(0)))
/* The same, given the crossing's frame `f` (svc_current_frame()). */
#define svc_cap_ok_in(f, cap, sb, call)                     \
	(likely(svc_cap_entered_ok_in((f), (cap), (sb))) || \
	 svc_cap_check(cap, sb, call, __builtin_return_address(0)))
#else
/* Tokens are checked by the compiler alone (CAP_STATIC), or not at all. */
#define svc_cap_ok(cap, sb, call)	((void)(sb), true)
#define svc_cap_ok_in(f, cap, sb, call) ((void)(f), (void)(sb), true)
#endif

/* Tokens refused since boot (fortress; always 0 elsewhere). */
unsigned long svc_cap_refusals(void);

/*
 * CONFIG_DISPATCH_CHECKED: may a dispatch wrapper call through the ops
 * table `ops` on `sb`?  True on ring 1's own kinds (sb NULL or not a
 * service) and when `ops` is one of the tables sb's fs_type lists
 * (fs_type.ops_tables).  Otherwise the call is refused: logged, counted
 * with the token refusals, the instance marked failed, and the wrapper
 * returns -EIO without entering the service.  Never sleeps, takes no lock.
 */
bool svc_ops_ok(const struct vfs_sb *sb, const void *ops) __must_check;

/* What a dispatch wrapper calls before entering a service through `ops`:
 * svc_ops_ok() where the profile checks dispatch (fortress), else true.
 * On false the wrapper returns -EIO (or its op's failure value). */
static inline bool svc_ops_checked(const struct vfs_sb *sb, const void *ops)
{
	return !CONFIG_DISPATCH_CHECKED || svc_ops_ok(sb, ops);
}
