/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Ring 1 starts here, once the platform has memory, interrupts and a clock.
 * kernel_main() prints the banner, starts the scheduler (the boot flow
 * becomes the idle thread) and then, by command line:
 *   ktest[=SUITE]  run the in-kernel self-tests (KTAP) and power off;
 *   poweroff       power off right after boot (boot-time measurement);
 *   crash=KIND     crash on purpose (tests of the panic path);
 *   inject=SPEC    arm fault injections into services (fs/inject.c);
 *   otherwise      mount the initramfs boot module as the root and run
 *                  init (init=PATH, default /init, else /bin/sh); the
 *                  machine powers off with init's exit status.  Without a
 *                  boot module, idle.  With root=DEV, the disk becomes
 *                  the root first and init is /sbin/init (fs/rootdisk.c),
 *                  unless rdinit=PATH runs PATH from the initramfs.
 */
#include <klib/cmdline.h>
#include <klib/string.h>
#include <platform/boot.h>
#include <platform/debug.h>
#include <platform/irq.h>
#include <platform/ktest.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/percpu.h>
#include <platform/power.h>
#include <platform/smp.h>
#include <platform/time.h>
#include <platform/upcall.h>
#include <kernel/blkdev.h>
#include <kernel/inet.h>
#include <kernel/netdev.h>
#include <kernel/path.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include "driver/gate.h"

#define KEVLAR_VERSION "0.1.0"

static void run_selftests(void *arg)
{
	char filter[64];
	int failed;

	if (cmdline_get(boot_cmdline(), "ktest", filter, sizeof(filter)) <= 0)
		strlcpy(filter, "all", sizeof(filter));
	drivers_init();
	failed = ktest_run(filter);
	pr_info("ktest: %d failure(s)\n", failed);
	power_off(failed ? 1 : 0); /* make ktest fails when a test did */
}

/* Run init= or the first of `candidates` the root has (the last one
 * whether or not it exists). */
static void run_init(const char *cmd, const char *const *candidates)
{
	static const char *const envp[] = {"HOME=/", "TERM=linux", NULL};
	char init[128];
	const char *argv[2] = {init, NULL};
	struct inode *ino;
	struct path_component *root;
	long pid;

	if (cmdline_get(cmd, "init", init, sizeof(init)) <= 0) {
		root = vfs_root();
		for (size_t i = 0; candidates[i]; i++) {
			strlcpy(init, candidates[i], sizeof(init));
			if (!vfs_lookup_inode(root, root, init, RESOLVE_FOLLOW, &ino)) {
				inode_put(ino);
				break;
			}
		}
		path_put(root);
	}
	pid = process_start_init(init, argv, envp);
	if (pid < 0) {
		pr_err("cannot start init %s: error %ld\n", init, -pid);
		power_off(1);
	}
}

/* Mount the root from the boot module and run init; with root=, the
 * disk becomes the root first (waiting for it: this is the kinit thread)
 * and init is the first of Linux's candidates it has.  rdinit=PATH runs
 * PATH from the initramfs instead and leaves root= to it, as Linux does
 * for an initramfs with its own /init (Debian's reads /proc/cmdline). */
static void start_userland(const char *cmd)
{
	static const char *const inits[] = {"/init", "/bin/sh", NULL};
	static const char *const disk_inits[] = {"/sbin/init", "/etc/init", "/bin/init", "/bin/sh",
						 NULL};
	char rdinit[128];
	const char *const rd_inits[] = {rdinit, NULL};

	if (vfs_mount_boot_root())
		return; /* no initramfs: nothing to run */
	if (cmdline_get(cmd, "rdinit", rdinit, sizeof(rdinit)) > 0) {
		run_init("", rd_inits);
		return;
	}
	if (cmdline_has(cmd, "root")) {
		vfs_boot_disk_root(cmd);
		run_init(cmd, disk_inits);
		return;
	}
	run_init(cmd, inits);
}

/* The drivers probe their devices (sleeping on their I/O) in a thread of
 * their own, before init runs, so init finds /dev/vda. */
static void kinit(void *arg)
{
	drivers_init();
	inet_boot_config(); /* ip=: the stack and an interface, before init */
	start_userland(arg);
}

__noreturn void kernel_main(void)
{
	struct pmm_stats st;
	const char *cmd = boot_cmdline();
	char crash[16];

	pmm_stats(&st);
	pr_notice("Kevlar " KEVLAR_VERSION " (" CONFIG_ARCH_NAME ", profile " CONFIG_PROFILE_NAME
		  ") — a Linux-ABI ringkernel\n");
	if (!CONFIG_ACCESS_OK) /* the trade-off, said where every boot log shows it */
		pr_warn("kevlar: PROFILE=" CONFIG_PROFILE_NAME ": user pointers are not checked; "
			"any program can read and write kernel memory. Trusted workloads only.\n");
	pr_info("cpu: %s, %u CPU(s) online; clock %llu kHz; timer %s at %llu kHz\n", cpu_model(),
		ncpus(), (unsigned long long)(tsc_hz() / 1000), timer_mode(),
		(unsigned long long)(timer_hz() / 1000));
	pr_info("mem: %zu KiB free of %zu KiB; %llu us from kernel entry to here\n",
		st.free_pages * 4, st.total_pages * 4, (unsigned long long)(time_ns() / 1000));

	sched_init();
	vfs_init();
	blk_init();
	netdev_init();
	vfs_inject_boot(cmd);
	smp_boot_cpus();
	irq_enable();
	if (cmdline_has(cmd, "poweroff"))
		power_off(0);
	if (cmdline_get(cmd, "crash", crash, sizeof(crash)) > 0)
		debug_crash(crash);
	if (cmdline_has(cmd, "ktest")) {
		struct thread *t = thread_create("ktest", run_selftests, NULL);

		if (!t)
			power_off(1);
		thread_put(t);
	} else {
		struct thread *t = thread_create("kinit", kinit, (void *)cmd);

		if (!t)
			power_off(1);
		thread_put(t);
	}
	/* the thread just started first: an idle CPU may not tick again soon */
	for (;;) {
		schedule();
		cpu_idle();
	}
}
