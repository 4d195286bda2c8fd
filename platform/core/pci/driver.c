/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * PCI drivers: registration and probe by vendor/device/class match.  A
 * device is claimed under pci_lock (so two drivers never probe it at
 * once) and probed without it (probe may sleep); a failed probe leaves it
 * unbound for a later driver.  The registered drivers are kept (sysfs's
 * /sys/bus/pci/drivers lists them).
 */
#include <klib/errno.h>
#include <platform/log.h>
#include <platform/pci.h>
#include "internal.h"

#define MAX_DRIVERS 32

/* Appended under pci_lock; an entry never changes once the count covers
 * it, so readers load the count (acquire) and then the entries. */
static const struct pci_driver *drivers[MAX_DRIVERS];
static unsigned ndrivers;

unsigned pci_driver_count(void)
{
	return __atomic_load_n(&ndrivers, __ATOMIC_ACQUIRE);
}

const struct pci_driver *pci_driver_at(unsigned i)
{
	return i < pci_driver_count() ? drivers[i] : NULL;
}

const struct pci_device_id *pci_match_id(const struct pci_device_id *ids, const struct pci_dev *dev)
{
	for (; ids && (ids->vendor || ids->device || ids->class_mask); ids++) {
		if (ids->vendor != PCI_ANY_ID && ids->vendor != dev->vendor)
			continue;
		if (ids->device != PCI_ANY_ID && ids->device != dev->device)
			continue;
		if ((dev->class & ids->class_mask) != ids->class)
			continue;
		return ids;
	}
	return NULL;
}

int pci_register_driver(const struct pci_driver *drv)
{
	irqflags_t lf;
	int err = 0;

	if (!drv || !drv->name || !drv->ids || !drv->probe)
		return -EINVAL;
	lf = spin_lock_irqsave(&pci_lock);
	for (unsigned i = 0; i < ndrivers; i++)
		err = drivers[i] == drv ? -EBUSY : err;
	if (!err && ndrivers == MAX_DRIVERS)
		err = -ENOSPC;
	if (!err) {
		drivers[ndrivers] = drv;
		__atomic_store_n(&ndrivers, ndrivers + 1, __ATOMIC_RELEASE);
	}
	spin_unlock_irqrestore(&pci_lock, lf);
	if (err)
		return err;
	for (unsigned i = 0; i < pci_device_count(); i++) {
		struct pci_dev *dev = pci_device(i);
		const struct pci_device_id *id = pci_match_id(drv->ids, dev);
		irqflags_t f;
		bool claimed = false;
		int err;

		if (!id)
			continue;
		f = spin_lock_irqsave(&pci_lock);
		if (!dev->driver) {
			dev->driver = drv;
			claimed = true;
		}
		spin_unlock_irqrestore(&pci_lock, f);
		if (!claimed)
			continue;
		err = drv->probe(dev, id);
		if (err) {
			pr_info("pci: %02x:%02x.%u: %s: probe failed (%d)\n", dev->bus, dev->slot,
				dev->func, drv->name, err);
			f = spin_lock_irqsave(&pci_lock);
			dev->driver = NULL;
			dev->drvdata = NULL;
			spin_unlock_irqrestore(&pci_lock, f);
		}
	}
	return 0;
}
