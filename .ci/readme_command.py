"""Print one of the README's two commands (run or test), byte for byte, so that CI runs what a newcomer pastes."""

import re
import sys
from pathlib import Path

section = Path(__file__).resolve().parent.parent.joinpath("README.md").read_text(encoding="utf-8")
section = section.split("\n## Two commands\n", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```sh\n(.*?)\n```", section, re.DOTALL)
run, test = blocks[0], blocks[1]
print({"run": run, "test": test}[sys.argv[1]])
