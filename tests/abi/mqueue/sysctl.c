/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/sys/fs/mqueue: defaults, ranges, and queues_max and msg_max enforced. */
/* abi: glibc */
/* abi: serial: it changes the system-wide message queue limits for a moment */
#define MQ_BASE "abi_mq_sysctl"
#include "mq.h"

#define Q QK

static long get(const char *name)
{
	char path[96], buf[32] = "";
	int f;

	snprintf(path, sizeof(path), "/proc/sys/fs/mqueue/%s", name);
	f = open(path, O_RDONLY);
	if (f < 0 || read(f, buf, sizeof(buf) - 1) < 0)
		printf("FAIL: read %s\n", name);
	close(f);
	return atol(buf);
}

static int set(const char *name, const char *v)
{
	char path[96];
	int f, r;

	snprintf(path, sizeof(path), "/proc/sys/fs/mqueue/%s", name);
	f = open(path, O_WRONLY);
	r = write(f, v, strlen(v)) == (ssize_t)strlen(v) ? 0 : -1;
	close(f);
	return r;
}

int main(void)
{
	const char *names[] = {"msg_default", "msg_max", "msgsize_default", "msgsize_max",
			       "queues_max"};
	struct mq_attr a = {.mq_maxmsg = 12, .mq_msgsize = 16};
	pid_t pid;

	for (int i = 0; i < 5; i++)
		printf("%s %ld\n", names[i], get(names[i]));
	SHOW(set("msg_max", "0\n"));
	SHOW(set("msg_max", "65537\n"));
	SHOW(set("msgsize_max", "127\n"));
	SHOW(set("msgsize_max", "abc\n"));
	SHOW(set("msg_max", "12\n"));
	SHOW(set("queues_max", "0\n"));
	pid = fork();
	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			printf("FAIL: setuid\n");
		long fd = SHOW_OK(syscall(SYS_mq_open, Q, O_RDWR | O_CREAT, 0600, &a));
		if (fd >= 0)
			syscall(SYS_mq_unlink, Q);
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(set("queues_max", "256\n"));
	pid = fork();
	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			printf("FAIL: setuid\n");
		long fd = SHOW_OK(syscall(SYS_mq_open, Q, O_RDWR | O_CREAT, 0600, &a));
		if (fd >= 0)
			syscall(SYS_mq_unlink, Q);
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(set("msg_max", "10\n"));
	printf("msg_max %ld\n", get("msg_max"));
	return 0;
}
