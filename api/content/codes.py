"""The clinical codes each topic answers (content/codes.yaml), and lookup by code in any accepted spelling."""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError, fields, validate

from api.content.loader import ContentError, flatten_errors

CODES_NAME = "codes.yaml"


@dataclass(frozen=True)
class CodeSystem:
    name: str  # our short name, as in codes.yaml
    oid: str  # HL7 v3 OID, as MedlinePlus Connect and the Infobutton guide send it
    uri: str  # FHIR canonical URI
    title: str
    pattern: re.Pattern  # a normalized code of this system


ICD10CM = CodeSystem("icd-10-cm", "2.16.840.1.113883.6.90", "http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM",
                     re.compile(r"[A-Z][0-9][0-9A-Z]{1,5}"))  # fmt: skip
SNOMED = CodeSystem("snomed-ct", "2.16.840.1.113883.6.96", "http://snomed.info/sct", "SNOMED CT",
                    re.compile(r"[1-9][0-9]{5,17}"))  # fmt: skip
SYSTEMS = (ICD10CM, SNOMED)
_BY_NAME = {
    **{s.name: s for s in SYSTEMS},
    **{s.oid: s for s in SYSTEMS},
    **{"urn:oid:" + s.oid: s for s in SYSTEMS},
    **{s.uri: s for s in SYSTEMS},
}


def code_system(value: str) -> CodeSystem | None:
    """Return the code system named by its OID (bare or urn:oid:), FHIR URI or short name, or None."""
    return _BY_NAME.get(value.strip().lower().rstrip("/"))


def normalize(system: CodeSystem, raw: str) -> str | None:
    """Return the code without dot, upper case ('m62.838' -> 'M62838'), or None if malformed."""
    code = raw.strip().upper()
    if system is ICD10CM and code[3:4] == ".":  # the one place ICD-10-CM prints a dot
        code = code[:3] + code[4:]
    return code if len(code) <= 18 and system.pattern.fullmatch(code) else None


def display_code(system: CodeSystem, code: str) -> str:
    """Return the code as the system prints it (ICD-10-CM with its dot after the category: 'M62.838')."""
    return f"{code[:3]}.{code[3:]}" if system is ICD10CM and len(code) > 3 else code


@dataclass(frozen=True)
class Coding:
    system: CodeSystem
    code: str  # normalized: no dot
    display: str  # the title the code system itself gives (checked against CMS in the tests)

    @property
    def printed(self) -> str:
        """Return the code as the system prints it."""
        return display_code(self.system, self.code)


class CodingSchema(Schema):
    system = fields.String(required=True, validate=validate.OneOf([s.name for s in SYSTEMS]))
    code = fields.String(required=True, validate=validate.Length(min=1, max=40))
    display = fields.String(required=True, validate=validate.Length(min=1, max=400))
    source = fields.String(validate=validate.Length(min=1, max=400))  # where a non-CMS label was read


class CodeIndexSchema(Schema):
    topics = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(CodingSchema)), required=True)


class CodeIndex:
    """Which topics answer which codes; hashable by identity, so representations built from it can be cached."""

    def __init__(self, by_topic: dict[str, tuple[Coding, ...]]):
        self.by_topic = by_topic

    def codings(self, topic_id: str) -> tuple[Coding, ...]:
        """Return the codes a topic lists (none if it lists none)."""
        return self.by_topic.get(topic_id, ())

    def topics_for(self, system: CodeSystem, code: str) -> list[str]:
        """Return the topics that answer a normalized code: listed as is, as its parent or as its child."""
        return [t for t, codings in self.by_topic.items()
                if any(c.system is system and related(system, code, c.code) for c in codings)]  # fmt: skip


NO_CODES = CodeIndex({})


def related(system: CodeSystem, asked: str, listed: str) -> bool:
    """Say whether a listed code answers an asked one: the same, or (ICD-10-CM) an ancestor or descendant."""
    if asked == listed:
        return True
    return system is ICD10CM and (asked.startswith(listed) or listed.startswith(asked))


def load_codes(content_dir: Path, topics) -> CodeIndex:
    """Return the index in content/codes.yaml (empty when absent), or raise ContentError naming the field."""
    path = content_dir / CODES_NAME
    if not path.exists():
        return CodeIndex({})
    try:
        data = CodeIndexSchema().load(yaml.safe_load(path.read_bytes()) or {})
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: not valid YAML: {error}") from None
    except ValidationError as error:
        found = flatten_errors(error.messages)  # marshmallow names a dict's value ".value": drop it
        details = "; ".join(f"{field.replace('.value.', '.')}: {message}" for field, message in found)
        raise ContentError(f"{path}: {details}") from None
    by_topic = {}
    for topic_id, entries in data["topics"].items():
        if topic_id not in topics:
            raise ContentError(f"{path}: topics.{topic_id}: no such topic in {content_dir}")
        codings = []
        for number, entry in enumerate(entries):
            system = code_system(entry["system"])
            code = normalize(system, entry["code"])
            if code is None:
                raise ContentError(f"{path}: topics.{topic_id}.{number}.code: not a {system.title} code")
            if system is not ICD10CM and "source" not in entry:  # only ICD-10-CM titles are checked in tests
                raise ContentError(f"{path}: topics.{topic_id}.{number}.source: say where this label was read")
            codings.append(Coding(system, code, entry["display"]))
        by_topic[topic_id] = tuple(codings)
    return CodeIndex(by_topic)
