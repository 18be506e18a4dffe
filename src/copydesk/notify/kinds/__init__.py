"""One module per channel kind, each with one ``KIND`` (:class:`copydesk.notify.kind.Kind`)."""
