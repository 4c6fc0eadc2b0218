/* item: the entry a feed or page yields. */
#include <stdlib.h>
#include <string.h>

#include "item.h"
#include "xmalloc.h"

/* Append a zeroed item to the list. */
struct item *
item_list_add(struct item_list *l)
{
	struct item	*it;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	it->published = it->updated = ITEM_NO_TIME;
	return it;
}

/* Remove the last item. */
void
item_list_pop(struct item_list *l)
{
	if (l->n == 0)
		return;
	item_clear(&l->v[--l->n]);
}

/* Free the strings an item owns. */
void
item_clear(struct item *it)
{
	size_t	 i;

	free(it->id);
	free(it->link);
	free(it->title);
	free(it->summary);
	free(it->content);
	free(it->author);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	memset(it, 0, sizeof(*it));
	it->published = it->updated = ITEM_NO_TIME;
}

/* Free every item and the list's array. */
void
item_list_free(struct item_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		item_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* Free the strings an alert owns. */
void
alert_clear(struct alert *a)
{
	free(a->topic);
	free(a->title);
	free(a->link);
	free(a->source);
	free(a->terms);
	free(a->snippet);
	memset(a, 0, sizeof(*a));
}
