/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The OOM killer.  When a page for user memory cannot be had, the process
 * whose death frees the most is killed with SIGKILL, as Linux's
 * mm/oom_kill.c chooses it: badness = resident pages + page-table pages
 * (no swap here), plus oom_score_adj thousandths of all the machine's
 * pages; oom_score_adj -1000, init and kernel threads are never chosen.
 * The kill is logged in Linux's words, and the allocation is retried.
 *
 * One victim at a time: until the last one's address space is freed (and
 * for at most VICTIM_GRACE_NS), a failing allocation waits for it instead
 * of killing another.  A victim stuck longer is passed over (it keeps its
 * SIGKILL pending) and the next one is chosen.  Callers: the platform's
 * fault path (page_fault_oom), fork and execve; an allocation failing
 * while memory is not exhausted (a large block) kills nobody.
 *
 * Page tables are estimated from the resident pages (one 4 KiB table per
 * 512 pages mapped), since the platform does not count them per space.
 * There is no page cache or swap, so there is nothing to reclaim first.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/oom.h>
#include <linux/signal.h>
#include <platform/log.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/time.h>
#include <kernel/blkdev.h>
#include <kernel/cred.h>
#include <kernel/oom.h>
#include <kernel/pagecache.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/vm.h>

#define VICTIM_GRACE_NS (2ull * 1000000000ull)
#define KB_PER_PAGE	(PAGE_SIZE / 1024)

/* The last victim's address space until it is freed (compared, never
 * dereferenced), and when it was killed (victim_lock). */
static struct spinlock victim_lock = SPINLOCK_INIT("oom_victim", LOCK_RANK_NONE);
static const struct vm *victim_vm;
static uint64_t victim_ns;

static size_t total_pages(void)
{
	struct pmm_stats st;

	pmm_stats(&st);
	return st.total_pages ? st.total_pages : 1;
}

long oom_points(size_t rss, size_t pgtables, int adj, size_t totalpages)
{
	long points = (long)(rss + pgtables);

	if (adj <= OOM_SCORE_ADJ_MIN)
		return INT64_MIN;
	/* Linux scales adj by whole thousandths of the machine */
	points += (long)adj * (long)(totalpages / 1000);
	return points > 0 ? points : 1;
}

static size_t proc_rss(const struct process *p)
{
	struct vm *vm = READ_ONCE(p->vm);

	return vm ? aspace_resident(vm->as) : 0;
}

static size_t pgtables_of(size_t rss)
{
	return (rss + 511) / 512;
}

/* Badness of p, or INT64_MIN if it may not be chosen (proctree lock held). */
static long badness(const struct process *p, size_t totalpages)
{
	size_t rss;

	if (p->state != PROC_ALIVE || !p->vm || p->pid == init_pid())
		return INT64_MIN;
	rss = proc_rss(p);
	return oom_points(rss, pgtables_of(rss), p->attrs.oom_score_adj, totalpages);
}

unsigned oom_score(const struct process *p)
{
	size_t totalpages = total_pages();
	long b = badness(p, totalpages);

	if (b == INT64_MIN)
		return 0;
	/* Linux's scale: 1000 + badness in thousandths of memory, times 2/3 */
	b = (1000 + b * 1000 / (long)totalpages) * 2 / 3;
	return b < 0 ? 0 : (unsigned)b;
}

static bool fatal_pending(struct process *p, struct thread *t)
{
	return (READ_ONCE(p->sig_pending) | READ_ONCE(t->sig_pending)) & SIGBIT(SIGKILL);
}

/* What the log line reports of the victim, copied under the tree lock. */
struct victim_info {
	int pid;
	uint32_t uid;
	int adj;
	size_t rss;
	char comm[COMM_LEN];
	struct vm *vm; /* a reference, for total-vm */
};

static size_t vm_total_kb(struct vm *vm)
{
	irqflags_t f = spin_lock_irqsave(&vm->lock);
	size_t bytes = 0;
	struct vma *v;

	list_for_each_entry (v, &vm->vmas, link)
		bytes += v->end - v->start;
	spin_unlock_irqrestore(&vm->lock, f);
	return bytes / 1024;
}

static void report(const struct process *self, const struct victim_info *v)
{
	if (self)
		pr_warn("%s invoked oom-killer: "
			"gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, "
			"oom_score_adj=%d\n",
			self->comm, self->attrs.oom_score_adj);
	pr_info("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/"
		",mems_allowed=0,global_oom,task_memcg=/,task=%s,pid=%d,uid=%u\n",
		v->comm, v->pid, v->uid);
	pr_err("Out of memory: Killed process %d (%s) total-vm:%zukB, anon-rss:%zukB, "
	       "file-rss:0kB, shmem-rss:0kB, UID:%u pgtables:%zukB oom_score_adj:%d\n",
	       v->pid, v->comm, vm_total_kb(v->vm), v->rss * KB_PER_PAGE, v->uid,
	       pgtables_of(v->rss) * KB_PER_PAGE, v->adj);
}

/* Choose and kill a victim.  true if one was killed. */
static bool kill_worst(void)
{
	size_t totalpages = total_pages();
	struct process *p, *worst = NULL;
	struct victim_info v = {0};
	long worst_points = INT64_MIN;
	irqflags_t f = process_lock_tree(), f2;

	for_each_process(p)
	{
		long b = badness(p, totalpages);

		if (b == INT64_MIN || (p->main_thread && fatal_pending(p, p->main_thread)))
			continue; /* unkillable, or already dying */
		if (b > worst_points) {
			worst = p;
			worst_points = b;
		}
	}
	if (worst) {
		v.pid = worst->pid;
		v.uid = worst->cred->uid;
		v.adj = worst->attrs.oom_score_adj;
		v.rss = proc_rss(worst);
		memcpy(v.comm, worst->comm, COMM_LEN);
		v.vm = worst->vm;
		vm_get(v.vm);
		f2 = spin_lock_irqsave(&victim_lock);
		v.vm->oom_victim = true;
		victim_vm = v.vm;
		victim_ns = time_ns();
		spin_unlock_irqrestore(&victim_lock, f2);
		signal_send(worst, SIGKILL, NULL);
	}
	process_unlock_tree(f);
	if (!worst)
		return false;
	report(current_process(), &v);
	vm_put(v.vm);
	return true;
}

/* The last victim's memory is not freed yet, and its grace period runs. */
static bool victim_exiting(void)
{
	irqflags_t f = spin_lock_irqsave(&victim_lock);
	bool waiting = victim_vm && time_ns() - victim_ns <= VICTIM_GRACE_NS;

	spin_unlock_irqrestore(&victim_lock, f);
	return waiting;
}

void oom_victim_freed(const struct vm *vm)
{
	irqflags_t f = spin_lock_irqsave(&victim_lock);

	if (victim_vm == vm)
		victim_vm = NULL;
	spin_unlock_irqrestore(&victim_lock, f);
}

/* Memory is really exhausted: less than 1/32 of it free (what per-CPU
 * caches may hold).  An allocation failing with more free is not for the
 * OOM killer to solve (a large block, a limit). */
static size_t pmm_total_pages(void)
{
	struct pmm_stats st;

	pmm_stats(&st);
	return st.total_pages;
}

bool oom_memory_exhausted(void)
{
	struct pmm_stats st;

	pmm_stats(&st);
	return st.free_pages <= st.total_pages / 32;
}

bool oom_recover(void)
{
	struct thread *t = current_thread();
	struct process *self = t->proc;

	if (self && fatal_pending(self, t))
		return false; /* we are the one dying: give up the allocation */
	/* the page cache's clean pages and the buffer cache give back what
	 * they can before anyone is killed (a 64th of memory at a time) */
	if (oom_memory_exhausted() && pcache_shrink(MAX(pmm_total_pages() / 64, 64)))
		return true;
	if (oom_memory_exhausted() && bcache_shrink())
		return true;
	if (victim_exiting() || (oom_memory_exhausted() && kill_worst())) {
		sched_yield_cpu(); /* let the victim run to its exit */
		return true;
	}
	return false;
}

/* ---- oom_score_adj and oom_adj ---- */

int oom_get_adj(int pid, bool legacy, int *value)
{
	irqflags_t f = process_lock_tree();
	struct process *p = process_find(pid);
	int adj;

	if (!p) {
		process_unlock_tree(f);
		return -ESRCH;
	}
	adj = p->attrs.oom_score_adj;
	process_unlock_tree(f);
	if (legacy) /* Linux's legacy scale: scaled by 17/1000, at most 15 */
		adj = MIN(adj * -OOM_DISABLE / OOM_SCORE_ADJ_MAX, OOM_ADJUST_MAX);
	*value = adj;
	return 0;
}

int oom_set_adj(int pid, int value, bool legacy)
{
	bool privileged = capable(CAP_SYS_RESOURCE);
	struct process *p;
	irqflags_t f;
	int err = 0;

	if (legacy) {
		if ((value < OOM_ADJUST_MIN || value > OOM_ADJUST_MAX) && value != OOM_DISABLE)
			return -EINVAL;
		/* the old scale: -17 disables, 15 is the most, the rest scale by 1000/17 */
		if (value == OOM_ADJUST_MAX)
			value = OOM_SCORE_ADJ_MAX;
		else
			value = value * OOM_SCORE_ADJ_MAX / -OOM_DISABLE;
	} else if (value < OOM_SCORE_ADJ_MIN || value > OOM_SCORE_ADJ_MAX) {
		return -EINVAL;
	}
	f = process_lock_tree();
	p = process_find(pid);
	if (!p || p->state != PROC_ALIVE)
		err = -ESRCH;
	else if (value < (legacy ? p->attrs.oom_score_adj : p->attrs.oom_score_adj_min) &&
		 !privileged)
		err = -EACCES; /* oom_adj: below the current value; oom_score_adj:
				* below the floor a privileged writer set */
	if (!err) {
		p->attrs.oom_score_adj = (int16_t)value;
		if (!legacy && privileged)
			p->attrs.oom_score_adj_min = (int16_t)value;
	}
	process_unlock_tree(f);
	return err;
}
