/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Private to the virtio transport (exts/virtio/). */
#pragma once

#include <kernel/driver.h>
#include <virtio/virtio.h>

/* A register of the common configuration at byte `off`. */
static inline void __iomem *vc_reg(struct virtio_dev *vd, size_t off)
{
	return (void __iomem *)((char __iomem *)vd->common + off);
}

/* vring.c: allocate queue `index` (at most max_size entries), program its
 * size and addresses into the device.  0, -ENOMEM, -ENODEV. */
int vq_create(struct virtio_dev *vd, unsigned index, unsigned max_size, struct virtqueue **out);
