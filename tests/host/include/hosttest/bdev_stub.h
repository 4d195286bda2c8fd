/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The service API's block devices and buffer cache on the host, for unit
 * tests of disk services: link tests/host/include/hosttest/bdev_stub.c
 * beside service_stub.c.  svc_bdev_open() opens `source` as a regular file
 * (a disk image), read-only unless the test set stub_bdev_writable (else
 * a writable open is -EROFS, a read-only device); svc_bread() reads the
 * block from it with pread into a fresh buffer each time, and
 * svc_buf_write() writes the changed bytes straight through to the file
 * (no sharing, no write-back: two buffers of one block do not see each
 * other's changes, so a service under test must not hold two).  The same argument checks as the kernel's:
 * a block past the device's end or a size that is not a power of two in
 * 512..65536 is -EINVAL; an offset or length outside the block fails the
 * test.  Counters let a test prove every buffer and device was released.
 */
#pragma once

#include <kevlar_vfs/service.h>

extern long stub_live_bdevs, stub_live_bufs;
/* Whether a writable open succeeds (and svc_bdev_read_only answers
 * false); writes done so far. */
extern bool stub_bdev_writable;
extern long stub_buf_writes;
/* When > 0, counts block reads down; the one that brings it to 0 fails
 * with -EIO (a device error). */
extern long stub_bread_fail_countdown;

/* Corrupt what svc_bread returns, not the image: XOR the byte at `off`
 * of the device with `mask` in every block read that covers it (up to 64
 * at a time); stub_bdev_clean() forgets them all. */
void stub_bdev_corrupt(uint64_t off, uint8_t mask);
void stub_bdev_clean(void);
