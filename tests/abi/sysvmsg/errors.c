/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* msgsnd/msgrcv errors: bad type, size past MSGMAX, E2BIG without MSG_NOERROR, MSG_COPY rules, EFAULT, EINVAL ids. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/msg.h>

#ifndef MSG_COPY
#define MSG_COPY 040000
#endif

struct m {
	long type;
	char text[16];
};

int main(void)
{
	static char big[8192 + 64];
	struct m m = {1, "hello world"};
	int id = msgget(IPC_PRIVATE, 0600);

	m.type = 0;
	SHOW(msgsnd(id, &m, 5, 0));
	m.type = -1;
	SHOW(msgsnd(id, &m, 5, 0));
	m.type = 1;
	*(long *)big = 1;
	SHOW(msgsnd(id, big, 8193, 0));
	SHOW(msgsnd(id, big, 8192, 0));
	SHOW(msgsnd(id, ABI_BADPTR, 5, 0));
	SHOW(msgsnd(-1, &m, 5, 0));
	SHOW(msgsnd(id + 1, &m, 5, 0));
	SHOW(msgsnd(id, &m, 11, 0));
	memset(&m, 0, sizeof(m));
	SHOW(msgrcv(id, big, 100, 0, IPC_NOWAIT));
	SHOW(msgrcv(id, big, 8192, 0, IPC_NOWAIT));
	SHOW(msgrcv(id, &m, 5, 0, IPC_NOWAIT));
	SHOW(msgrcv(id, &m, -1, 0, IPC_NOWAIT));
	SHOW(msgrcv(id, &m, 5, 0, MSG_COPY));
	SHOW(msgrcv(id, &m, 5, 0, MSG_COPY | IPC_NOWAIT | MSG_EXCEPT));
	SHOW(msgrcv(id, &m, 16, 0, MSG_COPY | IPC_NOWAIT));
	SHOW(msgrcv(id, &m, 16, 1, MSG_COPY | IPC_NOWAIT));
	SHOW(msgrcv(id, &m, 5, 0, MSG_NOERROR | IPC_NOWAIT));
	printf("got '%.5s'\n", m.text);
	SHOW(msgrcv(id, &m, 5, 0, IPC_NOWAIT));
	SHOW(msgrcv(-1, &m, 5, 0, IPC_NOWAIT));
	SHOW(msgrcv(id + 1, &m, 5, 0, IPC_NOWAIT));
	SHOW(msgsnd(id, &m, 3, 0));
	SHOW(msgrcv(id, ABI_BADPTR, 5, 0, IPC_NOWAIT));
	SHOW(msgrcv(id, &m, 5, 0, IPC_NOWAIT));
	SHOW(msgctl(id, IPC_RMID, NULL));
	SHOW(msgsnd(id, &m, 3, 0));
	return 0;
}
