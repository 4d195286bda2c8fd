/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * /proc/sysvipc/{msg,sem,shm} in Linux's columns (what ipcs reads), and
 * the System V IPC limits under /proc/sys/kernel (read-only here: the
 * limits are Linux's defaults and fixed).  The lines come from
 * kernel/ipc (kernel/ipc.h).
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <kernel/ipc.h>
#include "procfs.h"

static int emit_line(void *ctx, const char *line)
{
	struct pbuf *b = ctx;

	pbuf_put(b, line, strlen(line));
	return b->nomem ? -ENOMEM : 0;
}

int proc_show_sysvipc(struct pbuf *b, const struct proc_node *n)
{
	switch (n->id) {
	case PE_SYSVIPC_MSG:
		pbuf_printf(
			b, "       key      msqid perms      cbytes       qnum lspid lrpid   uid   "
			   "gid  cuid  cgid      stime      rtime      ctime\n");
		return msg_proc_show(emit_line, b);
	case PE_SYSVIPC_SEM:
		pbuf_printf(b,
			    "       key      semid perms      nsems   uid   gid  cuid  cgid      "
			    "otime      ctime\n");
		return sem_proc_show(emit_line, b);
	default:
		pbuf_printf(
			b,
			"       key      shmid perms                  size  cpid  lpid nattch   "
			"uid   gid  cuid  cgid      atime      dtime      ctime                   "
			"rss                  swap\n");
		return shm_proc_show(emit_line, b);
	}
}

int proc_show_ipc_limit(struct pbuf *b, const struct proc_node *n)
{
	switch (n->id) {
	case PE_SYS_MSGMAX:
		pbuf_printf(b, "%d\n", IPC_MSGMAX);
		break;
	case PE_SYS_MSGMNB:
		pbuf_printf(b, "%d\n", IPC_MSGMNB);
		break;
	case PE_SYS_MSGMNI:
		pbuf_printf(b, "%d\n", IPC_MSGMNI);
		break;
	case PE_SYS_SEM: /* SEMMSL, SEMMNS, SEMOPM, SEMMNI */
		pbuf_printf(b, "32000\t1024000000\t500\t32000\n");
		break;
	case PE_SYS_SHMALL:
		pbuf_printf(b, "%llu\n", IPC_SHMALL);
		break;
	case PE_SYS_SHMMAX:
		pbuf_printf(b, "%llu\n", IPC_SHMMAX);
		break;
	default:
		pbuf_printf(b, "%d\n", IPC_SHMMNI);
		break;
	}
	return 0;
}
