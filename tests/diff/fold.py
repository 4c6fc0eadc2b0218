"""White space folded as raqib folds it (feed_text_clean): runs of C0
controls, DEL, C1 controls, NBSP and the Unicode spaces become one space,
ends trimmed. Shared by gen.py (the truth) and compare.py (both readers)."""
import re

SPACE = re.compile("[\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029"
                   "\u202f\u205f\u3000\ufeff]+")


def fold(s):
    """Text as a reader shows it; None when nothing is left."""
    if s is None:
        return None
    s = SPACE.sub(" ", s).strip()
    return s or None
