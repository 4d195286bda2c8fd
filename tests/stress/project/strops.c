/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Reverse the order of the space-separated words of a string, in place. */
#include <string.h>
#include "proj.h"

static void reverse(char *a, char *b)
{
	while (a < b) {
		char t = *a;
		*a++ = *b;
		*b-- = t;
	}
}

void str_reverse_words(char *s)
{
	size_t n = strlen(s);
	char *w = s;

	if (!n)
		return;
	reverse(s, s + n - 1);
	for (char *p = s;; p++) {
		if (*p == ' ' || *p == '\0') {
			if (p > w)
				reverse(w, p - 1);
			if (!*p)
				break;
			w = p + 1;
		}
	}
}
