import numpy as np

from peacekeeper.theatre.distances import km_between, moved_by_km


def test_a_point_moved_by_km_is_that_far_from_where_it_started():
    rng = np.random.default_rng(3)
    lats, lons = rng.uniform(41.9, 43.3, 200), rng.uniform(20.0, 21.8, 200)
    km, bearing = rng.uniform(0, 15, 200), rng.uniform(0, 2 * np.pi, 200)
    moved_lats, moved_lons = moved_by_km(lats, lons, km * np.cos(bearing), km * np.sin(bearing))
    back = [km_between(moved_lats[i], moved_lons[i], lats[i], lons[i]) for i in range(200)]
    np.testing.assert_allclose(back, km, rtol=1e-9, atol=1e-9)
