/* compat: small macros every module may use. */
#ifndef RAQIB_COMPAT_H
#define RAQIB_COMPAT_H

/* The number of elements of an array (not a pointer). */
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

#endif
