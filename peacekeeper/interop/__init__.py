"""Exchange formats: reading ACLED files into EventInput, and streaming exports (CSV, GeoJSON, KML, ACLED).

A pure library: no models, no database access. The caller chooses what to read and what to export.
"""
