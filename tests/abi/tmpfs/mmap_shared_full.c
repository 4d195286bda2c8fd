/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* tmpfs size=: a shared mapping's first touch of a new page past the limit raises SIGBUS; pages it has stay usable. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/statfs.h>

int main(void)
{
	struct statfs s;
	char *p;
	int fd;

	mkdir("mnt", 0755);
	SHOW(mount("none", "mnt", "tmpfs", 0, "size=16k"));
	fd = open("mnt/f", O_CREAT | O_RDWR, 0644);
	SHOW(ftruncate(fd, 64 * 1024)); /* sparse: no pages yet */
	p = mmap(NULL, 64 * 1024, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 1;
	for (int i = 0; i < 6; i++) {
		char label[32];

		snprintf(label, sizeof(label), "write page %d", i);
		abi_probe(label, p + i * 4096, 1);
	}
	abi_probe("write page 2 again", p + 2 * 4096, 1);
	statfs("mnt", &s);
	printf("blocks %ld free %ld\n", (long)s.f_blocks, (long)s.f_bfree);
	SHOW(pwrite(fd, "x", 1, 40 * 1024));
	SHOW(ftruncate(fd, 8192)); /* frees pages 2 and 3 */
	abi_probe("write page 1", p + 4096, 1);
	munmap(p, 64 * 1024);
	close(fd);
	SHOW(unlink("mnt/f"));
	SHOW(umount("mnt"));
	rmdir("mnt");
	return 0;
}
