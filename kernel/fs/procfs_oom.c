/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The memory-pressure files of /proc: /proc/<pid>/oom_score, oom_score_adj
 * and the legacy oom_adj, and /proc/sys/vm/overcommit_memory and
 * overcommit_ratio, and drop_caches.  The rules live in kernel/mm (oom.c, overcommit.c);
 * this file only parses and prints, as Linux's fs/proc/base.c and the
 * vm sysctls do (a value is an int in any base kstrtoint takes, with
 * surrounding blanks; anything else is EINVAL).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <kernel/oom.h>
#include <kernel/pagecache.h>
#include <kernel/process.h>
#include "procfs.h"

/* A signed int in base 0 with blanks around it, as kstrtoint(strstrip()). */
static int parse_int(const char *buf, size_t len, int *out)
{
	char tmp[32];
	size_t i = 0, end = len;
	unsigned long long v;
	bool neg = false;

	while (i < end && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n'))
		i++;
	while (end > i && (buf[end - 1] == ' ' || buf[end - 1] == '\t' || buf[end - 1] == '\n'))
		end--;
	if (i < end && (buf[i] == '-' || buf[i] == '+'))
		neg = buf[i++] == '-';
	if (end - i >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf + i, end - i);
	tmp[end - i] = '\0';
	if (kstrtoull(tmp, 0, &v))
		return -EINVAL;
	if (v > (neg ? 2147483648ull : 2147483647ull))
		return -EINVAL;
	*out = neg ? (int)-(long long)v : (int)v;
	return 0;
}

int proc_show_pid_oom_score(struct pbuf *b, const struct proc_node *n)
{
	irqflags_t f = process_lock_tree();
	struct process *p = process_find(n->pid);
	unsigned score = p ? oom_score(p) : 0;

	process_unlock_tree(f);
	if (!p)
		return -ESRCH;
	pbuf_printf(b, "%u\n", score);
	return 0;
}

static int show_adj(struct pbuf *b, const struct proc_node *n, bool legacy)
{
	int v, err = oom_get_adj(n->pid, legacy, &v);

	if (err)
		return err;
	pbuf_printf(b, "%d\n", v);
	return 0;
}

int proc_show_pid_oom_score_adj(struct pbuf *b, const struct proc_node *n)
{
	return show_adj(b, n, false);
}

int proc_show_pid_oom_adj(struct pbuf *b, const struct proc_node *n)
{
	return show_adj(b, n, true);
}

int proc_store_pid_oom_score_adj(const struct proc_node *n, const char *buf, size_t len)
{
	int v, err = parse_int(buf, len, &v);

	return err ? err : oom_set_adj(n->pid, v, false);
}

int proc_store_pid_oom_adj(const struct proc_node *n, const char *buf, size_t len)
{
	int v, err = parse_int(buf, len, &v);

	return err ? err : oom_set_adj(n->pid, v, true);
}

int proc_show_overcommit(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "%d\n",
		    n->id == PE_SYS_VM_OVERCOMMIT_MEMORY ? vm_overcommit_mode()
							 : vm_overcommit_ratio());
	return 0;
}

int proc_store_overcommit(const struct proc_node *n, const char *buf, size_t len)
{
	int v, err = parse_int(buf, len, &v);

	if (err)
		return err;
	return n->id == PE_SYS_VM_OVERCOMMIT_MEMORY ? vm_set_overcommit_mode(v)
						    : vm_set_overcommit_ratio(v);
}

int proc_show_drop_caches(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "0\n");
	return 0;
}

int proc_store_drop_caches(const struct proc_node *n, const char *buf, size_t len)
{
	int v, err = parse_int(buf, len, &v);

	if (err)
		return err;
	if (v < 1 || v > 4) /* Linux's range for the sysctl */
		return -EINVAL;
	if (v & 1)
		pcache_drop_clean();
	return 0;
}
