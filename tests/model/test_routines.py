"""Routines are data: the six built-in files load; a broken file names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.routines import BUILTIN_DIR, RoutineError, load_routine, load_routines, routines

GOOD = """\
id = "egen_rutin"
name = "Egen rutin"
follow_up = false

[deadline]
kind = "working_days"
days = 10

[[steps]]
id = "presentation"
title = "Presentationsrunda"
kind = "attendance"
minutes = 5
guidance = "Alla säger namn."

[[steps]]
id = "dialog"
title = "Dialog"
kind = "dialog"
minutes = 20
guidance = "Planen."
"""


def test_all_six_builtin_routines_load():
    found = load_routines((BUILTIN_DIR,))
    assert sorted(found) == [
        "forsta_natverksmote",
        "forsta_natverksmote_vastbus",
        "uppfoljande_lotsmote",
        "vastbas_formote",
        "vastbas_natverksmote_1",
        "vastbas_natverksmote_2",
    ]
    for r in found.values():
        assert r.name and r.steps and r.planned_minutes > 0
        assert r.steps[0].kind == "attendance"
        assert len({s.id for s in r.steps}) == len(r.steps)
    assert found["uppfoljande_lotsmote"].follow_up
    assert found["vastbas_natverksmote_2"].coordinator == "kontaktperson"
    assert found["forsta_natverksmote"].coordinator == "samordnare"


def test_municipality_folder_adds_a_routine(tmp_path, monkeypatch):
    folder = tmp_path / "config" / "rutiner"
    folder.mkdir(parents=True)
    (folder / "egen.toml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("LOTSEN_CONFIG_DIR", str(tmp_path / "config"))
    routines.cache_clear()
    assert routines()["egen_rutin"].deadline.days == 10
    assert len(routines()) == 7


def _broken(tmp_path: Path, text: str) -> RoutineError:
    path = tmp_path / "trasig.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoutineError) as err:
        load_routine(path)
    assert str(path) in str(err.value)
    return err.value


def _line(text: str, needle: str, nth: int = 1) -> int:
    hits = [i + 1 for i, ln in enumerate(text.splitlines()) if needle in ln]
    return hits[nth - 1]


def test_bad_toml_names_the_line(tmp_path):
    text = GOOD.replace('title = "Dialog"', 'title = "Dialog')
    err = _broken(tmp_path, text)
    line = _line(text, 'title = "Dialog')
    assert f"rad {line}:" in str(err)
    assert "felaktig TOML" in str(err)


def test_unknown_step_kind_names_the_line(tmp_path):
    text = GOOD.replace('kind = "dialog"', 'kind = "samtal"')
    err = _broken(tmp_path, text)
    assert f"rad {_line(text, 'samtal')}:" in str(err) and "okänd stegtyp 'samtal'" in str(err)


def test_unknown_deadline_kind_names_its_line(tmp_path):
    text = GOOD.replace('kind = "working_days"', 'kind = "veckor"')
    err = _broken(tmp_path, text)
    assert f"rad {_line(text, 'veckor')}:" in str(err)


def test_missing_step_key_names_the_step(tmp_path):
    text = GOOD.replace("minutes = 20\n", "")
    err = _broken(tmp_path, text)
    assert f"rad {_line(text, '[[steps]]', 2)}:" in str(err) and "'minutes'" in str(err)


def test_missing_top_level_key(tmp_path):
    text = GOOD.replace('name = "Egen rutin"\n', "")
    err = _broken(tmp_path, text)
    assert "rad 1:" in str(err) and "'name' saknas" in str(err)


def test_duplicate_step_id_names_the_second(tmp_path):
    text = GOOD.replace('id = "dialog"', 'id = "presentation"')
    err = _broken(tmp_path, text)
    line = _line(text, 'id = "presentation"', 2)
    assert f"rad {line}:" in str(err)
    assert "finns två gånger" in str(err)


def test_non_positive_minutes(tmp_path):
    text = GOOD.replace("minutes = 5", "minutes = 0")
    err = _broken(tmp_path, text)
    assert f"rad {_line(text, 'minutes = 0')}:" in str(err)


def test_broken_municipality_file_stops_loading_with_its_name(tmp_path, monkeypatch):
    folder = tmp_path / "config" / "rutiner"
    folder.mkdir(parents=True)
    (folder / "fel.toml").write_text("id = \n", encoding="utf-8")
    monkeypatch.setenv("LOTSEN_CONFIG_DIR", str(tmp_path / "config"))
    routines.cache_clear()
    with pytest.raises(RoutineError, match="fel.toml, rad 1"):
        routines()


def test_absurd_deadline_is_refused_with_its_line(tmp_path):
    text = GOOD.replace("days = 10", "days = 100000000")
    err = _broken(tmp_path, text)
    assert f"rad {_line(text, 'days = 100000000')}:" in str(err)
    assert "'days' får vara högst 1000" in str(err)
