/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* read(2) of a queue descriptor gives Linux's QSIZE/NOTIFY/SIGNO/NOTIFY_PID line; fstat. */
/* abi: glibc */
#define MQ_BASE "abi_mq_status"
#include "mq.h"

#define Q QS

static void show_status(mqd_t q)
{
	char buf[128], pid[16];
	ssize_t n = pread(q, buf, sizeof(buf) - 1, 0);

	if (n < 0) {
		printf("pread: %s\n", abi_errname(errno));
		return;
	}
	buf[n] = '\0';
	snprintf(pid, sizeof(pid), "%-6d", (int)getpid());
	char *p = strstr(buf, pid);
	if (p) /* the pid is the host's: name it */
		memcpy(p, "<self>", 6);
	printf("%zd: %s", n, buf);
}

int main(void)
{
	struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2};
	struct stat st;
	char buf[16];
	mqd_t q;

	q = mq_open(Q, O_RDWR | O_CREAT | O_EXCL, 0640, NULL);
	show_status(q);
	SHOW(mq_send(q, "hello", 5, 0));
	SHOW(mq_send(q, "world!", 6, 0));
	show_status(q);
	SHOW(mq_notify(q, &ev));
	show_status(q);
	ev.sigev_notify = SIGEV_NONE;
	SHOW(mq_notify(q, NULL));
	SHOW(mq_notify(q, &ev));
	show_status(q);
	SHOW(read(q, buf, 6));
	printf("%.6s\n", buf);
	SHOW(read(q, buf, 6));
	printf("%.6s\n", buf);
	SHOW(fstat(q, &st));
	printf("mode %o size %lld nlink %d\n", st.st_mode, (long long)st.st_size, (int)st.st_nlink);
	SHOW(mq_unlink(Q));
	return 0;
}
