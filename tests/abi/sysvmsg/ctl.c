/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* msgctl IPC_STAT/IPC_SET/MSG_STAT/IPC_INFO/MSG_INFO, qbytes above MSGMNB for an unprivileged owner, keys. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/msg.h>

int main(void)
{
	key_t key = 0x5ab3e000 + (getpid() & 0xfff);
	struct {
		long type;
		char t[8];
	} m = {4, "abcdefg"};
	struct msqid_ds ds;
	struct msginfo mi;
	int id;

	SHOW(msgget(key, 0600));
	id = SHOW_OK(msgget(key, IPC_CREAT | 0640));
	SHOW(msgget(key, IPC_CREAT | IPC_EXCL | 0600));
	FACT("found", msgget(key, 0) == id);
	msgsnd(id, &m, 7, 0);
	SHOW(msgctl(id, IPC_STAT, &ds));
	printf("mode %o qnum %lu cbytes %lu qbytes %lu lspid-mine %d lrpid %d\n",
	       (unsigned)ds.msg_perm.mode, (unsigned long)ds.msg_qnum,
	       (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qbytes,
	       ds.msg_lspid == getpid(), ds.msg_lrpid);
	SHOW(msgctl(id, IPC_STAT, ABI_BADPTR));
	SHOW(msgctl(id, 99, &ds));
	SHOW(msgctl(-1, IPC_STAT, &ds));
	CHECK(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) >= 0);
	printf("msgmax %d msgmnb %d msgmni %d msgssz %d\n", mi.msgmax, mi.msgmnb, mi.msgmni,
	       mi.msgssz);
	CHECK(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi) >= 0);
	CHECK(mi.msgpool >= 1 && mi.msgmap >= 1 && mi.msgtql >= 7);
	FACT("MSG_STAT finds it", msgctl(id % 32768, MSG_STAT, &ds) == id);
	pid_t pid = fork();
	if (pid == 0) {
		struct msqid_ds d2 = ds;

		if (setuid(1000) != 0)
			_exit(9);
		SHOW(msgctl(id, IPC_STAT, &d2));
		SHOW(msgctl(id, IPC_RMID, NULL));
		_exit(0);
	}
	abi_wait_child("child", pid);
	ds.msg_perm.uid = 1000;
	ds.msg_perm.mode = 0666;
	SHOW(msgctl(id, IPC_SET, &ds));
	pid = fork();
	if (pid == 0) {
		if (setuid(1000) != 0)
			_exit(9);
		ds.msg_qbytes = 16385;
		SHOW(msgctl(id, IPC_SET, &ds));
		ds.msg_qbytes = 100;
		SHOW(msgctl(id, IPC_SET, &ds));
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(msgctl(id, IPC_STAT, &ds));
	printf("qbytes %lu uid-1000 %d cuid-mine %d\n", (unsigned long)ds.msg_qbytes,
	       ds.msg_perm.uid == 1000, ds.msg_perm.cuid == geteuid());
	SHOW(msgctl(id, IPC_RMID, NULL));
	return 0;
}
