"""Telling readers their report mattered (docs/corrections.md, "Telling the reader").

A reader may leave an address with a report (``notify_email`` with
``notify_consent``).  It is kept in ``reader_subscriptions``, apart from the report,
only while the report's group is open.  When a correction is published from the group,
or the group is marked fixed, or rejected with a reason, each subscriber gets one mail
(queued in ``reader_mail`` in the same transaction) and the address is erased.

Modules: ``address.py`` (the one check of an address), ``words.py`` (the mail's words
and the rejection reasons, in en/uk/ru), ``subscriptions.py`` (subscribing, closing a
group, publishing, unsubscribing, erasure), ``mail.py`` (composing the mail, with
RFC 8058 one-click unsubscribe), ``sender.py`` (the service that sends it, under a
lease).  Unsubscribe routes: :mod:`copydesk.web.unsubscribe`.
"""
