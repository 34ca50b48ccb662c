"""Generate a library of N topics x L locales (copies of the shipped topic and catalogs under new ids), for scale tests.

Usage: python -m bench.library TOPICS TARGET [--locales 9]
The shipped nine locales come first; more (up to 30) reuse the Spanish catalog's text under another tag.
"""

import argparse
import re
import shutil
from pathlib import Path

from api.content.lock import LOCK_NAME, file_digest
from api.i18n.tags import babel_name

ROOT = Path(__file__).resolve().parent.parent
SOURCE_TOPIC = "muscle-spasms"
SHIPPED = ["ar", "es", "fr", "ko", "pt-BR", "vi", "zh-Hans", "zh-Hant"]
EXTRA = ["de", "it", "nl", "pl", "ru", "uk", "tr", "ja", "hi", "bn", "fa", "he", "id", "th", "ro", "el", "cs", "hu",
         "sv", "da", "fi", "nb"]  # fmt: skip


def topic_ids(count: int) -> list[str]:
    """Return the ids of a generated library: the shipped topic, then topic-00001 onward."""
    return [SOURCE_TOPIC] + [f"topic-{i:05d}" for i in range(1, count)]


def write_content(ids: list[str], content: Path) -> None:
    """Write one version file per topic and the lock file that publishes them."""
    source = (ROOT / "content" / SOURCE_TOPIC / "1.yaml").read_text(encoding="utf-8")
    lines = []
    for topic_id in ids:
        raw = source.replace(f"topic: {SOURCE_TOPIC}", f"topic: {topic_id}").encode()
        (content / topic_id).mkdir(parents=True)
        (content / topic_id / "1.yaml").write_bytes(raw)
        lines.append(f"{file_digest(raw)}  {topic_id}/1.yaml\n")
    (content / LOCK_NAME).write_text("".join(lines), encoding="utf-8")


def write_catalog(source: Path, target: Path, tag: str, ids: list[str]) -> None:
    """Write a catalog for every topic: the source catalog's entries repeated under each topic's contexts."""
    text = source.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    header = re.sub(r'"Language: [^\\]*\\n"', f'"Language: {babel_name(tag)}\\\\n"', header)
    target.parent.mkdir(parents=True, exist_ok=True)
    marker = f'msgctxt "{SOURCE_TOPIC}/'
    with target.open("w", encoding="utf-8") as out:
        out.write(header + "\n\n")
        for topic_id in ids:
            out.write(body.replace(marker, f'msgctxt "{topic_id}/').rstrip("\n") + "\n\n")


def generate(count: int, target: Path, locales: int = 9) -> tuple[Path, Path]:
    """Write content/ and translations/ for `count` topics in `locales` locales (English included) under target."""
    content, translations = target / "content", target / "translations"
    shutil.rmtree(target, ignore_errors=True)
    content.mkdir(parents=True)
    ids = topic_ids(count)
    write_content(ids, content)
    translations.mkdir(parents=True)
    for name in ("locales.yaml", "content.pot", "api.pot"):
        shutil.copy(ROOT / "translations" / name, translations / name)
    tags = (SHIPPED + EXTRA)[: locales - 1]
    for tag in tags:
        shipped = tag if tag in SHIPPED else "es"
        source_dir = ROOT / "translations" / babel_name(shipped)
        target_dir = translations / babel_name(tag)
        write_catalog(source_dir / "LC_MESSAGES" / "content.po", target_dir / "LC_MESSAGES" / "content.po", tag, ids)
        api_po = (source_dir / "LC_MESSAGES" / "api.po").read_text(encoding="utf-8")
        api_po = re.sub(r'"Language: [^\\]*\\n"', f'"Language: {babel_name(tag)}\\\\n"', api_po)
        (target_dir / "LC_MESSAGES" / "api.po").write_text(api_po, encoding="utf-8")
        if (source_dir / "review.yaml").exists():
            shutil.copy(source_dir / "review.yaml", target_dir / "review.yaml")
    return content, translations


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topics", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--locales", type=int, default=9)
    args = parser.parse_args()
    print(generate(args.topics, args.target, args.locales))
