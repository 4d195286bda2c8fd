/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the TTY and its line discipline, on private terminals
 * whose output goes to a buffer: bytes are fed through the receive path
 * (tty_receive, or the IRQ half and its worker) and read back through
 * the dispatch wrappers as read(2) would.  Canonical lines, ERASE, WERASE
 * and KILL with their echo, EOF, CR/NL mapping, non-canonical VMIN/VTIME,
 * poll, ISIG signals reaching a process group, the hangup when a session
 * leader exits, and ONLCR output.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/signal.h>
#include <linux/mman.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include "tty_internal.h"

struct capture {
	char buf[512];
	size_t n;
};

static void capture_write(struct tty *tty, const char *s, size_t n)
{
	struct capture *c = tty->driver_priv;

	n = MIN(n, sizeof(c->buf) - 1 - c->n);
	memcpy(c->buf + c->n, s, n);
	c->n += n;
	c->buf[c->n] = 0;
}

static const struct tty_driver capture_driver = {.write = capture_write};

static struct tty *new_tty(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	return tty_create(&capture_driver, c);
}

static void feed(struct tty *tty, const char *s)
{
	tty_receive(tty, (const uint8_t *)s, strlen(s));
}

static ssize_t rd(struct tty *tty, char *buf, size_t n, unsigned flags)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = n};
	ssize_t r;

	memset(buf, 0, n);
	r = vfs_read(tty->inode, 0, &b, flags);
	return r;
}

static ssize_t wr(struct tty *tty, const char *s)
{
	struct iobuf b = {.user = false, .kbuf = (void *)s, .len = strlen(s)};

	return vfs_write(tty->inode, 0, &b, O_RDWR);
}

/* Change the termios as TCSETS does (ioctl needs user memory). */
static void set_mode(struct tty *tty, unsigned lflag_clear, unsigned lflag_set, int vmin, int vtime)
{
	irqflags_t f = spin_lock_irqsave(&tty->lock);
	struct termios2 old = tty->termios;

	tty->termios.c_lflag = (tty->termios.c_lflag & ~lflag_clear) | lflag_set;
	tty->termios.c_cc[VMIN] = (cc_t)vmin;
	tty->termios.c_cc[VTIME] = (cc_t)vtime;
	n_tty_set_termios(tty, &old);
	spin_unlock_irqrestore(&tty->lock, f);
}

KTEST(tty, defaults_are_linux_serial_console)
{
	struct capture c;
	struct tty *tty = new_tty(&c);

	KTEST_EXPECT(t, tty != NULL);
	if (!tty)
		return;
	KTEST_EXPECT_EQ(t, tty->termios.c_iflag, ICRNL | IXON);
	KTEST_EXPECT_EQ(t, tty->termios.c_oflag, OPOST | ONLCR);
	KTEST_EXPECT_EQ(t, tty->termios.c_lflag,
			ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
	KTEST_EXPECT_EQ(t, tty->termios.c_cc[VINTR], 3);
	KTEST_EXPECT_EQ(t, tty->termios.c_cc[VERASE], 0x7f);
	KTEST_EXPECT_EQ(t, tty->termios.c_cc[VMIN], 1);
	KTEST_EXPECT_EQ(t, tty->winsize.ws_row, 0); /* ttyS0 reports 0x0 */
	tty_destroy(tty);
}

KTEST(tty, canonical_lines_and_echo)
{
	struct capture c;
	struct tty *tty = new_tty(&c);
	char buf[64];

	if (!tty)
		return;
	feed(tty, "hel");
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), O_NONBLOCK), -EAGAIN); /* no line yet */
	KTEST_EXPECT_EQ(t, vfs_poll(tty->inode, POLLIN | POLLOUT, O_RDWR, NULL), POLLOUT);
	feed(tty, "lo\rworld\n");
	KTEST_EXPECT_EQ(t, vfs_poll(tty->inode, POLLIN, O_RDWR, NULL), POLLIN);
	KTEST_EXPECT_EQ(t, n_tty_inq(tty), 12);
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 6); /* one line per read; CR -> NL */
	KTEST_EXPECT(t, !strcmp(buf, "hello\n"));
	KTEST_EXPECT_EQ(t, rd(tty, buf, 3, 0), 3); /* a short read leaves the rest */
	KTEST_EXPECT(t, !memcmp(buf, "wor", 3));
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 3);
	KTEST_EXPECT(t, !strcmp(buf, "ld\n"));
	KTEST_EXPECT(t, !strcmp(c.buf, "hello\r\nworld\r\n")); /* echo with ONLCR */
	tty_destroy(tty);
}

KTEST(tty, long_line_in_one_read)
{
	struct capture c;
	struct tty *tty = new_tty(&c);
	char *line = kmalloc(1024), *buf = kmalloc(1024);

	if (!tty || !line || !buf)
		goto out;
	memset(line, 'q', 700);
	line[700] = '\n';
	line[701] = 0;
	feed(tty, line);
	KTEST_EXPECT_EQ(t, rd(tty, buf, 1024, 0), 701); /* more than one internal chunk */
	KTEST_EXPECT(t, !memcmp(buf, line, 701));
out:
	kfree(line);
	kfree(buf);
	if (tty)
		tty_destroy(tty);
}

KTEST(tty, erase_werase_kill)
{
	struct capture c;
	struct tty *tty = new_tty(&c);
	char buf[64];

	if (!tty)
		return;
	feed(tty, "abc\x7f\x7f"
		  "d\n");
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 3);
	KTEST_EXPECT(t, !strcmp(buf, "ad\n"));
	KTEST_EXPECT(t, !strcmp(c.buf, "abc\b \b\b \bd\r\n"));
	c.n = 0;
	feed(tty, "foo bar\x17"
		  "baz\n");
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 8);
	KTEST_EXPECT(t, !strcmp(buf, "foo baz\n"));
	feed(tty, "junk\x15ok\n"); /* ECHOKE: the line is erased on screen */
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 3);
	KTEST_EXPECT(t, !strcmp(buf, "ok\n"));
	c.n = 0;
	feed(tty, "a\x01\x7f\n"); /* a control character echoes as ^A, erased as two */
	KTEST_EXPECT(t, !strcmp(c.buf, "a^A\b \b\b \b\r\n"));
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 2);
	c.n = 0;
	feed(tty, "\x7f\n"); /* erasing nothing does nothing */
	KTEST_EXPECT(t, !strcmp(c.buf, "\r\n"));
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 1);
	c.n = 0;
	feed(tty, "a\tb\x7f\x7f\n"); /* a tab erases back to where it started */
	KTEST_EXPECT(t, !strcmp(c.buf, "a\tb\b \b\b\b\b\b\b\b\b\r\n"));
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 2);
	feed(tty, "x\x16\x7f\n"); /* LNEXT: a literal DEL */
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 3);
	KTEST_EXPECT(t, buf[0] == 'x' && buf[1] == 0x7f && buf[2] == '\n');
	tty_destroy(tty);
}

KTEST(tty, eof)
{
	struct capture c;
	struct tty *tty = new_tty(&c);
	char buf[64];

	if (!tty)
		return;
	feed(tty, "\x04");
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 0); /* ^D on an empty line: EOF */
	feed(tty, "ab\x04");
	KTEST_EXPECT_EQ(t, n_tty_inq(tty), 2);		     /* the marker is not counted */
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 2); /* ^D pushes the line */
	KTEST_EXPECT(t, !strcmp(buf, "ab"));
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), O_NONBLOCK), -EAGAIN);
	KTEST_EXPECT_EQ(t, c.n, 2); /* EOF is not echoed */
	tty_destroy(tty);
}

KTEST(tty, input_mapping)
{
	struct capture c;
	struct tty *tty = new_tty(&c);
	char buf[64];

	if (!tty)
		return;
	tty->termios.c_iflag = IGNCR;
	feed(tty, "a\rb\n");
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 3);
	KTEST_EXPECT(t, !strcmp(buf, "ab\n"));
	tty->termios.c_iflag = INLCR;
	tty->termios.c_cc[VEOL] = '\r'; /* so that the mapped byte ends a line */
	feed(tty, "x\n");
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 2);
	KTEST_EXPECT(t, !strcmp(buf, "x\r"));
	tty_destroy(tty);
}

KTEST(tty, noncanonical_vmin_vtime)
{
	struct capture c;
	struct tty *tty = new_tty(&c);
	char buf[64];
	uint64_t t0;

	if (!tty)
		return;
	feed(tty, "ab"); /* pending when ICANON goes: all readable */
	set_mode(tty, ICANON | ECHO, 0, 3, 0);
	c.n = 0;
	KTEST_EXPECT_EQ(t, vfs_poll(tty->inode, POLLIN, O_RDWR, NULL), 0); /* VMIN 3, 2 there */
	feed(tty, "c\x7f"); /* no editing in raw mode */
	KTEST_EXPECT_EQ(t, vfs_poll(tty->inode, POLLIN, O_RDWR, NULL), POLLIN);
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 4);
	KTEST_EXPECT(t, !memcmp(buf, "abc\x7f", 4));
	KTEST_EXPECT_EQ(t, c.n, 0); /* nothing echoed: ECHO is off */
	set_mode(tty, 0, 0, 0, 0);
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 0); /* VMIN 0 VTIME 0: a poll */
	set_mode(tty, 0, 0, 0, 1);
	t0 = time_ns();
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 0); /* VTIME 1: 0.1 s, then 0 */
	KTEST_EXPECT(t, time_ns() - t0 >= 90000000ull);
	feed(tty, "z");
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 1);
	set_mode(tty, 0, 0, 1, 0);
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), O_NONBLOCK), -EAGAIN);
	tty_destroy(tty);
}

struct reader {
	struct tty *tty;
	char buf[16];
	ssize_t ret;
	int done;
};

static void reader_thread(void *arg)
{
	struct reader *r = arg;

	r->ret = rd(r->tty, r->buf, sizeof(r->buf), 0);
	WRITE_ONCE(r->done, 1);
}

KTEST(tty, blocking_read_through_the_irq_path)
{
	struct capture c;
	struct tty *tty = new_tty(&c);
	struct reader r = {.tty = tty};
	struct thread *th;

	if (!tty)
		return;
	KTEST_EXPECT_EQ(t, tty_start_rx(tty), 0);
	set_mode(tty, ICANON, 0, 2, 0); /* raw, VMIN 2 */
	th = thread_create("tty-rd", reader_thread, &r);
	KTEST_EXPECT(t, th != NULL);
	if (!th) {
		tty_destroy(tty);
		return;
	}
	for (int i = 0; i < 20; i++)
		sched_yield_cpu();
	tty_rx_irq('x', tty); /* as the UART interrupt would */
	for (int i = 0; i < 50; i++)
		sched_yield_cpu();
	KTEST_EXPECT_EQ(t, READ_ONCE(r.done), 0); /* VMIN not reached */
	tty_rx_irq('y', tty);
	thread_join(th);
	thread_put(th);
	KTEST_EXPECT_EQ(t, r.ret, 2);
	KTEST_EXPECT(t, !strcmp(r.buf, "xy"));
	KTEST_EXPECT(t, !strcmp(c.buf, "xy")); /* echoed by the worker */
	tty_destroy(tty);
}

/* A process that exists only in the process list, to receive signals. */
static struct process *fake_process(int pid, int pgid)
{
	struct process *p = kzalloc(sizeof(*p));
	irqflags_t f;

	if (!p)
		return NULL;
	p->pid = pid;
	p->pgid = pgid;
	p->sid = pgid;
	p->state = PROC_ALIVE;
	p->cred = &init_cred; /* root's, never freed */
	signal_init_process(p, NULL);
	f = process_lock_tree();
	list_add_tail(&p->all_link, &all_processes);
	process_unlock_tree(f);
	return p;
}

static void fake_process_free(struct process *p)
{
	irqflags_t f = process_lock_tree();

	list_del(&p->all_link);
	process_unlock_tree(f);
	signal_free_queue(p); /* gives back what its pending signals charged */
	kfree(p);
}

KTEST(tty, isig_signals_the_foreground_group)
{
	struct capture c;
	struct tty *tty = new_tty(&c);
	/* pids far above any the self-tests create */
	struct process *a = fake_process(900001, 900001), *b = fake_process(900002, 900001);
	struct process *other = fake_process(900003, 900003);
	char buf[16];

	if (!tty || !a || !b || !other)
		goto out;
	tty->pgrp = 900001;
	feed(tty, "partial\x03");
	KTEST_EXPECT(t, a->sig_pending & SIGBIT(SIGINT));
	KTEST_EXPECT(t, b->sig_pending & SIGBIT(SIGINT));
	KTEST_EXPECT(t, !(other->sig_pending & SIGBIT(SIGINT)));
	KTEST_EXPECT(t, !strcmp(c.buf, "partial^C")); /* ECHOCTL */
	feed(tty, "\n");
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 1); /* the partial line was flushed */
	feed(tty, "\x1c\x1a");
	KTEST_EXPECT(t, a->sig_pending & SIGBIT(SIGQUIT));
	KTEST_EXPECT(t, a->sig_pending & SIGBIT(SIGTSTP));
	tty->termios.c_lflag |= NOFLSH;
	feed(tty, "kept\x03\n");
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 5);
	tty->termios.c_cc[VINTR] = VDISABLE; /* as BusyBox's line editor does */
	a->sig_pending = 0;
	feed(tty, "\x03\n");
	KTEST_EXPECT(t, !(a->sig_pending & SIGBIT(SIGINT)));
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 2);
	tty->termios.c_lflag &= ~ISIG;
	tty->termios.c_cc[VINTR] = 3;
	feed(tty, "\x03\n");
	KTEST_EXPECT(t, !(a->sig_pending & SIGBIT(SIGINT)));
	KTEST_EXPECT_EQ(t, rd(tty, buf, sizeof(buf), 0), 2);
	{
		irqflags_t f = process_lock_tree();

		KTEST_EXPECT_EQ(t, tty_signal_pgrp_locked(900003, SIGHUP), 1);
		KTEST_EXPECT_EQ(t, tty_signal_pgrp_locked(0, SIGHUP), 0);
		process_unlock_tree(f);
	}
	KTEST_EXPECT(t, other->sig_pending & SIGBIT(SIGHUP));
out:
	if (a)
		fake_process_free(a);
	if (b)
		fake_process_free(b);
	if (other)
		fake_process_free(other);
	if (tty)
		tty_destroy(tty);
}

KTEST(tty, session_leader_exit_hangs_up_the_foreground)
{
	struct capture c;
	struct tty *tty = new_tty(&c);
	struct process *leader = fake_process(900011, 900011);
	struct process *fg = fake_process(900012, 900012), *bg = fake_process(900013, 900013);

	if (!tty || !leader || !fg || !bg)
		goto out;
	fg->sid = bg->sid = 900011; /* two groups of the leader's session */
	leader->ctty = fg->ctty = bg->ctty = tty;
	tty->session = 900011;
	tty->pgrp = 900012;
	tty_session_leader_exit(leader);
	KTEST_EXPECT(t, fg->sig_pending & SIGBIT(SIGHUP));
	KTEST_EXPECT(t, fg->sig_pending & SIGBIT(SIGCONT));
	KTEST_EXPECT(t, !(bg->sig_pending & SIGBIT(SIGHUP)));
	KTEST_EXPECT(t, !leader->ctty && !fg->ctty && !bg->ctty); /* the session lost it */
	KTEST_EXPECT_EQ(t, tty->session, 0);
	KTEST_EXPECT_EQ(t, tty->pgrp, 0);
out:
	if (leader)
		fake_process_free(leader);
	if (fg)
		fake_process_free(fg);
	if (bg)
		fake_process_free(bg);
	if (tty)
		tty_destroy(tty);
}

/* A write whose buffer runs into a bad page: Linux takes it 2 KiB at a
 * time and writes no part of the piece that faults. */
KTEST(tty, write_stops_before_a_faulting_piece)
{
	struct capture c;
	struct tty *tty = new_tty(&c);
	struct vm *vm = vm_create();
	long a;

	if (!tty)
		return;
	current_thread()->vm = vm;
	vm_activate(vm);
	a = vm_mmap(vm, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	KTEST_EXPECT_EQ(t, vm_munmap(vm, (uintptr_t)a + PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, clear_user(uptr(a), PAGE_SIZE), 0);
	tty->termios.c_oflag &= ~OPOST;
	struct iobuf edge = {.user = true, .ubuf = uptr(a + PAGE_SIZE - 100), .len = 1000};
	struct iobuf three_k = {.user = true, .ubuf = uptr(a + PAGE_SIZE - 3000), .len = 5000};
	KTEST_EXPECT_EQ(t, vfs_write(tty->inode, 0, &edge, O_RDWR), -EFAULT);
	KTEST_EXPECT_EQ(t, c.n, 0);
	KTEST_EXPECT_EQ(t, vfs_write(tty->inode, 0, &three_k, O_RDWR), 2048);
	KTEST_EXPECT_EQ(t, c.n, sizeof(c.buf) - 1); /* the capture's limit */
	current_thread()->vm = NULL;
	aspace_activate(NULL);
	vm_put(vm);
	tty_destroy(tty);
}

KTEST(tty, output_processing)
{
	struct capture c;
	struct tty *tty = new_tty(&c);

	if (!tty)
		return;
	KTEST_EXPECT_EQ(t, wr(tty, "a\nb\tc"), 5);
	KTEST_EXPECT(t, !strcmp(c.buf, "a\r\nb\tc"));
	KTEST_EXPECT_EQ(t, tty->column, 9); /* the tab went to column 8 */
	c.n = 0;
	tty->termios.c_oflag &= ~OPOST;
	KTEST_EXPECT_EQ(t, wr(tty, "x\ny"), 3);
	KTEST_EXPECT(t, !strcmp(c.buf, "x\ny"));
	c.n = 0;
	tty->termios.c_oflag = OPOST | ONLCR | XTABS;
	tty->column = 0;
	KTEST_EXPECT_EQ(t, wr(tty, "\tz"), 2);
	KTEST_EXPECT(t, !strcmp(c.buf, "        z"));
	tty_destroy(tty);
}
