/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* msgsnd/msgrcv: FIFO order, by type, MSG_EXCEPT, the lowest type up to -n, zero-length messages. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/msg.h>

struct m {
	long type;
	char text[32];
};

static void snd(int id, long type, const char *s)
{
	struct m m = {type, {0}};

	strcpy(m.text, s);
	if (msgsnd(id, &m, strlen(s), 0) != 0)
		printf("msgsnd failed\n");
}

static void rcv(int id, long type, int flag)
{
	struct m m = {0, {0}};
	ssize_t n = msgrcv(id, &m, sizeof(m.text), type, flag | IPC_NOWAIT);

	if (n < 0)
		printf("msgrcv(%ld) = -1 %s\n", type, errno == ENOMSG ? "ENOMSG" : "other");
	else
		printf("msgrcv(%ld) = %zd type %ld '%.*s'\n", type, n, m.type, (int)n, m.text);
}

int main(void)
{
	int id = msgget(IPC_PRIVATE, 0600);

	snd(id, 3, "three");
	snd(id, 1, "one");
	snd(id, 2, "two");
	snd(id, 1, "uno");
	snd(id, 5, "");
	rcv(id, 0, 0);
	rcv(id, 1, 0);
	rcv(id, 1, MSG_EXCEPT);
	rcv(id, -4, 0);
	rcv(id, 4, 0);
	rcv(id, -4, 0);
	rcv(id, 0, 0);
	rcv(id, 0, 0);
	SHOW(msgctl(id, IPC_RMID, NULL));
	return 0;
}
