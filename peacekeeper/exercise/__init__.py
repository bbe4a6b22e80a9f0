"""Synthetic exercise data: a deterministic generator of realistic event reports."""
