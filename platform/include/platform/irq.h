/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Interrupt control and handler registration, arch-neutral.
 */
#pragma once

#include <klib/types.h>

typedef unsigned long irqflags_t;

irqflags_t irq_save(void); /* disable, return previous state */
void irq_restore(irqflags_t flags);
void irq_enable(void);
void irq_disable(void);
bool irq_enabled(void);
void cpu_relax(void); /* spin-wait hint */
void cpu_idle(void);  /* enable interrupts and halt until one arrives */

/* Device interrupt lines (ISA/GSI numbering on x86). */
typedef void (*irq_handler_fn)(unsigned irq, void *ctx);
int irq_register(unsigned irq, irq_handler_fn fn, void *ctx);
void irq_unregister(unsigned irq);
