/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Memory pressure: the OOM killer and the overcommit policy (kernel/mm/oom.c,
 * kernel/mm/overcommit.c).  Linux's rules and numbers: a victim's badness
 * is its resident pages plus its page tables, shifted by oom_score_adj in
 * thousandths of the machine's pages; -1000 is never chosen, nor is init.
 */
#pragma once

#include <klib/types.h>

struct process;

/* An allocation for user-visible state failed (a fault's page, fork's or
 * exec's memory).  If memory is exhausted, kills the worst process, or
 * yields while the last victim's memory is not freed yet.  true: try the
 * allocation again; false: nothing can be freed (the caller fails with
 * ENOMEM), memory is not exhausted, or the caller itself is dying.  May
 * yield the CPU; call with no lock held. */
bool oom_recover(void);
/* Memory is exhausted: less than 1/32 of it is free (what the OOM killer
 * acts on).  Filesystem pages stop there (service_api.c), as Linux's stop
 * at the min watermark, so the processes keep a reserve for their own
 * faults when nothing can be killed. */
bool oom_memory_exhausted(void);
/* The address space of an OOM victim was freed: the killer may choose
 * again (vm.c, as the last reference goes). */
struct vm;
void oom_victim_freed(const struct vm *vm);

/* The badness in pages of a process with `rss` resident pages, `pgtables`
 * page-table pages and oom_score_adj `adj`, on a machine of `totalpages`
 * (Linux's oom_badness); INT64_MIN when adj is OOM_SCORE_ADJ_MIN. */
long oom_points(size_t rss, size_t pgtables, int adj, size_t totalpages);
/* /proc/<pid>/oom_score of `p`: 0..2000 scaled as Linux's, 0 for the
 * unkillable (proctree lock held). */
unsigned oom_score(const struct process *p);
/* Set p's oom_score_adj (legacy: oom_adj's -17..15 scale) as the caller:
 * 0, -EINVAL (out of range) or -EACCES (below the floor a privileged
 * writer set, without CAP_SYS_RESOURCE). */
int oom_set_adj(int pid, int value, bool legacy);
/* oom_score_adj (legacy: as oom_adj) of the process `pid`, or -ESRCH. */
int oom_get_adj(int pid, bool legacy, int *value);

/* vm.overcommit_memory: 0 heuristic, 1 always, 2 never (strict). */
#define OVERCOMMIT_GUESS  0
#define OVERCOMMIT_ALWAYS 1
#define OVERCOMMIT_NEVER  2
/* Whether a new private writable (or shared anonymous) mapping of `pages`
 * may be made under the overcommit policy; `noreserve`: MAP_NORESERVE. */
bool vm_enough_memory(size_t pages, bool noreserve);
int vm_overcommit_mode(void);
int vm_overcommit_ratio(void);
/* Writes of the sysctls: 0, or -EINVAL for a mode other than 0, 1, 2. */
int vm_set_overcommit_mode(int mode);
int vm_set_overcommit_ratio(int ratio);
