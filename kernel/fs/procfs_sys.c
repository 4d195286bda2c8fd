/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The system-wide /proc files: meminfo, uptime, cpuinfo, stat,
 * loadavg, version, filesystems and the /proc/sys/kernel files, in Linux's
 * formats (compared with the host's, field by field).
 *
 * Values the kernel does not track are reported as Linux reports an idle
 * machine without the feature: no swap; Cached, Dirty, Writeback and
 * Active/Inactive(file) are the page cache's (Buffers and Dirty also the
 * buffer cache's), no load average yet (0.00), and CPU time split only
 * into busy ("user") and idle.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/limits.h>
#include <platform/boot.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/percpu.h>
#include <platform/time.h>
#include <kernel/blkdev.h>
#include <kernel/inet.h>
#include <kernel/loadavg.h>
#include <kernel/path.h>
#include <kernel/pipe.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <kernel/uts.h>
#include <kernel/vfs.h>
#include <kernel/pagecache.h>
#include "fs.h"
#include "procfs.h"

#define USER_HZ	    100
#define NS_PER_TICK (1000000000ull / USER_HZ)
#define PID_MAX	    4194304 /* Linux's PID_MAX_LIMIT on 64-bit: pids never reach it */

/* ---- meminfo ---- */

static void mem_line(struct pbuf *b, const char *label, uint64_t kb, bool unit)
{
	char name[24];

	snprintf(name, sizeof(name), "%s:", label);
	pbuf_printf(b, "%-16s%8llu%s\n", name, (unsigned long long)kb, unit ? " kB" : "");
}

int proc_show_meminfo(struct pbuf *b, const struct proc_node *n)
{
	static const char *const zero_kb[] = {
		"Buffers",	"Cached",	  "SwapCached",	  "Active",	    "Inactive",
		"Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)", "Unevictable",
		"Mlocked",	"SwapTotal",	  "SwapFree",	  "Zswap",	    "Zswapped",
		"Dirty",	"Writeback",	  "AnonPages",	  "Mapped",	    "Shmem",
		"KReclaimable", "Slab",		  "SReclaimable", "SUnreclaim",	    "KernelStack",
		"PageTables",	"SecPageTables",  "NFS_Unstable", "Bounce",	    "WritebackTmp",
	};
	static const char *const zero_tail[] = {
		"Percpu",	 "AnonHugePages", "ShmemHugePages", "ShmemPmdMapped",
		"FileHugePages", "FilePmdMapped", "Balloon",
	};
	struct pmm_stats st;
	struct pcache_stats pc;
	uint64_t total, free, buffers, dirty;
	const uint64_t kb_page = PAGE_SIZE / 1024;

	pmm_stats(&st);
	pcache_stats(&pc);		 /* files' data pages */
	bcache_counts(&buffers, &dirty); /* the block devices' buffer cache */
	total = st.total_pages * kb_page;
	free = st.free_pages * kb_page;
	mem_line(b, "MemTotal", total, true);
	mem_line(b, "MemFree", free, true);
	/* clean cache pages nobody uses are as good as free */
	mem_line(b, "MemAvailable", free + (pc.inactive - MIN(pc.inactive, pc.dirty)) * kb_page,
		 true);
	for (size_t i = 0; i < ARRAY_SIZE(zero_kb); i++) {
		uint64_t kb = 0;

		if (!strcmp(zero_kb[i], "Buffers"))
			kb = buffers / 1024;
		else if (!strcmp(zero_kb[i], "Dirty"))
			kb = dirty / 1024 + pc.dirty * kb_page;
		else if (!strcmp(zero_kb[i], "Cached"))
			kb = pc.cached * kb_page;
		else if (!strcmp(zero_kb[i], "Writeback"))
			kb = pc.writeback * kb_page;
		else if (!strcmp(zero_kb[i], "Active") || !strcmp(zero_kb[i], "Active(file)"))
			kb = pc.active * kb_page;
		else if (!strcmp(zero_kb[i], "Inactive") || !strcmp(zero_kb[i], "Inactive(file)"))
			kb = pc.inactive * kb_page;
		mem_line(b, zero_kb[i], kb, true);
	}
	mem_line(b, "CommitLimit", total / 2, true); /* no swap, overcommit_ratio 50 */
	mem_line(b, "Committed_AS", total - free, true);
	mem_line(b, "VmallocTotal", 34359738367ull, true);
	mem_line(b, "VmallocUsed", 0, true);
	mem_line(b, "VmallocChunk", 0, true);
	for (size_t i = 0; i < ARRAY_SIZE(zero_tail); i++)
		mem_line(b, zero_tail[i], 0, true);
	mem_line(b, "HugePages_Total", 0, false);
	mem_line(b, "HugePages_Free", 0, false);
	mem_line(b, "HugePages_Rsvd", 0, false);
	mem_line(b, "HugePages_Surp", 0, false);
	mem_line(b, "Hugepagesize", 2048, true);
	mem_line(b, "Hugetlb", 0, true);
	mem_line(b, "DirectMap4k", 0, true);
	mem_line(b, "DirectMap2M", total, true);
	return 0;
}

/* /proc/slabinfo, version 2.1: the kernel heap's built-in caches (caches
 * made by kmem_cache_create() are not listed; no tunables, no per-cpu
 * arrays, so those columns read 0). */
int proc_show_slabinfo(struct pbuf *b, const struct proc_node *n)
{
	struct kmem_cache_stat st;

	(void)n;
	pbuf_printf(b, "slabinfo - version: 2.1\n"
		       "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		       "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
		       "<active_slabs> <num_slabs> <sharedavail>\n");
	for (unsigned i = 0; kmem_cache_stat(i, &st); i++)
		pbuf_printf(b,
			    "%-17s %6lu %6lu %6lu %4lu %4lu : tunables %4u %4u %4u : slabdata "
			    "%6lu %6lu %6u\n",
			    st.name, (unsigned long)st.active_objs, (unsigned long)st.num_objs,
			    (unsigned long)st.objsize, (unsigned long)st.objperslab,
			    (unsigned long)st.pagesperslab, 0, 0, 0, (unsigned long)st.active_slabs,
			    (unsigned long)st.num_slabs, 0);
	return 0;
}

/* /proc/vmstat: Linux's counters that tools read (vmstat, free -s), in
 * Linux's order; the kernel counts only free pages, the rest read 0 (no
 * page cache, swap or reclaim here).  Linux lists more counters; a tool
 * finds the ones it looks up by name. */
int proc_show_vmstat(struct pbuf *b, const struct proc_node *n)
{
	static const char *const zero_head[] = {
		"nr_zone_inactive_anon",
		"nr_zone_active_anon",
		"nr_zone_inactive_file",
		"nr_zone_active_file",
		"nr_zone_unevictable",
		"nr_zone_write_pending",
		"nr_mlock",
		"nr_bounce",
		"nr_free_cma",
		"nr_inactive_anon",
		"nr_active_anon",
		"nr_inactive_file",
		"nr_active_file",
		"nr_unevictable",
		"nr_slab_reclaimable",
		"nr_slab_unreclaimable",
		"nr_isolated_anon",
		"nr_isolated_file",
		"nr_anon_pages",
		"nr_mapped",
		"nr_file_pages",
		"nr_dirty",
		"nr_writeback",
		"nr_shmem",
		"nr_kernel_stack",
		"nr_page_table_pages",
	};
	static const char *const zero_tail[] = {
		"pgpgin",	  "pgpgout",	       "pswpin",
		"pswpout",	  "pgalloc_dma",       "pgalloc_dma32",
		"pgalloc_normal", "allocstall_normal", "pgfree",
		"pgactivate",	  "pgdeactivate",      "pgfault",
		"pgmajfault",	  "pgrefill",	       "pgsteal_kswapd",
		"pgsteal_direct", "pgscan_kswapd",     "pgscan_direct",
		"pginodesteal",	  "slabs_scanned",     "kswapd_inodesteal",
		"pageoutrun",	  "oom_kill",
	};
	struct pmm_stats st;

	(void)n;
	pmm_stats(&st);
	pbuf_printf(b, "nr_free_pages %llu\n", (unsigned long long)st.free_pages);
	for (size_t i = 0; i < ARRAY_SIZE(zero_head); i++)
		pbuf_printf(b, "%s 0\n", zero_head[i]);
	/* the dirty limits: Linux's default ratios (20 and 10) of free memory */
	pbuf_printf(b, "nr_dirty_threshold %llu\n", (unsigned long long)st.free_pages / 5);
	pbuf_printf(b, "nr_dirty_background_threshold %llu\n",
		    (unsigned long long)st.free_pages / 10);
	for (size_t i = 0; i < ARRAY_SIZE(zero_tail); i++)
		pbuf_printf(b, "%s 0\n", zero_tail[i]);
	return 0;
}

/* ---- time and load ---- */

int proc_show_uptime(struct pbuf *b, const struct proc_node *n)
{
	struct sched_stats ss;
	uint64_t up = time_ns() / 10000000ull; /* hundredths */
	uint64_t idle;

	sched_stats(&ss);
	idle = ss.idle_ns / 10000000ull;
	pbuf_printf(b, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(up / 100),
		    (unsigned long long)(up % 100), (unsigned long long)(idle / 100),
		    (unsigned long long)(idle % 100));
	return 0;
}

int proc_show_loadavg(struct pbuf *b, const struct proc_node *n)
{
	struct sched_stats ss;

	unsigned long l[3];
	int total = proc_count_processes();

	sched_stats(&ss);
	loadavg_get(l, LOADAVG_ONE / 200, 0); /* rounded to hundredths */
	/* running counts kernel threads, total only processes (Linux counts
	 * every task in both): never show more running than there are */
	pbuf_printf(b, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n", loadavg_int(l[0]),
		    loadavg_frac(l[0]), loadavg_int(l[1]), loadavg_frac(l[1]), loadavg_int(l[2]),
		    loadavg_frac(l[2]), MIN(ss.running, (unsigned)total), total, ss.last_tid);
	return 0;
}

int proc_show_stat(struct pbuf *b, const struct proc_node *n)
{
	struct sched_stats ss;
	struct sched_cpu_times ct[MAX_CPUS];
	uint64_t user = 0, sys = 0, idle = 0, irqs = 0;
	unsigned cpus = ncpus();

	sched_stats(&ss);
	/* per CPU in ticks, each summed from its own ticks: every column must
	 * never go down between two reads (top prints the differences) */
	for (unsigned i = 0; i < cpus; i++) {
		sched_cpu_times(i, &ct[i]);
		user += ct[i].user_ns / NS_PER_TICK;
		sys += ct[i].sys_ns / NS_PER_TICK;
		idle += ct[i].idle_ns / NS_PER_TICK;
		irqs += cpu_get(i)->irq_count;
	}
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	pbuf_printf(b, "cpu  %llu 0 %llu %llu 0 0 0 0 0 0\n", (unsigned long long)user,
		    (unsigned long long)sys, (unsigned long long)idle);
	for (unsigned i = 0; i < cpus; i++)
		pbuf_printf(b, "cpu%u %llu 0 %llu %llu 0 0 0 0 0 0\n", i,
			    (unsigned long long)(ct[i].user_ns / NS_PER_TICK),
			    (unsigned long long)(ct[i].sys_ns / NS_PER_TICK),
			    (unsigned long long)(ct[i].idle_ns / NS_PER_TICK));
	pbuf_printf(b, "intr %llu\nctxt %llu\nbtime %lld\nprocesses %d\n", (unsigned long long)irqs,
		    (unsigned long long)ss.switches, (long long)wall_clock_boot_seconds(),
		    ss.last_tid);
	pbuf_printf(b, "procs_running %u\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		    ss.running);
	return 0;
}

/* ---- cpuinfo ---- */

/* CPUID.1:EDX and ECX bits by Linux's flag names ("" for unnamed bits). */
static const char *const edx_flags[32] = {
	"fpu",	"vme",	"de",	"pse", "tsc",  "msr", "pae",   "mce", "cx8",	 "apic", "",
	"sep",	"mtrr", "pge",	"mca", "cmov", "pat", "pse36", "pn",  "clflush", "",	 "dts",
	"acpi", "mmx",	"fxsr", "sse", "sse2", "ss",  "ht",    "tm",  "ia64",	 "pbe",
};
static const char *const ecx_flags[32] = {
	"pni",	  "pclmulqdq",	"dtes64", "monitor", "ds_cpl",
	"vmx",	  "smx",	"est",	  "tm2",     "ssse3",
	"cid",	  "sdbg",	"fma",	  "cx16",    "xtpr",
	"pdcm",	  "",		"pcid",	  "dca",     "sse4_1",
	"sse4_2", "x2apic",	"movbe",  "popcnt",  "tsc_deadline_timer",
	"aes",	  "xsave",	"",	  "avx",     "f16c",
	"rdrand", "hypervisor",
};

int proc_show_cpuinfo(struct pbuf *b, const struct proc_node *n)
{
	struct cpu_ident id;
	uint64_t khz = tsc_hz() / 1000;

	cpu_ident(&id);
	for (unsigned cpu = 0; cpu < ncpus(); cpu++) {
		pbuf_printf(b,
			    "processor\t: %u\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n",
			    cpu, id.vendor, id.family, id.model);
		pbuf_printf(b, "model name\t: %s\nstepping\t: %u\n", cpu_model(), id.stepping);
		pbuf_printf(b, "cpu MHz\t\t: %llu.%03llu\n", (unsigned long long)(khz / 1000),
			    (unsigned long long)(khz % 1000));
		pbuf_printf(b,
			    "physical id\t: 0\nsiblings\t: %u\ncore id\t\t: %u\ncpu cores\t: %u\n",
			    ncpus(), cpu, ncpus());
		pbuf_printf(b, "apicid\t\t: %u\ninitial apicid\t: %u\nfpu\t\t: yes\n", cpu, cpu);
		pbuf_printf(b, "fpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
			    id.cpuid_level);
		for (int i = 0; i < 32; i++) {
			if ((id.features_edx & (1u << i)) && edx_flags[i][0])
				pbuf_printf(b, " %s", edx_flags[i]);
		}
		pbuf_printf(b, " syscall%s lm", id.nx ? " nx" : "");
		for (int i = 0; i < 32; i++) {
			if ((id.features_ecx & (1u << i)) && ecx_flags[i][0])
				pbuf_printf(b, " %s", ecx_flags[i]);
		}
		pbuf_printf(b, "\nbogomips\t: %llu.%02llu\n", (unsigned long long)(khz * 2 / 1000),
			    (unsigned long long)(khz * 2 % 1000 / 10));
		pbuf_printf(b, "clflush size\t: 64\ncache_alignment\t: 64\n"
			       "address sizes\t: 48 bits physical, 48 bits virtual\n"
			       "power management:\n\n");
	}
	return 0;
}

/* ---- /proc/sys/fs ---- */

int proc_show_pipe_max_size(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "%u\n", pipe_max_size());
	return 0;
}

/* An unsigned decimal, blanks around it allowed, as Linux's sysctl parser. */
int proc_store_pipe_max_size(const struct proc_node *n, const char *buf, size_t len)
{
	unsigned long v = 0;
	size_t i = 0;

	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n'))
		i++;
	if (i == len || buf[i] < '0' || buf[i] > '9')
		return -EINVAL;
	for (; i < len && buf[i] >= '0' && buf[i] <= '9'; i++) {
		v = v * 10 + (unsigned long)(buf[i] - '0');
		if (v > UINT32_MAX)
			return -EINVAL;
	}
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n'))
		i++;
	if (i != len)
		return -EINVAL;
	return pipe_set_max_size(v);
}

/* ---- net.ipv4.ping_group_range: two gids, tab-separated ---- */

int proc_show_ping_group_range(struct pbuf *b, const struct proc_node *n)
{
	uint32_t lo, hi;

	(void)n;
	inet_ping_group_range(&lo, &hi);
	pbuf_printf(b, "%u\t%u\n", lo, hi);
	return 0;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int proc_store_ping_group_range(const struct proc_node *n, const char *buf, size_t len)
{
	unsigned long v[2] = {0, 0};
	size_t i = 0;

	(void)n;
	for (int k = 0; k < 2; k++) {
		while (i < len && blank(buf[i]))
			i++;
		if (i == len || buf[i] < '0' || buf[i] > '9')
			return -EINVAL;
		for (; i < len && buf[i] >= '0' && buf[i] <= '9'; i++) {
			v[k] = v[k] * 10 + (unsigned long)(buf[i] - '0');
			if (v[k] > UINT32_MAX)
				return -EINVAL;
		}
	}
	while (i < len && blank(buf[i]))
		i++;
	if (i != len)
		return -EINVAL;
	return inet_set_ping_group_range((uint32_t)v[0], (uint32_t)v[1]);
}

/* ---- identity ---- */

int proc_show_version(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "Linux version %s (kevlar@kevlar) (gcc, GNU ld) %s\n", KERNEL_RELEASE,
		    KERNEL_VERSION);
	return 0;
}

/* The kernel's command line, as the boot loader gave it (root=, init=
 * ...: what an initramfs's /init reads). */
int proc_show_cmdline(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "%s\n", boot_cmdline());
	return 0;
}

int proc_show_filesystems(struct pbuf *b, const struct proc_node *n)
{
	const struct fs_type *t;

	for (unsigned i = 0; (t = vfs_fs_type(i)) != NULL; i++)
		if (!t->internal)
			pbuf_printf(b, "%s\t%s\n", t->requires_dev ? "" : "nodev", t->name);
	return 0;
}

/* /proc/partitions: every block device with a medium, in Linux's columns
 * (sizes in KiB) */
static int show_partition(const struct blk_info *info, void *ctx)
{
	if (info->sectors)
		pbuf_printf(ctx, "%4u  %7u %10llu %s\n", info->major, info->minor,
			    (unsigned long long)(info->sectors / 2), info->name);
	return 0;
}

int proc_show_partitions(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "major minor  #blocks  name\n\n");
	blk_for_each(show_partition, b);
	return 0;
}

/* /proc/diskstats: every disk and every partition with sectors (as
 * Linux's diskstats_show), its I/O statistics after its name */
static int show_diskstat(const struct blk_info *info, void *ctx)
{
	char line[320];

	if (info->partition && !info->sectors)
		return 0;
	blk_stat_format(&info->stat, false, line, sizeof(line));
	pbuf_printf(ctx, "%4u %7u %s %s\n", info->major, info->minor, info->name, line);
	return 0;
}

int proc_show_diskstats(struct pbuf *b, const struct proc_node *n)
{
	blk_for_each(show_diskstat, b);
	return 0;
}

int proc_show_hostname(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "%s\n", uts_hostname());
	return 0;
}

int proc_show_domainname(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "%s\n", uts_domainname());
	return 0;
}

int proc_show_osrelease(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "%s\n", KERNEL_RELEASE);
	return 0;
}

int proc_show_ostype(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "Linux\n");
	return 0;
}

int proc_show_pid_max(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "%d\n", PID_MAX);
	return 0;
}

/* tainted (never), ngroups_max (NGROUPS_MAX), cap_last_cap (the highest
 * capability number), overflowuid/gid (the id shown for unmapped ones),
 * printk (the console log levels) */
int proc_show_sys_const(struct pbuf *b, const struct proc_node *n)
{
	switch (n->id) {
	case PE_SYS_NGROUPS_MAX:
		pbuf_printf(b, "%d\n", NGROUPS_MAX);
		break;
	case PE_SYS_CAP_LAST_CAP:
		pbuf_printf(b, "%d\n", CAP_LAST_CAP);
		break;
	case PE_SYS_DMESG_RESTRICT:	    /* kernel/fs/kmsg.c's rule, Debian's default */
	case PE_SYS_DEV_TTY_LEGACY_TIOCSTI: /* TIOCSTI is allowed (kernel/fs/tty.c) */
		pbuf_printf(b, "1\n");
		break;
	case PE_SYS_OVERFLOWUID:
	case PE_SYS_OVERFLOWGID:
		pbuf_printf(b, "65534\n");
		break;
	case PE_SYS_NET_IPV4_UNPRIV_PORT_START:
		pbuf_printf(b, "%d\n", INET_UNPRIV_PORT_START);
		break;
	case PE_SYS_NET_IPV4_LOCAL_PORT_RANGE: /* the stack's ephemeral ports (not Linux's) */
		pbuf_printf(b, "%d\t%d\n", INET_EPHEMERAL_FIRST, INET_EPHEMERAL_LAST);
		break;
	case PE_SYS_FS_NR_OPEN:
		pbuf_printf(b, "%d\n", RLIMIT_NR_OPEN);
		break;
	case PE_SYS_PRINTK:
		/* console, default message, minimum and default console levels
		 * (Linux prints levels below its console level: ours + 1) */
		pbuf_printf(b, "%d\t4\t1\t7\n", log_console_level() + 1);
		break;
	default:
		pbuf_printf(b, "0\n");
		break;
	}
	return 0;
}
