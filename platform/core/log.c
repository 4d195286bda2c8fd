/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The kernel log.  Messages are formatted straight to the console under one
 * lock taken with interrupts off, so lines from different CPUs or from an
 * interrupt never interleave, and copied into a ring buffer (for dmesg).
 * During a panic the lock is bypassed: a CPU that died holding it must not
 * silence the panic message.
 */
#include <klib/printf.h>
#include <klib/string.h>
#include <platform/console.h>
#include <platform/log.h>
#include <platform/spinlock.h>
#include <platform/time.h>
#include "core.h"

#define LOG_BUF_SIZE (64 * 1024)

static struct spinlock log_lock = SPINLOCK_INIT("log", LOCK_RANK_CONSOLE);
static int console_level = LOG_INFO;
static char log_buf[LOG_BUF_SIZE]; /* ring, guarded by log_lock */
static size_t log_head;		   /* total bytes ever written */
bool log_panicking;

struct line_sink {
	char buf[128];
	size_t n;
	bool console;
};

static void sink_flush(struct line_sink *s)
{
	if (s->console)
		console_write(s->buf, s->n);
	for (size_t i = 0; i < s->n; i++)
		log_buf[(log_head + i) % LOG_BUF_SIZE] = s->buf[i];
	log_head += s->n;
	s->n = 0;
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
	struct line_sink s = {.n = 0, .console = level <= console_level};
	uint64_t ns = time_ns();
	irqflags_t f = log_lock_take();

	s.n = (size_t)snprintf(s.buf, sizeof(s.buf), "[%5llu.%06llu] ",
			       (unsigned long long)(ns / 1000000000),
			       (unsigned long long)(ns / 1000 % 1000000));
	kvformat(sink_putc, &s, fmt, ap);
	if (s.n == 0 || s.buf[s.n - 1] != '\n')
		sink_putc(&s, '\n');
	sink_flush(&s);
	log_lock_drop(f);
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
	struct line_sink s = {.n = 0, .console = true};
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
