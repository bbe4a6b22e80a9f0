"""Exchange formats: reading ACLED files into checked rows, and streaming exports (CSV, GeoJSON, KML, ACLED).

A pure library: no models, no database access, no import of the apps that use it. The caller chooses what
to read and what to export, and brings its own taxonomy (events maps the rows to its reports).
"""
