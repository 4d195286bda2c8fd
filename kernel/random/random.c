/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * ChaCha20 random number generator (kernel/random.h).
 *
 * State: one 32-byte key under a spinlock.  Every request takes one
 * ChaCha20 block from the key: the first half replaces the key (so a later
 * compromise of the key reveals nothing already handed out: "fast key
 * erasure"), the second half keys a private ChaCha20 stream the request
 * then reads without the lock, block counter 0, 1, 2...  A request of any
 * size holds the lock for one block only.
 *
 * Seeding and re-keying compress input into the key 32 bytes at a time:
 * key = first half of ChaCha20(key XOR input, 0, "kevlar-seed\0"), a
 * one-way step because recovering the previous key from the block needs
 * the block's own key.  Seed material is RANDOM_SEED_WORDS platform
 * entropy words (four times as many when only timer jitter is available)
 * and the clock; the key is re-seeded the same way every
 * RANDOM_RESEED_NS, as Linux re-seeds its CRNG once a minute.
 */
#include <klib/chacha20.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/log.h>
#include <platform/random.h>
#include <platform/spinlock.h>
#include <platform/time.h>
#include <kevlar_vfs/service.h>
#include <kernel/random.h>
#include <kernel/vfs.h>

#define RANDOM_SEED_WORDS 16 /* 1024 bits from a hardware source */
#define RANDOM_RESEED_NS  (60ull * 1000000000ull)
#define IOBUF_CHUNK	  256 /* bytes generated per copy to an iobuf */

static const uint8_t seed_nonce[CHACHA20_NONCE_SIZE] = "kevlar-seed";
static const uint8_t zero_nonce[CHACHA20_NONCE_SIZE];

static struct {
	struct spinlock lock;
	uint8_t key[CHACHA20_KEY_SIZE]; /* lock */
	bool seeded;			/* lock */
	uint64_t seeded_at;		/* lock: time_ns() of the last seeding */
} crng = {.lock = SPINLOCK_INIT("random", LOCK_RANK_NONE)};

/* Key material must not survive on the stack; stores the compiler may not
 * drop as dead. */
static void wipe(void *p, size_t n)
{
	uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		WRITE_ONCE(b[i], 0);
}

/* key = H(key, in[0..len)), 32 bytes at a time (lock held). */
static void absorb(const void *in, size_t len)
{
	const uint8_t *p = in;
	uint8_t k[CHACHA20_KEY_SIZE], block[CHACHA20_BLOCK_SIZE];

	while (len) {
		size_t n = MIN(len, sizeof(k));

		memcpy(k, crng.key, sizeof(k));
		for (size_t i = 0; i < n; i++)
			k[i] ^= p[i];
		chacha20_block(k, 0, seed_nonce, block);
		memcpy(crng.key, block, sizeof(crng.key));
		p += n;
		len -= n;
	}
	wipe(k, sizeof(k));
	wipe(block, sizeof(block));
}

/* Gather platform entropy into the key (lock held).  Returns the source
 * for the caller to log once the lock is dropped. */
static enum entropy_source reseed(void)
{
	uint64_t words[4 * RANDOM_SEED_WORDS];
	uint64_t now = time_ns();
	enum entropy_source src = platform_entropy(words, RANDOM_SEED_WORDS);
	size_t n = RANDOM_SEED_WORDS;

	if (src == ENTROPY_JITTER) {
		src = MIN(src, platform_entropy(words + n, 3 * RANDOM_SEED_WORDS));
		n = 4 * RANDOM_SEED_WORDS;
	}
	absorb(&now, sizeof(now));
	absorb(words, n * sizeof(words[0]));
	wipe(words, sizeof(words));
	crng.seeded_at = now;
	return src;
}

/* A fresh 32-byte stream key for one request. */
static void take_key(uint8_t out[CHACHA20_KEY_SIZE])
{
	uint8_t block[CHACHA20_BLOCK_SIZE];
	bool first = false;
	enum entropy_source src = ENTROPY_JITTER;
	irqflags_t f = spin_lock_irqsave(&crng.lock);

	if (!crng.seeded || time_ns() - crng.seeded_at > RANDOM_RESEED_NS) {
		first = !crng.seeded;
		src = reseed();
		crng.seeded = true;
	}
	chacha20_block(crng.key, 0, zero_nonce, block);
	memcpy(crng.key, block, CHACHA20_KEY_SIZE);
	spin_unlock_irqrestore(&crng.lock, f);
	memcpy(out, block + CHACHA20_KEY_SIZE, CHACHA20_KEY_SIZE);
	wipe(block, sizeof(block));
	if (first)
		pr_info("random: ChaCha20 generator seeded from %s\n", entropy_source_name(src));
}

/* Stream state of one request. */
struct stream {
	uint8_t key[CHACHA20_KEY_SIZE];
	uint32_t counter;
};

/* Next n bytes of the stream (whole blocks are consumed). */
static void stream_read(struct stream *s, uint8_t *out, size_t n)
{
	uint8_t block[CHACHA20_BLOCK_SIZE];

	while (n) {
		size_t k = MIN(n, sizeof(block));

		chacha20_block(s->key, s->counter++, zero_nonce, block);
		memcpy(out, block, k);
		out += k;
		n -= k;
	}
	wipe(block, sizeof(block));
}

void random_bytes(void *buf, size_t len)
{
	struct stream s = {.counter = 0};

	if (!len)
		return;
	take_key(s.key);
	stream_read(&s, buf, len);
	wipe(&s, sizeof(s));
}

ssize_t random_read_iobuf(struct iobuf *b)
{
	struct stream s = {.counter = 0};
	uint8_t chunk[IOBUF_CHUNK];
	size_t done = 0;
	ssize_t r = 0;

	if (!b->len)
		return 0;
	take_key(s.key);
	while (done < b->len) {
		size_t n = MIN(b->len - done, sizeof(chunk));

		size_t got;

		stream_read(&s, chunk, n);
		got = vfs_iobuf_put_upto(b, done, chunk, n);
		done += got;
		if (got < n) { /* the bytes up to a bad page count, as Linux */
			r = -EFAULT;
			break;
		}
	}
	wipe(chunk, sizeof(chunk));
	wipe(&s, sizeof(s));
	return done ? (ssize_t)done : r;
}

void random_mix(const void *buf, size_t len)
{
	irqflags_t f = spin_lock_irqsave(&crng.lock);

	absorb(buf, len);
	spin_unlock_irqrestore(&crng.lock, f);
}
