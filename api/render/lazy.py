"""Read-only mappings over a Store's reads: the library and the catalogs, fetched one topic or locale at a time."""

from collections.abc import Iterator, Mapping, Sequence

from api.content.model import TopicVersion

PAGE = 1000  # topic ids read at a time when the whole library is walked (exports, checks of an upload)


class Versions(Sequence):
    """A topic's published versions, oldest first, each read on first use."""

    def __init__(self, store, topic_id: str, latest: int):
        self.store, self.topic_id, self.latest = store, topic_id, latest

    def __len__(self) -> int:
        return self.latest

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.latest))]
        if index < 0:
            index += self.latest
        if not 0 <= index < self.latest:
            raise IndexError(index)
        return self.store.topic_version(self.topic_id, index + 1)


class Library(Mapping):
    """{topic id: Versions}, in topic id order; only what is asked for is read."""

    def __init__(self, store):
        self.store = store

    def __getitem__(self, topic_id: str) -> Versions:
        latest = self.store.latest_topic(topic_id) if isinstance(topic_id, str) else None
        if latest is None:
            raise KeyError(topic_id)
        return Versions(self.store, topic_id, latest.version)

    def __contains__(self, topic_id) -> bool:
        return isinstance(topic_id, str) and self.store.latest_topic(topic_id) is not None

    def __iter__(self) -> Iterator[str]:
        after = None
        while ids := self.store.reads.topic_ids(after, PAGE):
            yield from ids
            after = ids[-1]

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Catalogs(Mapping):
    """{tag: CatalogMeta} of every served locale, the source first (None: it has no catalog)."""

    def __init__(self, store, tags):
        self.store, self.tags = store, tuple(tags)

    def __getitem__(self, tag: str):
        if tag not in self.tags:
            raise KeyError(tag)
        return self.store.meta(tag)

    def __contains__(self, tag) -> bool:
        return tag in self.tags

    def __iter__(self) -> Iterator[str]:
        return iter(self.tags)

    def __len__(self) -> int:
        return len(self.tags)


def first_topic(store) -> TopicVersion | None:
    """Return the first topic's latest version (by id), or None for an empty library."""
    ids = store.reads.topic_ids(None, 1)
    return store.latest_topic(ids[0]) if ids else None
