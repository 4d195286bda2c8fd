/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * /proc/sys/fs/inotify/, /proc/sys/fs/mqueue/ and dir-notify-enable: integer tunables read
 * and written as Linux's proc_dointvec_minmax does (one decimal, blanks
 * around it; a value out of range is EINVAL and changes nothing).
 */
#include <klib/errno.h>
#include <kernel/dnotify.h>
#include <kernel/inotify.h>
#include <kernel/mqueue.h>
#include "procfs.h"

struct tunable {
	int *val;
	long min, max;
};

static const struct tunable *tunable(enum proc_id id)
{
	static const struct tunable t[] = {
		[0] = {&inotify_max_queued_events, 0, INT32_MAX},
		[1] = {&inotify_max_user_instances, 0, INT32_MAX},
		[2] = {&inotify_max_user_watches, 0, INT32_MAX},
		[3] = {&mq_msg_default, 1, 65536},
		[4] = {&mq_msg_max, 1, 65536},
		[5] = {&mq_msgsize_default, 128, 16777216},
		[6] = {&mq_msgsize_max, 128, 16777216},
		[7] = {&mq_queues_max, 0, INT32_MAX},
		[8] = {&dnotify_enable, INT32_MIN, INT32_MAX},
	};

	if (id >= PE_SYS_FS_INOTIFY_MAX_QUEUED_EVENTS && id <= PE_SYS_FS_INOTIFY_MAX_USER_WATCHES)
		return &t[id - PE_SYS_FS_INOTIFY_MAX_QUEUED_EVENTS];
	if (id >= PE_SYS_FS_MQUEUE_MSG_DEFAULT && id <= PE_SYS_FS_MQUEUE_QUEUES_MAX)
		return &t[3 + (id - PE_SYS_FS_MQUEUE_MSG_DEFAULT)];
	if (id == PE_SYS_FS_DIR_NOTIFY_ENABLE)
		return &t[8];
	return NULL;
}

int proc_show_ipc_tunable(struct pbuf *b, const struct proc_node *n)
{
	const struct tunable *t = tunable(n->id);

	if (!t)
		return -EINVAL;
	pbuf_printf(b, "%d\n", __atomic_load_n(t->val, __ATOMIC_RELAXED));
	return 0;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int proc_store_ipc_tunable(const struct proc_node *n, const char *buf, size_t len)
{
	const struct tunable *t = tunable(n->id);
	bool neg = false;
	long v = 0;
	size_t i = 0;

	if (!t)
		return -EINVAL;
	while (i < len && blank(buf[i]))
		i++;
	if (i < len && (buf[i] == '-' || buf[i] == '+'))
		neg = buf[i++] == '-';
	if (i == len || buf[i] < '0' || buf[i] > '9')
		return -EINVAL;
	for (; i < len && buf[i] >= '0' && buf[i] <= '9'; i++) {
		v = v * 10 + (buf[i] - '0');
		if (v > INT32_MAX + 1L)
			return -EINVAL;
	}
	while (i < len && blank(buf[i]))
		i++;
	if (i != len)
		return -EINVAL;
	v = neg ? -v : v;
	if (v < t->min || v > t->max)
		return -EINVAL;
	__atomic_store_n(t->val, (int)v, __ATOMIC_RELAXED);
	return 0;
}
