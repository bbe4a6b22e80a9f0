"""A deployment's own base map: an offline raster tile archive, MBTiles or PMTiles, read by the product.

`PEACEKEEPER_BASEMAP` names the file (settings.BASEMAP); settings open it at start, so a missing, unreadable
or unsuitable archive stops the server with the reason. Tiles are addressed as the map asks for them (XYZ:
row 0 at the north); MBTiles stores rows TMS-style (row 0 at the south), PMTiles by a Hilbert tile id.
Only raster tiles are served (PNG, JPEG, WebP): the maps draw images, not vector tiles.

No Django here: settings import this module before the apps are ready.
"""

import mmap
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pmtiles.reader import Reader
from pmtiles.tile import Compression, MagicNumberNotFound, SpecVersionUnsupported, TileType

MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}
PMTILES_FORMATS = {TileType.PNG: "png", TileType.JPEG: "jpg", TileType.WEBP: "webp"}
MAX_ZOOM = 24
SQLITE_MAGIC = b"SQLite format 3\x00"
PMTILES_MAGIC = b"PMTiles"


class TileArchiveError(Exception):
    """The archive cannot serve a base map; the message says why, for the operator."""


@dataclass(frozen=True)
class ArchiveInfo:
    """What the maps need to know of an archive: zooms, extent (west, south, east, north), credit."""

    kind: str  # "mbtiles" or "pmtiles"
    media_type: str
    min_zoom: int
    max_zoom: int
    bounds: tuple[float, float, float, float] | None
    attribution: str


class TileArchive:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with path.open("rb") as file:
                magic = file.read(16)
        except OSError as error:
            raise TileArchiveError(f"cannot be read: {error.strerror or error}") from None
        if magic.startswith(PMTILES_MAGIC):
            self._source = _PMTiles(path)
        elif magic == SQLITE_MAGIC:
            self._source = _MBTiles(path)
        else:
            raise TileArchiveError("is neither an MBTiles (SQLite) nor a PMTiles archive")
        self.info = self._source.info

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ (z, x, y), or None where the archive has none (or the address is not a tile)."""
        if not (self.info.min_zoom <= z <= self.info.max_zoom and 0 <= x < 2**z and 0 <= y < 2**z):
            return None
        return self._source.tile(z, x, y)


@cache
def open_archive(path: Path) -> TileArchive:
    """The archive at this path, opened once per process (a replaced file is read after a restart)."""
    return TileArchive(path)


def _zoom(value: object, name: str) -> int:
    try:
        zoom = int(str(value))
    except ValueError:
        raise TileArchiveError(f"its {name} {value!r} is not a whole number") from None
    if not 0 <= zoom <= MAX_ZOOM:
        raise TileArchiveError(f"its {name} {zoom} is outside 0..{MAX_ZOOM}")
    return zoom


def _bounds(values: list[float]) -> tuple[float, float, float, float] | None:
    west, south, east, north = values
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        return None
    return west, south, east, north


class _MBTiles:
    """MBTiles 1.3: a SQLite file with `metadata` (name, value) and `tiles` (zoom, column, TMS row, data)."""

    def __init__(self, path: Path) -> None:
        self.uri = f"{path.resolve().as_uri()}?mode=ro"
        try:
            with self._connect() as connection:
                metadata = dict(connection.execute("SELECT name, value FROM metadata").fetchall())
                stored = connection.execute("SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
        except sqlite3.Error as error:
            raise TileArchiveError(f"is not a readable MBTiles archive: {error}") from None
        kind = str(metadata.get("format", "")).lower()
        if kind not in MEDIA_TYPES:
            raise TileArchiveError(
                f"holds {kind or 'unnamed'} tiles (metadata format); only raster png, jpg or webp are served"
            )
        if stored[0] is None:
            raise TileArchiveError("holds no tiles")
        min_zoom = _zoom(metadata.get("minzoom", stored[0]), "minzoom")
        max_zoom = _zoom(metadata.get("maxzoom", stored[1]), "maxzoom")
        bounds = None
        if metadata.get("bounds"):
            try:
                bounds = _bounds([float(part) for part in str(metadata["bounds"]).split(",")])
            except ValueError:
                bounds = None
            if bounds is None:
                raise TileArchiveError(f"its bounds {metadata['bounds']!r} are not west,south,east,north")
        self.info = ArchiveInfo(
            kind="mbtiles",
            media_type=MEDIA_TYPES[kind],
            min_zoom=min(min_zoom, max_zoom),
            max_zoom=max(min_zoom, max_zoom),
            bounds=bounds,
            attribution=str(metadata.get("attribution", "")),
        )

    def _connect(self) -> sqlite3.Connection:
        # One connection per read: cheap on SQLite, and no connection is shared between server threads.
        return sqlite3.connect(self.uri, uri=True, check_same_thread=False)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        connection = self._connect()
        try:
            row = connection.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                (z, x, 2**z - 1 - y),
            ).fetchone()
        finally:
            connection.close()
        return bytes(row[0]) if row else None


class _PMTiles:
    """PMTiles v3, read through the `pmtiles` package over a read-only memory map of the file (which stays
    valid once the file is closed)."""

    def __init__(self, path: Path) -> None:
        try:
            with path.open("rb") as file:
                mapping = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            self._reader = Reader(lambda offset, length: mapping[offset : offset + length])
            header = self._reader.header()
            metadata = self._reader.metadata()
        except (MagicNumberNotFound, SpecVersionUnsupported):
            raise TileArchiveError("is not a PMTiles version 3 archive") from None
        except (OSError, ValueError, IndexError, EOFError) as error:
            raise TileArchiveError(f"is not a readable PMTiles archive: {error}") from None
        kind = PMTILES_FORMATS.get(header["tile_type"])
        if kind is None:
            raise TileArchiveError(
                f"holds {header['tile_type'].name.lower()} tiles; only raster png, jpg or webp are served"
            )
        if header["tile_compression"] not in {Compression.NONE, Compression.UNKNOWN}:
            raise TileArchiveError(f"compresses its tiles ({header['tile_compression'].name.lower()})")
        bounds = _bounds(
            [header[key] / 1e7 for key in ("min_lon_e7", "min_lat_e7", "max_lon_e7", "max_lat_e7")]
        )
        self.info = ArchiveInfo(
            kind="pmtiles",
            media_type=MEDIA_TYPES[kind],
            min_zoom=_zoom(header["min_zoom"], "min_zoom"),
            max_zoom=_zoom(header["max_zoom"], "max_zoom"),
            bounds=bounds,
            attribution=str(metadata.get("attribution", "")) if isinstance(metadata, dict) else "",
        )

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        data = self._reader.get(z, x, y)
        return bytes(data) if data else None
