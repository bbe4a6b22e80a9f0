"""A deployment's own base map (PEACEKEEPER_BASEMAP): an MBTiles or PMTiles raster archive, built here in
the real format, served tile by tile by the product itself, and refused at start when it cannot serve."""

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pmtiles.reader import MmapSource, Reader
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import write

from peacekeeper.theatre.basemap import map_basemap
from peacekeeper.theatre.tile_archives import TileArchive, TileArchiveError

# Two neighbouring zoom-9 tiles over Pristina (XYZ rows: 0 at the north), and one at zoom 10.
NORTH, SOUTH, CLOSER = (9, 286, 187), (9, 286, 188), (10, 572, 375)
CREDIT = "© Example national mapping agency"
BOUNDS = (20.0, 41.8, 21.8, 43.3)


def png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, format="PNG")
    return buffer.getvalue()


TILES = {NORTH: png((200, 0, 0)), SOUTH: png((0, 0, 200)), CLOSER: png((0, 200, 0))}


def build_mbtiles(path: Path, *, tile_format: str = "png") -> Path:
    """MBTiles 1.3: metadata (name, value) and tiles stored with TMS rows (0 at the south)."""
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE metadata (name text, value text);"
        "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);"
        "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
    )
    metadata = {
        "name": "Test map",
        "format": tile_format,
        "minzoom": "9",
        "maxzoom": "10",
        "bounds": ",".join(str(value) for value in BOUNDS),
        "attribution": CREDIT,
    }
    connection.executemany("INSERT INTO metadata VALUES (?, ?)", metadata.items())
    connection.executemany(
        "INSERT INTO tiles VALUES (?, ?, ?, ?)",
        [(z, x, 2**z - 1 - y, data) for (z, x, y), data in TILES.items()],
    )
    connection.commit()
    connection.close()
    return path


def build_pmtiles(path: Path) -> Path:
    with write(str(path)) as writer:
        for (z, x, y), data in sorted(TILES.items(), key=lambda item: zxy_to_tileid(*item[0])):
            writer.write_tile(zxy_to_tileid(z, x, y), data)
        writer.finalize(
            {
                "tile_type": TileType.PNG,
                "tile_compression": Compression.NONE,
                "min_lon_e7": int(BOUNDS[0] * 1e7),
                "min_lat_e7": int(BOUNDS[1] * 1e7),
                "max_lon_e7": int(BOUNDS[2] * 1e7),
                "max_lat_e7": int(BOUNDS[3] * 1e7),
                "center_zoom": 9,
                "center_lon_e7": int(21.16 * 1e7),
                "center_lat_e7": int(42.66 * 1e7),
            },
            {"attribution": CREDIT},
        )
    return path


@pytest.fixture(params=["mbtiles", "pmtiles"])
def archive(request, tmp_path, settings):
    build = build_mbtiles if request.param == "mbtiles" else build_pmtiles
    path = build(tmp_path / f"map.{request.param}")
    settings.BASEMAP = str(path)
    return path


@pytest.fixture
def reader(client, german_watchkeeper):
    client.force_login(german_watchkeeper)
    return client


def tile_url(z: int, x: int, y: int) -> str:
    return f"/api/theatre/basemap/tiles/{z}/{x}/{y}"


def test_each_tile_is_served_as_stored_with_the_map_row_at_the_north(archive, reader):
    for address, data in TILES.items():
        response = reader.get(tile_url(*address))
        assert response.status_code == 200, address
        assert response.content == data, f"{address}: another tile's bytes (rows not flipped?)"
        assert response["Content-Type"] == "image/png"
        assert response["Cache-Control"] == "private, max-age=86400"


def test_an_unchanged_tile_is_answered_304(archive, reader):
    first = reader.get(tile_url(*NORTH))
    again = reader.get(tile_url(*NORTH), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == "private, max-age=86400"


@pytest.mark.parametrize("address", [(9, 0, 0), (11, 1144, 750), (9, 512, 0), (0, 0, 0), (40, 1, 1)])
def test_a_tile_the_archive_does_not_hold_is_404(archive, reader, address):
    response = reader.get(tile_url(*address))
    assert response.status_code == 404
    assert response.json()["detail"] == "Not Found"


def test_tiles_are_for_logged_in_readers_only(archive, client):
    assert client.get(tile_url(*NORTH)).status_code == 401


def test_without_an_archive_there_are_no_tiles(reader, settings):
    settings.BASEMAP = ""
    assert reader.get(tile_url(*NORTH)).status_code == 404
    assert map_basemap()["tiles"] is None


def test_the_maps_take_zooms_extent_and_credit_from_the_archive(archive):
    tiles = map_basemap()["tiles"]
    assert tiles == {
        "url": "/api/theatre/basemap/tiles/{z}/{x}/{y}",
        "minZoom": 9,
        "maxZoom": 10,
        "bounds": [[41.8, 20.0], [43.3, 21.8]],
        "attribution": CREDIT,
    }
    assert map_basemap()["maxZoom"] == 10


def test_the_pmtiles_archive_reads_back_with_the_pmtiles_library(tmp_path):
    path = build_pmtiles(tmp_path / "map.pmtiles")
    with path.open("rb") as file:
        reader = Reader(MmapSource(file))
        assert reader.header()["tile_type"] == TileType.PNG
        assert reader.metadata()["attribution"] == CREDIT
        assert {address: reader.get(*address) for address in TILES} == TILES


def test_an_archive_that_cannot_serve_a_raster_map_is_refused_with_the_reason(tmp_path):
    text = tmp_path / "notes.mbtiles"
    text.write_text("not a map", encoding="utf-8")
    with pytest.raises(TileArchiveError, match="neither an MBTiles"):
        TileArchive(text)
    with pytest.raises(TileArchiveError, match="cannot be read"):
        TileArchive(tmp_path / "missing.pmtiles")
    vector = build_mbtiles(tmp_path / "vector.mbtiles", tile_format="pbf")
    with pytest.raises(TileArchiveError, match="only raster"):
        TileArchive(vector)
    empty = sqlite3.connect(tmp_path / "empty.mbtiles")
    empty.execute("CREATE TABLE t (x)")
    empty.commit()
    empty.close()
    with pytest.raises(TileArchiveError, match="not a readable MBTiles"):
        TileArchive(tmp_path / "empty.mbtiles")


def test_a_server_configured_with_a_missing_archive_does_not_start(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PEACEKEEPER_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="peacekeeper.settings",
        PEACEKEEPER_SECRET_KEY="s" * 60,
        PEACEKEEPER_HOME=str(tmp_path),
        PEACEKEEPER_BASEMAP=str(tmp_path / "kosovo.mbtiles"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: PEACEKEEPER_BASEMAP=" in result.stderr
    assert "kosovo.mbtiles' cannot be read" in result.stderr
