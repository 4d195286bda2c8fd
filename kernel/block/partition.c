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
 * header and the array are checked as Linux checks them (CRC-32s, the
 * header's own LBA, usable LBAs, 128-byte entries).  An invalid primary
 * leaves the disk without partitions unless the command line says "gpt"
 * (Linux's force_gpt): then the backup header in the disk's last sector
 * is used.  Logical sectors are 512 bytes.
 */
#include <klib/cmdline.h>
#include <klib/crc32.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/boot.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include "block.h"

#define MBR_ENTRIES    446
#define MAX_LOGICALS   64
#define GPT_MAX_PARTS  128
#define GPT_HEADER_MIN 92
#define GPT_ENTRY_SIZE 128
#define GPT_ARRAY_MAX  (256 * 1024) /* bytes of entries read at most */

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

/* The GPT header at `lba` in hdr, valid as Linux's is_gpt_valid() wants
 * it: the signature, a header size from 92 bytes to a sector, its CRC,
 * its own LBA, usable LBAs on the disk, 128-byte entries, and the CRC of
 * the entry array, which is returned in *array (kmalloc'd, *count
 * entries). */
static bool gpt_valid(struct blkdev *whole, uint64_t lba, uint8_t *hdr, uint8_t **array,
		      uint32_t *count)
{
	uint64_t lastlba = whole->sectors - 1, first, last, start;
	uint32_t hsize, crc, bytes, nsec;
	uint8_t *a;

	if (!whole->sectors || lba > lastlba || blkdev_rw(whole, false, lba, 1, hdr) ||
	    memcmp(hdr, "EFI PART", 8))
		return false;
	hsize = le32(hdr + 12);
	if (hsize < GPT_HEADER_MIN || hsize > BLK_SECTOR)
		return false;
	crc = le32(hdr + 16);
	memset(hdr + 16, 0, 4); /* the CRC is of the header with its own field zero */
	if (~crc32(~0u, hdr, hsize) != crc || le64(hdr + 24) != lba)
		return false;
	first = le64(hdr + 40);
	last = le64(hdr + 48);
	start = le64(hdr + 72);
	*count = le32(hdr + 80);
	if (first > lastlba || last > lastlba || last < first || le32(hdr + 84) != GPT_ENTRY_SIZE ||
	    !*count || *count > GPT_ARRAY_MAX / GPT_ENTRY_SIZE)
		return false;
	bytes = *count * GPT_ENTRY_SIZE;
	nsec = (bytes + BLK_SECTOR - 1) / BLK_SECTOR;
	if (start > lastlba || nsec > lastlba - start + 1)
		return false;
	a = kmalloc((size_t)nsec * BLK_SECTOR);
	if (!a)
		return false;
	if (blkdev_rw(whole, false, start, nsec, a) || ~crc32(~0u, a, bytes) != le32(hdr + 88)) {
		kfree(a);
		return false;
	}
	*array = a;
	return true;
}

static int scan_gpt(struct blkdev *whole, add_fn add, uint8_t *hdr)
{
	static const uint8_t zero[16];
	uint64_t lastlba = whole->sectors - 1;
	uint8_t *array = NULL;
	uint32_t count;

	if (!gpt_valid(whole, 1, hdr, &array, &count)) {
		/* Linux reads the backup only when told the disk is GPT */
		if (!cmdline_has(boot_cmdline(), "gpt") ||
		    !gpt_valid(whole, lastlba, hdr, &array, &count))
			return 0;
		pr_warn("%s: Primary GPT is invalid, using alternate GPT.\n", whole->name);
	}
	for (uint32_t i = 0; i < count && i < GPT_MAX_PARTS; i++) {
		const uint8_t *e = array + (size_t)i * GPT_ENTRY_SIZE;
		uint64_t first = le64(e + 32), last = le64(e + 40);

		/* an unused entry, or one off the disk, is no partition */
		if (!memcmp(e, zero, 16) || first > lastlba || last > lastlba || last < first)
			continue;
		add_checked(whole, add, (int)i + 1, first, last - first + 1);
	}
	kfree(array);
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
