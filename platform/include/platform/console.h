/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The console device (the serial line on x86_64).  Output through the log
 * (platform/log.h) or console_write(); input is delivered byte by byte, from
 * interrupt context, to the one registered receiver (the TTY layer).
 */
#pragma once

#include <klib/types.h>

typedef void (*console_rx_fn)(char c, void *ctx);

void console_write(const char *s, size_t n);
/* Route received bytes to `fn` (in IRQ context) and enable RX interrupts;
 * fn NULL turns reception off again.  -EBUSY if the IRQ is taken. */
int console_set_rx(console_rx_fn fn, void *ctx);
/* Internal loopback of the UART, for the self-test of the interrupt path. */
void console_loopback(bool on);
void console_tx_raw(char c);
