/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Fault injection into ring-2 services (contain.h's svc_inject_take).  An
 * injection is written SERVICE:OP[:NTH[:KIND]]: SERVICE an fs_type name
 * (tmpfs, rootfs alias initramfs), OP one of svc_op_names, NTH the matching call that
 * faults (default 1), KIND one of panic, assert, pagefault, gp, ud, div0
 * (default panic).  SERVICE@DEV limits it to the one instance whose device
 * is 0:DEV (mountinfo's third field, minor(st_dev) of its files); without
 * it every instance of the service counts.  Several are separated by commas.  They are armed by
 * inject= on the kernel command line (repeatable) and at run time by a
 * write to /proc/sys/kevlar/inject; each is one-shot.
 *
 * inject_spec.c parses and prints specs (no state; host-tested);
 * inject.c holds the armed table.
 */
#pragma once

#include <klib/types.h>
#include "contain.h"

#define INJECT_SERVICE_MAX 16 /* an fs_type name, NUL included */
#define INJECT_SPEC_MAX	   64 /* one spec as text, NUL included */
#define INJECT_MAX	   16 /* armed at once */

struct inject_spec {
	char service[INJECT_SERVICE_MAX];
	bool has_dev; /* only the instance whose dev_id is `dev` */
	uint32_t dev;
	enum svc_op op;
	uint32_t nth; /* >= 1 */
	enum svc_fault kind;
};

/* "panic", "assert", ... (NULL for SVC_FAULT_NONE). */
extern const char *const svc_fault_names[SVC_FAULT_COUNT];

/* Parse one spec (s[0..len), no comma, no blanks) into *out: 0, or
 * -EINVAL for a missing service, an unknown op or kind, an NTH or DEV that
 * is not a decimal (NTH 1..UINT32_MAX, DEV 0..UINT32_MAX), an empty or
 * extra field. */
int inject_parse(const char *s, size_t len, struct inject_spec *out);

/* A comma-separated list: calls fn for each spec, after every one parsed
 * (none is passed when one is bad).  Blanks (spaces, tabs, newlines) around
 * the list and around each spec are ignored.  The number of specs (0 for
 * an empty list), or -EINVAL; more than INJECT_MAX is -EINVAL too. */
int inject_parse_list(const char *s, size_t len, struct inject_spec out[INJECT_MAX]);

/* SERVICE[@DEV]:OP:NTH:KIND into buf (NUL-terminated, cut to size): the length
 * it needs, as snprintf. */
int inject_format(const struct inject_spec *spec, char *buf, size_t size);

/* ---- inject.c ---- */

/* Arm `spec` (its service must be a registered fs_type, or "initramfs"
 * for "rootfs"): 0, -EINVAL for an unknown service, -ENOSPC when
 * INJECT_MAX are armed. */
int inject_arm(const struct inject_spec *spec);
void inject_disarm_all(void);
/* The fault for a call of driver `name`'s `op` (the driver gate's
 * svc_inject_take): SVC_FAULT_NONE or the kind of the injection due. */
enum svc_fault inject_take_named(const char *name, enum svc_op op);
/* Faults handed out by svc_inject_take since boot. */
uint64_t inject_fired(void);
