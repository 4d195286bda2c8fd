/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Which block device a root= specification names.  The forms are Linux's
 * own (a name, with or without "/dev/", and MAJ:MIN) and the two that
 * Debian's initramfs resolves through blkid: LABEL= and UUID=, the
 * volume name and UUID of an ext2/3/4 superblock (byte 1024 of the
 * device: magic 0xEF53 at 56, the UUID at 104, the name at 120), the
 * UUID written as blkid prints it (8-4-4-4-12 hex digits, any case).
 * The superblock is read from the disk, not through the buffer cache:
 * at boot nothing else has the device open.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include "block.h"

#define EXT2_SB_SECTOR 2 /* byte 1024 */
#define EXT2_MAGIC     0xef53

/* ext2/3/4's UUID and volume name, if the device holds one. */
static bool ext2_ids(struct blkdev *bd, uint8_t uuid[16], char label[17])
{
	uint8_t *sb = kmalloc(2 * BLK_SECTOR);
	bool ok;

	if (!sb)
		return false;
	ok = bd->sectors >= EXT2_SB_SECTOR + 2 && !blkdev_rw(bd, false, EXT2_SB_SECTOR, 2, sb) &&
	     (sb[56] | sb[57] << 8) == EXT2_MAGIC;
	if (ok) {
		memcpy(uuid, sb + 104, 16);
		memcpy(label, sb + 120, 16);
		label[16] = '\0';
	}
	kfree(sb);
	return ok;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "8-4-4-4-12" hex digits into 16 bytes: 0 or -EINVAL. */
static int parse_uuid(const char *s, uint8_t out[16])
{
	size_t n = 0;

	for (size_t i = 0; s[i]; i++) {
		int hi, lo;

		if (s[i] == '-' && (i == 8 || i == 13 || i == 18 || i == 23))
			continue;
		if (n == 16 || (hi = hexval(s[i])) < 0 || !s[i + 1] || (lo = hexval(s[i + 1])) < 0)
			return -EINVAL;
		out[n++] = (uint8_t)(hi << 4 | lo);
		i++;
	}
	return n == 16 ? 0 : -EINVAL;
}

/* "MAJ:MIN" into its numbers: 0 or -EINVAL. */
static int parse_numbers(const char *s, uint32_t *major, uint32_t *minor)
{
	uint32_t v[2] = {0, 0};
	int k = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s == ':' && k == 0) {
			k = 1;
			continue;
		}
		if (*s < '0' || *s > '9' || v[k] > 0xfffffff)
			return -EINVAL;
		v[k] = v[k] * 10 + (uint32_t)(*s - '0');
	}
	if (k != 1)
		return -EINVAL;
	*major = v[0];
	*minor = v[1];
	return 0;
}

int blk_find_root(const char *spec, char *name, size_t size, uint64_t *rdev)
{
	enum { BY_NAME, BY_LABEL, BY_UUID, BY_NUMBER } by = BY_NAME;
	uint8_t want[16], uuid[16];
	uint32_t major = 0, minor = 0;
	char label[17];
	struct blkdev *bd = NULL;
	int err = -ENODEV;

	if (!strncmp(spec, "LABEL=", 6)) {
		by = BY_LABEL;
		spec += 6;
	} else if (!strncmp(spec, "UUID=", 5)) {
		by = BY_UUID;
		spec += 5;
		if (parse_uuid(spec, want))
			return -EINVAL;
	} else if (!parse_numbers(spec, &major, &minor)) {
		by = BY_NUMBER;
	} else if (!strncmp(spec, "/dev/", 5)) {
		spec += 5;
	}
	if (!*spec)
		return -EINVAL;
	while ((bd = blkdev_next(bd)) != NULL) {
		bool match;

		switch (by) {
		case BY_NAME:
			match = !strcmp(bd->name, spec);
			break;
		case BY_NUMBER:
			match = bd->major == major && bd->minor == minor;
			break;
		case BY_LABEL:
			match = ext2_ids(bd, uuid, label) && !strcmp(label, spec);
			break;
		default:
			match = ext2_ids(bd, uuid, label) && !memcmp(uuid, want, 16);
			break;
		}
		if (match) {
			strlcpy(name, bd->name, size);
			*rdev = blkdev_rdev(bd);
			blkdev_put(bd);
			err = 0;
			break;
		}
	}
	return err;
}
