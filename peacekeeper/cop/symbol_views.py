"""APP-6D symbols as SVG (implemented in peacekeeper/cop/symbols.py)."""
