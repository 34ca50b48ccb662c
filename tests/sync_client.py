"""An offline app that follows the README's sync loop, over any transport, for the sync tests."""

import time
from urllib.parse import quote

MAX_PAGES = 50  # a delta loop never needs more pages than this in the tests


class OfflineApp:
    """Hold one locale's topics as the README says: the bundle and its cursor, then deltas."""

    def __init__(self, locale: str, get_json):
        self.locale, self.get_json = locale, get_json  # get_json(path) -> the parsed body of a 200
        self.cursor: str | None = None
        self.topics: dict[str, dict] = {}

    def first_launch(self) -> None:
        """Fetch the bundle and keep its topics and its cursor."""
        bundle = self.get_json(f"/v1/bundles/{self.locale}")
        self.topics = {topic["topic"]: topic for topic in bundle["topics"]}
        for _ in range(MAX_PAGES):  # a bundle pages by size: follow next, keep the last page's cursor
            if not bundle.get("next"):
                break
            bundle = self.get_json(bundle["next"])
            self.topics |= {topic["topic"]: topic for topic in bundle["topics"]}
        self.cursor = bundle.get("cursor") or self.get_json("/v1/changes")["next"]  # the old README: the feed's

    def sync(self) -> list[dict]:
        """Ask for the changes since the cursor, fetch each, keep the new cursor; return the changes."""
        seen, deadline = [], time.monotonic() + 30
        for _ in range(MAX_PAGES):
            page = self.get_json(f"/v1/changes?since={quote(self.cursor)}&locale={self.locale}")
            for change in page["changes"]:
                if change["locale"] == self.locale:
                    url = change.get("url") or f"/v1/topics/{change['topic']}?locale={self.locale}"
                    self.topics[change["topic"]] = self.get_json(url)
            seen += page["changes"]
            self.cursor = page["next"]
            if not page["more"] or time.monotonic() > deadline:
                return seen
        raise AssertionError("the changes feed kept saying more")

    def served(self) -> dict[str, dict]:
        """Return what the server now serves for every topic the app holds."""
        return {topic_id: self.get_json(f"/v1/topics/{topic_id}?locale={self.locale}") for topic_id in self.topics}
