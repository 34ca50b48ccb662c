"""Generate a library of N topics (copies of the shipped one under new ids) with full catalogs, for scale tests."""

import shutil
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from api.content.lock import lock_version

ROOT = Path(__file__).resolve().parent.parent
SOURCE_TOPIC = "muscle-spasms"


def generate(count: int, target: Path) -> tuple[Path, Path]:
    """Write content/ and translations/ for `count` topics under target; return both directories."""
    content, translations = target / "content", target / "translations"
    shutil.rmtree(target, ignore_errors=True)
    content.mkdir(parents=True)
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history", "*.pot"))
    source = (ROOT / "content" / SOURCE_TOPIC / "1.yaml").read_text(encoding="utf-8")
    ids = [SOURCE_TOPIC] + [f"topic-{i:05d}" for i in range(1, count)]
    for topic_id in ids:
        raw = source.replace(f"topic: {SOURCE_TOPIC}", f"topic: {topic_id}").encode()
        (content / topic_id).mkdir()
        (content / topic_id / "1.yaml").write_bytes(raw)
        lock_version(content, f"{topic_id}/1.yaml", raw)
    for po_path in translations.glob("*/LC_MESSAGES/content.po"):
        with po_path.open("rb") as f:
            catalog = read_po(f)
        originals = [m for m in catalog if m.id and m.context]
        for topic_id in ids[1:]:
            for message in originals:
                context = message.context.replace(SOURCE_TOPIC + "/", topic_id + "/", 1)
                catalog.add(message.id, message.string, context=context)
        with po_path.open("wb") as f:
            write_po(f, catalog, width=0, omit_header=False)
    return content, translations


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
