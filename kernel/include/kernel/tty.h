/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The TTY layer: a terminal device with Linux's line discipline (N_TTY:
 * canonical editing, echo, signals from ^C ^\ ^Z, non-canonical reads
 * with VMIN/VTIME), termios, window size, and the job-control rules of a
 * controlling terminal (foreground process group, SIGTTIN/SIGTTOU).
 * The terminals: the serial console, behind /dev/console, /dev/ttyS0
 * and the first process's fds 0-2, and the slaves of pseudo-terminals
 * (/dev/ptmx, /dev/pts/N); /dev/tty is the caller's controlling one.  The kernel's own
 * log bypasses it (platform console), so termios never changes it.
 */
#pragma once

#include <klib/types.h>

struct tty;
struct inode;
struct poll_table;
struct process;

/* The serial console's tty as a FileLike inode (a new reference).  The
 * first call creates it; it receives input once tty_console_start() ran. */
struct inode *tty_console_inode(void);
/* Route the serial line's input to the console tty (idempotent). */
void tty_console_start(void);
/* Make the console tty `p`'s controlling terminal, with `p`'s session
 * and process group in the foreground (the first process: a session
 * leader without a terminal).  Starts reception. */
void tty_attach_init(struct process *p);
/* open("/dev/tty"): 0 if the caller has a controlling terminal, else
 * -ENXIO. */
int tty_open_controlling(void);
/* The caller's controlling terminal as a FileLike inode (a new
 * reference), or NULL: what /dev/tty reads and writes. */
struct inode *tty_controlling_inode(void);
/* A session leader exits: its terminal's foreground group gets SIGHUP
 * and SIGCONT and the session loses the terminal.  Takes the proctree
 * lock; call without it. */
void tty_session_leader_exit(struct process *leader);

/* Unix98 pseudo-terminals (kernel/fs/pty.c).  /dev/ptmx opens a new pair
 * (-ENOMEM); the other calls are the master's file operations, with
 * Linux's errnos (a read after the last slave close: -EIO). */
struct pty;
struct iobuf;
int pty_open_master(struct pty **out) __must_check;
ssize_t pty_master_read(struct pty *pty, struct iobuf *b, unsigned flags);
ssize_t pty_master_write(struct pty *pty, struct iobuf *b, unsigned flags);
long pty_master_ioctl(struct pty *pty, unsigned cmd, uint64_t arg);
unsigned pty_master_poll(struct pty *pty, unsigned events, struct poll_table *pt);
/* The pair's number (N of /dev/pts/N), as TIOCGPTN gives it. */
unsigned pty_master_index(const struct pty *pty);
/* The master's last file closed: the slave is hung up. */
void pty_master_close(struct pty *pty);
