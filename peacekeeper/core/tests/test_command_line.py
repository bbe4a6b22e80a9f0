"""The `peacekeeper` command's theatre and user subcommands, as an administrator runs them."""

import json

import pytest
from django.contrib.auth.models import User

from peacekeeper.cli import main
from peacekeeper.theatre.loading import SCENARIO_ROOT
from peacekeeper.theatre.models import Area


@pytest.mark.django_db
def test_load_theatre_twice_changes_nothing_the_second_time(capsys):
    assert main(["load-theatre"]) == 0
    assert main(["load-theatre"]) == 0
    assert "areas: 46 (0 new, 0 updated, 0 removed)" in capsys.readouterr().out


@pytest.mark.django_db
def test_replacing_boundaries_reports_unmatched_features_and_exits_non_zero(theatre, tmp_path, capsys):
    collection = json.loads((SCENARIO_ROOT / "kosovo" / "municipalities.geojson").read_text(encoding="utf-8"))
    for number, feature in enumerate(collection["features"]):
        # As a geoBoundaries release names them: "Municipality of <name>", with its own shape ids.
        name = feature["properties"]["name_en"]
        feature["properties"] = {"shapeName": f"Municipality of {name}", "shapeID": f"NEW-{number}"}
    collection["features"][0]["properties"]["shapeName"] = "Municipality of Atlantis"
    path = tmp_path / "adm2.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    assert main(["load-theatre", "--boundaries", str(path)]) == 1
    out = capsys.readouterr().out
    assert "37 boundaries replaced, 1 features not matched" in out
    assert "feature 0 (Municipality of Atlantis)" in out


@pytest.mark.django_db
def test_a_broken_boundary_file_is_refused_with_the_reason(theatre, tmp_path, capsys):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]}')
    before = Area.objects.get(name_en="Zvečan").boundary
    assert main(["load-theatre", "--boundaries", str(path)]) == 2
    assert "feature 0" in capsys.readouterr().err
    assert Area.objects.get(name_en="Zvečan").boundary == before


@pytest.mark.django_db
def test_createuser_sets_the_access_attributes(theatre, tmp_path, capsys):
    password = tmp_path / "password"
    password.write_text("Kfor-watch-2026-long")
    code = main(
        [
            "createuser",
            "m.dupont",
            "--organisation",
            "POL",
            "--nation",
            "POL",
            "--mission",
            "KFOR",
            "--clearance",
            "NATO CONFIDENTIAL",
            "--role",
            "analyst",
            "--password-file",
            str(password),
        ]
    )
    assert code == 0, capsys.readouterr().err
    profile = User.objects.get(username="m.dupont").profile
    assert (profile.organisation.code, profile.get_clearance_display(), profile.roles) == (
        "POL",
        "NATO CONFIDENTIAL",
        ["analyst"],
    )


@pytest.mark.django_db
def test_createuser_refuses_an_unknown_role_or_a_weak_password(theatre, tmp_path, capsys):
    password = tmp_path / "password"
    password.write_text("Kfor-watch-2026-long")
    args = [
        "createuser",
        "x",
        "--organisation",
        "POL",
        "--clearance",
        "NATO SECRET",
        "--password-file",
        str(password),
    ]
    assert main([*args, "--role", "general"]) == 2
    assert "roles: general" in capsys.readouterr().err
    password.write_text("123")
    assert main([*args, "--role", "analyst"]) == 2
    assert "password" in capsys.readouterr().err
