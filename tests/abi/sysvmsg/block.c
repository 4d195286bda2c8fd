/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* msgrcv sleeps until a message of its type arrives; msgsnd sleeps on a full queue until room; IPC_RMID wakes with EIDRM. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/msg.h>

struct m {
	long type;
	char text[64];
};

int main(void)
{
	struct msqid_ds ds;
	struct m m = {2, "x"};
	int id = msgget(IPC_PRIVATE, 0600), st;
	pid_t pid = fork();

	if (pid == 0) {
		struct m r;
		ssize_t n = msgrcv(id, &r, sizeof(r.text), 2, 0);

		_exit(n == 1 && r.type == 2 ? 0 : 1);
	}
	m.type = 1;
	SHOW(msgsnd(id, &m, 1, 0)); /* not the child's type */
	usleep(20000);
	m.type = 2;
	SHOW(msgsnd(id, &m, 1, 0));
	abi_wait_child("receiver", pid);
	msgctl(id, IPC_STAT, &ds);
	printf("qnum %lu\n", (unsigned long)ds.msg_qnum);
	ds.msg_qbytes = 64;
	SHOW(msgctl(id, IPC_SET, &ds));
	SHOW(msgsnd(id, &m, 63, IPC_NOWAIT));
	SHOW(msgsnd(id, &m, 1, IPC_NOWAIT));
	pid = fork();
	if (pid == 0) {
		struct m r;

		usleep(20000);
		_exit(msgrcv(id, &r, sizeof(r.text), 2, 0) == 63 ? 0 : 1);
	}
	SHOW(msgsnd(id, &m, 60, 0)); /* waits until the child makes room */
	abi_wait_child("receiver", pid);
	pid = fork();
	if (pid == 0) {
		struct m r;
		ssize_t n = msgrcv(id, &r, sizeof(r.text), 9, 0);

		_exit(n == -1 && errno == EIDRM ? 3 : 1);
	}
	usleep(20000);
	SHOW(msgctl(id, IPC_RMID, NULL));
	waitpid(pid, &st, 0);
	printf("waiter exit %d\n", WEXITSTATUS(st));
	return 0;
}
