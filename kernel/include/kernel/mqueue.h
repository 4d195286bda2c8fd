/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * POSIX message queues (kernel/ipc/mqueue.c): named queues of prioritised
 * messages, opened as files; the mqueue filesystem (mount -t mqueue)
 * lists them.  The system calls are in kernel/syscalls/mqueue.c.
 */
#pragma once

#include <klib/types.h>

/* /proc/sys/fs/mqueue: Linux's defaults and ranges (atomic). */
extern int mq_msg_default, mq_msg_max, mq_msgsize_default, mq_msgsize_max, mq_queues_max;
