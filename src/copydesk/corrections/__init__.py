"""Corrections: notices that say what an article got wrong and what is right.

The workflow (``docs/corrections.md``): an editor drafts a correction (from a reader's
group or for an article), a standards editor of the site or an admin publishes it; a
published correction is edited only with a revision kept, and is never deleted: it is
withdrawn, and the withdrawal is shown.  Modules: ``model.py`` (types), ``roles.py``
(the standards role), ``prefill.py`` (a draft's text from a group), ``store.py``
(drafting, editing, publishing, withdrawing), ``reading.py`` (what is public),
``strings.py`` (public pages in en/uk/ru), ``feeds.py``, ``jsonld.py``, ``fragment.py``
(the public outputs), ``gaps.py`` (what is missing: fixed groups without a notice),
``announce.py`` (``correction.published``).
"""
