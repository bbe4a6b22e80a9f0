"""APP-6D symbols: codes parse, frames and amplifiers follow the standard, the view serves them cacheably."""

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from peacekeeper.cop.symbol_icons import Svg
from peacekeeper.cop.symbols import (
    ECHELONS,
    FILL,
    HQ_TF_DUMMY,
    STANDARD_IDENTITIES,
    STATUSES,
    SYMBOL_SETS,
    VERSIONS,
    SidcError,
    cot_type_for,
    parse_sidc,
    render_svg,
)

SVG = "{http://www.w3.org/2000/svg}"

# The worked examples of docs/standards.md#app-6d-symbol-codes: meaning, SIDC, the CoT type we write.
STANDARDS_TABLE = [
    ("Friendly infantry battalion", "10031000161211000000", "a-f-G-U-C-I"),
    ("Friendly armoured company", "10031000151205000000", "a-f-G-U-C-A"),
    ("Friendly MP platoon", "10031000141412000000", "a-f-G-U-U-L-M"),
    ("Friendly infantry brigade HQ", "10031002181211000000", "a-f-G-U-C-I"),
    ("Hostile land unit", "10061000000000000000", "a-h-G"),
    ("Unknown land unit", "10011000000000000000", "a-u-G"),
    ("Civil rioting, neutral", "10044000001101100000", "a-n-X-i-l-c-r"),
    ("Demonstration, neutral", "10044000001201000000", "a-n-X-i-l-c-d"),
    ("IED event, hostile", "10064000001103000000", "a-h-X"),
    ("Checkpoint (friendly control measure)", "10032500001303000000", "b-m-p"),
]


def parse(svg: str):
    return ElementTree.fromstring(svg)


def frame_of(root):
    frames = [el for el in root.iter() if el.get("class") == "frame"]
    assert len(frames) == 1
    return frames[0]


def with_classes(root, cls: str):
    return [el for el in root.iter() if el.get("class") == cls]


def land_unit(
    identity: str = "3", *, context: str = "0", status: str = "0", hq: str = "0", echelon: str = "00"
):
    return f"10{context}{identity}10{status}{hq}{echelon}121100" + "0000"


@pytest.mark.parametrize(("meaning", "sidc", "cot"), STANDARDS_TABLE)
def test_every_standards_row_parses_and_renders_valid_svg(meaning, sidc, cot):
    code = parse_sidc(sidc)
    assert code.version == "10"
    root = parse(render_svg(sidc))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    assert float(root.get("width")) > 0
    assert float(root.get("height")) > 0


@pytest.mark.parametrize(("meaning", "sidc", "cot"), STANDARDS_TABLE)
def test_cot_type_matches_the_standards_table(meaning, sidc, cot):
    assert cot_type_for(sidc) == cot


def test_it_splits_a_sidc_into_its_fields():
    code = parse_sidc("10031002181211000000")
    assert (code.version, code.context, code.standard_identity, code.symbol_set) == ("10", "0", "3", "10")
    assert (code.status, code.hq_tf_dummy, code.amplifier) == ("0", "2", "18")
    assert (code.entity, code.entity_type, code.entity_subtype) == ("12", "11", "00")
    assert (code.modifier1, code.modifier2) == ("00", "00")
    assert code.echelon == "brigade"
    assert code.is_headquarters
    assert not code.is_task_force
    assert not code.is_dummy


def test_sidc_is_immutable():
    code = parse_sidc("10031000161211000000")
    with pytest.raises(AttributeError):
        code.status = "1"


@pytest.mark.parametrize(
    ("identity", "tag", "shape", "fill"),
    [
        ("3", "rect", "rectangle", FILL["friend"]),
        ("2", "rect", "rectangle", FILL["friend"]),
        ("6", "path", "diamond", FILL["hostile"]),
        ("5", "path", "diamond", FILL["hostile"]),
        ("4", "rect", "square", FILL["neutral"]),
        ("1", "path", "quatrefoil", FILL["unknown"]),
        ("0", "path", "quatrefoil", FILL["unknown"]),
    ],
)
def test_the_frame_follows_the_standard_identity(identity, tag, shape, fill):
    frame = frame_of(parse(render_svg(land_unit(identity))))
    assert frame.tag == f"{SVG}{tag}"
    assert frame.get("data-frame") == shape
    assert frame.get("fill") == fill
    assert frame.get("stroke") == "#000000"


def test_friend_rectangle_is_wider_than_tall_and_neutral_is_square():
    friend = frame_of(parse(render_svg(land_unit("3"))))
    neutral = frame_of(parse(render_svg(land_unit("4"))))
    assert float(friend.get("width")) > float(friend.get("height"))
    assert float(neutral.get("width")) == float(neutral.get("height"))


def test_fill_colours_are_the_app6_medium_colours():
    assert FILL == {"friend": "#80E0FF", "hostile": "#FF8080", "neutral": "#AAFFAA", "unknown": "#FFFF80"}


@pytest.mark.parametrize("identity", ["0", "2", "5"])
def test_pending_assumed_friend_and_suspect_have_a_dashed_frame(identity):
    assert frame_of(parse(render_svg(land_unit(identity)))).get("stroke-dasharray")


@pytest.mark.parametrize("identity", ["1", "3", "4", "6"])
def test_confirmed_identities_have_a_solid_frame(identity):
    assert frame_of(parse(render_svg(land_unit(identity)))).get("stroke-dasharray") is None


def test_planned_status_dashes_the_frame():
    assert frame_of(parse(render_svg(land_unit(status="1")))).get("stroke-dasharray")
    assert frame_of(parse(render_svg(land_unit(status="0")))).get("stroke-dasharray") is None


@pytest.mark.parametrize(
    ("status", "colour"), [("2", "#00B050"), ("3", "#FFFF00"), ("4", "#FF0000"), ("5", "#0070C0")]
)
def test_operational_condition_draws_a_coloured_bar(status, colour):
    (bar,) = with_classes(parse(render_svg(land_unit(status=status))), "condition")
    assert bar.get("fill") == colour


@pytest.mark.parametrize("amplifier", sorted(ECHELONS))
def test_each_echelon_draws_its_marks_above_the_frame(amplifier):
    name, kind, count = ECHELONS[amplifier]
    root = parse(render_svg(land_unit(echelon=amplifier)))
    (group,) = with_classes(root, "echelon")
    assert group.get("data-echelon") == name
    marks = [el for el in group if el.get("class") == "echelon-mark"]
    assert len(marks) == (2 if kind == "team" else count)
    frame_top = float(frame_of(root).get("y"))
    for mark in marks:
        ys = [float(mark.get(a)) for a in ("y1", "y2", "cy") if mark.get(a) is not None]
        assert all(y < frame_top for y in ys)


def test_echelon_names_cover_team_to_command():
    names = [ECHELONS[code][0] for code in sorted(ECHELONS)]
    assert names[0] == "team"
    assert names[-1] == "command"
    assert "battalion" in names
    assert "army group" in names


def test_no_echelon_is_drawn_for_code_00_or_outside_land_units():
    assert not with_classes(parse(render_svg(land_unit(echelon="00"))), "echelon")
    assert not with_classes(parse(render_svg("10032000161100000000")), "echelon")


def test_headquarters_has_a_staff_descending_from_the_lower_left():
    root = parse(render_svg("10031002181211000000"))
    (staff,) = with_classes(root, "hq-staff")
    frame = frame_of(root)
    left, bottom = float(frame.get("x")), float(frame.get("y")) + float(frame.get("height"))
    assert float(staff.get("x1")) == float(staff.get("x2")) == left
    assert float(staff.get("y1")) == bottom
    assert float(staff.get("y2")) > bottom


def test_plain_unit_has_no_staff_task_force_or_dummy():
    root = parse(render_svg(land_unit(echelon="16")))
    assert not with_classes(root, "hq-staff") + with_classes(root, "task-force") + with_classes(root, "dummy")


@pytest.mark.parametrize(
    ("hq", "staff", "task_force", "dummy"),
    [
        ("2", 1, 0, 0),
        ("4", 0, 1, 0),
        ("6", 1, 1, 0),
        ("1", 0, 0, 1),
        ("3", 1, 0, 1),
        ("5", 0, 1, 1),
        ("7", 1, 1, 1),
    ],
)
def test_hq_task_force_and_dummy_amplifiers(hq, staff, task_force, dummy):
    root = parse(render_svg(land_unit(hq=hq, echelon="16")))
    assert len(with_classes(root, "hq-staff")) == staff
    assert len(with_classes(root, "task-force")) == task_force
    dummies = with_classes(root, "dummy")
    assert len(dummies) == dummy
    assert all(el.get("stroke-dasharray") for el in dummies)


@pytest.mark.parametrize(
    ("context", "identity", "letter", "shape"),
    [
        ("1", "3", "X", "rectangle"),
        ("2", "3", "S", "rectangle"),
        ("1", "5", "J", "rectangle"),
        ("1", "6", "K", "rectangle"),
    ],
)
def test_exercise_and_simulation_add_a_letter_beside_the_frame(context, identity, letter, shape):
    root = parse(render_svg(land_unit(identity, context=context)))
    (mark,) = with_classes(root, "context")
    assert mark.text == letter
    assert frame_of(root).get("data-frame") == shape


def test_reality_has_no_context_letter():
    assert not with_classes(parse(render_svg(land_unit())), "context")


def test_exercise_cot_affiliations_for_joker_and_faker():
    assert cot_type_for(land_unit("5", context="1")).startswith("a-j-G")
    assert cot_type_for(land_unit("6", context="1")).startswith("a-k-G")


@pytest.mark.parametrize(
    ("entity", "text"),
    [("141200", "MP"), ("110000", "C2"), ("140800", "EOD"), ("110500", "LO")],
)
def test_text_icons(entity, text):
    root = parse(render_svg(f"1003100016{entity}0000"))
    assert [el.text for el in with_classes(root, "icon")] == [text]


def test_infantry_is_a_cross_from_corner_to_corner():
    (icon,) = with_classes(parse(render_svg("10031000161211000000")), "icon")
    assert icon.get("d") == "M25,50 L175,150 M25,150 L175,50"


def test_mechanized_infantry_adds_the_armour_oval():
    assert len(with_classes(parse(render_svg("10031000161211020000")), "icon")) == 2


def test_an_unknown_entity_draws_the_frame_without_an_icon():
    root = parse(render_svg("10031000169999990000"))
    frame_of(root)
    assert not with_classes(root, "icon")


@pytest.mark.parametrize(("entity", "text"), [("110110", "RIOT"), ("120100", "DEMO"), ("110300", "IED")])
def test_activities_use_the_frame_of_their_identity(entity, text):
    root = parse(render_svg(f"1006400000{entity}0000"))
    assert frame_of(root).get("data-frame") == "diamond"
    assert [el.text for el in with_classes(root, "icon")] == [text]


def test_installation_has_a_cap_on_top_of_its_frame():
    root = parse(render_svg("10032000001100000000"))
    (cap,) = with_classes(root, "installation")
    frame = frame_of(root)
    assert float(cap.get("y")) + float(cap.get("height")) == float(frame.get("y"))


def test_control_measure_points_have_no_frame():
    root = parse(render_svg("10032500001303000000"))
    assert not with_classes(root, "frame")
    assert with_classes(root, "point")
    assert "CKP" in [el.text for el in with_classes(root, "icon")]


def test_land_equipment_friend_frame_is_a_circle():
    assert frame_of(parse(render_svg("10031500000000000000"))).tag == f"{SVG}circle"


def test_size_sets_pixels_per_hundred_units():
    small, large = parse(render_svg(land_unit(), size=20)), parse(render_svg(land_unit(), size=80))
    assert float(large.get("width")) == pytest.approx(4 * float(small.get("width")))
    assert small.get("viewBox") == large.get("viewBox")


def test_view_box_is_centred_on_the_frame_centre():
    x, y, w, h = (float(v) for v in parse(render_svg("10031002181211000000")).get("viewBox").split())
    assert x + w / 2 == pytest.approx(100)
    assert y + h / 2 == pytest.approx(100)


def test_size_out_of_range_is_refused():
    with pytest.raises(ValueError, match="size"):
        render_svg(land_unit(), size=5000)


@pytest.mark.parametrize(
    ("sidc", "names"),
    [
        ("1003100016121100000", "20 digits"),
        ("100310001612110000000", "20 digits"),
        ("", "20 digits"),
        ("1003100016121100000A", "position 20"),
        ("10031000 61211000000", "position 9"),
        ("12031000161211000000", "version"),
        ("10331000161211000000", "context"),
        ("10071000161211000000", "standard identity"),
        ("10039900161211000000", "symbol set"),
        ("10031090161211000000", "status"),
        ("10031008161211000000", "HQ/task force/dummy"),
    ],
)
def test_invalid_sidcs_are_rejected_naming_the_part(sidc, names):
    with pytest.raises(SidcError, match=names):
        parse_sidc(sidc)
    with pytest.raises(SidcError):
        render_svg(sidc)


def test_sidc_error_is_a_value_error():
    assert issubclass(SidcError, ValueError)


def test_non_string_is_rejected():
    with pytest.raises(SidcError, match="string"):
        parse_sidc(10031000161211000000)


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_accepted_versions(version):
    assert parse_sidc(f"{version}031000161211000000").version == version


def test_cot_types_for_other_dimensions():
    assert cot_type_for("10032000001100000000") == "a-f-G-I"
    assert cot_type_for("10031500000000000000") == "a-f-G-E"
    assert cot_type_for("10060100000000000000") == "a-h-A"
    assert cot_type_for("10033000000000000000") == "a-f-S"
    assert cot_type_for("10032500001303000000") == "b-m-p"
    assert cot_type_for("10064000001103000000") == "a-h-X"


def test_text_in_the_svg_is_escaped():
    # There is no user text today, but every label goes through the escaper all the same.
    svg = Svg()
    svg.text(100, 100, '<script>"&', size=20, cls="icon")
    root = parse(svg.document(size=40, title="a < b"))
    assert [el.text for el in root.iter(f"{SVG}text")] == ['<script>"&']
    assert root.find(f"{SVG}title").text == "a < b"


@st.composite
def valid_headers(draw):
    return (
        draw(st.sampled_from(sorted(VERSIONS)))
        + draw(st.sampled_from("012"))
        + draw(st.sampled_from(sorted(STANDARD_IDENTITIES)))
        + draw(st.sampled_from(sorted(SYMBOL_SETS)))
        + draw(st.sampled_from(sorted(STATUSES)))
        + draw(st.sampled_from(sorted(HQ_TF_DUMMY)))
        + draw(st.text(alphabet="0123456789", min_size=12, max_size=12))
    )


@given(valid_headers(), st.integers(min_value=8, max_value=512))
def test_any_code_with_valid_fields_renders_well_formed_svg(sidc, size):
    root = parse(render_svg(sidc, size=size))
    assert root.tag == f"{SVG}svg"
    assert len(root.get("viewBox").split()) == 4


@given(st.text(alphabet="0123456789", min_size=20, max_size=20))
def test_any_twenty_digits_render_or_raise_sidc_error(sidc):
    try:
        svg = render_svg(sidc)
    except SidcError:
        return
    parse(svg)


def symbol_url(sidc: str) -> str:
    return reverse("cop:symbol", args=[sidc])


@pytest.mark.django_db
class TestSymbolView:
    def test_it_serves_svg_with_long_cache_headers(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_user("watch", password="x"))
        response = client.get(symbol_url("10031000161211000000"))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert response["Cache-Control"] == "public, max-age=86400, immutable"
        parse(response.content)

    def test_it_rejects_an_invalid_sidc_with_the_reason(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_user("watch", password="x"))
        response = client.get(symbol_url("10079900161211000000"))
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        assert "standard identity" in response.content.decode()
        assert "Cache-Control" not in response or "immutable" not in response["Cache-Control"]

    def test_it_requires_login(self, client):
        response = client.get(symbol_url("10031000161211000000"))
        assert response.status_code == 302
        assert "login" in response["Location"]

    def test_it_refuses_post(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_user("watch", password="x"))
        assert client.post(symbol_url("10031000161211000000")).status_code == 405
