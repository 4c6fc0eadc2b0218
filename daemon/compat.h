/* compat: what the BSD libcs have and glibc lacks. */
#ifndef RAQIB_COMPAT_H
#define RAQIB_COMPAT_H

/* The number of elements of an array (not of a pointer). */
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

#endif
