/*
 * hash: FNV-1a, the one hash: the stored dedup keys (poll), the stored
 * text sketches (sim) and the matcher's word tables (match) all step
 * through hash_fnv_step().
 */
#ifndef RAQIB_HASH_H
#define RAQIB_HASH_H

#include <stdint.h>

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

#endif
