"""translations/locales.yaml is refused, naming the file and the field, in every shape YAML can mistype (issue 17)."""

import shutil
from pathlib import Path

import pytest

from api import create_app
from api.i18n.negotiate import load_negotiator

ROOT = Path(__file__).resolve().parent.parent
SUPPORTED = ["es", "pt-BR", "zh-Hans", "zh-Hant"]
# (locales.yaml body, the field, the offending key or value, what marshmallow says is wrong with it)
MALFORMED = [
    ("aliases:\n  no: nb\n", "aliases", "False", "Not a valid string."),  # YAML 1.1 reads the key `no` as False
    ("aliases:\n  pt: 1\n", "aliases", "'pt'", "Not a valid string."),  # a number, not a tag
    ("aliases:\n  off: es\n", "aliases", "False", "Not a valid string."),
    ("fallbacks:\n  1: [es]\n", "fallbacks", "1", "Not a valid string."),
    ("fallbacks:\n  zh-Hant: zh-Hans\n", "fallbacks", "'zh-Hant'", "Not a valid list."),  # a string, not a list
    ("fallbacks:\n  zh-Hant: [1]\n", "fallbacks", "'zh-Hant'", "Not a valid string."),
    ("default: [en]\n", "default", "default", "Not a valid string."),
]


@pytest.mark.parametrize(("body", "field", "offender", "why"), MALFORMED)
def test_each_malformed_shape_is_refused_naming_the_file_and_the_field(tmp_path, body, field, offender, why):
    path = tmp_path / "locales.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError) as refused:  # not an AttributeError, and never loaded silently
        load_negotiator(path, SUPPORTED, "en")
    message = str(refused.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert f"'{field}'" in message and offender in message and why in message, message


@pytest.mark.parametrize(("body", "field"), [(body, field) for body, field, _, _ in MALFORMED[:5]])
def test_start_up_refuses_a_malformed_locales_yaml(tmp_path, body, field):
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    (translations / "locales.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"locales\.yaml: .*'{field}'"):
        create_app({"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "h", "PARSE_CACHE_DIR": "off"})


def test_well_typed_aliases_and_fallbacks_load(tmp_path):
    """The refusals above are about types alone: quoted "no" and a list load and negotiate."""
    path = tmp_path / "locales.yaml"
    path.write_text('aliases:\n  "no": es\n  pt: pt-BR\nfallbacks:\n  zh-Hant: [zh-Hans]\n', encoding="utf-8")
    negotiator = load_negotiator(path, SUPPORTED, "en")
    assert negotiator.for_tag("no").chain == ("es", "en")
    assert negotiator.for_tag("zh-Hant").chain == ("zh-Hant", "zh-Hans", "en")
