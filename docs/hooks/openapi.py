"""MkDocs hook: publish the repository's openapi.yaml in the site, beside the reference page that renders it."""

from pathlib import Path

from mkdocs.structure.files import File

CONTRACT = Path(__file__).resolve().parents[2] / "openapi.yaml"


def on_files(files, config):
    """Add openapi.yaml, read from the repository root at build time: one contract, never copied into docs/."""
    files.append(File.generated(config, "openapi.yaml", abs_src_path=str(CONTRACT)))
    return files
