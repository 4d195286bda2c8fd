/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * sysfs: the "sysfs" filesystem mounted on /sys, as much of Linux's
 * device tree as programs read to learn the machine's shape.  Today that
 * is the processors: /sys/devices/system/cpu/{online,possible,present,
 * offline,kernel_max} (what glibc's get_nprocs and sysconf read) and
 * cpuN/{online,topology/...} (what lscpu reads), in Linux's formats,
 * and the PCI functions ring 0 found: /sys/devices/pci0000:00/<name>/
 * (nested below their bridges) with their attributes and `config`, and
 * /sys/bus/pci/devices/<name> linking to them (what lspci reads;
 * sysfs_pci.c renders them).
 * Every processor Kevlar starts is possible, present and online: there is
 * no hotplug, so a cpuN/online file reads "1" and takes only a true
 * value (EBUSY for false, as Linux answers for a CPU that cannot go down).
 *
 * The network devices (kernel/netdev.h): /sys/class/net/<if> links to
 * /sys/devices/virtual/net/<if> with address, mtu, operstate, flags,
 * carrier, ifindex, type, ... and statistics/ (sysfs_net.c renders them;
 * Linux puts a NIC's directory below its PCI device instead).
 *
 * Beside them, the block devices (kernel/blkdev.h): /sys/block/<disk> and
 * /sys/class/block/<disk or partition>, links (as Linux's) to their
 * directories in /sys/devices/virtual/block/<disk>[/<partition>] with
 * dev, size, ro, stat (I/O statistics), partition and start (partitions), and
 * queue/{logical,physical}_block_size and hw_sector_size (disks).  Linux
 * puts a virtio disk's directory below its PCI device instead
 * (.../0000:00:03.0/virtio0/block/vda); here every disk is "virtual".
 *
 * The tree is the table `entries[]`, as procfs's (procfs.c); the cpuN
 * directories and the PCI devices are named by number (a CPU, an index
 * into ring 0's device table), the block devices by name.  An inode number
 * encodes the object: ino = drv << 48 | (pci + 1) << 32 | (cpu + 1) << 16 |
 * entry id, or for a block device's node BLK_INO_FLAG | rdev << 16 | entry
 * id, so inodes keep no state.
 * Files show size 4096 (a page, as on Linux) and are generated whole on
 * each read, with procfs's text buffer (struct pbuf).  Opening a file
 * without a store for writing is EACCES, even for root, as Linux's kernfs
 * answers; creating, removing and renaming are refused with Linux's
 * errnos (see dir_create).
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/magic.h>
#include <linux/stat.h>
#include <linux/capability.h>
#include <platform/kmalloc.h>
#include <platform/pci.h>
#include <platform/percpu.h>
#include <platform/smp.h>
#include <platform/time.h>
#include <kevlar_vfs/service.h>
#include <kernel/blkdev.h>
#include <kernel/cred.h>
#include <kernel/netdev.h>
#include <kernel/vfs.h>
#include "procfs.h"
#include "sysfs_net.h"
#include "sysfs_pci.h"
#include "fs.h"

#define SYS_ROOT_INO  1
#define SYS_FILE_SIZE 4096 /* what Linux reports for every attribute */

#define DIR_R  (S_IFDIR | 0755)
#define FILE_R (S_IFREG | 0444)
#define FILE_W (S_IFREG | 0644)
#define LINK   (S_IFLNK | 0777)

enum sys_id {
	SE_NONE,
	SE_ROOT,
	SE_DEVICES,
	SE_SYSTEM,
	SE_CPU,
	SE_KERNEL_MAX,
	SE_OFFLINE,
	SE_ONLINE,
	SE_POSSIBLE,
	SE_PRESENT,
	SE_CPUN, /* cpuN: its node's cpu is N */
	SE_CPUN_ONLINE,
	SE_CPUN_TOPOLOGY,
	SE_TOPO_CORE_CPUS,
	SE_TOPO_CORE_CPUS_LIST,
	SE_TOPO_CORE_ID,
	SE_TOPO_CORE_SIBLINGS,
	SE_TOPO_CORE_SIBLINGS_LIST,
	SE_TOPO_DIE_ID,
	SE_TOPO_PACKAGE_CPUS,
	SE_TOPO_PACKAGE_CPUS_LIST,
	SE_TOPO_PACKAGE_ID,
	SE_TOPO_THREAD_SIBLINGS,
	SE_TOPO_THREAD_SIBLINGS_LIST,
	SE_BUS,
	SE_BUS_PCI,
	SE_BUS_PCI_DEVICES,
	SE_BUS_PCI_DRIVERS,
	SE_PCI_LINK, /* bus/pci/devices/<name>: its node's pci is the device */
	SE_PCI_ROOT, /* devices/pci0000:00 */
	SE_PCIDEV,   /* a device's directory, below the root or its bridge */
	SE_PCI_VENDOR,
	SE_PCI_DEVICE,
	SE_PCI_CLASS,
	SE_PCI_SUBSYS_VENDOR,
	SE_PCI_SUBSYS_DEVICE,
	SE_PCI_REVISION,
	SE_PCI_IRQ,
	SE_PCI_RESOURCE,
	SE_PCI_UEVENT,
	SE_PCI_MODALIAS,
	SE_PCI_CONFIG,
	SE_PCI_DRIVER,	 /* a device's driver link, if bound */
	SE_PCI_DRV,	 /* bus/pci/drivers/<name>: its node's drv is the driver */
	SE_PCI_DRV_LINK, /* bus/pci/drivers/<name>/<device> */
	SE_BLOCK,
	SE_CLASS,
	SE_CLASS_BLOCK,
	SE_DEV_VIRTUAL,
	SE_DEV_VIRTUAL_BLOCK,
	SE_BLK_LINK,	   /* block/<disk>: its node's rdev names the device */
	SE_CLASS_BLK_LINK, /* class/block/<dev> */
	SE_BLKDEV, /* devices/virtual/block/<disk>[/<partition>]: its node's rdev names it */
	SE_BLK_DEV,
	SE_BLK_PARTITION,
	SE_BLK_RO,
	SE_BLK_SIZE,
	SE_BLK_START,
	SE_BLK_STAT,
	SE_BLK_QUEUE,
	SE_BLK_HW_SECTOR_SIZE,
	SE_BLK_LOGICAL_BLOCK_SIZE,
	SE_BLK_PHYSICAL_BLOCK_SIZE,
	SE_CLASS_NET,
	SE_DEV_VIRTUAL_NET,
	SE_NET_LINK, /* class/net/<if>: its node's ifindex names the device */
	SE_NETDEV,   /* devices/virtual/net/<if> */
	SE_NET_ADDR_LEN,
	SE_NET_ADDRESS,
	SE_NET_BROADCAST,
	SE_NET_CARRIER,
	SE_NET_FLAGS,
	SE_NET_IFINDEX,
	SE_NET_IFLINK,
	SE_NET_MTU,
	SE_NET_OPERSTATE,
	SE_NET_TYPE,
	SE_NET_UEVENT,
	SE_NET_STATISTICS,
	SE_NET_COLLISIONS,
	SE_NET_MULTICAST,
	SE_NET_RX_BYTES,
	SE_NET_RX_COMPRESSED,
	SE_NET_RX_DROPPED,
	SE_NET_RX_ERRORS,
	SE_NET_RX_FIFO_ERRORS,
	SE_NET_RX_FRAME_ERRORS,
	SE_NET_RX_LENGTH_ERRORS,
	SE_NET_RX_PACKETS,
	SE_NET_TX_BYTES,
	SE_NET_TX_CARRIER_ERRORS,
	SE_NET_TX_COMPRESSED,
	SE_NET_TX_DROPPED,
	SE_NET_TX_ERRORS,
	SE_NET_TX_FIFO_ERRORS,
	SE_NET_TX_PACKETS,
	SE_COUNT,
};

/* One sysfs object, as its inode number encodes it. */
struct sys_node {
	enum sys_id id;
	int cpu;       /* -1 outside cpuN */
	int pci;       /* a PCI device's index, -1 outside one */
	int drv;       /* a PCI driver's index + 1, 0 outside one */
	bool blk;      /* inside a block device's directory, */
	uint32_t rdev; /* that device's number (st_rdev's encoding) */
	int ifindex;   /* inside a network device's directory: its index; else 0 */
};

/* What a file shows: a set of CPUs (as a list "0-3" or a mask "f"), a
 * number, a PCI device's attribute or its configuration space, or a block
 * device's attribute. */
enum sys_show {
	SHOW_NONE,
	SHOW_LIST,
	SHOW_MASK,
	SHOW_NUMBER,
	SHOW_PCI,
	SHOW_PCI_CONFIG,
	SHOW_BLOCK,
	SHOW_NET
};

struct sys_entry {
	const char *name; /* NULL: named by a number (cpuN, a PCI device) */
	enum sys_id parent;
	uint32_t mode;
	enum sys_show show;
};

static const struct sys_entry entries[SE_COUNT] = {
	[SE_ROOT] = {"", SE_NONE, DIR_R, SHOW_NONE},
	[SE_DEVICES] = {"devices", SE_ROOT, DIR_R, SHOW_NONE},
	[SE_SYSTEM] = {"system", SE_DEVICES, DIR_R, SHOW_NONE},
	[SE_CPU] = {"cpu", SE_SYSTEM, DIR_R, SHOW_NONE},
	[SE_KERNEL_MAX] = {"kernel_max", SE_CPU, FILE_R, SHOW_NUMBER},
	[SE_OFFLINE] = {"offline", SE_CPU, FILE_R, SHOW_LIST},
	[SE_ONLINE] = {"online", SE_CPU, FILE_R, SHOW_LIST},
	[SE_POSSIBLE] = {"possible", SE_CPU, FILE_R, SHOW_LIST},
	[SE_PRESENT] = {"present", SE_CPU, FILE_R, SHOW_LIST},
	[SE_CPUN] = {NULL, SE_CPU, DIR_R, SHOW_NONE},
	[SE_CPUN_ONLINE] = {"online", SE_CPUN, FILE_W, SHOW_NUMBER},
	[SE_CPUN_TOPOLOGY] = {"topology", SE_CPUN, DIR_R, SHOW_NONE},
	[SE_TOPO_CORE_CPUS] = {"core_cpus", SE_CPUN_TOPOLOGY, FILE_R, SHOW_MASK},
	[SE_TOPO_CORE_CPUS_LIST] = {"core_cpus_list", SE_CPUN_TOPOLOGY, FILE_R, SHOW_LIST},
	[SE_TOPO_CORE_ID] = {"core_id", SE_CPUN_TOPOLOGY, FILE_R, SHOW_NUMBER},
	[SE_TOPO_CORE_SIBLINGS] = {"core_siblings", SE_CPUN_TOPOLOGY, FILE_R, SHOW_MASK},
	[SE_TOPO_CORE_SIBLINGS_LIST] = {"core_siblings_list", SE_CPUN_TOPOLOGY, FILE_R, SHOW_LIST},
	[SE_TOPO_DIE_ID] = {"die_id", SE_CPUN_TOPOLOGY, FILE_R, SHOW_NUMBER},
	[SE_TOPO_PACKAGE_CPUS] = {"package_cpus", SE_CPUN_TOPOLOGY, FILE_R, SHOW_MASK},
	[SE_TOPO_PACKAGE_CPUS_LIST] = {"package_cpus_list", SE_CPUN_TOPOLOGY, FILE_R, SHOW_LIST},
	[SE_TOPO_PACKAGE_ID] = {"physical_package_id", SE_CPUN_TOPOLOGY, FILE_R, SHOW_NUMBER},
	[SE_TOPO_THREAD_SIBLINGS] = {"thread_siblings", SE_CPUN_TOPOLOGY, FILE_R, SHOW_MASK},
	[SE_TOPO_THREAD_SIBLINGS_LIST] = {"thread_siblings_list", SE_CPUN_TOPOLOGY, FILE_R,
					  SHOW_LIST},
	[SE_BUS] = {"bus", SE_ROOT, DIR_R, SHOW_NONE},
	[SE_BUS_PCI] = {"pci", SE_BUS, DIR_R, SHOW_NONE},
	[SE_BUS_PCI_DEVICES] = {"devices", SE_BUS_PCI, DIR_R, SHOW_NONE},
	[SE_BUS_PCI_DRIVERS] = {"drivers", SE_BUS_PCI, DIR_R, SHOW_NONE},
	[SE_PCI_LINK] = {NULL, SE_BUS_PCI_DEVICES, LINK, SHOW_NONE},
	[SE_PCI_ROOT] = {"pci0000:00", SE_DEVICES, DIR_R, SHOW_NONE},
	[SE_PCIDEV] = {NULL, SE_PCI_ROOT, DIR_R, SHOW_NONE},
	[SE_PCI_VENDOR] = {"vendor", SE_PCIDEV, FILE_R, SHOW_PCI},
	[SE_PCI_DEVICE] = {"device", SE_PCIDEV, FILE_R, SHOW_PCI},
	[SE_PCI_CLASS] = {"class", SE_PCIDEV, FILE_R, SHOW_PCI},
	[SE_PCI_SUBSYS_VENDOR] = {"subsystem_vendor", SE_PCIDEV, FILE_R, SHOW_PCI},
	[SE_PCI_SUBSYS_DEVICE] = {"subsystem_device", SE_PCIDEV, FILE_R, SHOW_PCI},
	[SE_PCI_REVISION] = {"revision", SE_PCIDEV, FILE_R, SHOW_PCI},
	[SE_PCI_IRQ] = {"irq", SE_PCIDEV, FILE_R, SHOW_PCI},
	[SE_PCI_RESOURCE] = {"resource", SE_PCIDEV, FILE_R, SHOW_PCI},
	[SE_PCI_UEVENT] = {"uevent", SE_PCIDEV, FILE_R, SHOW_PCI},
	[SE_PCI_MODALIAS] = {"modalias", SE_PCIDEV, FILE_R, SHOW_PCI},
	[SE_PCI_CONFIG] = {"config", SE_PCIDEV, FILE_W, SHOW_PCI_CONFIG},
	[SE_PCI_DRIVER] = {"driver", SE_PCIDEV, LINK, SHOW_NONE},
	[SE_PCI_DRV] = {NULL, SE_BUS_PCI_DRIVERS, DIR_R, SHOW_NONE},
	[SE_PCI_DRV_LINK] = {NULL, SE_PCI_DRV, LINK, SHOW_NONE},
	[SE_BLOCK] = {"block", SE_ROOT, DIR_R, SHOW_NONE},
	[SE_CLASS] = {"class", SE_ROOT, DIR_R, SHOW_NONE},
	[SE_CLASS_BLOCK] = {"block", SE_CLASS, DIR_R, SHOW_NONE},
	[SE_DEV_VIRTUAL] = {"virtual", SE_DEVICES, DIR_R, SHOW_NONE},
	[SE_DEV_VIRTUAL_BLOCK] = {"block", SE_DEV_VIRTUAL, DIR_R, SHOW_NONE},
	[SE_BLK_LINK] = {NULL, SE_BLOCK, LINK, SHOW_NONE},
	[SE_CLASS_BLK_LINK] = {NULL, SE_CLASS_BLOCK, LINK, SHOW_NONE},
	/* a disk's parent; a partition's is its disk (parent_of) */
	[SE_BLKDEV] = {NULL, SE_DEV_VIRTUAL_BLOCK, DIR_R, SHOW_NONE},
	[SE_BLK_DEV] = {"dev", SE_BLKDEV, FILE_R, SHOW_BLOCK},
	[SE_BLK_PARTITION] = {"partition", SE_BLKDEV, FILE_R, SHOW_BLOCK},
	[SE_BLK_RO] = {"ro", SE_BLKDEV, FILE_R, SHOW_BLOCK},
	[SE_BLK_SIZE] = {"size", SE_BLKDEV, FILE_R, SHOW_BLOCK},
	[SE_BLK_START] = {"start", SE_BLKDEV, FILE_R, SHOW_BLOCK},
	[SE_BLK_STAT] = {"stat", SE_BLKDEV, FILE_R, SHOW_BLOCK},
	[SE_BLK_QUEUE] = {"queue", SE_BLKDEV, DIR_R, SHOW_NONE},
	[SE_BLK_HW_SECTOR_SIZE] = {"hw_sector_size", SE_BLK_QUEUE, FILE_R, SHOW_BLOCK},
	[SE_BLK_LOGICAL_BLOCK_SIZE] = {"logical_block_size", SE_BLK_QUEUE, FILE_R, SHOW_BLOCK},
	[SE_BLK_PHYSICAL_BLOCK_SIZE] = {"physical_block_size", SE_BLK_QUEUE, FILE_R, SHOW_BLOCK},
	[SE_CLASS_NET] = {"net", SE_CLASS, DIR_R, SHOW_NONE},
	[SE_DEV_VIRTUAL_NET] = {"net", SE_DEV_VIRTUAL, DIR_R, SHOW_NONE},
	[SE_NET_LINK] = {NULL, SE_CLASS_NET, LINK, SHOW_NONE},
	[SE_NETDEV] = {NULL, SE_DEV_VIRTUAL_NET, DIR_R, SHOW_NONE},
	[SE_NET_ADDR_LEN] = {"addr_len", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_ADDRESS] = {"address", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_BROADCAST] = {"broadcast", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_CARRIER] = {"carrier", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_FLAGS] = {"flags", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_IFINDEX] = {"ifindex", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_IFLINK] = {"iflink", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_MTU] = {"mtu", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_OPERSTATE] = {"operstate", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_TYPE] = {"type", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_UEVENT] = {"uevent", SE_NETDEV, FILE_R, SHOW_NET},
	[SE_NET_STATISTICS] = {"statistics", SE_NETDEV, DIR_R, SHOW_NONE},
	[SE_NET_COLLISIONS] = {"collisions", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_MULTICAST] = {"multicast", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_RX_BYTES] = {"rx_bytes", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_RX_COMPRESSED] = {"rx_compressed", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_RX_DROPPED] = {"rx_dropped", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_RX_ERRORS] = {"rx_errors", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_RX_FIFO_ERRORS] = {"rx_fifo_errors", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_RX_FRAME_ERRORS] = {"rx_frame_errors", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_RX_LENGTH_ERRORS] = {"rx_length_errors", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_RX_PACKETS] = {"rx_packets", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_TX_BYTES] = {"tx_bytes", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_TX_CARRIER_ERRORS] = {"tx_carrier_errors", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_TX_COMPRESSED] = {"tx_compressed", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_TX_DROPPED] = {"tx_dropped", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_TX_ERRORS] = {"tx_errors", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_TX_FIFO_ERRORS] = {"tx_fifo_errors", SE_NET_STATISTICS, FILE_R, SHOW_NET},
	[SE_NET_TX_PACKETS] = {"tx_packets", SE_NET_STATISTICS, FILE_R, SHOW_NET},
};

/* The attribute each SHOW_NET file shows (its entries run in the same
 * order as enum sys_net_attr, from SE_NET_ADDR_LEN, statistics/ skipped). */
_Static_assert(SE_NET_UEVENT - SE_NET_ADDR_LEN == NET_ATTR_UEVENT &&
		       SE_NET_TX_PACKETS - SE_NET_ADDR_LEN - 1 == NET_ATTR_TX_PACKETS,
	       "sysfs net entries out of step with enum sys_net_attr");

static enum sys_net_attr net_attr(enum sys_id id)
{
	return (enum sys_net_attr)(id < SE_NET_STATISTICS ? id - SE_NET_ADDR_LEN
							  : id - SE_NET_ADDR_LEN - 1);
}

/* The attribute each SHOW_PCI file shows. */
static const enum sys_pci_attr pci_attrs[SE_COUNT] = {
	[SE_PCI_VENDOR] = PCI_ATTR_VENDOR,
	[SE_PCI_DEVICE] = PCI_ATTR_DEVICE,
	[SE_PCI_CLASS] = PCI_ATTR_CLASS,
	[SE_PCI_SUBSYS_VENDOR] = PCI_ATTR_SUBSYS_VENDOR,
	[SE_PCI_SUBSYS_DEVICE] = PCI_ATTR_SUBSYS_DEVICE,
	[SE_PCI_REVISION] = PCI_ATTR_REVISION,
	[SE_PCI_IRQ] = PCI_ATTR_IRQ,
	[SE_PCI_RESOURCE] = PCI_ATTR_RESOURCE,
	[SE_PCI_UEVENT] = PCI_ATTR_UEVENT,
	[SE_PCI_MODALIAS] = PCI_ATTR_MODALIAS,
};

/* ---- naming ---- */

#define BLK_INO_FLAG (1ull << 63)
#define NET_INO_FLAG (1ull << 62)

static uint64_t ino_of(const struct sys_node *n)
{
	if (n->id == SE_ROOT)
		return SYS_ROOT_INO;
	if (n->blk)
		return BLK_INO_FLAG | (uint64_t)n->rdev << 16 | (uint64_t)n->id;
	if (n->ifindex)
		return NET_INO_FLAG | (uint64_t)(uint32_t)n->ifindex << 16 | (uint64_t)n->id;
	return (uint64_t)(uint8_t)n->drv << 48 | (uint64_t)(uint16_t)(n->pci + 1) << 32 |
	       (uint64_t)(uint16_t)(n->cpu + 1) << 16 | (uint64_t)n->id;
}

static struct sys_node node_of(const struct inode *ino)
{
	struct sys_node n = {
		.id = (enum sys_id)(ino->ino & 0xffff),
		.cpu = (int)((ino->ino >> 16) & 0xffff) - 1,
		.pci = (int)((ino->ino >> 32) & 0xffff) - 1,
		.drv = (int)((ino->ino >> 48) & 0xffff),
	};

	if (ino->ino & BLK_INO_FLAG) {
		n.cpu = -1;
		n.pci = -1;
		n.drv = 0;
		n.blk = true;
		n.rdev = (uint32_t)(ino->ino >> 16);
	} else if (ino->ino & NET_INO_FLAG) {
		n.cpu = -1;
		n.pci = -1;
		n.drv = 0;
		n.ifindex = (int)(uint32_t)(ino->ino >> 16);
	}
	if (ino->ino == SYS_ROOT_INO)
		n.id = SE_ROOT;
	return n;
}

static uint32_t rdev_of(const struct blk_info *info)
{
	return (info->minor & 0xffu) | (info->major & 0xfffu) << 8 | (info->minor & ~0xffu) << 12;
}

struct blk_find {
	uint32_t rdev;
	struct blk_info *info;
};

static int blk_match(const struct blk_info *info, void *ctx)
{
	struct blk_find *f = ctx;

	if (rdev_of(info) != f->rdev)
		return 0;
	*f->info = *info;
	return 1;
}

/* The facts of the block device a node stands for: 0 or -ENOENT (gone). */
static int blk_of(const struct sys_node *n, struct blk_info *info)
{
	struct blk_find f = {.rdev = n->rdev, .info = info};

	return blk_for_each(blk_match, &f) ? 0 : -ENOENT;
}

/* The CPUs Kevlar runs: possible, present and online alike. */
static cpumask_t cpus_all(void)
{
	unsigned n = ncpus();

	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

/* The PCI device of a node, NULL outside one. */
static struct pci_dev *pci_of(const struct sys_node *n)
{
	return n->pci >= 0 ? pci_device((unsigned)n->pci) : NULL;
}

/* The PCI driver of a node, NULL outside one. */
static const struct pci_driver *drv_of(const struct sys_node *n)
{
	return n->drv > 0 ? pci_driver_at((unsigned)n->drv - 1) : NULL;
}

/* Is `child` (an index) named in directory `d`?  Every device in
 * bus/pci/devices; below the root, the bus-0 devices; below a device,
 * those on its secondary bus; in a driver's directory, its devices. */
static bool pci_child(const struct sys_node *d, unsigned child)
{
	struct pci_dev *c = pci_device(child);

	if (!c)
		return false;
	switch (d->id) {
	case SE_BUS_PCI_DEVICES:
		return true;
	case SE_PCI_ROOT:
		return !c->parent;
	case SE_PCIDEV:
		return c->parent && c->parent == pci_of(d);
	case SE_PCI_DRV:
		return c->driver && c->driver == drv_of(d);
	default:
		return false;
	}
}

/* The id a directory's numbered children have (cpuN aside). */
static enum sys_id numbered_child(enum sys_id dir)
{
	switch (dir) {
	case SE_BUS_PCI_DEVICES:
		return SE_PCI_LINK;
	case SE_PCI_ROOT:
	case SE_PCIDEV:
		return SE_PCIDEV;
	case SE_BUS_PCI_DRIVERS:
		return SE_PCI_DRV;
	case SE_PCI_DRV:
		return SE_PCI_DRV_LINK;
	default:
		return SE_NONE;
	}
}

/* Numbered child i of directory d (a PCI device, or in drivers/ a
 * driver): its name into buf and the node; false if there is none. */
static bool numbered(const struct sys_node *d, unsigned i, char *buf, size_t size, int *len,
		     struct sys_node *c)
{
	*c = (struct sys_node){
		.id = numbered_child(d->id), .cpu = -1, .pci = (int)i, .drv = d->drv};
	if (d->id == SE_BUS_PCI_DRIVERS) {
		const struct pci_driver *drv = pci_driver_at(i);

		if (!drv)
			return false;
		*c = (struct sys_node){.id = SE_PCI_DRV, .cpu = -1, .pci = -1, .drv = (int)i + 1};
		*len = snprintf(buf, size, "%s", drv->name);
		return true;
	}
	if (!pci_child(d, i))
		return false;
	*len = sysfs_pci_name(pci_device(i), buf, size);
	return true;
}

/* How many numbered children d may have (some indices may be absent). */
static unsigned numbered_max(const struct sys_node *d)
{
	if (numbered_child(d->id) == SE_NONE)
		return 0;
	return d->id == SE_BUS_PCI_DRIVERS ? pci_driver_count() : pci_device_count();
}

/* Is the object there?  cpuN for a CPU that runs; cpu0 has no online file
 * (Linux's boot CPU cannot go offline); a PCI node for a device found. */
static bool exists(const struct sys_node *n)
{
	struct blk_info info;

	if (n->cpu >= 0 && (n->cpu >= 64 || !(cpus_all() >> n->cpu & 1)))
		return false;
	if (n->pci >= 0 && !pci_of(n))
		return false;
	if (n->drv > 0 && !drv_of(n))
		return false;
	if (n->id == SE_PCI_ROOT)
		return pci_device_count() > 0;
	if (n->id == SE_PCI_DRIVER)
		return pci_of(n) && pci_of(n)->driver;
	if (n->ifindex)
		return netdev_by_index(n->ifindex) != NULL;
	if (n->blk) { /* a partition has partition and start; a disk its queue */
		if (blk_of(n, &info))
			return false;
		if (n->id == SE_BLK_PARTITION || n->id == SE_BLK_START)
			return info.partition;
		if (n->id == SE_BLK_QUEUE || entries[n->id].parent == SE_BLK_QUEUE)
			return !info.partition;
		return true;
	}
	return n->id != SE_CPUN_ONLINE || n->cpu > 0;
}

static const struct dir_ops sys_dir_ops;
static const struct file_ops sys_file_ops;
static const struct symlink_ops sys_link_ops;

static int make_inode(struct vfs_sb *sb, const struct sys_node *n, struct inode **out)
{
	uint32_t fmt = entries[n->id].mode & S_IFMT;
	struct inode *ino = fmt == S_IFDIR ? inode_alloc(sb, INODE_DIR, &sys_dir_ops, ino_of(n))
			    : fmt == S_IFLNK
				    ? inode_alloc(sb, INODE_SYMLINK, &sys_link_ops, ino_of(n))
				    : inode_alloc(sb, INODE_FILE, &sys_file_ops, ino_of(n));

	if (!ino)
		return -ENOMEM;
	*out = ino;
	return 0;
}

/* "cpuN" with N a decimal number without leading zeros: N, or -1. */
static int parse_cpu(const char *s, size_t len)
{
	int v = 0;

	if (len < 4 || len > 6 || memcmp(s, "cpu", 3) || (s[3] == '0' && len > 4))
		return -1;
	for (size_t i = 3; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* ---- directories ---- */

/* Is the device `info` an entry of the directory `d`: of block/ and
 * devices/virtual/block/ a disk, of class/block/ any, of a disk's
 * directory its partitions? */
static bool blk_listed(const struct sys_node *d, const struct blk_info *info)
{
	struct blk_info disk;

	switch (d->id) {
	case SE_CLASS_BLOCK:
		return true;
	case SE_BLOCK:
	case SE_DEV_VIRTUAL_BLOCK:
		return !info->partition;
	case SE_BLKDEV:
		return info->partition && !blk_of(d, &disk) && !disk.partition &&
		       !strcmp(info->disk, disk.name);
	default:
		return false;
	}
}

/* The kind of node a device is in directory `dir`. */
static enum sys_id blk_child(enum sys_id dir)
{
	return dir == SE_BLOCK	       ? SE_BLK_LINK
	       : dir == SE_CLASS_BLOCK ? SE_CLASS_BLK_LINK
				       : SE_BLKDEV;
}

static int dir_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct sys_node d = node_of(dir), c = {.cpu = d.cpu,
					       .pci = d.pci,
					       .drv = d.drv,
					       .blk = d.blk,
					       .rdev = d.rdev,
					       .ifindex = d.ifindex};
	struct blk_info info;

	/* class/net/ links to the devices' directories in devices/virtual/net/ */
	if (d.id == SE_CLASS_NET || d.id == SE_DEV_VIRTUAL_NET) {
		char nm[NETDEV_NAME_MAX];
		struct net_device *dev;

		if (len >= sizeof(nm))
			return -ENOENT;
		memcpy(nm, name, len);
		nm[len] = 0;
		dev = netdev_by_name(nm);
		if (!dev)
			return -ENOENT;
		c = (struct sys_node){.id = d.id == SE_CLASS_NET ? SE_NET_LINK : SE_NETDEV,
				      .cpu = -1,
				      .pci = -1,
				      .ifindex = dev->ifindex};
		return make_inode(dir->sb, &c, out);
	}

	/* block/ links to the disks, class/block/ to their partitions too;
	 * the directories are in devices/virtual/block/, a partition's
	 * inside its disk's */
	if ((d.id == SE_BLOCK || d.id == SE_CLASS_BLOCK || d.id == SE_DEV_VIRTUAL_BLOCK ||
	     d.id == SE_BLKDEV) &&
	    !blk_info_by_name(name, len, &info) && blk_listed(&d, &info)) {
		c = (struct sys_node){.id = blk_child(d.id),
				      .cpu = -1,
				      .pci = -1,
				      .blk = true,
				      .rdev = rdev_of(&info)};
		return make_inode(dir->sb, &c, out);
	}

	for (int i = SE_ROOT; i < SE_COUNT; i++) {
		if (entries[i].parent == d.id && entries[i].name &&
		    strlen(entries[i].name) == len && !memcmp(entries[i].name, name, len)) {
			c.id = (enum sys_id)i;
			break;
		}
	}
	if (!c.id && d.id == SE_CPU && (c.cpu = parse_cpu(name, len)) >= 0)
		c.id = SE_CPUN;
	for (unsigned i = 0; !c.id && i < numbered_max(&d); i++) {
		struct sys_node n;
		char buf[64];
		int l;

		if (numbered(&d, i, buf, sizeof(buf), &l, &n) && (size_t)l == len &&
		    !memcmp(buf, name, len))
			c = n;
	}
	if (!c.id || !exists(&c))
		return -ENOENT;
	return make_inode(dir->sb, &c, out);
}

/* The directory above `d`: its table parent, or for a PCI device the
 * bridge it is behind. */
static struct sys_node parent_of(const struct sys_node *d)
{
	struct sys_node up = {
		.id = entries[d->id].parent, .cpu = d->cpu, .pci = d->pci, .drv = d->drv};

	if (d->id == SE_CPUN)
		up.cpu = -1;
	if (d->id == SE_PCI_DRV)
		up.drv = 0;
	up.blk = d->blk && d->id != SE_BLKDEV;
	up.rdev = d->rdev;
	up.ifindex = d->id == SE_NETDEV || d->id == SE_NET_LINK ? 0 : d->ifindex;
	if (d->id == SE_BLKDEV) { /* a partition is inside its disk */
		struct blk_info info, disk;

		if (!blk_of(d, &info) && info.partition &&
		    !blk_info_by_name(info.disk, strlen(info.disk), &disk)) {
			up.id = SE_BLKDEV;
			up.blk = true;
			up.rdev = rdev_of(&disk);
		}
	}
	if (d->id == SE_PCIDEV) {
		up.pci = sysfs_pci_index(pci_of(d)->parent);
		up.id = up.pci >= 0 ? SE_PCIDEV : SE_PCI_ROOT;
	}
	return up;
}

/* Positions: 0 ".", 1 "..", then the named entries in table order, then
 * (in cpu/) cpuN at base + N, or (in a PCI directory) the device of index
 * i at base + i. */
static int dir_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	struct sys_node d = node_of(dir);
	unsigned k = 2;
	uint64_t base;

	if (*pos == 0 && emit(ctx, ".", 1, dir->ino, VFS_DTYPE(S_IFDIR)))
		return 0;
	if (*pos == 0)
		(*pos)++;
	if (*pos == 1) {
		struct sys_node up = parent_of(&d);

		if (emit(ctx, "..", 2, d.id == SE_ROOT ? SYS_ROOT_INO : ino_of(&up),
			 VFS_DTYPE(S_IFDIR)))
			return 0;
		(*pos)++;
	}
	for (int i = SE_ROOT; i < SE_COUNT; i++) {
		struct sys_node c = {.id = (enum sys_id)i,
				     .cpu = d.cpu,
				     .pci = d.pci,
				     .drv = d.drv,
				     .blk = d.blk,
				     .rdev = d.rdev,
				     .ifindex = d.ifindex};

		if (entries[i].parent != d.id || !entries[i].name || !exists(&c))
			continue;
		if (*pos == k) {
			if (emit(ctx, entries[i].name, strlen(entries[i].name), ino_of(&c),
				 VFS_DTYPE(entries[i].mode)))
				return 0;
			(*pos)++;
		}
		k++;
	}
	base = k;
	if (*pos < base)
		*pos = base;
	while (d.id == SE_CPU && *pos - base < 64) {
		struct sys_node c = {.id = SE_CPUN, .cpu = (int)(*pos - base), .pci = -1};
		char name[16];
		int len;

		if (!exists(&c))
			break;
		len = snprintf(name, sizeof(name), "cpu%d", c.cpu);
		if (emit(ctx, name, (size_t)len, ino_of(&c), VFS_DTYPE(S_IFDIR)))
			return 0;
		(*pos)++;
	}
	while (*pos - base < numbered_max(&d)) {
		struct sys_node c;
		char name[64];
		int len;

		if (numbered(&d, (unsigned)(*pos - base), name, sizeof(name), &len, &c) &&
		    emit(ctx, name, (size_t)len, ino_of(&c), VFS_DTYPE(entries[c.id].mode)))
			return 0;
		(*pos)++;
	}
	while (d.id == SE_BLOCK || d.id == SE_CLASS_BLOCK || d.id == SE_DEV_VIRTUAL_BLOCK ||
	       d.id == SE_BLKDEV) { /* by registry position */
		struct blk_info info;
		struct sys_node c = {.id = blk_child(d.id), .cpu = -1, .pci = -1, .blk = true};

		if (blk_info_at((unsigned)(*pos - base), &info))
			break;
		c.rdev = rdev_of(&info);
		if (blk_listed(&d, &info) && emit(ctx, info.name, strlen(info.name), ino_of(&c),
						  VFS_DTYPE(entries[c.id].mode)))
			return 0;
		(*pos)++;
	}
	while (d.id == SE_CLASS_NET || d.id == SE_DEV_VIRTUAL_NET) { /* by ifindex */
		struct net_device *dev = netdev_by_index((int)(*pos - base) + 1);
		struct sys_node c = {
			.id = d.id == SE_CLASS_NET ? SE_NET_LINK : SE_NETDEV, .cpu = -1, .pci = -1};

		if (!dev)
			break;
		c.ifindex = dev->ifindex;
		if (emit(ctx, dev->name, strlen(dev->name), ino_of(&c),
			 VFS_DTYPE(entries[c.id].mode)))
			return 0;
		(*pos)++;
	}
	return 0;
}

static int count_dev(struct net_device *dev, void *arg)
{
	(*(unsigned *)arg)++;
	return 0;
}

/* Directories below `d` (nlink is 2 + subdirectories, as on Linux). */
static unsigned subdirs(const struct sys_node *d)
{
	unsigned n = 0;

	for (int i = SE_ROOT; i < SE_COUNT; i++) {
		struct sys_node c = {.id = (enum sys_id)i,
				     .cpu = -1,
				     .pci = -1,
				     .blk = d->blk,
				     .rdev = d->rdev,
				     .ifindex = d->ifindex};

		if (entries[i].parent == d->id && entries[i].name &&
		    (entries[i].mode & S_IFMT) == S_IFDIR && exists(&c))
			n++;
	}
	if (d->id == SE_CPU)
		n += ncpus(); /* SE_CPUN stands for them all */
	if (d->id == SE_PCI_ROOT || d->id == SE_PCIDEV) {
		for (unsigned i = 0; i < pci_device_count(); i++)
			n += pci_child(d, i);
	}
	if (d->id == SE_BUS_PCI_DRIVERS)
		n += pci_driver_count();
	if (d->id == SE_DEV_VIRTUAL_NET)
		netdev_for_each(count_dev, &n);
	if (d->id == SE_DEV_VIRTUAL_BLOCK || d->id == SE_BLKDEV) {
		struct blk_info info;

		for (unsigned i = 0; !blk_info_at(i, &info); i++)
			n += blk_listed(d, &info);
	}
	return n;
}

static int node_stat(struct inode *ino, struct vfs_stat *st)
{
	struct sys_node n = node_of(ino);
	struct pseudofs *fs = ino->sb->priv;
	uint32_t mode = entries[n.id].mode;

	st->atime = st->mtime = st->ctime = fs->mounted;
	st->mode = mode;
	st->nlink = (mode & S_IFMT) == S_IFDIR ? 2 + subdirs(&n) : 1;
	st->size = (mode & S_IFMT) == S_IFREG ? SYS_FILE_SIZE : 0;
	if (n.id == SE_PCI_CONFIG)
		st->size = pci_of(&n)->cfg_size;
	st->blksize = SYS_FILE_SIZE;
	return 0;
}

/*
 * The tree changes only with the machine: a new name is EPERM (EACCES for
 * open(O_CREAT), which Linux answers when a directory has no create op),
 * and removing or renaming an entry EPERM once the name is found.
 */
/* EEXIST when `name` is taken, else `err`. */
static int refuse_new(struct inode *dir, const char *name, size_t len, int err)
{
	struct inode *old;

	if (dir_lookup(dir, name, len, &old))
		return err;
	inode_put(old);
	return -EEXIST;
}

static int dir_create(struct inode *dir, const char *name, size_t len, uint32_t mode,
		      struct inode **out)
{
	return refuse_new(dir, name, len, -EACCES);
}

static int dir_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode,
		     struct inode **out)
{
	return refuse_new(dir, name, len, -EPERM);
}

static int dir_symlink(struct inode *dir, const char *name, size_t len, const char *target,
		       size_t tlen, struct inode **out)
{
	return refuse_new(dir, name, len, -EPERM);
}

static int dir_link(struct inode *dir, const char *name, size_t len, struct inode *target)
{
	return refuse_new(dir, name, len, -EPERM);
}

/* ENOENT when `name` is not there, else EPERM. */
static int dir_unlink(struct inode *dir, const char *name, size_t len)
{
	struct inode *old;
	int err = dir_lookup(dir, name, len, &old);

	if (err)
		return err;
	inode_put(old);
	return -EPERM;
}

static int dir_rename(struct inode *olddir, const char *oldname, size_t oldlen,
		      struct inode *newdir, const char *newname, size_t newlen)
{
	return dir_unlink(olddir, oldname, oldlen);
}

static const struct dir_ops sys_dir_ops = {
	.lookup = dir_lookup,
	.create = dir_create,
	.mkdir = dir_mkdir,
	.symlink = dir_symlink,
	.link = dir_link,
	.unlink = dir_unlink,
	.rmdir = dir_unlink,
	.rename = dir_rename,
	.readdir = dir_readdir,
	.stat = node_stat,
};

/* ---- files ---- */

/* The set of CPUs a list or mask file shows. */
static cpumask_t mask_of(const struct sys_node *n)
{
	switch (n->id) {
	case SE_OFFLINE:
		return 0;
	case SE_TOPO_CORE_CPUS:
	case SE_TOPO_CORE_CPUS_LIST:
	case SE_TOPO_THREAD_SIBLINGS:
	case SE_TOPO_THREAD_SIBLINGS_LIST:
		return 1ull << n->cpu; /* one thread per core */
	default:
		return cpus_all(); /* one package holds every core */
	}
}

/* The number a number file shows: each CPU is a core of package 0, as
 * /proc/cpuinfo says. */
static long number_of(const struct sys_node *n)
{
	switch (n->id) {
	case SE_KERNEL_MAX:
		return MAX_CPUS - 1;
	case SE_TOPO_CORE_ID:
		return n->cpu;
	case SE_CPUN_ONLINE:
		return 1;
	default:
		return 0;
	}
}

/* A block device's attribute, in Linux's format. */
static void show_block(struct pbuf *b, const struct sys_node *n)
{
	struct blk_info info;

	if (blk_of(n, &info))
		return;
	switch (n->id) {
	case SE_BLK_DEV:
		pbuf_printf(b, "%u:%u", info.major, info.minor);
		break;
	case SE_BLK_PARTITION:
		pbuf_printf(b, "%d", info.partno);
		break;
	case SE_BLK_RO:
		pbuf_printf(b, "%d", info.read_only ? 1 : 0);
		break;
	case SE_BLK_SIZE:
		pbuf_printf(b, "%llu", (unsigned long long)info.sectors);
		break;
	case SE_BLK_START:
		pbuf_printf(b, "%llu", (unsigned long long)info.start);
		break;
	case SE_BLK_STAT: {
		char line[320];

		blk_stat_format(&info.stat, true, line, sizeof(line));
		pbuf_printf(b, "%s", line);
		break;
	}
	default: /* the queue's sizes */
		pbuf_printf(b, "%u", info.lbsize);
		break;
	}
}

static void show(struct pbuf *b, const struct sys_node *n)
{
	switch (entries[n->id].show) {
	case SHOW_BLOCK:
		show_block(b, n);
		break;
	case SHOW_LIST:
		pbuf_cpulist(b, mask_of(n));
		break;
	case SHOW_MASK:
		/* Linux's %*pb: hex, in 32-bit groups separated by commas */
		if (mask_of(n) >> 32)
			pbuf_printf(b, "%x,%08x", (unsigned)(mask_of(n) >> 32),
				    (unsigned)mask_of(n));
		else
			pbuf_printf(b, "%x", (unsigned)mask_of(n));
		break;
	case SHOW_NUMBER:
		pbuf_printf(b, "%ld", number_of(n));
		break;
	case SHOW_PCI:
		sysfs_pci_show(b, pci_attrs[n->id], pci_of(n));
		return; /* its own newlines */
	case SHOW_NET:	/* file_read shows these */
	case SHOW_PCI_CONFIG:
	case SHOW_NONE:
		break;
	}
	pbuf_put(b, "\n", 1);
}

/* A device's configuration space: as Linux, the whole of it for
 * CAP_SYS_ADMIN, else the header's first 64 bytes (128 for CardBus). */
static ssize_t config_read(const struct sys_node *n, uint64_t off, struct iobuf *b)
{
	const struct pci_dev *d = pci_of(n);
	size_t limit = capable(CAP_SYS_ADMIN) ? d->cfg_size : d->hdr_type == 2 ? 128 : 64;
	size_t len, got;
	uint8_t *buf;

	if (off >= limit || !b->len)
		return 0;
	len = MIN(b->len, limit - (size_t)off);
	buf = kmalloc(len);
	if (!buf)
		return -ENOMEM;
	got = pci_config_read(d, (unsigned)off, buf, len);
	len = vfs_iobuf_put_upto(b, 0, buf, got);
	kfree(buf);
	return len || !got ? (ssize_t)len : -EFAULT;
}

/* Writes reach the device (only root opens the file for writing). */
static ssize_t config_write(const struct sys_node *n, uint64_t off, struct iobuf *b)
{
	const struct pci_dev *d = pci_of(n);
	size_t len;
	uint8_t *buf;
	ssize_t ret;

	if (off >= d->cfg_size || !b->len)
		return 0;
	len = MIN(b->len, d->cfg_size - (size_t)off);
	buf = kmalloc(len);
	if (!buf)
		return -ENOMEM;
	if (vfs_iobuf_get(b, 0, buf, len))
		ret = -EFAULT;
	else
		ret = (ssize_t)pci_config_write(d, (unsigned)off, buf, len);
	kfree(buf);
	return ret;
}

static ssize_t file_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct sys_node n = node_of(ino);
	struct pbuf pb = {.buf = NULL};
	ssize_t ret = 0;

	if (entries[n.id].show == SHOW_PCI_CONFIG)
		return config_read(&n, off, b);
	if (entries[n.id].show == SHOW_NET) {
		struct net_device *dev = netdev_by_index(n.ifindex);
		int r = dev ? sysfs_net_show(&pb, net_attr(n.id), dev) : -ENOENT;

		if (r)
			return r;
	} else {
		show(&pb, &n);
	}
	if (pb.nomem) {
		ret = -ENOMEM;
	} else if (off < pb.len) {
		size_t len = MIN(b->len, pb.len - (size_t)off);

		len = vfs_iobuf_put_upto(b, 0, pb.buf + off, len);
		ret = len || !b->len ? (ssize_t)len : -EFAULT;
	}
	kfree(pb.buf);
	return ret;
}

static bool writable(const struct sys_node *n)
{
	return (entries[n->id].mode & 0200) != 0;
}

/* A boolean as Linux's kstrtobool reads one, from its first two bytes:
 * y/t/1 or "on" true, n/f/0 or "of[f]" false; 1, 0 or -EINVAL. */
static int parse_bool(const char *s, size_t len)
{
	switch (len ? s[0] : 0) {
	case 'y':
	case 'Y':
	case 't':
	case 'T':
	case '1':
		return 1;
	case 'n':
	case 'N':
	case 'f':
	case 'F':
	case '0':
		return 0;
	case 'o':
	case 'O':
		if (len > 1 && (s[1] == 'n' || s[1] == 'N'))
			return 1;
		if (len > 1 && (s[1] == 'f' || s[1] == 'F'))
			return 0;
		return -EINVAL;
	default:
		return -EINVAL;
	}
}

/* cpuN/online: true keeps the CPU online; taking one offline is not
 * supported (EBUSY, as Linux answers when a CPU cannot go down).  An
 * empty write stores nothing. */
static ssize_t file_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct sys_node n = node_of(ino);
	size_t len = MIN(b->len, 2);
	char buf[2];
	int on;

	if (!writable(&n))
		return -EACCES;
	if (entries[n.id].show == SHOW_PCI_CONFIG)
		return config_write(&n, off, b);
	if (!b->len)
		return 0;
	if (vfs_iobuf_get(b, 0, buf, len))
		return -EFAULT;
	on = parse_bool(buf, len);
	if (on < 0)
		return on;
	return on ? (ssize_t)b->len : -EBUSY;
}

/* Linux's kernfs refuses write access to an attribute that has no store,
 * whatever the caller's capabilities. */
static int file_open(struct inode *ino, unsigned flags)
{
	struct sys_node n = node_of(ino);

	if ((flags & O_ACCMODE) != O_RDONLY && !writable(&n))
		return -EACCES;
	return 0;
}

/* truncate(2) succeeds on Linux (kernfs takes the size and ignores it). */
static int file_truncate(struct inode *ino, uint64_t len)
{
	return 0;
}

static const struct file_ops sys_file_ops = {
	.open = file_open,
	.read = file_read,
	.write = file_write,
	.truncate = file_truncate,
	.stat = node_stat,
};

/* bus/pci/devices/<name> -> ../../../devices/pci0000:00/[<bridge>/]<name> */
static ssize_t link_readlink(struct inode *ino, char *buf, size_t size)
{
	struct sys_node n = node_of(ino);
	char path[300];
	size_t len;

	struct blk_info info;

	switch (n.id) {
	case SE_NET_LINK: /* class/net/<if> -> ../../devices/virtual/net/<if> */
		if (!netdev_by_index(n.ifindex))
			return -ENOENT;
		len = (size_t)snprintf(path, sizeof(path), "../../devices/virtual/net/%s",
				       netdev_by_index(n.ifindex)->name);
		break;
	case SE_BLK_LINK:	/* block/<disk> -> ../devices/virtual/block/<disk> */
	case SE_CLASS_BLK_LINK: /* one level deeper, and a partition inside its disk */
		if (blk_of(&n, &info))
			return -ENOENT;
		len = (size_t)snprintf(path, sizeof(path), "%s/devices/virtual/block/%s%s%s",
				       n.id == SE_BLK_LINK ? ".." : "../..",
				       info.partition ? info.disk : "", info.partition ? "/" : "",
				       info.name);
		break;
	case SE_PCI_DRIVER: /* devices/pci0000:00/[bridge/]dev/driver */
		len = sysfs_pci_driver_link(pci_of(&n), path, sizeof(path));
		break;
	case SE_PCI_DRV_LINK: /* bus/pci/drivers/<name>/<dev>: one level deeper */
		memcpy(path, "../", 3);
		len = 3 + sysfs_pci_link(pci_of(&n), path + 3, sizeof(path) - 3);
		break;
	default:
		len = sysfs_pci_link(pci_of(&n), path, sizeof(path));
		break;
	}
	len = MIN(len, sizeof(path));
	memcpy(buf, path, MIN(size, len));
	return (ssize_t)len;
}

static const struct symlink_ops sys_link_ops = {
	.readlink = link_readlink,
	.stat = node_stat,
};

/* ---- the instance ---- */

static const struct vfs_sb_ops sysfs_sb_ops = {.release = pseudofs_release,
					       .statfs = pseudofs_statfs};

static int sysfs_make_root(struct vfs_sb *sb)
{
	struct sys_node root = {.id = SE_ROOT, .cpu = -1, .pci = -1};

	return make_inode(sb, &root, &sb->root);
}

static int sysfs_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	return pseudofs_mount(sb, &sysfs_sb_ops, SYSFS_MAGIC, sysfs_make_root);
}

const struct fs_type sysfs_fs_type = {.name = "sysfs", .mount = sysfs_mount};
