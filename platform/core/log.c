/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The kernel log.  Messages are formatted straight to the console under one
 * lock taken with interrupts off, so lines from different CPUs or from an
 * interrupt never interleave, and copied into a ring buffer (for dmesg).
 * During a panic the lock is bypassed: a CPU that died holding it must not
 * silence the panic message.
 *
 * The ring holds records, one per message, in syslog(2)'s text form:
 * "<prio>[    1.234567] text\n" (the console gets the same line without
 * "<prio>").  Records are numbered from 0; rec_start[] remembers where the
 * newest REC_MAX of them start, so a record is readable while both its
 * index slot and its bytes are still in the ring.  KTAP output (kprintf)
 * is console only: it is not a log record.
 */
#include <klib/printf.h>
#include <klib/string.h>
#include <platform/console.h>
#include <platform/log.h>
#include <platform/upcall.h>
#include <platform/spinlock.h>
#include <platform/time.h>
#include "core.h"

#define REC_MAX 4096 /* records indexed: more than fit in LOG_BUF_SIZE at ~32 bytes */

static struct spinlock log_lock = SPINLOCK_INIT("log", LOCK_RANK_CONSOLE);
static int console_level = LOG_INFO;
static char log_buf[LOG_BUF_SIZE];  /* ring, guarded by log_lock */
static size_t log_head;		    /* total bytes ever written */
static uint64_t rec_start[REC_MAX]; /* log_head where record n starts, at n % REC_MAX */
static uint64_t rec_next;	    /* the next record's number */
static uint64_t rec_first;	    /* no record before it is readable */
bool log_panicking;

struct line_sink {
	char buf[128];
	size_t n;
	bool console;
	bool ring;
};

static void ring_put(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_head + i) % LOG_BUF_SIZE] = p[i];
	log_head += n;
}

static void sink_flush(struct line_sink *s)
{
	if (s->console)
		console_write(s->buf, s->n);
	if (s->ring)
		ring_put(s->buf, s->n);
	s->n = 0;
}

/* Start record rec_next with its "<prio>" (log_lock held). */
static void record_begin(int prio)
{
	char p[16];

	rec_start[rec_next % REC_MAX] = log_head;
	rec_next++;
	ring_put(p, (size_t)snprintf(p, sizeof(p), "<%d>", prio));
}

static void sink_putc(void *ctx, char c)
{
	struct line_sink *s = ctx;

	s->buf[s->n++] = c;
	if (s->n == sizeof(s->buf))
		sink_flush(s);
}

static irqflags_t log_lock_take(void) __acquires(&log_lock)
{
	irqflags_t f;

	if (!log_panicking)
		return spin_lock_irqsave(&log_lock);
	f = irq_save();
	__acquire(&log_lock); /* bypassed: the holder may be the CPU that died */
	return f;
}

static void log_lock_drop(irqflags_t f) __releases(&log_lock)
{
	if (!log_panicking) {
		spin_unlock_irqrestore(&log_lock, f);
		return;
	}
	__release(&log_lock);
	irq_restore(f);
}

void vklog(int level, const char *fmt, va_list ap)
{
	struct line_sink s = {.n = 0, .console = level <= console_level, .ring = true};
	uint64_t ns = time_ns();
	irqflags_t f = log_lock_take();

	record_begin(level & 7);
	s.n = (size_t)snprintf(s.buf, sizeof(s.buf), "[%5llu.%06llu] ",
			       (unsigned long long)(ns / 1000000000),
			       (unsigned long long)(ns / 1000 % 1000000));
	kvformat(sink_putc, &s, fmt, ap);
	if (s.n == 0 || s.buf[s.n - 1] != '\n')
		sink_putc(&s, '\n');
	sink_flush(&s);
	log_lock_drop(f);
	if (!log_panicking)
		log_appended();
}

void klog(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vklog(level, fmt, ap);
	va_end(ap);
}

void kprintf(const char *fmt, ...)
{
	struct line_sink s = {.n = 0, .console = true, .ring = false};
	va_list ap;
	irqflags_t f = log_lock_take();

	va_start(ap, fmt);
	kvformat(sink_putc, &s, fmt, ap);
	va_end(ap);
	sink_flush(&s);
	log_lock_drop(f);
}

void log_set_level(int level)
{
	console_level = level;
}

int log_console_level(void)
{
	return console_level;
}

void log_record(int prio, const char *text, size_t len)
{
	struct line_sink s = {.n = 0, .console = (prio & 7) <= console_level, .ring = true};
	uint64_t ns = time_ns();
	irqflags_t f = log_lock_take();

	record_begin(prio);
	s.n = (size_t)snprintf(s.buf, sizeof(s.buf), "[%5llu.%06llu] ",
			       (unsigned long long)(ns / 1000000000),
			       (unsigned long long)(ns / 1000 % 1000000));
	for (size_t i = 0; i < len; i++)
		sink_putc(&s, text[i]);
	sink_putc(&s, '\n');
	sink_flush(&s);
	log_lock_drop(f);
	if (!log_panicking)
		log_appended();
}

/* The oldest record still whole in the ring (log_lock held).  It only
 * moves forward, so the walk is amortized over the records written. */
static uint64_t first_record(void)
{
	while (rec_first < rec_next && (rec_next - rec_first > REC_MAX ||
					log_head - rec_start[rec_first % REC_MAX] > LOG_BUF_SIZE))
		rec_first++;
	return rec_first;
}

void log_records(uint64_t *first, uint64_t *next)
{
	irqflags_t f = spin_lock_irqsave(&log_lock);

	*first = first_record();
	*next = rec_next;
	spin_unlock_irqrestore(&log_lock, f);
}

long log_get_record(uint64_t seq, char *buf, size_t size)
{
	irqflags_t f = spin_lock_irqsave(&log_lock);
	uint64_t start, end;
	long len = -1;

	if (seq >= first_record() && seq < rec_next) {
		start = rec_start[seq % REC_MAX];
		end = seq + 1 < rec_next ? rec_start[(seq + 1) % REC_MAX] : log_head;
		len = (long)(end - start);
		for (size_t i = 0; i < size && i < (size_t)len; i++)
			buf[i] = log_buf[(start + i) % LOG_BUF_SIZE];
	}
	spin_unlock_irqrestore(&log_lock, f);
	return len;
}

size_t log_read(char *buf, size_t size)
{
	irqflags_t f = spin_lock_irqsave(&log_lock);
	size_t avail = MIN(log_head, (size_t)LOG_BUF_SIZE);
	size_t n = MIN(avail, size);
	size_t start = log_head - n;

	for (size_t i = 0; i < n; i++)
		buf[i] = log_buf[(start + i) % LOG_BUF_SIZE];
	spin_unlock_irqrestore(&log_lock, f);
	return n;
}
