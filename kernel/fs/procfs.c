/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * procfs: the "proc" filesystem mounted on /proc, a read-only window onto
 * the kernel's state, generated when it is read.
 *
 * The tree is the table `entries[]` below: each entry names its parent,
 * its mode and how it is produced (a show function for a file, a link
 * function for a symlink).  Two kinds of entries are named by numbers
 * instead: /proc/<pid> for every process (zombies too, as Linux lists
 * them) and /proc/<pid>/fd/<n> and fdinfo/<n> for every open descriptor.  Inodes carry
 * no state (see procfs.h): lookup builds one from the name, and a read
 * regenerates the whole text and copies the part at the requested offset,
 * so `cat` and partial reads see one consistent file per read call.
 * Files report size 0, as on Linux.
 *
 * Mutations (create, mkdir, unlink, rename, setattr...) leave their slots
 * empty, so the dispatcher answers EROFS or EPERM; writes find no write op
 * and fail with EINVAL, where Linux says EIO or EACCES for the files here.
 * The filesystem runs in ring 1 (it reads process and memory state), like
 * devfs, and registers through the same VFS_SERVICE table.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/magic.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <kevlar_vfs/service.h>
#include <kernel/procfs.h>
#include <kernel/perm.h>
#include <kernel/process.h>
#include <kernel/vfs.h>
#include "procfs.h"
#include "fs.h"

#define PROC_ROOT_INO  1
#define PBUF_MAX       (4u << 20) /* a generated file never grows past this */
#define PROC_BLKSIZE   1024	  /* what Linux reports for /proc */
#define FD_LINK_SIZE   64	  /* st_size of /proc/<pid>/fd/<n> on Linux */
#define PROC_WRITE_MAX (4u << 20) /* Linux's KMALLOC_MAX_SIZE: a longer write is ENOMEM */

#define DIR_R  (S_IFDIR | 0555)
#define FILE_R (S_IFREG | 0444)
#define LINK   (S_IFLNK | 0777)
#define IPC_RW S_IFREG | 0644, proc_show_ipc_tunable, NULL

struct proc_entry {
	const char *name; /* NULL: named by a number (pid, fd) */
	enum proc_id parent;
	uint32_t mode;
	proc_show_fn show;
	proc_link_fn link;
};

static const struct proc_entry entries[PE_COUNT] = {
	[PE_ROOT] = {"", PE_NONE, DIR_R, NULL, NULL},
	[PE_SELF] = {"self", PE_ROOT, LINK, NULL, proc_link_self},
	[PE_CPUINFO] = {"cpuinfo", PE_ROOT, FILE_R, proc_show_cpuinfo, NULL},
	[PE_FILESYSTEMS] = {"filesystems", PE_ROOT, FILE_R, proc_show_filesystems, NULL},
	[PE_LOADAVG] = {"loadavg", PE_ROOT, FILE_R, proc_show_loadavg, NULL},
	[PE_MEMINFO] = {"meminfo", PE_ROOT, FILE_R, proc_show_meminfo, NULL},
	[PE_MOUNTS] = {"mounts", PE_ROOT, LINK, NULL, proc_link_mounts},
	[PE_PARTITIONS] = {"partitions", PE_ROOT, FILE_R, proc_show_partitions, NULL},
	[PE_DISKSTATS] = {"diskstats", PE_ROOT, FILE_R, proc_show_diskstats, NULL},
	[PE_STAT] = {"stat", PE_ROOT, FILE_R, proc_show_stat, NULL},
	[PE_UPTIME] = {"uptime", PE_ROOT, FILE_R, proc_show_uptime, NULL},
	[PE_VERSION] = {"version", PE_ROOT, FILE_R, proc_show_version, NULL},
	[PE_CMDLINE] = {"cmdline", PE_ROOT, FILE_R, proc_show_cmdline, NULL},
	[PE_SLABINFO] = {"slabinfo", PE_ROOT, S_IFREG | 0400, proc_show_slabinfo, NULL},
	[PE_VMSTAT] = {"vmstat", PE_ROOT, FILE_R, proc_show_vmstat, NULL},
	[PE_SYS] = {"sys", PE_ROOT, DIR_R, NULL, NULL},
	[PE_SYS_FS] = {"fs", PE_SYS, DIR_R, NULL, NULL},
	[PE_SYS_FS_PIPE_MAX_SIZE] = {"pipe-max-size", PE_SYS_FS, S_IFREG | 0644,
				     proc_show_pipe_max_size, NULL},
	[PE_SYS_FS_NR_OPEN] = {"nr_open", PE_SYS_FS, S_IFREG | 0644, proc_show_sys_const, NULL},
	[PE_SYS_FS_DIR_NOTIFY_ENABLE] = {"dir-notify-enable", PE_SYS_FS, IPC_RW},
	[PE_SYS_FS_INOTIFY] = {"inotify", PE_SYS_FS, DIR_R, NULL, NULL},
	[PE_SYS_FS_INOTIFY_MAX_QUEUED_EVENTS] = {"max_queued_events", PE_SYS_FS_INOTIFY, IPC_RW},
	[PE_SYS_FS_INOTIFY_MAX_USER_INSTANCES] = {"max_user_instances", PE_SYS_FS_INOTIFY, IPC_RW},
	[PE_SYS_FS_INOTIFY_MAX_USER_WATCHES] = {"max_user_watches", PE_SYS_FS_INOTIFY, IPC_RW},
	[PE_SYS_FS_MQUEUE] = {"mqueue", PE_SYS_FS, DIR_R, NULL, NULL},
	[PE_SYS_FS_MQUEUE_MSG_DEFAULT] = {"msg_default", PE_SYS_FS_MQUEUE, IPC_RW},
	[PE_SYS_FS_MQUEUE_MSG_MAX] = {"msg_max", PE_SYS_FS_MQUEUE, IPC_RW},
	[PE_SYS_FS_MQUEUE_MSGSIZE_DEFAULT] = {"msgsize_default", PE_SYS_FS_MQUEUE, IPC_RW},
	[PE_SYS_FS_MQUEUE_MSGSIZE_MAX] = {"msgsize_max", PE_SYS_FS_MQUEUE, IPC_RW},
	[PE_SYS_FS_MQUEUE_QUEUES_MAX] = {"queues_max", PE_SYS_FS_MQUEUE, IPC_RW},
	[PE_SYS_KERNEL] = {"kernel", PE_SYS, DIR_R, NULL, NULL},
	[PE_SYS_DOMAINNAME] = {"domainname", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_domainname,
			       NULL},
	[PE_SYS_HOSTNAME] = {"hostname", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_hostname, NULL},
	[PE_SYS_OSRELEASE] = {"osrelease", PE_SYS_KERNEL, FILE_R, proc_show_osrelease, NULL},
	[PE_SYS_OSTYPE] = {"ostype", PE_SYS_KERNEL, FILE_R, proc_show_ostype, NULL},
	[PE_SYS_PID_MAX] = {"pid_max", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_pid_max, NULL},
	[PE_SYS_TAINTED] = {"tainted", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_sys_const, NULL},
	[PE_SYS_NGROUPS_MAX] = {"ngroups_max", PE_SYS_KERNEL, FILE_R, proc_show_sys_const, NULL},
	[PE_SYS_CAP_LAST_CAP] = {"cap_last_cap", PE_SYS_KERNEL, FILE_R, proc_show_sys_const, NULL},
	[PE_SYS_OVERFLOWUID] = {"overflowuid", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_sys_const,
				NULL},
	[PE_SYS_OVERFLOWGID] = {"overflowgid", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_sys_const,
				NULL},
	[PE_SYS_PRINTK] = {"printk", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_sys_const, NULL},
	[PE_SYS_VM] = {"vm", PE_SYS, DIR_R, NULL, NULL},
	[PE_SYS_VM_OVERCOMMIT_MEMORY] = {"overcommit_memory", PE_SYS_VM, S_IFREG | 0644,
					 proc_show_overcommit, NULL},
	[PE_SYS_VM_OVERCOMMIT_RATIO] = {"overcommit_ratio", PE_SYS_VM, S_IFREG | 0644,
					proc_show_overcommit, NULL},
	[PE_SYS_VM_DROP_CACHES] = {"drop_caches", PE_SYS_VM, S_IFREG | 0200, proc_show_drop_caches,
				   NULL},
	[PE_SYS_DMESG_RESTRICT] = {"dmesg_restrict", PE_SYS_KERNEL, S_IFREG | 0644,
				   proc_show_sys_const, NULL},
	[PE_SYS_DEV] = {"dev", PE_SYS, DIR_R, NULL, NULL},
	[PE_SYS_DEV_TTY] = {"tty", PE_SYS_DEV, DIR_R, NULL, NULL},
	[PE_SYS_DEV_TTY_LEGACY_TIOCSTI] = {"legacy_tiocsti", PE_SYS_DEV_TTY, S_IFREG | 0644,
					   proc_show_sys_const, NULL},
	[PE_SYS_NET] = {"net", PE_SYS, DIR_R, NULL, NULL},
	[PE_SYS_NET_IPV4] = {"ipv4", PE_SYS_NET, DIR_R, NULL, NULL},
	[PE_SYS_NET_PING_GROUP_RANGE] = {"ping_group_range", PE_SYS_NET_IPV4, S_IFREG | 0644,
					 proc_show_ping_group_range, NULL},
	[PE_SYS_KEVLAR] = {"kevlar", PE_SYS, DIR_R, NULL, NULL},
	[PE_SYS_KEVLAR_INJECT] = {"inject", PE_SYS_KEVLAR, S_IFREG | 0600, proc_show_inject, NULL},
	[PE_SYS_KEVLAR_INJECTED] = {"injected", PE_SYS_KEVLAR, FILE_R, proc_show_injected, NULL},
	[PE_SYS_MSGMAX] = {"msgmax", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_ipc_limit, NULL},
	[PE_SYS_MSGMNB] = {"msgmnb", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_ipc_limit, NULL},
	[PE_SYS_MSGMNI] = {"msgmni", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_ipc_limit, NULL},
	[PE_SYS_SEM] = {"sem", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_ipc_limit, NULL},
	[PE_SYS_SHMALL] = {"shmall", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_ipc_limit, NULL},
	[PE_SYS_SHMMAX] = {"shmmax", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_ipc_limit, NULL},
	[PE_SYS_SHMMNI] = {"shmmni", PE_SYS_KERNEL, S_IFREG | 0644, proc_show_ipc_limit, NULL},
	[PE_SYS_NET_IPV4_UNPRIV_PORT_START] = {"ip_unprivileged_port_start", PE_SYS_NET_IPV4,
					       S_IFREG | 0644, proc_show_sys_const, NULL},
	[PE_SYS_NET_IPV4_LOCAL_PORT_RANGE] = {"ip_local_port_range", PE_SYS_NET_IPV4,
					      S_IFREG | 0644, proc_show_sys_const, NULL},
	[PE_SYSVIPC] = {"sysvipc", PE_ROOT, DIR_R, NULL, NULL},
	[PE_SYSVIPC_MSG] = {"msg", PE_SYSVIPC, FILE_R, proc_show_sysvipc, NULL},
	[PE_SYSVIPC_SEM] = {"sem", PE_SYSVIPC, FILE_R, proc_show_sysvipc, NULL},
	[PE_SYSVIPC_SHM] = {"shm", PE_SYSVIPC, FILE_R, proc_show_sysvipc, NULL},
	[PE_NET] = {"net", PE_ROOT, DIR_R, NULL, NULL},
	[PE_NET_UNIX] = {"unix", PE_NET, FILE_R, proc_show_net_unix, NULL},
	[PE_NET_NETLINK] = {"netlink", PE_NET, FILE_R, proc_show_net_netlink, NULL},
	[PE_NET_DEV] = {"dev", PE_NET, FILE_R, proc_show_net_dev, NULL},
	[PE_NET_ROUTE] = {"route", PE_NET, FILE_R, proc_show_net_inet, NULL},
	[PE_NET_IF_INET6] = {"if_inet6", PE_NET, FILE_R, proc_show_net_inet, NULL},
	[PE_NET_TCP] = {"tcp", PE_NET, FILE_R, proc_show_net_inet, NULL},
	[PE_NET_TCP6] = {"tcp6", PE_NET, FILE_R, proc_show_net_inet, NULL},
	[PE_NET_UDP] = {"udp", PE_NET, FILE_R, proc_show_net_inet, NULL},
	[PE_NET_UDP6] = {"udp6", PE_NET, FILE_R, proc_show_net_inet, NULL},
	[PE_PID] = {NULL, PE_ROOT, DIR_R, NULL, NULL},
	[PE_PID_CMDLINE] = {"cmdline", PE_PID, FILE_R, proc_show_pid_cmdline, NULL},
	[PE_PID_COMM] = {"comm", PE_PID, S_IFREG | 0644, proc_show_pid_comm, NULL},
	[PE_PID_CWD] = {"cwd", PE_PID, LINK, NULL, proc_link_cwd},
	[PE_PID_ENVIRON] = {"environ", PE_PID, S_IFREG | 0400, proc_show_pid_environ, NULL},
	[PE_PID_EXE] = {"exe", PE_PID, LINK, NULL, proc_link_exe},
	[PE_PID_FD] = {"fd", PE_PID, S_IFDIR | 0500, NULL, NULL},
	[PE_PID_FDINFO] = {"fdinfo", PE_PID, DIR_R, NULL, NULL},
	[PE_PID_LIMITS] = {"limits", PE_PID, FILE_R, proc_show_pid_limits, NULL},
	[PE_PID_LOGINUID] = {"loginuid", PE_PID, S_IFREG | 0644, proc_show_pid_audit_unset, NULL},
	[PE_PID_MAPS] = {"maps", PE_PID, FILE_R, proc_show_pid_maps, NULL},
	[PE_PID_MOUNTINFO] = {"mountinfo", PE_PID, FILE_R, proc_show_pid_mountinfo, NULL},
	[PE_PID_MOUNTS] = {"mounts", PE_PID, FILE_R, proc_show_pid_mounts, NULL},
	[PE_PID_OOM_ADJ] = {"oom_adj", PE_PID, S_IFREG | 0644, proc_show_pid_oom_adj, NULL},
	[PE_PID_OOM_SCORE] = {"oom_score", PE_PID, FILE_R, proc_show_pid_oom_score, NULL},
	[PE_PID_OOM_SCORE_ADJ] = {"oom_score_adj", PE_PID, S_IFREG | 0644,
				  proc_show_pid_oom_score_adj, NULL},
	[PE_PID_ROOT] = {"root", PE_PID, LINK, NULL, proc_link_root},
	[PE_PID_SESSIONID] = {"sessionid", PE_PID, FILE_R, proc_show_pid_audit_unset, NULL},
	[PE_PID_SMAPS] = {"smaps", PE_PID, FILE_R, proc_show_pid_smaps, NULL},
	[PE_PID_SMAPS_ROLLUP] = {"smaps_rollup", PE_PID, FILE_R, proc_show_pid_smaps_rollup, NULL},
	[PE_PID_STAT] = {"stat", PE_PID, FILE_R, proc_show_pid_stat, NULL},
	[PE_PID_STATM] = {"statm", PE_PID, FILE_R, proc_show_pid_statm, NULL},
	[PE_PID_STATUS] = {"status", PE_PID, FILE_R, proc_show_pid_status, NULL},
	[PE_PID_TASK] = {"task", PE_PID, DIR_R, NULL, NULL},
	[PE_TID] = {NULL, PE_PID_TASK, DIR_R, NULL, NULL},
	/* a thread's view: its own fs context and descriptor table, the
	 * process's memory and limits */
	[PE_TID_CMDLINE] = {"cmdline", PE_TID, FILE_R, proc_show_pid_cmdline, NULL},
	[PE_TID_COMM] = {"comm", PE_TID, S_IFREG | 0644, proc_show_pid_comm, NULL},
	[PE_TID_CWD] = {"cwd", PE_TID, LINK, NULL, proc_link_cwd},
	[PE_TID_ENVIRON] = {"environ", PE_TID, S_IFREG | 0400, proc_show_pid_environ, NULL},
	[PE_TID_EXE] = {"exe", PE_TID, LINK, NULL, proc_link_exe},
	[PE_TID_FD] = {"fd", PE_TID, S_IFDIR | 0500, NULL, NULL},
	[PE_TID_FDINFO] = {"fdinfo", PE_TID, DIR_R, NULL, NULL},
	[PE_TID_LIMITS] = {"limits", PE_TID, FILE_R, proc_show_pid_limits, NULL},
	[PE_TID_MAPS] = {"maps", PE_TID, FILE_R, proc_show_pid_maps, NULL},
	[PE_TID_MOUNTINFO] = {"mountinfo", PE_TID, FILE_R, proc_show_pid_mountinfo, NULL},
	[PE_TID_MOUNTS] = {"mounts", PE_TID, FILE_R, proc_show_pid_mounts, NULL},
	[PE_TID_ROOT] = {"root", PE_TID, LINK, NULL, proc_link_root},
	[PE_TID_SMAPS] = {"smaps", PE_TID, FILE_R, proc_show_pid_smaps, NULL},
	[PE_TID_STAT] = {"stat", PE_TID, FILE_R, proc_show_pid_stat, NULL},
	[PE_TID_STATM] = {"statm", PE_TID, FILE_R, proc_show_pid_statm, NULL},
	[PE_TID_STATUS] = {"status", PE_TID, FILE_R, proc_show_pid_status, NULL},
	[PE_FD_LINK] = {NULL, PE_PID_FD, S_IFLNK, NULL, proc_link_fd},
	[PE_FDINFO_FD] = {NULL, PE_PID_FDINFO, FILE_R, proc_show_fdinfo, NULL},
};

enum proc_id proc_pid_twin(enum proc_id id)
{
	static const enum proc_id twin[] = {
		[PE_TID_CMDLINE] = PE_PID_CMDLINE, [PE_TID_COMM] = PE_PID_COMM,
		[PE_TID_CWD] = PE_PID_CWD,	   [PE_TID_ENVIRON] = PE_PID_ENVIRON,
		[PE_TID_EXE] = PE_PID_EXE,	   [PE_TID_FD] = PE_PID_FD,
		[PE_TID_FDINFO] = PE_PID_FDINFO,   [PE_TID_LIMITS] = PE_PID_LIMITS,
		[PE_TID_MAPS] = PE_PID_MAPS,	   [PE_TID_MOUNTINFO] = PE_PID_MOUNTINFO,
		[PE_TID_MOUNTS] = PE_PID_MOUNTS,   [PE_TID_ROOT] = PE_PID_ROOT,
		[PE_TID_SMAPS] = PE_PID_SMAPS,	   [PE_TID_STAT] = PE_PID_STAT,
		[PE_TID_STATM] = PE_PID_STATM,	   [PE_TID_STATUS] = PE_PID_STATUS,
	};

	return id < ARRAY_SIZE(twin) && twin[id] ? twin[id] : id;
}

/* How the writable files take a write (the others refuse it). */
static const proc_store_fn stores[PE_COUNT] = {
	[PE_SYS_FS_PIPE_MAX_SIZE] = proc_store_pipe_max_size,
	[PE_SYS_FS_DIR_NOTIFY_ENABLE] = proc_store_ipc_tunable,
	[PE_SYS_FS_INOTIFY_MAX_QUEUED_EVENTS... PE_SYS_FS_INOTIFY_MAX_USER_WATCHES] =
		proc_store_ipc_tunable,
	[PE_SYS_FS_MQUEUE_MSG_DEFAULT... PE_SYS_FS_MQUEUE_QUEUES_MAX] = proc_store_ipc_tunable,
	[PE_SYS_VM_OVERCOMMIT_MEMORY] = proc_store_overcommit,
	[PE_SYS_VM_OVERCOMMIT_RATIO] = proc_store_overcommit,
	[PE_SYS_VM_DROP_CACHES] = proc_store_drop_caches,
	[PE_SYS_NET_PING_GROUP_RANGE] = proc_store_ping_group_range,
	[PE_PID_OOM_ADJ] = proc_store_pid_oom_adj,
	[PE_PID_OOM_SCORE_ADJ] = proc_store_pid_oom_score_adj,
	[PE_PID_COMM] = proc_store_comm,
	[PE_SYS_KEVLAR_INJECT] = proc_store_inject,
	[PE_TID_COMM] = proc_store_comm,
};

/* ---- generated text ---- */

bool pbuf_reserve(struct pbuf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 1024;
	char *nb;

	if (b->nomem)
		return false;
	if (b->len + more <= b->cap)
		return true;
	while (cap < b->len + more)
		cap *= 2;
	nb = cap <= PBUF_MAX ? kmalloc(cap) : NULL;
	if (!nb) {
		b->nomem = true;
		return false;
	}
	if (b->len)
		memcpy(nb, b->buf, b->len);
	kfree(b->buf);
	b->buf = nb;
	b->cap = cap;
	return true;
}

void pbuf_put(struct pbuf *b, const char *s, size_t n)
{
	if (!pbuf_reserve(b, n))
		return;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
}

void pbuf_printf(struct pbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!pbuf_reserve(b, 64))
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		if (!pbuf_reserve(b, (size_t)n + 1))
			return;
		va_start(ap, fmt);
		vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void pbuf_pad(struct pbuf *b, size_t col)
{
	size_t start = b->len;

	while (start > 0 && b->buf[start - 1] != '\n')
		start--;
	while (!b->nomem && b->len - start < col)
		pbuf_put(b, " ", 1);
}

void pbuf_cpulist(struct pbuf *b, uint64_t mask)
{
	const char *sep = "";

	for (unsigned i = 0; i < 64; i++) {
		unsigned j = i;

		if (!(mask >> i & 1))
			continue;
		while (j + 1 < 64 && (mask >> (j + 1) & 1))
			j++;
		if (j == i)
			pbuf_printf(b, "%s%u", sep, i);
		else
			pbuf_printf(b, "%s%u-%u", sep, i, j);
		sep = ",";
		i = j;
	}
}

/* ---- naming ---- */

static uint64_t ino_of(const struct proc_node *n)
{
	if (n->id == PE_ROOT)
		return PROC_ROOT_INO;
	return (uint64_t)(uint32_t)n->pid << 32 | (uint64_t)(uint16_t)(n->fd + 1) << 16 |
	       (uint64_t)n->id;
}

static struct proc_node node_of(const struct inode *ino)
{
	struct proc_node n = {
		.id = (enum proc_id)(ino->ino & 0xffff),
		.pid = (int)(ino->ino >> 32),
		.fd = (int)((ino->ino >> 16) & 0xffff) - 1,
	};

	if (ino->ino == PROC_ROOT_INO)
		n.id = PE_ROOT;
	return n;
}

static const struct dir_ops proc_dir_ops;
static const struct file_ops proc_file_ops;
static const struct symlink_ops proc_link_ops;

static int make_inode(struct vfs_sb *sb, const struct proc_node *n, struct inode **out)
{
	uint32_t type = entries[n->id].mode & S_IFMT;
	struct inode *ino;

	if (type == S_IFDIR)
		ino = inode_alloc(sb, INODE_DIR, &proc_dir_ops, ino_of(n));
	else if (type == S_IFLNK)
		ino = inode_alloc(sb, INODE_SYMLINK, &proc_link_ops, ino_of(n));
	else
		ino = inode_alloc(sb, INODE_FILE, &proc_file_ops, ino_of(n));
	if (!ino)
		return -ENOMEM;
	*out = ino;
	return 0;
}

/* A decimal number without sign or leading zeros (how pids and fds are
 * named), or -1. */
static int parse_number(const char *s, size_t len)
{
	long v = 0;

	if (!len || len > 9 || (s[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return (int)v;
}

/* Is the object still there (its process alive, its fd open)? */
static bool exists(const struct proc_node *n)
{
	unsigned flags;

	if (n->pid && !proc_pid_alive(n->pid))
		return false;
	if (n->id == PE_FD_LINK || n->id == PE_FDINFO_FD)
		return proc_next_fd(n->pid, n->fd, &flags) == n->fd;
	return true;
}

/* ---- directories ---- */

/* The entry a directory of descriptors holds (fd/ links, fdinfo/ files),
 * PE_NONE for any other directory. */
static enum proc_id fd_dir(enum proc_id id)
{
	id = proc_pid_twin(id);
	return id == PE_PID_FD ? PE_FD_LINK : id == PE_PID_FDINFO ? PE_FDINFO_FD : PE_NONE;
}

static int dir_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct proc_node d = node_of(dir), c = {.pid = d.pid, .fd = -1};
	int num;

	for (int i = PE_ROOT; i < PE_COUNT; i++) {
		if (entries[i].parent == d.id && entries[i].name &&
		    strlen(entries[i].name) == len && !memcmp(entries[i].name, name, len)) {
			c.id = (enum proc_id)i;
			break;
		}
	}
	if (!c.id && d.id == PE_PID_TASK && (num = parse_number(name, len)) > 0) {
		if (!proc_tid_of(d.pid, num))
			return -ENOENT;
		c.id = PE_TID;
		c.pid = num; /* the thread's files are named by its tid */
	}
	if (proc_pid_twin(d.id) == PE_PID_FDINFO) {
		/* Linux asks before anything inside (proc_fdinfo_permission) */
		int err = proc_may_inspect(d.pid);

		if (err)
			return err == -ENOENT ? err : -EACCES;
	}
	if (!c.id && (d.id == PE_ROOT || fd_dir(d.id)) && (num = parse_number(name, len)) >= 0) {
		c.id = d.id == PE_ROOT ? PE_PID : fd_dir(d.id);
		if (d.id == PE_ROOT)
			c.pid = num;
		else
			c.fd = num;
		if (c.id != PE_PID && num >= 0xfffe)
			return -ENOENT;
	}
	if (!c.id || !exists(&c) || !exists(&d))
		return -ENOENT;
	return make_inode(dir->sb, &c, out);
}

static unsigned dtype_of(enum proc_id id)
{
	return VFS_DTYPE(entries[id].mode);
}

/*
 * Positions: 0 ".", 1 "..", then the fixed entries in table order, then
 * (root and fd directories) one position per number from `base` on, so a
 * listing resumes at the right pid or fd even as others come and go.
 */
static int dir_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	struct proc_node d = node_of(dir);
	uint64_t base;
	unsigned k = 2;
	char name[16];

	if (*pos == 0 && emit(ctx, ".", 1, dir->ino, VFS_DTYPE(S_IFDIR)))
		return 0;
	if (*pos == 0)
		(*pos)++;
	if (*pos == 1) {
		struct proc_node up = {.id = entries[d.id].parent, .pid = d.pid, .fd = -1};
		uint64_t ino = d.id == PE_ROOT ? PROC_ROOT_INO : ino_of(&up);

		if (d.id == PE_PID)
			ino = PROC_ROOT_INO;
		if (emit(ctx, "..", 2, ino, VFS_DTYPE(S_IFDIR)))
			return 0;
		(*pos)++;
	}
	for (int i = PE_ROOT; i < PE_COUNT; i++) {
		struct proc_node c = {.id = (enum proc_id)i, .pid = d.pid, .fd = -1};

		if (entries[i].parent != d.id || !entries[i].name)
			continue;
		if (*pos == k) {
			if (emit(ctx, entries[i].name, strlen(entries[i].name), ino_of(&c),
				 dtype_of(c.id)))
				return 0;
			(*pos)++;
		}
		k++;
	}
	base = k;
	if (*pos < base)
		*pos = base;
	if (d.id == PE_ROOT) {
		int pid;

		while ((pid = proc_next_pid((int)(*pos - base))) >= 0) {
			struct proc_node c = {.id = PE_PID, .pid = pid, .fd = -1};
			int len = snprintf(name, sizeof(name), "%d", pid);

			*pos = base + (uint64_t)pid;
			if (emit(ctx, name, (size_t)len, ino_of(&c), VFS_DTYPE(S_IFDIR)))
				return 0;
			(*pos)++;
		}
	} else if (d.id == PE_PID_TASK) {
		int tid;

		while ((tid = process_next_tid(d.pid, (int)(*pos - base))) >= 0) {
			struct proc_node c = {.id = PE_TID, .pid = tid, .fd = -1};
			int len = snprintf(name, sizeof(name), "%d", tid);

			*pos = base + (uint64_t)tid;
			if (emit(ctx, name, (size_t)len, ino_of(&c), VFS_DTYPE(S_IFDIR)))
				return 0;
			(*pos)++;
		}
	} else if (fd_dir(d.id)) {
		unsigned flags;
		int fd;

		if (fd_dir(d.id) == PE_FDINFO_FD && proc_may_inspect(d.pid))
			return -EACCES;
		while ((fd = proc_next_fd(d.pid, (int)(*pos - base), &flags)) >= 0) {
			struct proc_node c = {.id = fd_dir(d.id), .pid = d.pid, .fd = fd};
			int len = snprintf(name, sizeof(name), "%d", fd);

			*pos = base + (uint64_t)fd;
			if (emit(ctx, name, (size_t)len, ino_of(&c), dtype_of(c.id)))
				return 0;
			(*pos)++;
		}
	}
	return 0;
}

/* Directories below `id` (for nlink, 2 + subdirectories as on Linux). */
static unsigned subdirs(enum proc_id id)
{
	unsigned n = 0;

	for (int i = PE_ROOT; i < PE_COUNT; i++) {
		if (entries[i].parent == id && (entries[i].mode & S_IFMT) == S_IFDIR)
			n++;
	}
	if (id == PE_ROOT)
		n += (unsigned)proc_count_processes() - 1; /* PE_PID stands for them all */
	return n;
}

static int node_stat(struct inode *ino, struct vfs_stat *st)
{
	struct proc_node n = node_of(ino);
	struct pseudofs *fs = ino->sb->priv;
	uint32_t mode = entries[n.id].mode;

	st->atime = st->mtime = st->ctime = fs->mounted;
	if (n.pid) {
		uint64_t start_ns;

		if (proc_pid_owner(n.pid, &st->uid, &st->gid, &start_ns))
			return -ENOENT;
		st->atime.sec = st->mtime.sec = st->ctime.sec =
			wall_clock_boot_seconds() + (int64_t)(start_ns / 1000000000u);
		st->atime.nsec = st->mtime.nsec = st->ctime.nsec = 0;
	}
	if (n.id == PE_FD_LINK) {
		unsigned flags = 0;

		if (proc_next_fd(n.pid, n.fd, &flags) != n.fd)
			return -ENOENT;
		/* the link's permissions say how the file is open, as on Linux
		 * (an O_PATH file is open for nothing) */
		if (!(flags & O_PATH))
			mode |= 0100 | ((flags & 3) == 0 ? 0400 : (flags & 3) == 1 ? 0200 : 0600);
		st->size = FD_LINK_SIZE;
	} else if (n.id == PE_FDINFO_FD) {
		unsigned flags = 0;

		if (proc_next_fd(n.pid, n.fd, &flags) != n.fd)
			return -ENOENT;
	} else if (proc_pid_twin(n.id) == PE_PID_FD) {
		unsigned flags;

		/* Linux gives the directory the number of open descriptors */
		for (int fd = proc_next_fd(n.pid, 0, &flags); fd >= 0;
		     fd = proc_next_fd(n.pid, fd + 1, &flags))
			st->size++;
	} else if (n.id == PE_MOUNTS) {
		char target[16];

		st->size = entries[n.id].link(&n, target, sizeof(target));
	}
	st->mode = mode;
	st->nlink = (mode & S_IFMT) == S_IFDIR ? 2 + subdirs(n.id) : 1;
	st->blksize = PROC_BLKSIZE;
	return 0;
}

bool procfs_permits(const struct inode *i)
{
	const struct process *me = current_process();

	if (i->kind != INODE_DIR || i->ops.dir != &proc_dir_ops || !me)
		return false;
	return proc_pid_twin(node_of(i).id) == PE_PID_FD && proc_tid_of(me->pid, node_of(i).pid);
}

/* fdinfo/ is 0555, yet only for those who may inspect the process (Linux's
 * proc_fdinfo_permission): its opening, lookups and listing ask. */
static int dir_open(struct inode *dir, unsigned flags)
{
	struct proc_node d = node_of(dir);
	int err;

	if (proc_pid_twin(d.id) != PE_PID_FDINFO)
		return 0;
	err = proc_may_inspect(d.pid);
	return err == -ENOENT ? err : err ? -EACCES : 0;
}

static const struct dir_ops proc_dir_ops = {
	.lookup = dir_lookup,
	.readdir = dir_readdir,
	.stat = node_stat,
	.open = dir_open,
};

/* ---- files ---- */

static ssize_t file_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct proc_node n = node_of(ino);
	struct pbuf pb = {.buf = NULL};
	ssize_t ret = 0;
	int err = 0;

	/* a read going on where this thread's last one stopped: the text
	 * that read generated, not a new generation per piece */
	if (!off || !procfs_cache_take(ino, off, &pb.buf, &pb.len))
		err = entries[n.id].show(&pb, &n);
	if (!err && pb.nomem)
		err = -ENOMEM;
	if (err) {
		ret = err;
	} else if (off < pb.len) {
		size_t len = MIN(b->len, pb.len - (size_t)off);

		len = vfs_iobuf_put_upto(b, 0, pb.buf + off, len);
		ret = len || !b->len ? (ssize_t)len : -EFAULT; /* a partial count, as Linux */
		if (len && off + len < pb.len) {
			procfs_cache_keep(ino, pb.buf, pb.len, off + len);
			return ret;
		}
	}
	kfree(pb.buf);
	return ret;
}

/* Only from the start of the file, as Linux's strict sysctl writes.  The
 * whole write is the value, blanks around it included, as Linux takes it
 * (a short one on the stack, a longer one in a buffer of its own). */
static ssize_t file_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct proc_node n = node_of(ino);
	char small[128], *buf = small;
	size_t len = b->len;
	int err;

	if (stores[n.id] == proc_store_comm)
		len = MIN(len, 15); /* a name longer than comm holds is cut */
	if (stores[n.id] == proc_store_pid_oom_adj || stores[n.id] == proc_store_pid_oom_score_adj)
		len = MIN(len, 12); /* Linux reads a number's worth (PROC_NUMBUF - 1) */
	if (!stores[n.id] || off)
		return -EINVAL;
	if (len >= PROC_WRITE_MAX)
		return -ENOMEM; /* Linux: KMALLOC_MAX_SIZE */
	if (len >= sizeof(small) && !(buf = kmalloc(len + 1)))
		return -ENOMEM;
	err = vfs_iobuf_get(b, 0, buf, len) ? -EFAULT : 0;
	if (!err) {
		buf[len] = '\0';
		err = stores[n.id](&n, buf, len);
	}
	if (buf != small)
		kfree(buf);
	return err ? err : (ssize_t)b->len;
}

/* environ and the maps show another process's memory: Linux asks at open. */
static int file_open(struct inode *ino, unsigned flags)
{
	struct proc_node n = node_of(ino);
	enum proc_id id = proc_pid_twin(n.id);

	if (id == PE_PID_ENVIRON)
		return proc_may_open_environ(ino, n.pid, flags);
	if (id == PE_PID_MAPS || id == PE_PID_SMAPS || id == PE_PID_SMAPS_ROLLUP)
		return proc_may_inspect(n.pid);
	/* a write-only sysctl is write-only for root too (Linux's
	 * sysctl_perm gives root the owner's bits, never more) */
	if (id == PE_SYS_VM_DROP_CACHES && (flags & O_ACCMODE) != O_WRONLY)
		return -EACCES;
	return 0;
}

/* O_TRUNC on a writable file (`echo 1 > /proc/sys/...`): nothing to cut. */
static int file_truncate(struct inode *ino, uint64_t len)
{
	struct proc_node n = node_of(ino);

	return stores[n.id] && !len ? 0 : -EINVAL;
}

static const struct file_ops proc_file_ops = {
	.open = file_open,
	.read = file_read,
	.write = file_write,
	.truncate = file_truncate,
	.stat = node_stat,
};

/* ---- symlinks ---- */

static ssize_t link_readlink(struct inode *ino, char *buf, size_t size)
{
	struct proc_node n = node_of(ino);

	return entries[n.id].link(&n, buf, size);
}

static int link_jump(struct inode *ino, struct path_component **out)
{
	struct proc_node n = node_of(ino);

	return proc_jump(&n, out);
}

static const struct symlink_ops proc_link_ops = {
	.readlink = link_readlink,
	.jump = link_jump,
	.stat = node_stat,
};

/* ---- the instance (procfs's and sysfs's) ---- */

void pseudofs_release(struct vfs_sb *sb)
{
	kfree(sb->priv);
}

/* A pseudo filesystem counts nothing: only its magic. */
int pseudofs_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	const struct pseudofs *fs = sb->priv;

	*st = (struct vfs_statfs){.magic = fs->magic, .bsize = st->bsize};
	return 0;
}

int pseudofs_mount(struct vfs_sb *sb, const struct vfs_sb_ops *ops, uint64_t magic,
		   int (*make_root)(struct vfs_sb *sb))
{
	struct pseudofs *fs = kzalloc(sizeof(*fs));
	int err;

	if (!fs)
		return -ENOMEM;
	fs->mounted.sec = wall_clock_boot_seconds() + (int64_t)(time_ns() / 1000000000u);
	fs->magic = magic;
	sb->priv = fs;
	sb->ops = ops;
	err = make_root(sb);
	if (err) {
		kfree(fs);
		sb->priv = NULL;
		sb->ops = NULL;
	}
	return err;
}

static const struct vfs_sb_ops procfs_sb_ops = {.release = pseudofs_release,
						.statfs = pseudofs_statfs};

int procfs_pid_of_dir(const struct inode *ino)
{
	struct proc_node n;

	if (!ino->sb || ino->sb->ops != &procfs_sb_ops || ino->kind != INODE_DIR)
		return 0;
	n = node_of(ino);
	return n.id == PE_PID ? n.pid : 0;
}

static int procfs_make_root(struct vfs_sb *sb)
{
	struct proc_node root = {.id = PE_ROOT, .fd = -1};

	sb->read_only = false; /* "rw" in /proc/mounts, as Linux; files refuse writes */
	return make_inode(sb, &root, &sb->root);
}

static int procfs_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	return pseudofs_mount(sb, &procfs_sb_ops, PROC_SUPER_MAGIC, procfs_make_root);
}

const struct fs_type procfs_fs_type = {.name = "proc", .mount = procfs_mount};
