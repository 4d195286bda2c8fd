/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Virtual memory of a process (the seed's `Vm`): a sorted list of VMAs and
 * the page table (a platform aspace), shared by threads under CLONE_VM.
 * Anonymous private memory is demand-paged (zero-filled on first touch);
 * fork shares every present page read-only and copies it on the first
 * write (per-page refcounts in struct page).
 *
 * Protection and flag values are Linux's (PROT_*, MAP_*), taken from the
 * UAPI headers.  All calls take vm->lock themselves; none may be called
 * with it held, and none touch user memory (no usercopy under the lock:
 * a usercopy fault re-enters through page_fault()).
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <platform/spinlock.h>

struct aspace;
struct inode;
struct path_component;

struct vma {
	uintptr_t start, end;  /* page aligned, [start, end) */
	unsigned prot;	       /* PROT_READ | PROT_WRITE | PROT_EXEC */
	unsigned flags;	       /* MAP_PRIVATE | MAP_ANONYMOUS | ... */
	struct list_head link; /* in vm->vmas, sorted by start */
	struct inode *file;    /* a file mapping: one reference, else NULL */
	uint64_t file_off;     /* file offset of `start` */
	bool no_write;	       /* mprotect may not add PROT_WRITE (shared, read-only fd) */
	bool locked;	 /* mlock: counted against RLIMIT_MEMLOCK (memory is resident anyway) */
	uint8_t special; /* enum vdso_part: the platform's pages ([vvar], [vdso]), else 0 */
	struct path_component *file_path; /* where the file was opened (maps), or NULL */
};

struct vm {
	struct spinlock lock; /* guards vmas, brk and the page tables */
	struct aspace *as;
	struct list_head vmas; /* struct vma, sorted, non-overlapping */
	struct list_head dead; /* VMAs unlinked under the lock, freed after it */
	unsigned vmas_gen;     /* lock: bumped when a VMA joins or leaves `vmas` */
	uintptr_t brk_start;   /* first byte of the heap (set by exec) */
	uintptr_t brk;	       /* current break */
	uintptr_t mmap_base;   /* top-down search for mmap starts below this */
	int refs;	       /* atomic: threads sharing this vm */
	bool oom_victim;       /* its owner was OOM-killed: freeing it ends the wait (oom.c) */
	bool lock_future;      /* mlockall(MCL_FUTURE): new mappings are locked */
	unsigned membarrier;   /* atomic: MEMBARRIER_CMD_REGISTER_* done (membarrier.c) */
};

#define VM_MMAP_BASE 0x00007f0000000000ul
/* Linux's vm.mmap_min_addr as Debian builds it (CONFIG_DEFAULT_MMAP_MIN_ADDR):
 * nothing is mapped below it without CAP_SYS_RAWIO, so a NULL pointer plus a
 * small offset always faults.  mmap, mremap and shmat there give EPERM. */
#define VM_MMAP_MIN_ADDR 0x10000ul

struct vm *vm_create(void) __must_check;
/* Copy-on-write duplicate for fork(); NULL if out of memory. */
struct vm *vm_fork(struct vm *parent) __must_check;
void vm_get(struct vm *vm);
void vm_put(struct vm *vm);
/* Load this vm's page table on the CPU (NULL: keep the kernel's). */
void vm_activate(struct vm *vm);
/* Switch this CPU to the kernel-only page table (a thread giving up its
 * address space before exiting). */
void vm_leave(void);

/* mmap of anonymous private memory.  `addr` is a hint, or exact with
 * MAP_FIXED (replacing what was there).  Returns the address, or -EINVAL
 * (len 0, unaligned fixed address, bad flags), -ENOMEM (no room). */
long vm_mmap(struct vm *vm, uintptr_t addr, size_t len, unsigned prot, unsigned flags);
/* The name /proc/PID/maps shows for the mappings of `file` not named yet:
 * `pc` (each takes a new reference). */
void vm_name_file(struct vm *vm, const struct inode *file, struct path_component *pc);
/* A mapping of `file` (whose reference it takes on success) from byte
 * `off`, paged in on first touch: MAP_SHARED maps the file's own pages
 * (services with get_page only); MAP_PRIVATE shares them read-only until
 * the first write copies, or copies at once if the service keeps no pages.
 * A page wholly past the end of the file faults with SIGBUS.  `no_write`:
 * mprotect may never add PROT_WRITE.  Same returns as vm_mmap. */
long vm_mmap_file(struct vm *vm, uintptr_t addr, size_t len, unsigned prot, unsigned flags,
		  struct inode *file, uint64_t off, bool no_write);
/* Map the vDSO (platform/vdso.h): its data pages read-only, then its
 * image read+exec right above them, ending at `below` if that range is
 * free (else at the highest free gap below the mmap base), paged in on
 * first touch from the platform's frames.  The
 * image's address (for AT_SYSINFO_EHDR), 0 when the platform has no
 * vDSO, or -ENOMEM. */
long vm_map_vdso(struct vm *vm, uintptr_t below);
/* 0 or -EINVAL (unaligned, len 0, beyond user space).  Unmapping nothing is fine. */
int vm_munmap(struct vm *vm, uintptr_t addr, size_t len);
/* 0, -EINVAL, or -ENOMEM if part of the range is not mapped. */
int vm_mprotect(struct vm *vm, uintptr_t addr, size_t len, unsigned prot);
/* madvise(MADV_DONTNEED): drop the pages of [addr, addr+len) that are
 * mapped, keeping the VMAs; 0, or -ENOMEM if part of the range is unmapped. */
int vm_discard(struct vm *vm, uintptr_t addr, size_t len);
/* mincore for up to n pages at addr (page aligned), within the one VMA
 * holding addr: out[i] 1 when resident; the pages done, or -ENOMEM when
 * addr is in no VMA (mincore.c). */
long vm_mincore(struct vm *vm, uintptr_t addr, size_t n, uint8_t *out);
/* mremap(2): the new address, or -EINVAL, -EFAULT, -ENOMEM. */
long vm_mremap(struct vm *vm, uintptr_t old, size_t old_len, size_t new_len, unsigned flags,
	       uintptr_t new_addr);
/* mlock(2)/munlock(2) of [start, start + len) (page aligned) as Linux:
 * locking needs RLIMIT_MEMLOCK room for the pages not locked yet (or
 * CAP_IPC_LOCK).  0, -EINVAL (wraps), -ENOMEM (a hole, or over the
 * limit).  mlock.c. */
int vm_mlock(struct vm *vm, uintptr_t start, size_t len, bool lock);
/* mlockall(flags) (checked MCL_* flags) and munlockall (flags 0): 0 or
 * -ENOMEM (MCL_CURRENT with more mapped than the limit). */
int vm_mlockall(struct vm *vm, unsigned flags);
/* Every page of [start, end) lies in some mapping. */
bool vm_range_mapped(struct vm *vm, uintptr_t start, uintptr_t end);
/* `file` shrank to `size`: every mapping drops its pages past the end, so
 * touching them faults with SIGBUS as on Linux. */
void vm_file_truncated(struct inode *file, uint64_t size);
/* The number of shared mappings (VMAs) of `file` in every address space;
 * with `writable`, only those that may be written (not no_write).  A
 * snapshot (filemaps.c).  May sleep. */
unsigned vm_file_maps(const struct inode *file, bool writable);
/* Write-protect the present pages [from, to] (page indexes of `file`)
 * in every shared mapping of it, so that the next store faults and
 * dirties the page again (the page cache's writeback, before it writes).
 * Takes each vm's lock; call with none held. */
void vm_file_wrprotect(const struct inode *file, uint64_t from, uint64_t to);
/* msync(MS_SYNC) of [start, end): write back the cached dirty pages of
 * the shared file mappings there and wait, then each file's service fsync
 * (vfs_fsync_range: the metadata that reaches them).  0 or the first error. */
int vm_msync(struct vm *vm, uintptr_t start, uintptr_t end);
/* The file of the shared file mapping that starts exactly at `addr` (a
 * new reference), or NULL: shmdt's lookup (filemaps.c). */
struct inode *vm_file_at(struct vm *vm, uintptr_t addr);
/* Some mapping overlaps [start, end) (shmat without SHM_REMAP). */
bool vm_range_used(struct vm *vm, uintptr_t start, uintptr_t end);
/* brk(2): returns the new break, or the old one if it cannot move. */
uintptr_t vm_brk(struct vm *vm, uintptr_t new_brk);
/* Resolve a fault at `addr` (PF_* access bits from platform/upcall.h):
 * 0, -EFAULT (unmapped) or -EACCES (protection), -ENXIO (a file page past
 * the end of the file: SIGBUS), -ENOMEM.  Out of memory it runs the OOM
 * killer and retries first (kernel/oom.h).  May sleep. */
int vm_fault(struct vm *vm, uintptr_t addr, unsigned access);
/* The VMA containing addr, or NULL (vm->lock held). */
struct vma *vm_find(struct vm *vm, uintptr_t addr);
