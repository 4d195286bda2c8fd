/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * A host implementation of the service API (kevlar_vfs/service.h) for unit
 * tests of ring-2 services: link tests/host/include/hosttest/service_stub.c
 * (name it on the test's `hosttest-sources:` line) and add
 * `-Ilibs/kevlar_vfs/include` to its `hosttest-cflags:`.
 *
 * Same semantics as the kernel's kernel/fs/service_api.c: svc_inode_alloc()
 * returns one reference and rejects a bad kind or NULL ops; the last
 * inode_put() calls sb->ops->evict, then frees the inode; iobuf_put/get
 * check the range (-EFAULT past the end).  Differences, by design: a user
 * iobuf gives -EFAULT (but see stub_user_good) (there is no user memory on the host), memory
 * comes from calloc, locks are a held flag (locking a held lock or
 * unlocking a free one fails the test), and svc_now() is STUB_NOW plus
 * stub_clock seconds (a test moves time forward to see timestamps change).
 *
 * Counters let a test prove a service frees everything, and an allocation
 * countdown lets it fail the n-th allocation to test -ENOMEM paths.  A few
 * helpers call through the ops tables the way kernel/fs/dispatch.c does
 * (without its argument checks), so tests read like VFS users.
 */
#pragma once

#include <kevlar_vfs/service.h>

/* Ring 1's inode_put (kernel/vfs.h), which tests call as the VFS would;
 * the service calls svc_inode_put.  The token is the host profile's empty
 * one (tests/host/config.h), so the stub checks none. */
void inode_put(struct inode *ino);
static inline void inode_get(struct inode *i)
{
	i->refs++;
}

/* The machine's RAM the stub reports (svc_ram_pages): 256 MiB. */
#define STUB_RAM_PAGES 65536

#define STUB_NOW_SEC  1700000000
#define STUB_NOW_NSEC 123456789u

/* Live objects: allocations (svc_alloc, svc_alloc_page, svc_lock_new) not
 * yet freed, and inodes not yet released by their last inode_put(). */
extern long stub_live_allocs;
/* Bytes svc_crc32c has checksummed so far. */
extern long stub_crc_bytes;
extern long stub_live_inodes;
extern long stub_evictions; /* sb->ops->evict calls so far */

/* iobuf_put_upto/iobuf_get_upto treat a user iobuf as memory at its kbuf
 * that faults after its first stub_user_good bytes (iobuf_put/get still
 * refuse it), so a test can check a service's partial transfers;
 * stub_reset() sets it to 0. */
extern size_t stub_user_good;

/* Seconds svc_now() adds to STUB_NOW_SEC; stub_reset() sets it to 0. */
extern long stub_clock;

/* What svc_creator() answers (the creating process's fsuid and fsgid);
 * stub_reset() sets both to 0. */
extern uint32_t stub_fsuid, stub_fsgid;

/* When > 0, counts allocations down (svc_alloc, svc_alloc_page,
 * svc_lock_new, svc_inode_alloc); the one that brings it to 0 fails. */
extern long stub_fail_countdown;

/* The bytes of a frame (svc_page_alloc), as a process mapping it sees them. */
void *stub_page_data(struct svc_page *pg);
/* The stub page cache (svc_pcache_*): the uptodate cached page, or NULL;
 * drop an inode's pages (NULL: all), as inode_put does; write the dirty
 * pages of `ino` below `size` through its writepage, as writeback does. */
struct svc_page *stub_pcache_page(struct inode *ino, uint64_t pgoff);
void stub_pcache_drop(struct inode *ino);
int stub_pcache_writeback(struct inode *ino, uint64_t size);
bool stub_pcache_dirty(struct inode *ino); /* has it dirty pages? */

/* The last line a service logged (svc_log). */
extern char stub_last_log[256];

/* Zero every counter and forget registered filesystem types. */
void stub_reset(void);

/* The type registered under `name` by vfs_register_fs(), or NULL. */
const struct fs_type *stub_find_fs(const char *name);

/* ---- calling a service (a test-side dispatcher) ---- */

/* stat through the inode's table; st->dev and st->ino are set from the
 * inode as vfs_stat() does.  -EIO for an empty slot. */
int stub_stat(struct inode *i, struct vfs_stat *st);

/* Look up a relative path ("a/b/c"; "" is `root` itself) component by
 * component without following symlinks: 0 with a new reference in *out,
 * the lookup's errno, or -ENOTDIR through a non-directory. */
int stub_lookup_path(struct inode *root, const char *path, struct inode **out);
/* The inode at `path` (a new reference); fails the test if there is none. */
struct inode *stub_get(struct inode *root, const char *path);
/* statfs through sb's table from defaults of 1000 blocks and 1000 files,
 * all free: what is in use (*blocks, *files) and *bfree. */
int stub_statfs_used(struct vfs_sb *sb, uint64_t *blocks, uint64_t *bfree, uint64_t *files);
/* The error looking up `path` gives, 0 if it exists (the reference dropped). */
int stub_lookup_err(struct inode *root, const char *path);

/* read() into a kernel buffer: what the slot returns (-EINVAL if empty). */
ssize_t stub_read(struct inode *i, uint64_t off, void *buf, size_t len);

struct stub_dirent {
	char name[256]; /* NUL-terminated copy */
	size_t len;
	uint64_t ino;
	unsigned type;
};

/* readdir() from *pos, accepting at most `budget` entries (then emit
 * returns 1, as a full getdents buffer does; budget < 0: no limit) into
 * out[0..max).  Returns the number accepted, or the op's -errno. */
long stub_readdir(struct inode *dir, uint64_t *pos, long budget, struct stub_dirent *out,
		  size_t max);
