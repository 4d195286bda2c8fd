/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Internals shared by the TTY device (tty.c), its line discipline
 * (n_tty.c) and their self-tests.
 *
 * Locking: `lock` is a leaf spinlock guarding the termios, the input
 * buffer and the output column; the line discipline runs under it and
 * only reports what must happen next (wake readers, signal the
 * foreground group), which the caller does after dropping it.  Sleeping
 * readers' predicates read head/tail/canon_head with READ_ONCE without
 * the lock.  `session` and `pgrp` belong to the process tree and are
 * guarded by the proctree lock, like each process's `ctty`.
 */
#pragma once

#include <klib/types.h>
#include <asm/termios.h> /* termbits, ioctls, struct winsize */
#include <platform/spinlock.h>
#include <kernel/mutex.h>
#include <kernel/tty.h>
#include <kernel/waitqueue.h>

#define TTY_BUF	 4096 /* N_TTY_BUF_SIZE: input buffer, a power of two */
#define TTY_RX	 512  /* bytes received in IRQ context, awaiting the worker */
#define VDISABLE 0    /* _POSIX_VDISABLE: a c_cc slot set to it never matches */

/* Per-byte input flags. */
#define TTYF_DELIM 0x1 /* ends a line (newline, EOL, EOF or a pushed line) */
#define TTYF_EOF   0x2 /* the EOF character: ends the line, never read */

/* Where a tty's output goes: the serial line, or a self-test's buffer.
 * Called with the tty lock held and interrupts off: must not sleep. */
struct tty_driver {
	void (*write)(struct tty *tty, const char *s, size_t n);
	/* Optional, called without the tty lock: output was queued (a pty
	 * wakes its master's readers). */
	void (*written)(struct tty *tty);
	/* Optional, called without the tty lock before each piece of a
	 * write: wait until the output of up to 64 bytes fits (0), or
	 * -EAGAIN (`nonblock`), -ERESTARTSYS, -EIO (hung up). */
	int (*wait_room)(struct tty *tty, bool nonblock);
	/* Optional: open(2) of the terminal may refuse (a locked pty slave:
	 * -EIO); release is the last close of one of its open files. */
	int (*open)(struct tty *tty);
	void (*release)(struct tty *tty);
};

struct tty {
	struct spinlock lock;
	struct termios2 termios;
	struct winsize winsize;
	uint8_t buf[TTY_BUF], flags[TTY_BUF];
	unsigned head, tail;   /* free-running: tail..head is buffered input */
	unsigned canon_head;   /* canonical: the end of the last complete line */
	unsigned canon_column; /* output column where the line being edited began */
	unsigned column;       /* output column, for erasing tabs */
	bool lnext;	       /* the next character is taken literally */
	struct waitqueue read_wq;
	struct mutex write_lock; /* one writer at a time: writes do not interleave */
	/* write_lock: a write's bytes, taken from the caller 2 KiB at a time
	 * as Linux does; a piece that faults is not written */
	uint8_t wbuf[2048];
	int session, pgrp; /* proctree lock; 0: none */
	const struct tty_driver *driver;
	void *driver_priv;
	struct inode *inode;
	uint64_t rdev; /* stat's st_rdev; 0: /dev/console's 5:1 */
	uint32_t mode; /* stat's permission bits; 0: 0600 */
	bool hungup;   /* tty_hangup() ran: reads see EOF, writes EIO */
	/* received in IRQ context, processed by the worker thread */
	struct spinlock rx_lock;
	uint8_t rx[TTY_RX];
	unsigned rx_head, rx_tail; /* rx_lock */
	struct waitqueue rx_wq;
	struct thread *rx_thread; /* the worker, once started */
	bool rx_stop;		  /* tells the worker to exit (self-tests) */
};

/* n_tty.c: the line discipline (tty->lock held by the caller). */

/* Linux's defaults for a serial console. */
void n_tty_init_termios(struct termios2 *t);
/* Process received bytes: editing, echo, signals.  Returns the SIGBIT()s
 * to send to the foreground process group; sets *wake when readers must
 * be woken. */
uint64_t n_tty_receive(struct tty *tty, const uint8_t *s, size_t n, bool *wake);
/* Output processing (OPOST, ONLCR, OCRNL, ONOCR, ONLRET) of user data. */
void n_tty_output(struct tty *tty, const uint8_t *s, size_t n);
/* Bytes a read may take now (canonical: complete lines only). */
unsigned n_tty_readable(const struct tty *tty);
/* Move up to n readable bytes into dst.  *line_end is set when a line
 * delimiter was consumed (a canonical read stops there); *eof when it was
 * the EOF character (not copied).  Returns the bytes copied. */
size_t n_tty_take(struct tty *tty, uint8_t *dst, size_t n, bool *line_end, bool *eof);
/* Discard all input (TCIFLUSH, signals). */
void n_tty_flush_input(struct tty *tty);
/* The termios changed from `old`: adjust the buffer (ICANON toggled). */
void n_tty_set_termios(struct tty *tty, const struct termios2 *old);
/* FIONREAD: bytes available, EOF markers excluded. */
unsigned n_tty_inq(const struct tty *tty);

/* tty.c: a tty writing to `driver`, not attached to the serial line. */
struct tty *tty_create(const struct tty_driver *driver, void *priv);
void tty_destroy(struct tty *tty);
/* Feed received bytes through the line discipline now (thread context),
 * then wake readers and signal the foreground group as needed. */
void tty_receive(struct tty *tty, const uint8_t *s, size_t n);
/* The receive interrupt's half: queue one byte, wake the worker (which
 * tty_start_rx() starts; tty_destroy() stops it). */
void tty_rx_irq(char c, void *ctx);
int tty_start_rx(struct tty *tty);
/* Hang the terminal up (a pty whose master closed): the session leader
 * gets SIGHUP and SIGCONT, no process keeps it as controlling terminal,
 * reads return 0 and writes fail with EIO.  Takes the proctree lock. */
void tty_hangup(struct tty *tty);
/* Send `sig` to every live process of group `pgrp` (proctree lock held).
 * Returns how many were signalled. */
int tty_signal_pgrp_locked(int pgrp, int sig);

/* pty.c: the slave of pty `index` while its master is open, else NULL
 * (devpts lists these).  pty_slave_get() also takes a reference on the
 * slave's inode, which keeps the pair from being freed: whoever names
 * the tty (a devpts node) holds one and drops it with inode_put(). */
#define PTY_MAX 4096
struct tty *pty_slave(unsigned index);
struct tty *pty_slave_get(unsigned index);
