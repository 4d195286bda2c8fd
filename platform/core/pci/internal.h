/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Interfaces between the files of platform/core/pci.  Private. */
#pragma once

#include <platform/pci.h>
#include <platform/spinlock.h>

/* Guards each device's driver, drvdata, irq_mode, nvec, vectors[] and
 * bar_map[], and irq.c's INTx line lists.  Taken before the MSI and
 * configuration-port locks. */
extern struct spinlock pci_lock;

/* The mechanism (PCI_MECH_*) that reaches dev's configuration space at
 * `off`, 0 if none does. */
unsigned pci_mech_for(const struct pci_dev *dev, unsigned off);
/* Read or write through one given mechanism (the self-tests compare). */
uint32_t pci_read_via(unsigned mech, const struct pci_dev *dev, unsigned off, unsigned width);
