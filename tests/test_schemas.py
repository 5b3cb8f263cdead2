"""The editor schemas in data/schema/ are fresh, the data passes them, and they reject what pydantic rejects."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from macros.loader import read_yaml
from macros.models import DATA_FILES
from scripts.generate_schemas import schema_path, schema_text
from tests.conftest import ROOT


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_committed_schema_is_fresh(name):
    path = schema_path(name)
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing; run `make schemas`"
    assert path.read_text(encoding="utf-8") == schema_text(name), (
        f"{path.relative_to(ROOT)} does not match macros/models.py; run `make schemas` and commit it"
    )


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_data_file_names_its_schema_on_line_one(name):
    first = (ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=schema/{name}.schema.json"


def validator(name: str) -> Draft202012Validator:
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_data_passes_its_json_schema(name):
    document = read_yaml(ROOT / "data" / f"{name}.yml")
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(name).iter_errors(document)]
    assert errors == []


def _plain(name: str):
    return json.loads(json.dumps(read_yaml(ROOT / "data" / f"{name}.yml")))


def _first_item(name: str, document: dict) -> dict:
    return document[{"instructions": "instructions", "principles": "principles", "examples": "examples",
                     "measurements": "base_images"}[name]][0]


BREAKAGES = {
    "unknown field": lambda item: item.update({"sumary": "typo"}),
    "missing required field": lambda item: item.pop(next(k for k in ("name", "id") if k in item)),
    "wrong type": lambda item: item.update({"title" if "title" in item else "summary": 42}),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_schema_and_models_reject_the_same_mistakes(name, breakage):
    document = copy.deepcopy(_plain(name))
    BREAKAGES[breakage](_first_item(name, document))
    schema_errors = list(validator(name).iter_errors(document))
    assert schema_errors, f"the JSON Schema accepts a {breakage} in {name}.yml"
    with pytest.raises(ValidationError):
        DATA_FILES[name].model_validate(document)


def test_validate_data_script_reports_file_line_and_field(tmp_path, capsys):
    from scripts import validate_data

    data = tmp_path / "data"
    (data / "schema").mkdir(parents=True)
    for name in DATA_FILES:
        (data / f"{name}.yml").write_text((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))
        (data / "schema" / f"{name}.schema.json").write_text(schema_text(name))
    text = (data / "examples.yml").read_text(encoding="utf-8")
    (data / "examples.yml").write_text(text.replace("    container_port: 8080\n", "    container_port: http\n", 1))
    assert validate_data.main(data) == 1
    err = capsys.readouterr().err
    assert "examples.yml:" in err and "examples[0].container_port" in err and "JSON Schema" in err
