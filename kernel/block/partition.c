/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Partition tables, read as Linux's block/partitions/ reads them.
 *
 * MBR: sector 0 ends in 55 AA; its four entries at byte 446 are primary
 * partitions 1..4 (type 0: unused).  An extended partition (type 05, 0F
 * or 85) shows as a 2-sector device (1 KiB in /proc/partitions, as Linux
 * shows it) and its chain of EBRs gives logical partitions 5, 6, ...
 * A protective entry (type EE) means the disk is GPT.
 *
 * GPT: the header at sector 1 ("EFI PART") names the entry array's first
 * sector, entry count and size; each entry with a non-zero type GUID is
 * partition (its index + 1), its first and last LBA inclusive.  The
 * header's CRC is not checked (Linux checks it; a corrupt table is rare
 * in the images this kernel is given).  Logical sectors are 512 bytes.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include "block.h"

#define MBR_ENTRIES   446
#define MAX_LOGICALS  64
#define GPT_MAX_PARTS 128

typedef int (*add_fn)(struct blkdev *whole, int partno, uint64_t start, uint64_t len);

static uint32_t le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static bool is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

/* A partition must lie on the disk; one that runs past the end is cut
 * (Linux warns and truncates it). */
static int add_checked(struct blkdev *whole, add_fn add, int partno, uint64_t start, uint64_t len)
{
	if (!len || start >= whole->sectors)
		return 0;
	if (len > whole->sectors - start)
		len = whole->sectors - start;
	return add(whole, partno, start, len);
}

static int scan_logicals(struct blkdev *whole, add_fn add, uint8_t *buf, uint64_t ext_start,
			 uint64_t ext_len)
{
	uint64_t ebr = ext_start;
	int partno = 5;

	for (int n = 0; n < MAX_LOGICALS; n++) {
		const uint8_t *e;

		if (ebr >= whole->sectors || blkdev_rw(whole, false, ebr, 1, buf) ||
		    buf[510] != 0x55 || buf[511] != 0xaa)
			return 0;
		e = buf + MBR_ENTRIES;
		if (e[4] && !is_extended(e[4]) && le32(e + 12))
			add_checked(whole, add, partno++, ebr + le32(e + 8), le32(e + 12));
		e += 16;
		if (!is_extended(e[4]) || !le32(e + 8) || le32(e + 8) >= ext_len)
			return 0;
		ebr = ext_start + le32(e + 8);
	}
	return 0;
}

static int scan_gpt(struct blkdev *whole, add_fn add, uint8_t *buf)
{
	uint64_t array;
	uint32_t count, esize;

	if (blkdev_rw(whole, false, 1, 1, buf) || memcmp(buf, "EFI PART", 8))
		return 0;
	array = le64(buf + 72);
	count = le32(buf + 80);
	esize = le32(buf + 84);
	if (esize < 128 || esize > BLK_SECTOR || BLK_SECTOR % esize || count > GPT_MAX_PARTS)
		return 0;
	for (uint32_t i = 0; i < count; i++) {
		uint64_t sec = array + (uint64_t)i * esize / BLK_SECTOR;
		const uint8_t *e = buf + (uint64_t)i * esize % BLK_SECTOR;
		static const uint8_t zero[16];
		uint64_t first, last;

		if ((uint64_t)i * esize % BLK_SECTOR == 0 && blkdev_rw(whole, false, sec, 1, buf))
			return 0;
		if (!memcmp(e, zero, 16))
			continue;
		first = le64(e + 32);
		last = le64(e + 40);
		if (last >= first)
			add_checked(whole, add, (int)i + 1, first, last - first + 1);
	}
	return 0;
}

int blk_scan_partitions(struct blkdev *whole, add_fn add)
{
	uint8_t *buf = kmalloc(BLK_SECTOR);
	uint8_t types[4];
	uint32_t starts[4], lens[4];

	if (!buf)
		return -ENOMEM;
	if (blkdev_rw(whole, false, 0, 1, buf) || buf[510] != 0x55 || buf[511] != 0xaa)
		goto out;
	for (int i = 0; i < 4; i++) {
		const uint8_t *e = buf + MBR_ENTRIES + 16 * i;

		types[i] = e[4];
		starts[i] = le32(e + 8);
		lens[i] = le32(e + 12);
		/* a boot sector that is not a partition table (a FAT volume's)
		 * has boot flags other than 0 and 0x80 */
		if (e[0] != 0 && e[0] != 0x80)
			goto out;
	}
	for (int i = 0; i < 4; i++) {
		if (types[i] == 0xee) {
			scan_gpt(whole, add, buf);
			goto out;
		}
	}
	for (int i = 0; i < 4; i++) {
		if (!types[i] || !lens[i])
			continue;
		if (is_extended(types[i])) {
			/* Linux shows the extended partition as 2 sectors
			 * (1 sector when the logical sector size is larger) */
			add_checked(whole, add, i + 1, starts[i], 2);
		} else {
			add_checked(whole, add, i + 1, starts[i], lens[i]);
		}
	}
	for (int i = 0; i < 4; i++) {
		if (types[i] && lens[i] && is_extended(types[i]))
			scan_logicals(whole, add, buf, starts[i], lens[i]);
	}
out:
	kfree(buf);
	return 0;
}
