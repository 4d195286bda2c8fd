/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Filesystem events for inotify (kernel/fs/inotify.c).  The VFS reports
 * what happened where, with Linux's IN_* bits; every inotify watch on the
 * inode (or, for an event on a directory's entry, on the directory) that
 * asked for it queues an event.  The calls cost one load while no watch
 * exists anywhere.  Callers hold no spinlock; the calls may allocate but
 * never sleep.
 */
#pragma once

#include <klib/types.h>
#include <kernel/dnotify.h>

struct file;
struct inode;
struct path_component;
struct vfs_sb;

extern int fsnotify_nwatches; /* atomic: watches in the system (the fast path) */

static inline bool fsnotify_active(void)
{
	return __atomic_load_n(&fsnotify_nwatches, __ATOMIC_RELAXED) != 0;
}

/* Something happened to `ino` itself (IN_ATTRIB, IN_MODIFY, IN_MOVE_SELF,
 * IN_DELETE_SELF...): its own watches hear it, without a name. */
void fsnotify_inode(struct inode *ino, uint32_t mask);
/* `child` (may be NULL) is the subject of an event on the entry `name`
 * of `dir` (IN_CREATE, IN_DELETE, IN_MOVED_FROM/TO with `cookie`):
 * dir's watches hear it with the name (IN_ISDIR for a directory). */
void fsnotify_entry(struct inode *dir, struct inode *child, uint32_t mask, const char *name,
		    size_t len, uint32_t cookie);
/* An event on the file `pc` names (IN_ACCESS, IN_MODIFY, IN_ATTRIB,
 * IN_OPEN, IN_CLOSE_*): its parent directory's watches hear it with the
 * name, then its own watches. */
void fsnotify_path(struct path_component *pc, uint32_t mask);
/* The same for an open file (its path, or its inode alone). */
void fsnotify_file_event(struct file *f, uint32_t mask);
static inline void fsnotify_file(struct file *f, uint32_t mask)
{
	/* every read and write passes here: nothing watched, nothing called */
	if (fsnotify_active() || dnotify_active())
		fsnotify_file_event(f, mask);
}
/* `ino` lost a link: IN_ATTRIB, and when none is left IN_DELETE_SELF and
 * its watches go (IN_IGNORED). */
void fsnotify_unlinked(struct inode *ino);
/* The same without the IN_ATTRIB: a name of `ino` went (a directory's
 * always ends it).  The caller holds one reference to it. */
void fsnotify_gone(struct inode *ino);
/* A new IN_MOVED_FROM/IN_MOVED_TO cookie. */
uint32_t fsnotify_cookie(void);
/* The instance `sb` is unmounted: IN_UNMOUNT and IN_IGNORED for each
 * watch on one of its inodes, which then goes. */
void fsnotify_unmount(struct vfs_sb *sb);
