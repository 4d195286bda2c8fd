/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A message queue descriptor: /proc link "/name", " (deleted)" after mq_unlink; fdinfo has no extra lines. */
/* abi: glibc */
#define MQ_BASE "abi_fdinfo_mq"
#include "../mqueue/mq.h"
#include "fdinfo.h"

int main(void)
{
	struct mq_attr a = {.mq_maxmsg = 4, .mq_msgsize = 16};
	char path[64], link[256] = "", want[128];
	mqd_t q;

	SHOW(q = mq_open(QS, O_CREAT | O_RDWR | O_CLOEXEC, 0600, &a));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", (int)q);
	SHOW(readlink(path, link, sizeof(link) - 1) > 0);
	FACT("link is the queue's name", !strcmp(link, QS));
	fdinfo_print((int)q, NULL);
	SHOW(mq_unlink(QS));
	memset(link, 0, sizeof(link));
	readlink(path, link, sizeof(link) - 1);
	snprintf(want, sizeof(want), "%s (deleted)", QS);
	FACT("after mq_unlink: name (deleted)", !strcmp(link, want));
	return 0;
}
