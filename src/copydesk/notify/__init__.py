"""Notifications: channels behind one interface, the outbox and its dispatcher."""
