/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The service API's block devices and buffer cache on the host, for unit
 * tests of disk services: link tests/host/include/hosttest/bdev_stub.c
 * beside service_stub.c.  svc_bdev_open() opens `source` as a regular file
 * (a disk image), read-only unless the test set stub_bdev_writable (else
 * a writable open is -EROFS: a read-only device).  Read-only, svc_bread() reads the block from it with
 * pread into a fresh buffer each time (no sharing, no write-back).
 * Writable, it keeps a buffer cache as the kernel's does: one shared
 * buffer per block (one block size at a time), dirty until written back
 * by svc_buf_sync (even held), svc_bdev_sync or close (dirty and not
 * held, in block order).  The same argument checks as the kernel's:
 * a block past the device's end or a size that is not a power of two in
 * 512..65536 is -EINVAL; an offset or length outside the block fails the
 * test.  Counters let a test prove every buffer and device was released.
 */
#pragma once

#include <kevlar_vfs/service.h>

extern long stub_live_bdevs, stub_live_bufs;
/* Whether a writable open succeeds (and svc_bdev_read_only answers
 * false); buffer writes (svc_buf_write) so far. */
extern bool stub_bdev_writable;
extern long stub_buf_writes;
/* Page requests made (svc_bdev_read_pages, svc_bdev_write_pages). */
extern long stub_page_reqs;
/* Started page requests (svc_bdev_submit_pages) not waited for yet, and
 * the most there were at once. */
extern long stub_bios, stub_bios_max;
/* svc_pcache_read_ahead calls that started a read. */
extern long stub_read_aheads;
/* When > 0, counts block reads down; the one that brings it to 0 fails
 * with -EIO (a device error). */
extern long stub_bread_fail_countdown;

/* Corrupt what svc_bread returns, not the image: XOR the byte at `off`
 * of the device with `mask` in every block read that covers it (up to 64
 * at a time); stub_bdev_clean() forgets them all. */
void stub_bdev_corrupt(uint64_t off, uint8_t mask);
void stub_bdev_clean(void);

/* Crashes: every block write to an image counts in stub_writes (and every
 * svc_bdev_sync in stub_flushes); stub_bdev_crash_after(n) zeroes both
 * and drops every write after the n-th, silently, as a machine that lost
 * power there (n < 0: none dropped).  Run a workload once per n to crash
 * it at every write.  stub_write_fail_countdown > 0 counts writes down;
 * the one that brings it to 0 fails with -EIO. */
extern long stub_write_limit, stub_writes, stub_flushes, stub_write_fail_countdown;
/* Called with each write that reaches the image (its byte offset), so a
 * test can replay the writes one by one: the image after write k is the
 * state a crash right after it leaves. */
extern void (*stub_write_hook)(uint64_t off, const void *data, size_t n);

void stub_bdev_crash_after(long writes);
bool stub_buf_dirty(const struct svc_buf *b);
