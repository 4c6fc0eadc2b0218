/* item: the entry a feed or page yields; the value that crosses stages. */
#ifndef RAQIB_ITEM_H
#define RAQIB_ITEM_H

#include <stddef.h>
#include <stdint.h>

#define ITEM_NO_TIME	INT64_MIN

/* Every string is owned by the item, valid UTF-8 and NUL-terminated, or NULL. */
struct item {
	char	*id;		/* guid or Atom id, as published */
	char	*link;		/* absolute http(s) URL */
	char	*title;		/* plain text */
	char	*summary;	/* plain text */
	char	*content;	/* plain text */
	char	*author;
	char	**categories;	/* ncategories tags, each owned */
	size_t	 ncategories;
	int64_t	 published;	/* Unix seconds UTC, or ITEM_NO_TIME */
	int64_t	 updated;	/* Unix seconds UTC, or ITEM_NO_TIME */
	int	 id_shared;	/* another story of its feed has this id too */
	int	 link_shared;	/* and this link, where no id tells it apart */
};

struct item_list {
	struct item	*v;
	size_t		 n;
	size_t		 cap;
};

/* Appends a zeroed item (times set to ITEM_NO_TIME). */
struct item	*item_list_add(struct item_list *);
/* Drops the last item (a parser abandoning one it could not complete). */
void		 item_list_pop(struct item_list *);
void		 item_list_free(struct item_list *);
void		 item_clear(struct item *);

enum alert_urgency {
	ALERT_LOW,
	ALERT_NORMAL,
	ALERT_CRITICAL
};

/*
 * One alert: a topic that fired on an item. Produced by poll, kept by store,
 * delivered by alert. Every string is owned, valid UTF-8, NUL-terminated
 * (terms and snippet may be empty strings, never NULL once built).
 */
struct alert {
	int64_t			 id;		/* store's row id; 0 before it is stored */
	int64_t			 story;		/* store's story id; 0 when unknown */
	char			*topic;		/* topic name from the config */
	char			*title;		/* item title, plain text */
	char			*link;		/* item link, or NULL */
	char			*source;	/* source name */
	unsigned		 sources;	/* sources that carried the story; 0, 1: just source */
	char			*terms;		/* terms that fired, ", "-joined */
	char			*snippet;	/* plain text around the first hit */
	size_t			 hl_start;	/* the hit inside snippet, bytes; */
	size_t			 hl_end;	/*   hl_start == hl_end: none */
	enum alert_urgency	 urgency;
	int64_t			 published;	/* Unix seconds, or ITEM_NO_TIME */
	size_t			 flood;		/* stories delivered with it */
};

void		 alert_clear(struct alert *);

#endif
