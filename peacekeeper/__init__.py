"""Peacekeeper: a mission information system for multinational peace-support operations."""
