/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Internal interface of procfs (procfs.c: the filesystem; procfs_pid.c:
 * /proc/<pid>/...; procfs_sys.c: the system-wide files).
 *
 * Every /proc object is named by its inode number, which says all there is
 * to know about it: ino = pid << 32 | (fd + 1) << 16 | entry id.  Inodes
 * are made on lookup and keep no state, so nothing ties them to a process:
 * each read looks the pid up again and fails with ESRCH once it is gone.
 */
#pragma once

#include <klib/types.h>
#include <kevlar_vfs/service.h>

/* The entries of the tree, in readdir order within each directory. */
enum proc_id {
	PE_NONE,
	PE_ROOT,
	PE_SELF,
	PE_CPUINFO,
	PE_FILESYSTEMS,
	PE_LOADAVG,
	PE_MEMINFO,
	PE_MOUNTS,
	PE_PARTITIONS,
	PE_DISKSTATS,
	PE_SLABINFO,
	PE_STAT,
	PE_UPTIME,
	PE_VERSION,
	PE_CMDLINE,
	PE_VMSTAT,
	PE_SYS,
	PE_SYS_FS,
	PE_SYS_FS_PIPE_MAX_SIZE,
	PE_SYS_FS_NR_OPEN,
	PE_SYS_FS_DIR_NOTIFY_ENABLE,
	PE_SYS_FS_INOTIFY,
	PE_SYS_FS_INOTIFY_MAX_QUEUED_EVENTS,
	PE_SYS_FS_INOTIFY_MAX_USER_INSTANCES,
	PE_SYS_FS_INOTIFY_MAX_USER_WATCHES,
	PE_SYS_FS_MQUEUE,
	PE_SYS_FS_MQUEUE_MSG_DEFAULT,
	PE_SYS_FS_MQUEUE_MSG_MAX,
	PE_SYS_FS_MQUEUE_MSGSIZE_DEFAULT,
	PE_SYS_FS_MQUEUE_MSGSIZE_MAX,
	PE_SYS_FS_MQUEUE_QUEUES_MAX,
	PE_SYS_KERNEL,
	PE_SYS_DOMAINNAME,
	PE_SYS_HOSTNAME,
	PE_SYS_OSRELEASE,
	PE_SYS_OSTYPE,
	PE_SYS_PID_MAX,
	PE_SYS_TAINTED,
	PE_SYS_NGROUPS_MAX,
	PE_SYS_CAP_LAST_CAP,
	PE_SYS_OVERFLOWUID,
	PE_SYS_OVERFLOWGID,
	PE_SYS_PRINTK,
	PE_SYS_VM,
	PE_SYS_VM_OVERCOMMIT_MEMORY,
	PE_SYS_VM_OVERCOMMIT_RATIO,
	PE_SYS_VM_DROP_CACHES,
	PE_SYS_DMESG_RESTRICT,
	PE_SYS_DEV,
	PE_SYS_DEV_TTY,
	PE_SYS_DEV_TTY_LEGACY_TIOCSTI,
	PE_SYS_NET, /* /proc/sys/net/ipv4: ping_group_range (kernel/net/inet_icmp.c) and
		     * the sockets' port rules (inet_sock.c) */
	PE_SYS_NET_IPV4,
	PE_SYS_NET_PING_GROUP_RANGE,
	PE_SYS_NET_IPV4_UNPRIV_PORT_START,
	PE_SYS_NET_IPV4_LOCAL_PORT_RANGE,
	PE_SYS_KEVLAR, /* /proc/sys/kevlar: Kevlar's own (fault injection, inject.c) */
	PE_SYS_KEVLAR_INJECT,
	PE_SYS_KEVLAR_INJECTED,
	PE_SYS_MSGMAX, /* the System V IPC limits (procfs_sysvipc.c) */
	PE_SYS_MSGMNB,
	PE_SYS_MSGMNI,
	PE_SYS_SEM,
	PE_SYS_SHMALL,
	PE_SYS_SHMMAX,
	PE_SYS_SHMMNI,
	PE_SYSVIPC, /* /proc/sysvipc */
	PE_SYSVIPC_MSG,
	PE_SYSVIPC_SEM,
	PE_SYSVIPC_SHM,
	PE_NET,
	PE_NET_UNIX,
	PE_NET_NETLINK,
	PE_NET_DEV,
	PE_NET_ROUTE,
	PE_NET_IF_INET6,
	PE_NET_TCP,
	PE_NET_TCP6,
	PE_NET_UDP,
	PE_NET_UDP6,
	PE_PID, /* /proc/<pid> */
	PE_PID_CMDLINE,
	PE_PID_COMM,
	PE_PID_CWD,
	PE_PID_ENVIRON,
	PE_PID_EXE,
	PE_PID_FD,
	PE_PID_FDINFO,
	PE_PID_LIMITS,
	PE_PID_LOGINUID,
	PE_PID_MAPS,
	PE_PID_MOUNTINFO,
	PE_PID_MOUNTS,
	PE_PID_OOM_ADJ,
	PE_PID_OOM_SCORE,
	PE_PID_OOM_SCORE_ADJ,
	PE_PID_ROOT,
	PE_PID_SESSIONID,
	PE_PID_SMAPS,
	PE_PID_SMAPS_ROLLUP,
	PE_PID_STAT,
	PE_PID_STATM,
	PE_PID_STATUS,
	PE_PID_TASK,
	PE_TID, /* /proc/<pid>/task/<tid>: its pid field is the tid */
	PE_TID_CMDLINE,
	PE_TID_COMM,
	PE_TID_CWD,
	PE_TID_ENVIRON,
	PE_TID_EXE,
	PE_TID_FD,
	PE_TID_FDINFO,
	PE_TID_LIMITS,
	PE_TID_MAPS,
	PE_TID_MOUNTINFO,
	PE_TID_MOUNTS,
	PE_TID_ROOT,
	PE_TID_SMAPS,
	PE_TID_STAT,
	PE_TID_STATM,
	PE_TID_STATUS,
	PE_FD_LINK,   /* /proc/<pid>/fd/<n> */
	PE_FDINFO_FD, /* /proc/<pid>/fdinfo/<n> */
	PE_COUNT,
};

/* The /proc/<pid> entry a /proc/<pid>/task/<tid> entry shows for its
 * thread (the entry itself for any other). */
enum proc_id proc_pid_twin(enum proc_id id);

/* One /proc object, as its inode number encodes it. */
struct proc_node {
	enum proc_id id;
	int pid; /* 0 outside /proc/<pid> */
	int fd;	 /* -1 unless PE_FD_LINK or PE_FDINFO_FD */
};

/* Text generated for a read: grows as needed; `nomem` once it could not. */
struct pbuf {
	char *buf;
	size_t len, cap;
	bool nomem;
};
void pbuf_put(struct pbuf *b, const char *s, size_t n);
/* Room for `more` bytes past b->len: false (and nomem) when out of memory. */
bool pbuf_reserve(struct pbuf *b, size_t more);
void pbuf_printf(struct pbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Spaces up to column `col` of the current line. */
void pbuf_pad(struct pbuf *b, size_t col);
/* A set of CPUs as Linux's cpulist: "0-3,5" (nothing for none). */
void pbuf_cpulist(struct pbuf *b, uint64_t mask);

/* One mounted instance of a pseudo filesystem (proc, sys): what statfs
 * reports and when it was mounted (every inode's times). */
struct pseudofs {
	struct vfs_time mounted;
	uint64_t magic;
};
/* Mount an instance: `sb->priv` a new pseudofs, `sb->ops` = ops (whose
 * release and statfs are the two below), the root made by make_root. */
int pseudofs_mount(struct vfs_sb *sb, const struct vfs_sb_ops *ops, uint64_t magic,
		   int (*make_root)(struct vfs_sb *sb));
void pseudofs_release(struct vfs_sb *sb);
int pseudofs_statfs(struct vfs_sb *sb, struct vfs_statfs *st);

/* The unread rest of a file a thread reads in pieces (procfs_cache.c):
 * keep hands `buf` (kmalloc'd, `len` bytes) over, to be served to this
 * thread's next read of `ino` at offset `next`; take gives it back
 * (the caller frees it) when this thread last kept text of `ino` for a
 * read at `off`, and otherwise drops what this thread kept. */
void procfs_cache_keep(const struct inode *ino, char *buf, size_t len, uint64_t next);
bool procfs_cache_take(const struct inode *ino, uint64_t off, char **buf, size_t *len);

/* A file's contents (0 or -errno, e.g. -ESRCH for a process gone); a
 * symlink's target into buf (its length, or -errno). */
typedef int (*proc_show_fn)(struct pbuf *b, const struct proc_node *n);
typedef int (*proc_link_fn)(const struct proc_node *n, char *buf, size_t size);
/* A write of `len` bytes (NUL-terminated in buf) to a writable file: 0 or
 * -errno (-EINVAL for a value it does not take). */
typedef int (*proc_store_fn)(const struct proc_node *n, const char *buf, size_t len);

/* ---- procfs_net.c ---- */
int proc_show_net_unix(struct pbuf *b, const struct proc_node *n);
int proc_show_net_netlink(struct pbuf *b, const struct proc_node *n);
int proc_show_net_dev(struct pbuf *b, const struct proc_node *n);
int proc_show_net_inet(struct pbuf *b, const struct proc_node *n);

/* ---- procfs_pid.c ---- */
bool proc_pid_alive(int pid); /* listed in /proc (zombies included) */
/* The smallest pid >= from, or -1. */
int proc_next_pid(int from);
/* Where a magic link leads (symlink_ops.jump): /proc/<pid>/fd/N to the
 * open file (its path, or the file alone when it has none: a pipe), cwd,
 * root and exe to the process's own; 0 with a new reference, -ENOENT, or
 * 1 for an ordinary link (self, mounts). */
int proc_jump(const struct proc_node *n, struct path_component **out);
/* The smallest open fd >= from of `pid`, or -1; its O_* flags in *flags. */
int proc_next_fd(int pid, int from, unsigned *flags);
/* Ids of the process (euid, egid) and its creation time. */
int proc_pid_owner(int pid, uint32_t *uid, uint32_t *gid, uint64_t *start_ns);
int proc_count_processes(void);
int proc_show_pid_stat(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_status(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_statm(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_cmdline(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_comm(struct pbuf *b, const struct proc_node *n);
/* comm is writable by the threads of its own process (EINVAL for others). */
int proc_store_comm(const struct proc_node *n, const char *buf, size_t len);
/* Is `tid` a live thread of process `pid`? */
bool proc_tid_of(int pid, int tid);
int proc_show_pid_environ(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_limits(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_maps(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_smaps(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_smaps_rollup(struct pbuf *b, const struct proc_node *n);
/* loginuid and sessionid: 4294967295, unset, as Linux without audit login. */
int proc_show_pid_audit_unset(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_mounts(struct pbuf *b, const struct proc_node *n);
/* /proc/<pid>/fdinfo/<n>: pos, flags, mnt_id, ino, the kind's own lines
 * (vfs_show_fdinfo) and the file's locks. */
int proc_show_fdinfo(struct pbuf *b, const struct proc_node *n);
int proc_link_self(const struct proc_node *n, char *buf, size_t size);
int proc_link_cwd(const struct proc_node *n, char *buf, size_t size);
int proc_link_root(const struct proc_node *n, char *buf, size_t size);
int proc_link_exe(const struct proc_node *n, char *buf, size_t size);
int proc_link_fd(const struct proc_node *n, char *buf, size_t size);

/* ---- procfs_access.c ---- */
/* May the caller see inside process `pid` (its links, its environ)? 0,
 * -EACCES, or -ENOENT when it is gone. */
int proc_may_inspect(int pid);
/* Opening /proc/<pid>/environ (its inode `ino`) with open(2)'s `flags`:
 * the file's mode, then proc_may_inspect.  0 or -EACCES. */
int proc_may_open_environ(struct inode *ino, int pid, unsigned flags);

/* ---- procfs_sys.c ---- */
int proc_show_cpuinfo(struct pbuf *b, const struct proc_node *n);
/* /proc/sys files whose value is a constant here. */
int proc_show_sys_const(struct pbuf *b, const struct proc_node *n);
/* ---- procfs_sysvipc.c: /proc/sysvipc/{msg,sem,shm}, /proc/sys/kernel's
 * IPC limits ---- */
int proc_show_sysvipc(struct pbuf *b, const struct proc_node *n);
int proc_show_ipc_limit(struct pbuf *b, const struct proc_node *n);
/* /proc/sys/fs/inotify and /proc/sys/fs/mqueue (procfs_ipc.c): integer
 * tunables, writable by root within Linux's ranges. */
int proc_show_ipc_tunable(struct pbuf *b, const struct proc_node *n);
int proc_store_ipc_tunable(const struct proc_node *n, const char *buf, size_t len);
int proc_show_filesystems(struct pbuf *b, const struct proc_node *n);
int proc_show_partitions(struct pbuf *b, const struct proc_node *n);
int proc_show_diskstats(struct pbuf *b, const struct proc_node *n);
int proc_show_loadavg(struct pbuf *b, const struct proc_node *n);
int proc_show_meminfo(struct pbuf *b, const struct proc_node *n);
int proc_show_stat(struct pbuf *b, const struct proc_node *n);
int proc_show_uptime(struct pbuf *b, const struct proc_node *n);
int proc_show_vmstat(struct pbuf *b, const struct proc_node *n);
int proc_show_slabinfo(struct pbuf *b, const struct proc_node *n);
int proc_show_version(struct pbuf *b, const struct proc_node *n);
int proc_show_cmdline(struct pbuf *b, const struct proc_node *n);
int proc_show_domainname(struct pbuf *b, const struct proc_node *n);
int proc_show_hostname(struct pbuf *b, const struct proc_node *n);
int proc_show_osrelease(struct pbuf *b, const struct proc_node *n);
int proc_show_ostype(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_max(struct pbuf *b, const struct proc_node *n);
int proc_show_pipe_max_size(struct pbuf *b, const struct proc_node *n);
int proc_store_pipe_max_size(const struct proc_node *n, const char *buf, size_t len);
/* /proc/sys/net/ipv4/ping_group_range */
int proc_show_ping_group_range(struct pbuf *b, const struct proc_node *n);
int proc_store_ping_group_range(const struct proc_node *n, const char *buf, size_t len);
int proc_link_mounts(const struct proc_node *n, char *buf, size_t size);
/* The mount table in /proc/mounts format, paths as seen from the caller. */

/* ---- inject.c: /proc/sys/kevlar/inject (root only) and injected ---- */
int proc_show_inject(struct pbuf *b, const struct proc_node *n);
int proc_store_inject(const struct proc_node *n, const char *buf, size_t len);
int proc_show_injected(struct pbuf *b, const struct proc_node *n);

/* ---- procfs_oom.c ---- */
int proc_show_pid_oom_score(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_oom_score_adj(struct pbuf *b, const struct proc_node *n);
int proc_show_pid_oom_adj(struct pbuf *b, const struct proc_node *n);
int proc_store_pid_oom_score_adj(const struct proc_node *n, const char *buf, size_t len);
int proc_store_pid_oom_adj(const struct proc_node *n, const char *buf, size_t len);
/* /proc/sys/vm/overcommit_memory and overcommit_ratio */
int proc_show_overcommit(struct pbuf *b, const struct proc_node *n);
int proc_store_overcommit(const struct proc_node *n, const char *buf, size_t len);
/* /proc/sys/vm/drop_caches: 1 (and 3) frees the clean page-cache pages
 * nobody maps; 2 and 4 are accepted (no slab cache to shrink, no log). */
int proc_show_drop_caches(struct pbuf *b, const struct proc_node *n);
int proc_store_drop_caches(const struct proc_node *n, const char *buf, size_t len);

/* ---- procfs_mounts.c ---- */
/* /proc/mounts (the reader's view of the mount table) and mountinfo. */
int proc_show_mounts(struct pbuf *b);
int proc_show_mountinfo(struct pbuf *b);
int proc_show_pid_mountinfo(struct pbuf *b, const struct proc_node *n);
