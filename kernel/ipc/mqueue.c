/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* POSIX message queues (kernel/mqueue.h). */
#include <kernel/mqueue.h>

int mq_msg_default = 10;
int mq_msg_max = 10;
int mq_msgsize_default = 8192;
int mq_msgsize_max = 8192;
int mq_queues_max = 256;
