/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Private to the virtio-blk driver: its device record, for its self-tests. */
#pragma once

#include <klib/list.h>
#include <linux/virtio_blk.h>
#include <kernel/blkdev.h>
#include <kernel/driver.h>
#include <virtio/virtio.h>

#define VIRTBLK_MAJOR 254
#define DISK_MINORS   16
#define MAX_DISKS     26
#define QUEUE_SIZE    128
#define MAX_SEGS      126 /* data segments of one request: 128-entry indirect tables */
#define STATUS_UNSET  0xff

/* What the device reads and writes of one request, in DMA memory. */
struct vblk_slot {
	struct virtio_blk_outhdr hdr;
	struct virtio_blk_discard_write_zeroes range;
	uint8_t status;
	uint8_t pad[7];
};

/* A batch of the layer's, while its requests are queued and running. */
struct vblk_batch {
	struct list_head link; /* pending (lock) */
	struct blk_batch *b;
	unsigned next; /* the first request not queued yet */
	unsigned left; /* requests not completed yet */
};

struct vblk_io {
	struct vblk_batch *vb;
	struct blk_req *r;
};

struct vblk {
	struct virtio_dev vd;
	struct drv_instance *in;
	struct blk_disk disk;
	struct virtqueue *vq;
	struct drv_lock lock;
	struct vblk_slot *slots; /* one per queue entry */
	dma_addr_t slots_dma;
	struct vblk_io *io; /* one per slot */
	uint16_t *free_slots;
	unsigned nfree;
	struct list_head pending; /* vblk_batch with requests not queued */
	unsigned seg_max;	  /* data segments per request */
	uint32_t size_max;	  /* bytes per segment (0: no limit) */
	uint32_t max_discard;	  /* sectors per discard */
	uint32_t max_zeroes;	  /* sectors per write-zeroes */
	bool zeroes_unmap;	  /* write-zeroes may deallocate */
};

/* The i-th disk probed (vda first), or NULL. */
struct vblk *vblk_disk(unsigned i);
