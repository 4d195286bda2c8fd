/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The kernel log seen from user space: syslog(2) (klogctl, BusyBox dmesg)
 * and /dev/kmsg (util-linux dmesg, journald), over platform's record ring
 * (platform/log.h).
 *
 * syslog's readers share one position (SYSLOG_ACTION_READ consumes
 * records, SIZE_UNREAD counts what is left) and one "clear" mark (READ_ALL
 * starts there, CLEAR moves it to the end); records come out in their
 * ring form "<prio>[    1.234567] text\n", whole (READ_ALL returns the
 * newest records that fit) or, for READ, split across calls.
 *
 * /dev/kmsg gives each open file its own position (devfs makes a fresh
 * inode per open, whose priv is the reader): one record per read in the
 * form "prio,seq,usec,-;text\n", EINVAL when the buffer is too small (the
 * record is skipped), EPIPE once when the records it was at were
 * overwritten, EAGAIN at the end under O_NONBLOCK.  A write (or a whole
 * writev) becomes a record (facility LOG_USER unless the line's "<N>"
 * prefix names another); Linux's rate limit on these writes is not kept.
 *
 * Readers (blocking reads of both, poll of /dev/kmsg) wait on log_wq,
 * which ring 0 has woken through the log_appended upcall once a record is
 * in.  The upcall may come from any context; where a wait queue lock
 * cannot be taken (spinlocks held, an interrupt: preemption off) the
 * wake-up is left pending and done by the next record added from a
 * context that can.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/uio.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/percpu.h>
#include <platform/upcall.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/kmsg.h>
#include <kernel/mutex.h>
#include <kernel/poll.h>
#include <kernel/waitqueue.h>
#include <kernel/vfs.h>

#define REC_LINE_MAX	  1024 /* a record is cut to this (Linux's PRINTKRB_RECORD_MAX) */
#define LOG_USER_FAC	  1    /* LOG_USER: user space's records */
#define DEFAULT_MSG_LEVEL 4    /* a written line without "<N>": LOG_WARNING */

/* syslog(2)'s action numbers (Linux's include/linux/syslog.h, not UAPI) */
enum {
	SYSLOG_ACTION_CLOSE,
	SYSLOG_ACTION_OPEN,
	SYSLOG_ACTION_READ,
	SYSLOG_ACTION_READ_ALL,
	SYSLOG_ACTION_READ_CLEAR,
	SYSLOG_ACTION_CLEAR,
	SYSLOG_ACTION_CONSOLE_OFF,
	SYSLOG_ACTION_CONSOLE_ON,
	SYSLOG_ACTION_CONSOLE_LEVEL,
	SYSLOG_ACTION_SIZE_UNREAD,
	SYSLOG_ACTION_SIZE_BUFFER,
};

static struct mutex syslog_lock = MUTEX_INIT(syslog_lock, "syslog");
static uint64_t syslog_seq;	/* READ's next record (syslog_lock) */
static size_t syslog_partial;	/* bytes of it READ already returned (syslog_lock) */
static uint64_t clear_seq;	/* READ_ALL starts here (syslog_lock) */
static int saved_console_level; /* CONSOLE_OFF's, for CONSOLE_ON; 0: none (syslog_lock) */

static struct waitqueue log_wq = WAITQUEUE_INIT(log_wq);
static int wake_pending; /* atomic: a record came where log_wq could not be woken */

void log_appended(void)
{
	/* preemption on: no spinlock held, not an interrupt (if this thread
	 * moves CPUs after the read, it still holds none) */
	if (this_cpu()->preempt_count) {
		__atomic_store_n(&wake_pending, 1, __ATOMIC_RELEASE);
		return;
	}
	__atomic_store_n(&wake_pending, 0, __ATOMIC_RELAXED);
	poll_wake(&log_wq, POLLIN | POLLRDNORM);
}

/* Wait predicate: the log's end moved past *seen. */
static long log_moved(void *arg)
{
	uint64_t first, next;

	log_records(&first, &next);
	return next != *(uint64_t *)arg;
}

struct kmsg_reader {
	struct mutex lock;
	uint64_t seq; /* the next record this open file reads (lock) */
};

/* Record `seq` in syslog's form into buf (REC_LINE_MAX bytes): its
 * length, or -1 when it is gone. */
static long rec_text(uint64_t seq, char *buf)
{
	long n = log_get_record(seq, buf, REC_LINE_MAX);

	if (n > REC_LINE_MAX) {
		n = REC_LINE_MAX;
		buf[n - 1] = '\n';
	}
	return n;
}

/* ---- syslog(2) ---- */

/* READ: consume records from syslog_seq, waiting for one; a record that
 * does not fit continues on the next call. */
static long syslog_read(char __user *ubuf, size_t len, char *buf)
{
	uint64_t first, next;
	size_t done = 0;
	long r;

	for (;;) {
		mutex_lock(&syslog_lock);
		log_records(&first, &next);
		if (syslog_seq < first) {
			syslog_seq = first;
			syslog_partial = 0;
		}
		if (syslog_seq < next)
			break;
		mutex_unlock(&syslog_lock);
		r = wq_sleep_signalable_until(&log_wq, log_moved, &next);
		if (r < 0)
			return r;
	}
	while (done < len && syslog_seq < next) {
		long n = rec_text(syslog_seq, buf);
		size_t take;

		if (n < 0) {
			syslog_seq++;
			syslog_partial = 0;
			continue;
		}
		take = MIN((size_t)n - syslog_partial, len - done);
		if (copy_to_user(ubuf + done, buf + syslog_partial, take)) {
			r = done ? (long)done : -EFAULT;
			goto out_unlock;
		}
		done += take;
		syslog_partial += take;
		if (syslog_partial == (size_t)n) {
			syslog_seq++;
			syslog_partial = 0;
		}
	}
	r = (long)done;
out_unlock:
	mutex_unlock(&syslog_lock);
	return r;
}

/* READ_ALL: the newest whole records since the clear mark that fit. */
static long syslog_read_all(char __user *ubuf, size_t len, char *buf, bool clear)
{
	uint64_t first, next, seq;
	size_t total = 0, done = 0;
	long r = 0;

	mutex_lock(&syslog_lock);
	log_records(&first, &next);
	seq = MAX(first, clear_seq);
	for (uint64_t s = seq; s < next; s++) {
		long n = rec_text(s, buf);

		total += n > 0 ? (size_t)n : 0;
	}
	while (total > len && seq < next) {
		long n = rec_text(seq++, buf);

		total -= n > 0 ? (size_t)n : 0;
	}
	for (; seq < next; seq++) {
		long n = rec_text(seq, buf);

		if (n < 0 || done + (size_t)n > len)
			continue;
		if (copy_to_user(ubuf + done, buf, (size_t)n)) {
			r = -EFAULT;
			goto out_unlock;
		}
		done += (size_t)n;
	}
	r = (long)done;
	if (clear)
		clear_seq = next;
out_unlock:
	mutex_unlock(&syslog_lock);
	return r;
}

static long syslog_size_unread(char *buf)
{
	uint64_t first, next;
	size_t total = 0;

	mutex_lock(&syslog_lock);
	log_records(&first, &next);
	if (syslog_seq < first) {
		syslog_seq = first;
		syslog_partial = 0;
	}
	for (uint64_t s = syslog_seq; s < next; s++) {
		long n = rec_text(s, buf);

		total += n > 0 ? (size_t)n : 0;
	}
	total -= MIN(total, syslog_partial);
	mutex_unlock(&syslog_lock);
	return (long)total;
}

/* kernel.dmesg_restrict, fixed at Debian's 1: reading the log is as
 * privileged as the other syslog actions. */
#define DMESG_RESTRICT 1

/* Linux's check_syslog_permissions: every action but reading all and
 * the buffer size (with dmesg_restrict, every action) needs CAP_SYSLOG,
 * or CAP_SYS_ADMIN as it used to. */
static int syslog_permission(int type)
{
	if (!DMESG_RESTRICT &&
	    (type == SYSLOG_ACTION_READ_ALL || type == SYSLOG_ACTION_SIZE_BUFFER))
		return 0;
	return capable(CAP_SYSLOG) || capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}

int kmsg_may_read(void)
{
	return syslog_permission(SYSLOG_ACTION_READ_ALL);
}

/* syslog(type, buf, len): the permission first, for any type. */
long sys_syslog(const struct syscall_args *a)
{
	int type = (int)a->arg[0], len = (int)a->arg[2];
	char __user *ubuf = uptr(a->arg[1]);
	uint64_t first, next;
	char *buf;
	long r = syslog_permission(type);

	if (r)
		return r;

	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!ubuf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(ubuf, (size_t)len))
			return -EFAULT;
		break;
	case SYSLOG_ACTION_CLEAR:
		log_records(&first, &next);
		mutex_lock(&syslog_lock);
		clear_seq = next;
		mutex_unlock(&syslog_lock);
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		mutex_lock(&syslog_lock);
		if (!saved_console_level)
			saved_console_level = log_console_level() + 1;
		log_set_level(0); /* Linux's minimum_console_loglevel 1: emergencies only */
		mutex_unlock(&syslog_lock);
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		mutex_lock(&syslog_lock);
		if (saved_console_level)
			log_set_level(saved_console_level - 1);
		saved_console_level = 0;
		mutex_unlock(&syslog_lock);
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		/* Linux prints levels below console_loglevel; here, up to the level */
		mutex_lock(&syslog_lock);
		log_set_level(len - 1);
		saved_console_level = 0;
		mutex_unlock(&syslog_lock);
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
	case SYSLOG_ACTION_SIZE_BUFFER:
		break;
	default:
		return -EINVAL;
	}
	if (type == SYSLOG_ACTION_SIZE_BUFFER)
		return LOG_BUF_SIZE;
	buf = kmalloc(REC_LINE_MAX);
	if (!buf)
		return -ENOMEM;
	if (type == SYSLOG_ACTION_READ)
		r = syslog_read(ubuf, (size_t)len, buf);
	else if (type == SYSLOG_ACTION_SIZE_UNREAD)
		r = syslog_size_unread(buf);
	else
		r = syslog_read_all(ubuf, (size_t)len, buf, type == SYSLOG_ACTION_READ_CLEAR);
	kfree(buf);
	return r;
}

/* ---- /dev/kmsg ---- */

void *kmsg_reader_new(void)
{
	struct kmsg_reader *rd = kzalloc(sizeof(*rd));
	uint64_t next;

	if (!rd)
		return NULL;
	mutex_init(&rd->lock, "kmsg");
	log_records(&rd->seq, &next);
	return rd;
}

void kmsg_reader_free(void *reader)
{
	kfree(reader);
}

unsigned kmsg_poll(void *reader, struct poll_table *pt)
{
	struct kmsg_reader *rd = reader;
	uint64_t first, next, seq = READ_ONCE(rd->seq);

	poll_wait(pt, &log_wq);
	log_records(&first, &next);
	if (seq < first) /* overwritten: the next read says EPIPE */
		return POLLIN | POLLRDNORM | POLLERR | POLLPRI;
	return seq < next ? POLLIN | POLLRDNORM : 0;
}

/* Parse a number at *p (skipping leading spaces); advances *p. */
static uint64_t parse_num(const char **p, const char *end)
{
	uint64_t v = 0;

	while (*p < end && **p == ' ')
		(*p)++;
	for (; *p < end && **p >= '0' && **p <= '9'; (*p)++)
		v = v * 10 + (uint64_t)(**p - '0');
	return v;
}

/* Record `seq` (ring form in rec, n bytes) in /dev/kmsg's form into out
 * (REC_LINE_MAX * 4 + 64 bytes); returns its length. */
static size_t kmsg_format(uint64_t seq, const char *rec, size_t n, char *out)
{
	const char *p = rec + 1, *end = rec + n;
	uint64_t prio, sec, usec;
	size_t o;

	prio = parse_num(&p, end);
	p += 2; /* ">[" */
	sec = parse_num(&p, end);
	p++; /* "." */
	usec = parse_num(&p, end);
	p += 2; /* "] " */
	if (end > p && end[-1] == '\n')
		end--;
	o = (size_t)snprintf(out, 64, "%llu,%llu,%llu,-;", (unsigned long long)prio,
			     (unsigned long long)seq, (unsigned long long)(sec * 1000000 + usec));
	for (; p < end; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < ' ' || c >= 127 || c == '\\')
			o += (size_t)snprintf(out + o, 5, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o++] = '\n';
	return o;
}

ssize_t kmsg_read(void *reader, struct iobuf *b, unsigned flags)
{
	struct kmsg_reader *rd = reader;
	char *rec = kmalloc(REC_LINE_MAX * 5 + 64), *out = rec + REC_LINE_MAX;
	uint64_t first, next;
	ssize_t r;
	long n;

	if (!rec)
		return -ENOMEM;
	for (;;) {
		mutex_lock(&rd->lock);
		log_records(&first, &next);
		if (rd->seq < first) {
			rd->seq = first;
			r = -EPIPE;
			goto out_unlock;
		}
		n = rd->seq < next ? rec_text(rd->seq, rec) : -1;
		if (n >= 0)
			break;
		mutex_unlock(&rd->lock);
		if (rd->seq < next)
			continue; /* overwritten meanwhile: EPIPE on the next round */
		if (flags & O_NONBLOCK) {
			r = -EAGAIN;
			goto out_free;
		}
		r = wq_sleep_signalable_until(&log_wq, log_moved, &next);
		if (r < 0)
			goto out_free;
	}
	r = (ssize_t)kmsg_format(rd->seq, rec, (size_t)n, out);
	rd->seq++; /* as Linux: a record too big for the buffer is skipped */
	if ((size_t)r > b->len)
		r = -EINVAL;
	else if (vfs_iobuf_put(b, 0, out, (size_t)r))
		r = -EFAULT;
out_unlock:
	mutex_unlock(&rd->lock);
out_free:
	kfree(rec);
	return r;
}

/* The line (len bytes in a REC_LINE_MAX buffer) becomes a record. */
static void kmsg_emit(const char *line, size_t len)
{
	const char *p = line, *end = line + len;
	int level = DEFAULT_MSG_LEVEL, facility = LOG_USER_FAC;

	if (p < end && *p == '<') {
		const char *q = p + 1;
		uint64_t u;

		if (q < end && *q >= '0' && *q <= '9') {
			u = parse_num(&q, end);
			if (q < end && *q == '>') {
				level = (int)(u & 7);
				if (u >> 3)
					facility = (int)((u >> 3) & 0xff);
				p = q + 1;
			}
		}
	}
	if (end > p && end[-1] == '\n')
		end--;
	log_record(facility << 3 | level, p, (size_t)(end - p));
}

ssize_t kmsg_write(struct iobuf *b)
{
	char *line;

	if (b->len > REC_LINE_MAX)
		return -EINVAL;
	line = kmalloc(REC_LINE_MAX);
	if (!line)
		return -ENOMEM;
	if (vfs_iobuf_get(b, 0, line, b->len)) {
		kfree(line);
		return -EFAULT;
	}
	kmsg_emit(line, b->len);
	kfree(line);
	return (ssize_t)b->len;
}

ssize_t kmsg_writev(const struct iovec __user *uiov, unsigned long cnt)
{
	struct iovec v;
	size_t len = 0;
	char *line;
	ssize_t r;

	line = kmalloc(REC_LINE_MAX);
	if (!line)
		return -ENOMEM;
	for (unsigned long i = 0; i < cnt; i++) {
		r = -EFAULT;
		if (copy_from_user(&v, &uiov[i], sizeof(v)))
			goto out_free;
		r = -EINVAL;
		if ((ssize_t)v.iov_len < 0 || v.iov_len > REC_LINE_MAX - len)
			goto out_free;
		/* exported UAPI headers drop __user from iov_base: restore it */
		r = -EFAULT;
		if (copy_from_user(line + len, uptr((uintptr_t)v.iov_base), v.iov_len))
			goto out_free;
		len += v.iov_len;
	}
	kmsg_emit(line, len);
	r = (ssize_t)len;
out_free:
	kfree(line);
	return r;
}

long kmsg_seek(void *reader, int64_t off, int whence)
{
	struct kmsg_reader *rd = reader;
	uint64_t first, next;

	if (off)
		return -ESPIPE;
	if (!rd)
		return -EINVAL;
	log_records(&first, &next);
	mutex_lock(&rd->lock);
	switch (whence) {
	case SEEK_SET:
		rd->seq = first;
		break;
	case SEEK_END:
		rd->seq = next;
		break;
	case SEEK_DATA:
		mutex_lock(&syslog_lock);
		rd->seq = MAX(first, clear_seq);
		mutex_unlock(&syslog_lock);
		break;
	default:
		mutex_unlock(&rd->lock);
		return -EINVAL;
	}
	mutex_unlock(&rd->lock);
	return 0;
}
