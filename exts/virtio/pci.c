/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The virtio 1.x PCI transport (virtio spec 1.2, section 4.1): the
 * "modern" interface a device describes with vendor capabilities, each
 * naming a BAR, an offset and a length.  The common configuration holds
 * the feature words, the status and the queue registers; notifications
 * are 16-bit writes at notify + queue_notify_off * multiplier; the ISR
 * register (read to acknowledge) tells an INTx interrupt's cause.
 *
 * Every register access goes through readX/writeX on a BAR mapped by
 * pci_iomap; a capability that does not fit in its BAR refuses the device
 * rather than mapping past it.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/pci_regs.h>
#include <linux/virtio_config.h>
#include <linux/virtio_pci.h>
#include <platform/log.h>
#include <platform/mmio.h>
#include <platform/pci.h>
#include <virtio/virtio.h>
#include "internal.h"

#define COMMON(f) offsetof(struct virtio_pci_common_cfg, f)

/* The mapped register block a capability describes, or NULL. */
static void __iomem *map_cap(struct pci_dev *pci, unsigned pos, uint32_t *len)
{
	unsigned bar = pci_read8(pci, pos + offsetof(struct virtio_pci_cap, bar));
	uint32_t off = pci_read32(pci, pos + offsetof(struct virtio_pci_cap, offset));
	uint32_t n = pci_read32(pci, pos + offsetof(struct virtio_pci_cap, length));
	void __iomem *base;

	if (bar >= PCI_NUM_BARS || (pci->bar[bar].flags & PCI_BAR_IO) || !pci->bar[bar].size ||
	    off > pci->bar[bar].size || n > pci->bar[bar].size - off)
		return NULL;
	base = pci_iomap(pci, bar);
	if (!base)
		return NULL;
	*len = n;
	return (void __iomem *)((char __iomem *)base + off);
}

int virtio_pci_init(struct virtio_dev *vd, struct pci_dev *pci)
{
	uint32_t len;

	memset(vd, 0, sizeof(*vd));
	vd->pci = pci;
	pci_enable_device(pci);
	for (unsigned pos = pci_find_capability(pci, PCI_CAP_ID_VNDR); pos;
	     pos = pci_find_next_capability(pci, pos + PCI_CAP_LIST_NEXT, PCI_CAP_ID_VNDR)) {
		uint8_t type = pci_read8(pci, pos + offsetof(struct virtio_pci_cap, cfg_type));
		void __iomem *p;

		/* the first of each type is the one to use (spec 4.1.4) */
		switch (type) {
		case VIRTIO_PCI_CAP_COMMON_CFG:
			if (!vd->common && (p = map_cap(pci, pos, &len)) &&
			    len >= sizeof(struct virtio_pci_common_cfg))
				vd->common = p;
			break;
		case VIRTIO_PCI_CAP_NOTIFY_CFG:
			if (!vd->notify && (p = map_cap(pci, pos, &len)) && len >= 2) {
				vd->notify = p;
				vd->notify_len = len;
				vd->notify_mult =
					pci_read32(pci, pos + offsetof(struct virtio_pci_notify_cap,
								       notify_off_multiplier));
			}
			break;
		case VIRTIO_PCI_CAP_ISR_CFG:
			if (!vd->isr && (p = map_cap(pci, pos, &len)) && len >= 1)
				vd->isr = p;
			break;
		case VIRTIO_PCI_CAP_DEVICE_CFG:
			if (!vd->device && (p = map_cap(pci, pos, &len))) {
				vd->device = p;
				vd->device_len = len;
			}
			break;
		default:
			break;
		}
	}
	if (!vd->common || !vd->notify || !vd->isr)
		return -ENODEV;
	virtio_reset(vd);
	writeb(VIRTIO_CONFIG_S_ACKNOWLEDGE, vc_reg(vd, COMMON(device_status)));
	writeb(VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER,
	       vc_reg(vd, COMMON(device_status)));
	return 0;
}

uint8_t virtio_status(struct virtio_dev *vd)
{
	return readb(vc_reg(vd, COMMON(device_status)));
}

void virtio_reset(struct virtio_dev *vd)
{
	writeb(0, vc_reg(vd, COMMON(device_status)));
	/* the reset is done when the status reads back 0 (spec 4.1.4.3.2);
	 * QEMU completes it synchronously, a bound keeps a broken one finite */
	for (unsigned i = 0; i < 1000000 && virtio_status(vd); i++)
		;
}

uint64_t virtio_features(struct virtio_dev *vd)
{
	uint64_t f;

	writel(0, vc_reg(vd, COMMON(device_feature_select)));
	f = readl(vc_reg(vd, COMMON(device_feature)));
	writel(1, vc_reg(vd, COMMON(device_feature_select)));
	return f | (uint64_t)readl(vc_reg(vd, COMMON(device_feature))) << 32;
}

int virtio_negotiate(struct virtio_dev *vd, uint64_t wanted)
{
	uint64_t f = wanted & virtio_features(vd);
	uint8_t st = virtio_status(vd);

	if (!(f & (1ull << VIRTIO_F_VERSION_1)))
		goto fail;
	writel(0, vc_reg(vd, COMMON(guest_feature_select)));
	writel((uint32_t)f, vc_reg(vd, COMMON(guest_feature)));
	writel(1, vc_reg(vd, COMMON(guest_feature_select)));
	writel((uint32_t)(f >> 32), vc_reg(vd, COMMON(guest_feature)));
	writeb(st | VIRTIO_CONFIG_S_FEATURES_OK, vc_reg(vd, COMMON(device_status)));
	if (!(virtio_status(vd) & VIRTIO_CONFIG_S_FEATURES_OK))
		goto fail;
	vd->features = f;
	return 0;
fail:
	writeb(st | VIRTIO_CONFIG_S_FAILED, vc_reg(vd, COMMON(device_status)));
	return -ENODEV;
}

void virtio_driver_ok(struct virtio_dev *vd)
{
	writeb(virtio_status(vd) | VIRTIO_CONFIG_S_DRIVER_OK, vc_reg(vd, COMMON(device_status)));
}

/* ---- device configuration ---- */

static bool cfg_in(struct virtio_dev *vd, unsigned off, unsigned size)
{
	return vd->device && off <= vd->device_len && size <= vd->device_len - off;
}

static void __iomem *cfg_reg(struct virtio_dev *vd, unsigned off)
{
	return (void __iomem *)((char __iomem *)vd->device + off);
}

uint8_t virtio_cfg_read8(struct virtio_dev *vd, unsigned off)
{
	return cfg_in(vd, off, 1) ? readb(cfg_reg(vd, off)) : 0;
}

uint16_t virtio_cfg_read16(struct virtio_dev *vd, unsigned off)
{
	return cfg_in(vd, off, 2) ? readw(cfg_reg(vd, off)) : 0;
}

uint32_t virtio_cfg_read32(struct virtio_dev *vd, unsigned off)
{
	return cfg_in(vd, off, 4) ? readl(cfg_reg(vd, off)) : 0;
}

uint64_t virtio_cfg_read64(struct virtio_dev *vd, unsigned off)
{
	uint8_t gen;
	uint64_t v;

	if (!cfg_in(vd, off, 8))
		return 0;
	/* two 32-bit halves, retried while the device changes its config */
	do {
		gen = readb(vc_reg(vd, COMMON(config_generation)));
		v = readl(cfg_reg(vd, off)) | (uint64_t)readl(cfg_reg(vd, off + 4)) << 32;
	} while (gen != readb(vc_reg(vd, COMMON(config_generation))));
	return v;
}

/* ---- interrupts ---- */

static void vq_interrupt(struct pci_dev *pci, unsigned vector, void *ctx)
{
	struct virtqueue *vq = ctx;

	vq->callback(vq);
}

static void config_interrupt(struct pci_dev *pci, unsigned vector, void *ctx)
{
	struct virtio_dev *vd = ctx;

	if (vd->config_changed)
		vd->config_changed(vd);
}

/* INTx: the line may be shared; reading the ISR acknowledges it and says
 * whether this device raised it (bit 0: a queue, bit 1: configuration). */
static void intx_interrupt(struct pci_dev *pci, unsigned vector, void *ctx)
{
	struct virtio_dev *vd = ctx;
	uint8_t isr = readb(vd->isr);

	if (isr & 0x1) { /* a queue interrupt (the spec names no constant) */
		for (unsigned i = 0; i < vd->nvqs; i++)
			vd->vqs[i]->callback(vd->vqs[i]);
	}
	if ((isr & VIRTIO_PCI_ISR_CONFIG) && vd->config_changed)
		vd->config_changed(vd);
}

static int setup_msix(struct virtio_dev *vd, unsigned n)
{
	int r = pci_alloc_irq_vectors(vd->pci, n + 1, n + 1, PCI_IRQ_MSIX);

	if (r < 0)
		return r;
	writew(0, vc_reg(vd, COMMON(msix_config)));
	if (readw(vc_reg(vd, COMMON(msix_config))) != 0)
		goto fail;
	for (unsigned i = 0; i < n; i++) {
		writew((uint16_t)i, vc_reg(vd, COMMON(queue_select)));
		writew((uint16_t)(i + 1), vc_reg(vd, COMMON(queue_msix_vector)));
		if (readw(vc_reg(vd, COMMON(queue_msix_vector))) != i + 1)
			goto fail;
	}
	r = drv_request_irq(vd->drv, 0, config_interrupt, vd);
	for (unsigned i = 0; !r && i < n; i++)
		r = drv_request_irq(vd->drv, i + 1, vq_interrupt, vd->vqs[i]);
	if (r)
		goto fail;
	vd->msix = true;
	return 0;
fail:
	writew(VIRTIO_MSI_NO_VECTOR, vc_reg(vd, COMMON(msix_config)));
	for (unsigned i = 0; i < n; i++) {
		writew((uint16_t)i, vc_reg(vd, COMMON(queue_select)));
		writew(VIRTIO_MSI_NO_VECTOR, vc_reg(vd, COMMON(queue_msix_vector)));
	}
	pci_free_irq_vectors(vd->pci);
	return -ENODEV;
}

static int setup_intx(struct virtio_dev *vd)
{
	int r = pci_alloc_irq_vectors(vd->pci, 1, 1, PCI_IRQ_INTX);

	if (r < 0)
		return r;
	r = drv_request_irq(vd->drv, 0, intx_interrupt, vd);
	if (r)
		pci_free_irq_vectors(vd->pci);
	return r;
}

int virtio_setup_queues(struct virtio_dev *vd, unsigned n, unsigned max_size,
			const vq_callback *cbs, void *const *priv)
{
	int r;

	if (n > VIRTIO_MAX_QUEUES || n > readw(vc_reg(vd, COMMON(num_queues))))
		return -ENODEV;
	for (unsigned i = 0; i < n; i++) {
		r = vq_create(vd, i, max_size, &vd->vqs[i]);
		if (r)
			return r;
		vd->vqs[i]->callback = cbs[i];
		vd->vqs[i]->priv = priv[i];
		vd->nvqs = i + 1;
	}
	pci_set_master(vd->pci);
	if (setup_msix(vd, n) && (r = setup_intx(vd)))
		return r < 0 ? r : -ENODEV;
	for (unsigned i = 0; i < n; i++) {
		writew((uint16_t)i, vc_reg(vd, COMMON(queue_select)));
		writew(1, vc_reg(vd, COMMON(queue_enable)));
	}
	return 0;
}
