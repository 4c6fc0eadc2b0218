/*
 * hash: FNV-1a, the one hash: the stored dedup keys (poll), the stored
 * text sketches (sim) and the memos of tokens (text, match) and of index
 * forms (store) all step through hash_fnv_step(). The matcher's word
 * tables take a polynomial hash of their own (match_int.h), whose pieces
 * follow from its prefixes.
 */
#ifndef RAQIB_HASH_H
#define RAQIB_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define HASH_FNV_PRIME	1099511628211ULL
#define HASH_FNV_BASIS	14695981039346656037ULL

/*
 * FNV-1a's offset basis with its last digit dropped. Every item key and
 * digest raqib has stored was made from it, so it stays: the right basis
 * would make every item in every database new again, and alert again.
 */
#define HASH_FNV_BASIS_STORED	1469598103934665603ULL

/* One FNV-1a step: unit (a byte, or a character packed in 32 bits) into h. */
static inline uint64_t
hash_fnv_step(uint64_t h, uint32_t unit)
{
	return (h ^ unit) * HASH_FNV_PRIME;
}

/*
 * FNV-1a of a text four bytes a step, for a memo's slot: folded, so that
 * a slot number taken from its low bits depends on every unit (a unit's
 * high bits reach only the hash's high bits).
 */
static inline uint64_t
hash_fnv_text(const char *s, size_t len)
{
	uint64_t	 h = HASH_FNV_BASIS;
	uint32_t	 unit;
	size_t		 i;

	for (i = 0; i + sizeof(unit) <= len; i += sizeof(unit)) {
		memcpy(&unit, s + i, sizeof(unit));
		h = hash_fnv_step(h, unit);
	}
	for (; i < len; i++)
		h = hash_fnv_step(h, (unsigned char)s[i]);
	return h ^ h >> 32;
}

#endif
