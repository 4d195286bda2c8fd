/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * 16550 UART on COM1: the console.  Output is polled (it must work during a
 * panic with interrupts off); input arrives by interrupt (IRQ 4 through the
 * IOAPIC) and is handed byte by byte to the registered receiver.
 *
 * Input that arrives before a receiver registers (typed ahead, or piped
 * into QEMU) is kept, never drained: what the receive register holds before
 * the FIFO is switched on (which clears it) is saved first, and that and
 * whatever the FIFO holds by then go to the receiver when it registers, as
 * the tty's input.
 */
#include <klib/compiler.h>
#include <platform/console.h>
#include <platform/irq.h>
#include "x64.h"

#define COM1	   0x3f8
#define REG_DATA   0
#define REG_IER	   1
#define REG_FCR	   2
#define REG_LCR	   3
#define REG_MCR	   4
#define REG_LSR	   5
#define LSR_DR	   0x01
#define LSR_THRE   0x20
#define LSR_RXERR  0x80 /* FIFO error; never set with the FIFO off */
#define MCR_LOOP   0x10
#define IER_RDI	   0x01
#define SERIAL_IRQ 4

static console_rx_fn rx_fn;
static void *rx_ctx;
static char early_rx[256]; /* received before the FIFO was on */
static size_t early_rx_len;

void serial_init(void)
{
	outb(COM1 + REG_IER, 0x00);
	outb(COM1 + REG_LCR, 0x03); /* 8N1, DLAB off: the data register reads */
	/* (an absent UART reads as all ones: no input) */
	while ((inb(COM1 + REG_LSR) & (LSR_DR | LSR_RXERR)) == LSR_DR &&
	       early_rx_len < sizeof(early_rx))
		early_rx[early_rx_len++] = (char)inb(COM1 + REG_DATA);
	outb(COM1 + REG_LCR, 0x80); /* DLAB: set the divisor */
	outb(COM1 + REG_DATA, 1);   /* 115200 baud */
	outb(COM1 + REG_IER, 0);
	outb(COM1 + REG_LCR, 0x03); /* 8N1 */
	outb(COM1 + REG_FCR, 0xc7); /* FIFO on, cleared, 14-byte threshold */
	outb(COM1 + REG_MCR, 0x0b); /* DTR, RTS, OUT2 (IRQ enable) */
}

void serial_putc(char c)
{
	unsigned spins = 0;

	while (!(inb(COM1 + REG_LSR) & LSR_THRE) && ++spins < 100000)
		__asm__ volatile("pause");
	outb(COM1 + REG_DATA, (uint8_t)c);
}

void console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static void serial_irq(unsigned irq, void *ctx)
{
	while (inb(COM1 + REG_LSR) & LSR_DR) {
		char c = (char)inb(COM1 + REG_DATA);

		if (rx_fn)
			rx_fn(c, rx_ctx);
	}
}

int console_set_rx(console_rx_fn fn, void *ctx)
{
	int err;

	if (!fn) {
		outb(COM1 + REG_IER, 0);
		irq_unregister(SERIAL_IRQ);
		rx_fn = NULL;
		return 0;
	}
	rx_fn = fn;
	rx_ctx = ctx;
	err = irq_register(SERIAL_IRQ, serial_irq, NULL);
	if (err)
		return err;
	/* typeahead: what arrived before now is input too */
	for (size_t i = 0; i < early_rx_len; i++)
		fn(early_rx[i], ctx);
	early_rx_len = 0;
	/* QEMU holds back input the full FIFO refused until the receive
	 * register is next read; an empty FIFO reads as a harmless 0 */
	if (!(inb(COM1 + REG_LSR) & LSR_DR))
		(void)inb(COM1 + REG_DATA);
	serial_irq(SERIAL_IRQ, NULL);
	outb(COM1 + REG_IER, IER_RDI);
	return 0;
}

void console_loopback(bool on)
{
	outb(COM1 + REG_MCR, on ? (0x0b | MCR_LOOP) : 0x0b);
}

/* Write one byte on the wire bypassing the newline translation (loopback test). */
void console_tx_raw(char c)
{
	serial_putc(c);
}
