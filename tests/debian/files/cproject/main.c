/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Uses the list, libm, stdio and a file, and exits with a status. */
#include <stdio.h>
#include <string.h>
#include "proj.h"
int main(int argc, char **argv)
{
	struct node *l = NULL;
	for (int i = 1; i <= 100; i++)
		l = push(l, i);
	printf("sum %d root %.3f args %d\n", sum(l), root(2.0), argc);
	FILE *f = fopen("out.txt", "w");
	if (!f)
		return 1;
	fprintf(f, "%s\n", argc > 1 ? argv[1] : "none");
	fclose(f);
	return argc > 1 && !strcmp(argv[1], "fail") ? 3 : 0;
}
