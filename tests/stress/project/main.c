/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The build-stress program: prints every module's result. */
#include <stdio.h>
#include <string.h>
#include "proj.h"

int main(void)
{
	const char *text = "the quick brown fox jumps over the lazy dog";
	char b64[128], rle[128], words[64];

	printf("crc32 %08x\n", crc32_of(text, strlen(text)));
	printf("primes<100000 %u\n", primes_below(100000));
	printf("sort %llu\n", (unsigned long long)sort_checksum(20000));
	printf("matrix %llu\n", (unsigned long long)matrix_trace(48));
	printf("queens(8) %u\n", queens(8));
	printf("collatz<100000 %u\n", collatz_longest(100000));
	printf("fnv1a %016llx\n", (unsigned long long)fnv1a(text));
	base64_encode((const unsigned char *)text, strlen(text), b64);
	printf("base64 %s\n", b64);
	rle_encode("aaabccddddde", rle);
	printf("rle %s\n", rle);
	printf("fib(90) %llu\n", (unsigned long long)fib(90));
	strcpy(words, "one two three four");
	str_reverse_words(words);
	printf("words %s\n", words);
	return 0;
}
