/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sysfs's PCI devices (sysfs_pci.c), for sysfs.c.  Private to kernel/fs. */
#pragma once

#include <klib/types.h>
#include <platform/pci.h>

struct pbuf;

/* A device's text attributes, in Linux's formats. */
enum sys_pci_attr {
	PCI_ATTR_VENDOR,
	PCI_ATTR_DEVICE,
	PCI_ATTR_CLASS,
	PCI_ATTR_SUBSYS_VENDOR,
	PCI_ATTR_SUBSYS_DEVICE,
	PCI_ATTR_REVISION,
	PCI_ATTR_IRQ,
	PCI_ATTR_RESOURCE,
	PCI_ATTR_UEVENT,
	PCI_ATTR_MODALIAS,
};
void sysfs_pci_show(struct pbuf *b, enum sys_pci_attr a, const struct pci_dev *d);

/* "0000:BB:DD.F" into buf (at least 13 bytes); its length. */
int sysfs_pci_name(const struct pci_dev *d, char *buf, size_t size);
/* The index of `d`, or -1 for NULL. */
int sysfs_pci_index(const struct pci_dev *d);
/* /sys/bus/pci/devices/<name>'s target, "../../../devices/pci0000:00/..."
 * with each bridge above on the way; its full length. */
size_t sysfs_pci_link(const struct pci_dev *d, char *buf, size_t size);
/* A bound device's `driver` link, "../../../bus/pci/drivers/<name>" with
 * one more "../" per bridge above; its full length. */
size_t sysfs_pci_driver_link(const struct pci_dev *d, char *buf, size_t size);
