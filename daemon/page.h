/* page: HTML pages -> items (selectors), feed autodiscovery. Pure. */
#ifndef RAQIB_PAGE_H
#define RAQIB_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "item.h"

/*
 * The items of an HTML page. selector is the source's `items =` (a CSS
 * selector, or "xpath:..."), or NULL for the default article-link rules.
 * Returns 0, or -1 with a message in err (a bad selector included).
 */
int	 page_parse(const char *data, size_t len, const char *url,
	    const char *charset, const char *selector, struct item_list *out,
	    char *err, size_t errlen);

/* What a page's bytes were, for `raqib parse`. */
struct page_info {
	char		 encoding[40];	/* "UTF-8", "windows-1256", ... */
	const char	*encoding_from;	/* "bom", "header", "meta", "content",
					   "detected", "default" */
	char		*title;		/* the page's <title>, or NULL; owned */
	const char	*wall;		/* a page that gave no item: what
					   stands where the content should (a
					   CAPTCHA, a login form) and what to
					   do, or NULL; static */
	const char	*nested;	/* a page nested deeper than the
					   parser reads: how it was read, or
					   NULL; static */
};

/*
 * As page_parse, and *rules receives a new array (caller frees; the strings
 * are static) naming the rule that found each item appended: "selector",
 * "heading link", "article link", "long link", "title link", "list link",
 * "image link", "post", "json-ld" or "app data"; info (may be NULL)
 * what the page was. now is when the page was fetched (Unix seconds, or ITEM_NO_TIME):
 * items dated "2 hours ago" are dated from it (feed_date_relative), and
 * stay undated without it, as page_parse leaves them; a day in digits
 * that either part may be the month of (12/06/2026) is read as the page
 * writes them (feed_date_text_page) and not more than a day after now.
 */
int	 page_parse_rules(const char *data, size_t len, const char *url,
	    const char *charset, const char *selector, int64_t now,
	    struct item_list *out, const char ***rules,
	    struct page_info *info, char *err, size_t errlen);
void	 page_info_free(struct page_info *);

/* Check a selector's syntax (config checking); -1 with a message in err. */
int	 page_selector_check(const char *selector, char *err, size_t errlen);

/*
 * The absolute URL of the feed a page advertises (its own, under its path,
 * when it advertises several; else the first), or NULL. Caller frees.
 */
char	*page_feed_link(const char *data, size_t len, const char *url,
	    const char *charset);

/* What an article page says of itself. */
struct page_article {
	char		*text;		/* main text, or NULL; owned */
	char		*title;		/* its JSON-LD headline, or NULL; owned */
	int64_t		 published;	/* its JSON-LD datePublished, or
					   ITEM_NO_TIME */
};

/*
 * Read an article page into a (page_article_free it). The main text is the
 * densest block of paragraphs (or, without <p>, of text lines and <div>s)
 * outside nav, header, footer, aside, readers' comments, scripts, styles
 * and forms, link lists left out; or the articleBody of the page's JSON-LD
 * (schema.org NewsArticle) when that is longer.
 */
void	 page_article_read(const char *data, size_t len, const char *url,
	    const char *charset, struct page_article *a);
void	 page_article_free(struct page_article *a);

#endif
