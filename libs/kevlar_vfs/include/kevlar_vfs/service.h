/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The narrow service API: everything a filesystem service (ring 2) may ask
 * of the kernel, and how the kernel finds a service.  Implemented by ring 1
 * (kernel/fs/service_api.c); a service includes only this and the other
 * libs/ headers, so the export check (tools/check/exports.py) holds it to
 * exactly these calls.  Categories, as BRIEF §2 names them: memory (pages
 * and objects), locks, time, blocks (block devices and their buffer cache), and the
 * inode/iobuf helpers.  Locks taken here are released by the containment
 * wrapper if the service faults while holding them.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <kevlar_vfs/inode.h>
#include <kevlar_vfs/types.h>

/* ---- capability tokens ---- */

/*
 * A service instance's token (BRIEF §2.7), minted by the kernel at mount
 * before the fs_type's mount() runs and kept in sb->cap.  The service
 * presents it as the first argument of every call below that acquires,
 * uses or releases something on behalf of its instance: memory, locks,
 * inodes.  In fortress (CONFIG_CAP_RUNTIME) it is a slot, generation and
 * secret the kernel checks at each call against its registry of live
 * instances, never dereferencing it: a forged token (wrong secret) or a
 * stale one (its instance released) is refused, logged and counted, and
 * the call returns its failure value (NULL; a release or lock call does
 * nothing).  Otherwise it is an empty struct: a distinct type the compiler
 * checks (CONFIG_CAP_STATIC), passed in no register, so it costs nothing.
 *
 * No token: iobuf_* (the iobuf the kernel hands an op is itself the
 * capability, bounded by the kernel, and valid for that call only);
 * svc_now, svc_ram_pages, svc_creator, svc_crc32c and svc_log (calls that reach no instance's
 * state, grant nothing and have no failure value); vfs_register_fs (boot
 * time, before any instance exists).
 */
#if CONFIG_CAP_RUNTIME
struct svc_cap {
	uint64_t v; /* slot, generation, secret: kernel/fs/svc_cap.c */
};
#else
struct svc_cap {
};
#endif

/* ---- service instances (mounts) ---- */

struct vfs_sb_ops {
	/*
	 * Extended attributes of any inode of the instance.  `name` is the
	 * full name with its namespace ("user.x"), NUL-terminated, 1..255
	 * bytes; the kernel has already refused what Linux's VFS refuses
	 * whatever the filesystem (user.* on anything but a regular file or
	 * directory, a read-only instance).  The service refuses a namespace
	 * it does not keep (-EOPNOTSUPP) and a bare prefix ("user.", -EINVAL).
	 * getxattr copies the value into `buf` and returns its length; an
	 * empty `buf` asks only for the length; -ERANGE when it does not fit,
	 * -ENODATA when there is no such attribute.  setxattr's `flags` are
	 * XATTR_CREATE (-EEXIST if present) and XATTR_REPLACE (-ENODATA if
	 * absent); `value` is kernel memory, at most 65536 bytes.  listxattr
	 * writes every name with its NUL, the same way.  Empty slots: the
	 * dispatcher answers -EOPNOTSUPP (listxattr: an empty list).
	 */
	ssize_t (*getxattr)(struct inode *ino, const char *name, struct iobuf *buf);
	int (*setxattr)(struct inode *ino, const char *name, const void *value, size_t size,
			int flags);
	ssize_t (*listxattr)(struct inode *ino, struct iobuf *buf);
	int (*removexattr)(struct inode *ino, const char *name);
	/* The inode flags of FS_IOC_GETFLAGS/FS_IOC_SETFLAGS (chattr/lsattr:
	 * FS_*_FL, linux/fs.h) of any inode of the instance.  setflags gets
	 * the whole new set after the kernel's checks (the mount writable,
	 * the caller the owner or CAP_FOWNER, FS_IMMUTABLE_FL and
	 * FS_APPEND_FL changed only with CAP_LINUX_IMMUTABLE); the service
	 * refuses what it cannot set (-EOPNOTSUPP).  Empty slots: the file's
	 * own ioctl answers (-ENOTTY). */
	int (*getflags)(struct inode *ino, uint32_t *flags);
	int (*setflags)(struct inode *ino, uint32_t flags);
	/* The last reference to `ino` is gone: free its private state. */
	void (*evict)(struct inode *ino);
	/* Unmount: release everything; the root's reference is already dropped.
	 * Inodes still referenced elsewhere must keep working until their last
	 * inode_put (a lazy unmount). */
	void (*release)(struct vfs_sb *sb);
	/* mount -o remount: the instance becomes read-only or writable and
	 * takes the options string `data` (NULL: none).  0, or -EINVAL to
	 * refuse (a bad option, a size below what is in use, a read-only
	 * service asked to write).  An empty slot accepts anything. */
	int (*remount)(struct vfs_sb *sb, bool read_only, const char *data, size_t len);
	/* The instance's own options as /proc/mounts lists them after the
	 * generic ones: each as ",name=value" (",size=1024k,mode=700"), only
	 * those not at their defaults, NUL-terminated in buf.  The length, or
	 * -ENAMETOOLONG if `size` is too small.  Empty slot: none. */
	int (*show_options)(struct vfs_sb *sb, char *buf, size_t size);
	/* statfs(2): adjust the defaults in *st (see struct vfs_statfs). */
	int (*statfs)(struct vfs_sb *sb, struct vfs_statfs *st);
	/* Make what the instance has changed durable: with `wait` (sync(2),
	 * syncfs(2), fsync(2) of a directory) everything, on the disk when it
	 * returns (a journal commits, the disk's cache is flushed); without
	 * (the kernel's flusher, every 5 s) only what is due, such as a
	 * journal transaction past its commit interval.  0 or -errno.  The
	 * kernel writes the buffer cache's dirty blocks itself afterwards.
	 * Empty: nothing beyond that. */
	int (*sync_fs)(struct vfs_sb *sb, bool wait);
};

struct vfs_sb {
	const struct fs_type *type;
	const struct vfs_sb_ops *ops;
	uint32_t dev_id;	   /* assigned by the kernel at mount */
	struct inode *root;	   /* set by the service's mount() */
	bool failed;		   /* set by containment: every later call gets -EIO */
	bool service;		   /* set by the kernel: a ring-2 instance, its calls contained */
	struct svc_instance *inst; /* the kernel's: containment's accounting */
	int mounts;		   /* atomic (kernel): its mounts; the last one gone releases it */
	bool released;		   /* (kernel) the release ran: its last mount is gone */
	int inside;		   /* atomic (kernel): crossings into it in progress */
	int holds;		   /* atomic (kernel): its inodes, plus one until released */
	bool read_only;		   /* set by the service's mount() or by the kernel (MS_RDONLY) */
	void *priv;
	char source[64]; /* mount(2)'s source, for /proc/mounts (kernel) */
	/* mount(2)'s MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_*ATIME... as they
	 * stand after the last remount (kernel) */
	unsigned long flags;
	int writers;	    /* atomic: open files that may write (kernel): remount ro is EBUSY */
	struct svc_cap cap; /* minted by the kernel before mount(); immutable */
};

struct inet_ops;

struct fs_type {
	const char *name; /* as in mount -t NAME */
	/* Fill in sb->ops, sb->root and sb->priv; `source` and `data` are
	 * mount(2)'s, `data` may be NULL.  0 or -errno. */
	int (*mount)(struct vfs_sb *sb, const char *source, const void *data, size_t len);
	/* Every ops table (struct file_ops, dir_ops, symlink_ops, vfs_sb_ops)
	 * the service's inodes and instances use, NULL-terminated: in fortress
	 * (CONFIG_DISPATCH_CHECKED) the kernel refuses a call through any
	 * other table on an instance of this type. */
	const void *const *ops_tables;
	/* Mounts a block device (ext2/3/4): /proc/filesystems lists it
	 * without "nodev". */
	bool requires_dev;
	/* Not mountable by mount(2) nor listed in /proc/filesystems: the
	 * kernel makes its instances itself (vfs_kern_mount), as the TCP/IP
	 * stack's. */
	bool internal;
	/* A service's protocol table beside the VFS ones: the TCP/IP stack's
	 * (kevlar_vfs/inet.h), called only through kernel/fs/dispatch_inet.c.
	 * NULL for a filesystem. */
	const struct inet_ops *inet;
};

/* ---- inodes and buffers ---- */

/* Allocate an inode of `kind` with `ops` (one reference) on the service's
 * own instance `sb`, or NULL (fortress: also when `sb` is not the
 * instance `cap` names). */
struct inode *svc_inode_alloc(struct svc_cap cap, struct vfs_sb *sb, enum inode_kind kind,
			      const void *ops, uint64_t ino);
/* Take a reference to one of the instance's inodes, for the service to
 * keep or to return from an op (the kernel then owns it). */
void svc_inode_get(struct svc_cap cap, struct inode *ino);
/* The same for an inode the service keeps without a reference (a cache):
 * false if its last reference is already gone (its evict is coming). */
bool svc_inode_tryget(struct svc_cap cap, struct inode *ino);
/* Drop a reference the service holds to one of the instance's inodes; the
 * last calls sb->ops->evict (which may be running this very call's
 * caller).  Dropping one it does not hold is its fault (containing
 * profiles: the instance fails). */
void svc_inode_put(struct svc_cap cap, struct inode *ino);

/* Copy n bytes into/out of an iobuf at offset `at`: 0 or -EFAULT. */
int iobuf_put(struct iobuf *b, size_t at, const void *src, size_t n) __must_check;
int iobuf_get(struct iobuf *b, size_t at, void *dst, size_t n) __must_check;

/* The same, stopping at the first user byte that faults: the number of bytes
 * moved (n unless the user buffer runs into a bad page; 0 for a range past
 * the buffer's end).  A read or write moves the bytes up to the fault and
 * returns that count, as Linux does; -EFAULT only when nothing moved. */
size_t iobuf_put_upto(struct iobuf *b, size_t at, const void *src, size_t n) __must_check;
size_t iobuf_get_upto(struct iobuf *b, size_t at, void *dst, size_t n) __must_check;

/* Is the buffer's address a multiple of `align` (a power of two)?
 * O_DIRECT's rule for the memory it moves. */
static inline bool iobuf_aligned(const struct iobuf *b, size_t align)
{
	uintptr_t a = b->user ? (__force uintptr_t)b->ubuf : (uintptr_t)b->kbuf;

	return !(a & (align - 1));
}

/* ---- memory ---- */

/* zeroed, like kzalloc; NULL if none */
void *svc_alloc(struct svc_cap cap, size_t size) __must_check;
/* the same, its contents undefined: for a buffer the caller fills before
 * it reads any of it (lwIP's pbufs), which saves zeroing it */
void *svc_alloc_raw(struct svc_cap cap, size_t size) __must_check;
void svc_free(struct svc_cap cap, const void *p);
void *svc_alloc_page(struct svc_cap cap) __must_check; /* one zeroed 4 KiB page */
/* The same for a file's own data (tmpfs): it leaves the last reserve of
 * memory to the processes' faults.  Both run the OOM killer and retry
 * before giving up (they may sleep). */
void *svc_alloc_data_page(struct svc_cap cap) __must_check;
void svc_free_page(struct svc_cap cap, void *page);
/* The machine's RAM in 4 KiB pages (tmpfs sizes its default limits by it). */
uint64_t svc_ram_pages(void);

/* ---- page frames: a file's data, by handle ---- */

/*
 * The pages of a file that processes map (get_page) are frames the service
 * holds by handle, never by address: it moves bytes with the calls below
 * and ring 1 maps the frame.  So a stale or wild handle cannot scribble
 * over memory a process owns now: in fortress (COPY_FRAMES) every call
 * checks the handle is a live frame of the calling instance, and a bad one
 * fails the instance like a fault.  Offsets and lengths must stay inside
 * the page (checked in every profile).  svc_alloc_page() memory, by
 * contrast, is the service's own (an index, a bounce buffer), never mapped.
 */
struct svc_page;
#define SVC_PAGE_SIZE 4096u
#define SVC_PAGE_DATA 0x1u /* file data: stops at the last reserve, as svc_alloc_data_page */
struct svc_page *svc_page_alloc(struct svc_cap cap, unsigned flags)
	__must_check; /* zeroed, or NULL */
void svc_page_put(struct svc_cap cap,
		  struct svc_page *pg); /* the service's reference: mappings keep theirs */
void svc_page_write(struct svc_page *pg, size_t off, const void *src, size_t n);
void svc_page_read(struct svc_page *pg, size_t off, void *dst, size_t n);
void svc_page_zero(struct svc_page *pg, size_t off, size_t n);
/* Between the page and an iobuf at `at`, stopping at a bad user page: the
 * bytes moved (see iobuf_put_upto). */
size_t svc_page_to_iobuf(struct svc_page *pg, size_t off, struct iobuf *b, size_t at, size_t n)
	__must_check;
size_t svc_page_from_iobuf(struct svc_page *pg, size_t off, struct iobuf *b, size_t at, size_t n)
	__must_check;
/* `n` bytes at `off` of the page (NULL: zeros) to a splice consumer. */
ssize_t svc_page_splice(struct svc_page *pg, size_t off, size_t n, vfs_splice_fn fn, void *ctx);

/* ---- the page cache (a service whose files have readpage) ---- */

/*
 * Ring 1 keeps the data pages of a file whose ops have `readpage` (inode.h)
 * in its page cache, shared by read/write, mmap and sendfile, reclaimed
 * under memory pressure when clean, written back through `writepage` when
 * dirty.  The service moves bytes in and out of a cached frame by handle
 * with the svc_page_* calls above, as with its own frames.
 *
 * svc_pcache_get: page `pgoff` of `ino` with one reference for the caller
 * (svc_pcache_put), created if absent with SVC_PCACHE_CREATE; NULL if
 * absent without it, or no memory.  *uptodate false: the page is the
 * caller's to fill (others wait): it fills it from its storage (zeros
 * past the end of the file) and ends the fill with svc_pcache_filled(ok).
 * A write copies into the page (after filling it, unless it overwrites it
 * whole) and marks it dirty with svc_pcache_dirty; the kernel writes it
 * back later with writepage.  svc_pcache_truncate: the file is now `size`
 * bytes: the pages past it are dropped (dirty or not) and the last one's
 * tail zeroed; the kernel does it too after a truncate op succeeds.  All
 * may sleep; call them holding sleeping locks only.
 *
 * Flags of svc_pcache_get beside SVC_PCACHE_CREATE: SVC_PCACHE_NOWAIT
 * returns NULL instead of waiting for a page another caller is filling
 * (read-ahead, which must not wait while it holds pages to fill);
 * SVC_PCACHE_UNWRITTEN returns the page only if it is dirty or being
 * written back (a journal commit writing ordered data), never waits and
 * never creates: it may be called holding any of the service's locks.
 * SVC_PCACHE_WHOLE: a page created for the caller to fill is not zeroed
 * first, for a caller that writes every byte of it before it ends the
 * fill as ok (a read of whole blocks, a write over the whole page).
 */
#define SVC_PCACHE_CREATE    0x1u
#define SVC_PCACHE_NOWAIT    0x2u
#define SVC_PCACHE_UNWRITTEN 0x4u
#define SVC_PCACHE_WHOLE     0x8u
struct svc_page *svc_pcache_get(struct svc_cap cap, struct inode *ino, uint64_t pgoff,
				unsigned flags, bool *uptodate) __must_check;
void svc_pcache_filled(struct svc_cap cap, struct inode *ino, uint64_t pgoff, bool ok);
/* 0, -ENOENT (not cached: truncated meanwhile), -EROFS (no writepage). */
int svc_pcache_dirty(struct svc_cap cap, struct inode *ino, uint64_t pgoff);
void svc_pcache_truncate(struct svc_cap cap, struct inode *ino, uint64_t size);
/* Pages [first, last] read as zeros now (a hole punched, a range zeroed):
 * dropped, dirty or not, so that none is written back over the hole. */
void svc_pcache_punch(struct svc_cap cap, struct inode *ino, uint64_t first, uint64_t last);
void svc_pcache_put(struct svc_cap cap, struct svc_page *pg);

/* ---- block devices and the buffer cache (a service on a disk) ---- */

/*
 * A disk-backed service (ext2/3/4) opens the device mount(2) named and
 * reads and writes its metadata through the kernel's buffer cache: one
 * cached copy of each block, shared by every user of the device, read
 * from the disk on first use and written back by the kernel.  Buffers are
 * moved by copy, never by address (the same rule as frames above), so a
 * stale handle cannot scribble over the cache: in fortress every call
 * checks the handle is a live buffer of the calling instance.  Offsets
 * and lengths stay inside the block (checked in every profile).
 */
struct svc_bdev;
struct svc_buf;
/* mount(): open the block device `source` names (a path such as
 * "/dev/vda1", or a regular file for a loop mount made by the kernel)
 * for the instance; `writable` false opens it read-only.  NULL and *err
 * set: -ENOTBLK (not a block device), -ENXIO (no such device), -EACCES,
 * -EROFS (writable asked of a read-only device), -EBUSY (mounted
 * writable elsewhere), -ENOMEM. */
struct svc_bdev *svc_bdev_open(struct svc_cap cap, const char *source, bool writable, int *err)
	__must_check;
void svc_bdev_close(struct svc_cap cap, struct svc_bdev *bd);
uint64_t svc_bdev_bytes(const struct svc_bdev *bd); /* the device's size */
bool svc_bdev_read_only(const struct svc_bdev *bd);
/* Its logical block size (512 or 4096): O_DIRECT's alignment. */
unsigned svc_bdev_lbsize(const struct svc_bdev *bd);
/* Block `blk` of `size` bytes (a power of two, 512..65536) of the device,
 * at byte offset blk * size, with one reference: read from the disk if it
 * is not cached (svc_bread), or without reading, zeroed if not cached,
 * for a block about to be overwritten whole (svc_bget).  NULL and *err:
 * -EIO (the device failed the read), -EINVAL (past the device's end or a
 * bad size), -ENOMEM. */
struct svc_buf *svc_bread(struct svc_cap cap, struct svc_bdev *bd, uint64_t blk, unsigned size,
			  int *err) __must_check;
struct svc_buf *svc_bget(struct svc_cap cap, struct svc_bdev *bd, uint64_t blk, unsigned size,
			 int *err) __must_check;
void svc_brelse(struct svc_cap cap, struct svc_buf *b);
void svc_buf_read(struct svc_buf *b, size_t off, void *dst, size_t n);
/* Whether the service marked the cached bytes as checked (its checksum,
 * verified once as Linux verifies a buffer once), and the mark: it covers
 * the bytes as this handle's last svc_buf_read or svc_buf_write left them,
 * and is not set if they changed since.  Any later change of the bytes (a
 * write by anyone, a read from the disk) clears it. */
bool svc_buf_verified(struct svc_buf *b);
void svc_buf_set_verified(struct svc_buf *b);
/* Change the cached block and mark it dirty: the kernel writes it back
 * (periodically, under memory pressure, at sync and unmount) unless the
 * service holds it (svc_buf_hold: a journaled block waits for its
 * transaction's commit). */
void svc_buf_write(struct svc_buf *b, size_t off, const void *src, size_t n);
void svc_buf_hold(struct svc_buf *b, bool hold);
/* Whether the block's cached bytes are not on the disk yet. */
bool svc_buf_dirty(struct svc_buf *b);
/* Write the block to the disk now if it is dirty and wait: 0 or -EIO. */
int svc_buf_sync(struct svc_cap cap, struct svc_buf *b) __must_check;
/* Every dirty block of the device, then a cache flush of the disk
 * (fsync's barrier): 0 or -EIO. */
int svc_bdev_sync(struct svc_cap cap, struct svc_bdev *bd) __must_check;
/* A cache flush of the disk alone, without writing dirty blocks back: the
 * writes completed before it (page I/O waited for, svc_buf_sync) are on
 * stable storage when it returns (no request if nothing was written since
 * the last flush).  0 or -EIO. */
int svc_bdev_flush(struct svc_cap cap, struct svc_bdev *bd) __must_check;

/*
 * File data straight between page frames (svc_pcache_get's, svc_page_alloc's)
 * and the disk, without the buffers: `n` whole pages (1..SVC_BIO_MAX_PAGES)
 * at byte offset `off` of the device, contiguous on it, as one request
 * (or a few, where the disk limits their size).  `off` is a multiple of the
 * device's logical block size (and of 512); the range must lie inside the
 * device.  In fortress every handle is checked to be a live frame of the
 * calling instance (a bad one fails the instance); the page array is read
 * once, before the I/O starts.
 *
 * Coherent with the buffers: a write first gives every cached buffer of
 * those blocks the new bytes and cancels its dirty state (a freed metadata
 * block reused for data is never written back over the data later; a
 * buffer the service holds for its journal keeps the hold, and the journal
 * must revoke a logged block it frees, as jbd2 does); a read returns a
 * dirty buffer's bytes, not the disk's older ones.
 *
 * svc_bdev_read_pages / svc_bdev_write_pages: the I/O, waited for: 0,
 * -EIO (the disk failed it), -EINVAL (alignment, range, n), -EROFS (write
 * on a device opened read-only).  May sleep.
 * svc_bdev_submit_pages: the same, started and not waited for (read-ahead):
 * a handle, or NULL and *err (the same errnos, -ENOMEM).  The frames keep a
 * reference until the handle is waited for; svc_bio_wait (may sleep) ends
 * it and gives the I/O's result; svc_bio_done says whether it would not
 * sleep.  Every handle must be waited for; those of a failed instance are
 * waited for and freed by the kernel.
 */
#define SVC_BIO_MAX_PAGES 256u
struct svc_bio;
int svc_bdev_read_pages(struct svc_cap cap, struct svc_bdev *bd, uint64_t off,
			struct svc_page *const *pages, unsigned n) __must_check;
int svc_bdev_write_pages(struct svc_cap cap, struct svc_bdev *bd, uint64_t off,
			 struct svc_page *const *pages, unsigned n) __must_check;
struct svc_bio *svc_bdev_submit_pages(struct svc_cap cap, struct svc_bdev *bd, bool write,
				      uint64_t off, struct svc_page *const *pages, unsigned n,
				      int *err) __must_check;
int svc_bio_wait(struct svc_cap cap, struct svc_bio *bio) __must_check;
bool svc_bio_done(struct svc_bio *bio);
/*
 * svc_pcache_read_ahead: pages[0..n) of `ino` from page index `first` on,
 * got from svc_pcache_get not uptodate (the caller's to fill), read from
 * the device at `off` as svc_bdev_submit_pages does, and not waited for:
 * from 0 on, their fills are the kernel's, not the caller's (it only puts
 * its references).  The kernel ends them all (uptodate, or out of the
 * cache if the read failed) when the first user needs one of them (a get
 * that would wait, a truncate, a punch, the inode's end, the device's
 * close), so nobody waits for the caller.  -errno as
 * svc_bdev_submit_pages (-EIO: the instance failed): then nothing started
 * and the fills are still the caller's.  May sleep (an allocation).
 */
int svc_pcache_read_ahead(struct svc_cap cap, struct svc_bdev *bd, uint64_t off, struct inode *ino,
			  uint64_t first, struct svc_page *const *pages, unsigned n) __must_check;

/* ---- locks (sleeping mutexes; a service never spins or disables IRQs) ---- */

struct svc_lock;
struct svc_lock *svc_lock_new(struct svc_cap cap, const char *name) __must_check;
void svc_lock_free(struct svc_cap cap, struct svc_lock *l);
void svc_lock(struct svc_cap cap, struct svc_lock *l);
void svc_unlock(struct svc_cap cap, struct svc_lock *l);

/* ---- threads, semaphores and the clock (a service that runs on its own) ---- */

/*
 * For a service with threads of its own (the TCP/IP stack, kevlar_inet).
 * svc_thread_start: a kernel thread running fn(arg) inside a crossing of
 * the instance `sb` (op "thread"), so a fault in it fails the instance as
 * any call's would (containing profiles); the thread ends when fn returns
 * or the instance fails.  0, -ENOMEM.  svc_sem_*: counting semaphores,
 * charged to the instance like svc_alloc; svc_sem_wait takes one unit,
 * waiting at most `timeout_ns` (0: for ever, uninterruptibly): 0 or
 * -ETIMEDOUT (svc_sem_trywait: true if it took one at once); a waiter inside a failed instance unwinds within 100 ms.
 * svc_clock_ns: the monotonic clock (ns since boot).  svc_thread_self: a
 * value unique to the calling thread while it lives (never 0).
 * svc_random: 32 random bits (the kernel's CSPRNG).
 */
struct svc_sem;
int svc_thread_start(struct svc_cap cap, struct vfs_sb *sb, const char *name, void (*fn)(void *arg),
		     void *arg) __must_check;
struct svc_sem *svc_sem_new(struct svc_cap cap, unsigned count) __must_check;
void svc_sem_free(struct svc_cap cap, struct svc_sem *s);
void svc_sem_post(struct svc_cap cap, struct svc_sem *s);
int svc_sem_wait(struct svc_cap cap, struct svc_sem *s, uint64_t timeout_ns);
bool svc_sem_trywait(struct svc_cap cap, struct svc_sem *s); /* a unit taken without waiting */
uint64_t svc_clock_ns(void);
uintptr_t svc_thread_self(void);
uint32_t svc_random(void);

/* ---- network devices (the TCP/IP stack's interfaces) ---- */

/*
 * For the TCP/IP stack (kevlar_inet): the kernel's Ethernet devices
 * (<kernel/netdev.h>, eth0, eth1, ...), their frames out and in.  Frames
 * received on a device the stack opened go to a bounded queue in the
 * kernel (copied there in the driver's interrupt; dropped and counted as
 * the device's rx_dropped when it is full) and are taken by a thread of
 * the stack with svc_netdev_recv.  When the instance fails the kernel stops
 * queueing for it and forgets what was queued.
 *
 * svc_netdev_next: the first Ethernet device with an ifindex above `after`
 * (0: from the first): its ifindex with *info filled, or 0 when there is
 * none.  svc_netdev_info: the same for one ifindex: 0 or -ENODEV.
 * svc_netdev_open: bring the device up and queue its frames for instance
 * `sb`: 0, -ENODEV, -ENETDOWN (its driver failed), -EIO, -EBUSY (the queue
 * belongs to another instance).  May sleep.
 * svc_netdev_xmit: one frame, the Ethernet header first, in `nsegs`
 * segments (at most 16) copied before the call returns; its checksums are
 * the caller's (every one filled): 0, -ENODEV, -ENETDOWN, -EIO (the driver
 * faulted: the device is down for good), -EINVAL, -EMSGSIZE, -ENOBUFS.
 * svc_netdev_post: give the queue an empty buffer of at least 1536 bytes
 * (the caller's memory, which it must not touch until svc_netdev_recv
 * gives it back) for a frame to be received into directly: 0, -ENOSPC
 * (64 are given), -EINVAL, -EBUSY, -EIO (the instance failed).  Never
 * sleeps.
 * svc_netdev_recv: wait at most `timeout_ns` (0: do not wait) for a frame
 * of an opened device: its length and *ifindex, the frame at *frame:
 * either `buf` (copied there, cut at `size`) or the oldest posted buffer,
 * now the caller's again; 0 when a device came, went down or up, or failed since the
 * last call (look again with svc_netdev_info); -ETIMEDOUT; -EBUSY (the
 * queue belongs to another instance).  May sleep; a waiter of a failed
 * instance unwinds within 100 ms.
 * svc_netdev_rx_pending: how many frames wait in the queue now (a hint,
 * read without the lock: the stack defers per-frame work to the end of a
 * batch while more frames follow).
 */
#define SVC_NETDEV_NAME_MAX 16
struct svc_netdev_info {
	int ifindex;
	char name[SVC_NETDEV_NAME_MAX];
	uint8_t addr[6];
	unsigned mtu;
	bool up;      /* opened (IFF_UP) */
	bool carrier; /* its link is there */
	bool failed;  /* its driver failed: down for good */
};
struct svc_net_seg {
	const void *addr;
	uint32_t len;
};
int svc_netdev_next(struct svc_cap cap, int after, struct svc_netdev_info *info);
int svc_netdev_info(struct svc_cap cap, int ifindex, struct svc_netdev_info *info);
int svc_netdev_open(struct svc_cap cap, struct vfs_sb *sb, int ifindex) __must_check;
int svc_netdev_xmit(struct svc_cap cap, int ifindex, const struct svc_net_seg *segs, unsigned nsegs)
	__must_check;
int svc_netdev_post(struct svc_cap cap, struct vfs_sb *sb, void *buf, size_t size);
ssize_t svc_netdev_recv(struct svc_cap cap, struct vfs_sb *sb, int *ifindex, void *buf, size_t size,
			void **frame, uint64_t timeout_ns);
unsigned svc_netdev_rx_pending(void);
/* AF_PACKET's view of the stack's own loopback traffic (127.0.0.1, ::1),
 * which never reaches the kernel's `lo` device.  svc_packet_tapped: is
 * there a packet socket at all (a load; never sleeps)?  svc_packet_loop:
 * one IPv4 or IPv6 packet in `nsegs` segments (at most 16, read during
 * the call only), shown on `lo` as sent and as received.  Never sleeps. */
bool svc_packet_tapped(void);
void svc_packet_loop(struct svc_cap cap, const struct svc_net_seg *segs, unsigned nsegs, bool ipv6);
/* The TCP/IP stack's upcall (kevlar_vfs/inet.h): readiness of the socket
 * whose ring-1 `cookie` the stack was given changed (INET_POLL* bits, 0:
 * unknown).  Wakes its sleepers and pollers; never sleeps. */
void svc_sock_notify(void *cookie, unsigned events);
/* The same for a ping or raw socket (inet_ops.raw_*): its cookie is ring
 * 1's kernel/net/inet_icmp.c state. */
void svc_raw_notify(void *cookie, unsigned events);

/* ---- faults ---- */

/* A service's own fatal error: in the containing profiles its call returns
 * -EIO and the instance is failed (kernel/fs/contain.h); elsewhere, and
 * when the kernel itself calls it, a panic. */
__noreturn void svc_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#if CONFIG_ASSERTS
#define SVC_ASSERT(cond)                                                                       \
	do {                                                                                   \
		if (unlikely(!(cond)))                                                         \
			svc_panic("assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)
#else
#define SVC_ASSERT(cond) ((void)sizeof(cond))
#endif

/* A line in the kernel log on the service's behalf (a refused mount, a
 * corrupt structure found), at warning level, without a newline. */
void svc_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- time ---- */

struct vfs_time svc_now(void); /* wall-clock time, for timestamps */

/* ---- checksums ---- */

/* klib/crc32c.h's crc32c() (the raw register update), with the CPU's
 * instruction where it has one (platform/crc32c.h): for the checksums
 * of whole metadata blocks. */
uint32_t svc_crc32c(uint32_t crc, const void *buf, size_t len);

/* ---- credentials ---- */

/* The filesystem uid and gid of the process making a new node: the owner
 * a service gives it.  In a directory with S_ISGID the service takes the
 * directory's gid instead, and a new directory inherits S_ISGID (Linux's
 * rule for every filesystem that keeps owners). */
void svc_creator(uint32_t *uid, uint32_t *gid);

/* ---- registration ---- */

/* Built-in services announce themselves with VFS_SERVICE(their fs_type):
 * a pointer in the image's service set, which the kernel checks (a name
 * of 1..31 printable bytes without '/', a mount slot) and registers at
 * boot; every instance of such a type is a service instance (sb->service),
 * its calls contained.  vfs_register_fs() does the same for one type:
 * 0, -EINVAL (malformed), -EBUSY (the name is taken) or -ENOSPC.  The
 * kernel never names a service's symbols (ring 1 may not call into ring 2
 * except through ops tables). */
#define VFS_SERVICE(type)                                     \
	static const struct fs_type *const vfs_service_##type \
		__attribute__((used, section(".vfs_services"), aligned(8))) = &(type)

int vfs_register_fs(const struct fs_type *type);
