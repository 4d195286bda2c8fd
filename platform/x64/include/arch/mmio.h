/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * x86_64 MMIO and port accessors behind <platform/mmio.h>.  On x86 an
 * uncached (PCD|PWT) mapping is strongly ordered, so a plain volatile
 * access of the right width is the whole accessor: device writes reach
 * the device in program order and a read waits for earlier writes.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

#define ARCH_MMIO_READ(name, type)                        \
	static inline type name(const void __iomem *a)    \
	{                                                 \
		return *(const volatile type __force *)a; \
	}
#define ARCH_MMIO_WRITE(name, type)                      \
	static inline void name(type v, void __iomem *a) \
	{                                                \
		*(volatile type __force *)a = v;         \
	}
ARCH_MMIO_READ(readb, uint8_t)
ARCH_MMIO_READ(readw, uint16_t)
ARCH_MMIO_READ(readl, uint32_t)
ARCH_MMIO_READ(readq, uint64_t)
ARCH_MMIO_WRITE(writeb, uint8_t)
ARCH_MMIO_WRITE(writew, uint16_t)
ARCH_MMIO_WRITE(writel, uint32_t)
ARCH_MMIO_WRITE(writeq, uint64_t)
#undef ARCH_MMIO_READ
#undef ARCH_MMIO_WRITE

/* I/O ports (the PC's second address space). */
static inline uint8_t ioport_read8(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline uint16_t ioport_read16(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline uint32_t ioport_read32(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline void ioport_write8(uint8_t v, uint16_t port)
{
	__asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port));
}
static inline void ioport_write16(uint16_t v, uint16_t port)
{
	__asm__ volatile("outw %0, %1" ::"a"(v), "Nd"(port));
}
static inline void ioport_write32(uint32_t v, uint16_t port)
{
	__asm__ volatile("outl %0, %1" ::"a"(v), "Nd"(port));
}
