"""The duty officer's day: actions tracked until closed, shifts and their handover."""
