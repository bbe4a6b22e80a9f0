"""Road lines noded into stretches: shared stretches once, with every label; points put on the lines."""

import pytest

from peacekeeper.theatre.road_graph import LineGraph, canonical_designation

# A small cross of roads around (42.6, 21.0), about 8 km across.
WEST, CENTRE, EAST = (42.6, 20.95), (42.6, 21.0), (42.6, 21.05)
NORTH, SOUTH = (42.65, 21.0), (42.55, 21.0)


def test_two_roads_along_the_same_points_are_one_stretch_carrying_both():
    graph = LineGraph()
    graph.add_line([WEST, CENTRE, EAST], "N2")
    graph.add_line([WEST, CENTRE], "E65")
    stretches = graph.stretches(nodes=[])
    assert {(s.labels, len(s.vertices)) for s in stretches} == {
        (frozenset({"N2", "E65"}), 2),
        (frozenset({"N2"}), 2),
    }


def test_lines_meeting_at_a_point_are_cut_there_and_a_bend_is_not():
    graph = LineGraph()
    graph.add_line([WEST, CENTRE, EAST], "N2")
    graph.add_line([NORTH, CENTRE, SOUTH], "R102")
    assert len(graph.stretches(nodes=[])) == 4
    bent = LineGraph()
    bent.add_line([WEST, CENTRE, NORTH], "N9")
    [stretch] = bent.stretches(nodes=[])
    assert stretch.vertices == (0, 1, 2)
    assert stretch.km == pytest.approx(4.1 + 5.5, abs=0.2)


def test_a_crossing_near_a_road_is_put_on_it_and_a_far_one_is_not():
    graph = LineGraph()
    graph.add_line([WEST, EAST], "N9")
    vertex, moved = graph.anchor(42.603, 21.0, within_km=1.0)
    assert moved == pytest.approx(0.33, abs=0.02)
    assert (graph.lats[vertex], graph.lons[vertex]) == (42.603, 21.0)
    assert [s.labels for s in graph.stretches(nodes=[vertex])] == [frozenset({"N9"})] * 2
    assert graph.anchor(42.7, 21.0, within_km=1.0)[0] is None


def test_a_town_becomes_a_node_at_the_nearest_point_of_the_road():
    graph = LineGraph()
    graph.add_line([WEST, EAST], "N9")
    vertex = graph.bind(42.61, 21.0, within_km=2.0)
    assert (graph.lats[vertex], graph.lons[vertex]) == (42.6, 21.0)
    assert graph.bind(42.7, 21.0, within_km=2.0) is None


def test_a_ring_with_no_node_on_it_is_walked_once():
    graph = LineGraph()
    graph.add_line([WEST, NORTH, EAST, SOUTH, WEST], "ring")
    [stretch] = graph.stretches(nodes=[])
    assert stretch.vertices[0] == stretch.vertices[-1]
    assert len(stretch.vertices) == 5


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("M 2", "M-2"), ("M2", "M-2"), ("M-2", "M-2"), ("N-9.1", "N9.1"), ("R 7", "R7"), ("E 65", "E65"),
     ("Autostrada Ibrahim Rugova", None)],
)  # fmt: skip
def test_a_road_number_is_written_one_way(written, canonical):
    assert canonical_designation(written) == canonical
