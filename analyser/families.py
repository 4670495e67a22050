"""Template families: statements made from the same generator template, or copied from one another.

Many Dutch privacy statements come out of a handful of generators and model texts (the webshop
generator, the association template, the "gevestigd aan ... is verantwoordelijk" template), with
only the organisation's name, address and a few optional paragraphs changed. Grouping them tells a
reviewer that one finding usually holds for the whole family.

Method (bounded memory, linear in the number of documents):

* each text becomes the set of its word 5-shingles (lower-cased ``\\w+`` tokens; digits kept, so a
  changed date or house number only breaks the shingles around it);
* a 128-value MinHash signature estimates the Jaccard similarity of two shingle sets
  (``MinHasher``; stable hashes, so signatures do not depend on the process or the run);
* LSH banding (42 bands of 3 values) proposes candidate pairs: documents that agree on a whole
  band; within a band's group each member is compared with the group's first member and its
  neighbour, so the cost stays linear even when thousands of copies share a bucket;
* a candidate pair is kept when its estimated Jaccard is at least ``THRESHOLD`` (0.4), and the
  families are the connected components of the kept pairs (union-find).

Why 0.4: an organisation's name swapped throughout a template text still leaves a Jaccard of about
0.95; the same paragraphs reordered with a word respelled about 0.6; a copy with a quarter of its
paragraphs dropped about 0.65, with a third dropped about 0.5. Unrelated statements that share the
usual AVG phrases (rights, Autoriteit Persoonsgegevens) stay at or below 0.15 on the bundled corpus
(the highest pairs are two government texts, and two texts that both start from the "gevestigd aan
... is verantwoordelijk" model text but were rewritten). With 3 rows per band a pair at Jaccard 0.4
becomes a candidate with probability 0.94, at 0.5 with 0.996; the estimate's standard error with 128
values is about 0.04; families of three or more are linked through any member.

Memory: 512 bytes of signature per document (51 MB for 100,000 documents) plus a few arrays of
the same length; texts are never held together.

Family ids: documents in a family of two or more share an ``int`` id, numbered 0, 1, 2 … in the
order in which each family's first member appears. A document with no near-identical partner
gets ``None`` (null in the tables): "not part of a family" is then a plain ``isna()``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

import numpy as np

NUM_PERM = 128
BANDS = 42
ROWS = NUM_PERM // BANDS  # 3; the last 2 signature values only take part in the similarity
SHINGLE = 5
THRESHOLD = 0.4
_WORD_CACHE_SIZE = 200_000
_WORD = re.compile(r"\w+")
_ALL_PAIRS_UP_TO = 24  # within a band group this small, compare every pair; above it, first + neighbour


class MinHasher:
    """MinHash signatures of word shingles, identical in every process and run (fixed seed, CRC32 words)."""

    def __init__(self, num_perm: int = NUM_PERM, shingle: int = SHINGLE, seed: int = 20240501) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.shingle = shingle
        # multiply-shift hashing of 32-bit shingle hashes: h(x) = (a * x + b) >> 32, a odd, all mod 2**64
        self._a = rng.integers(1, 1 << 63, size=(num_perm, 1), dtype=np.uint64) | np.uint64(1)
        self._b = rng.integers(0, 1 << 63, size=(num_perm, 1), dtype=np.uint64)
        self._mix = rng.integers(1, 1 << 61, size=shingle, dtype=np.uint64) | np.uint64(1)
        self._words: dict[str, int] = {}  # word → CRC32; Dutch statements reuse the same few thousand words

    def _word_hashes(self, text: str) -> np.ndarray:
        cache = self._words
        hashes = []
        for word in _WORD.findall(text.lower()):
            value = cache.get(word)
            if value is None:
                value = zlib.crc32(word.encode("utf-8"))
                if len(cache) < _WORD_CACHE_SIZE:
                    cache[word] = value
            hashes.append(value)
        return np.array(hashes, dtype=np.uint64)

    def shingles(self, text: str) -> np.ndarray:
        """The distinct 32-bit shingle hashes of a text (as uint64); empty for a text without words."""
        words = self._word_hashes(text)
        if words.size == 0:
            return words
        k = min(self.shingle, words.size)
        n = words.size - k + 1
        combined = np.zeros(n, dtype=np.uint64)
        for j in range(k):  # a wrapping polynomial hash over the k words of each shingle
            combined = combined * self._mix[j] + words[j: j + n]
        return np.unique(combined >> np.uint64(32))

    def signature(self, text: str) -> np.ndarray | None:
        """``num_perm`` minimum hashes (uint32), or None for a text without words."""
        shingles = self.shingles(text)
        if shingles.size == 0:
            return None
        out = np.full(self.num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
        step = max(1, 65536 // self.num_perm)  # bounded temporary: num_perm x step values at a time
        for lo in range(0, shingles.size, step):
            block = self._a * shingles[lo: lo + step]  # in place from here: 4x faster than one expression
            block += self._b
            block >>= np.uint64(32)
            np.minimum(out, block.min(axis=1), out=out)
        return out.astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / a.size


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = np.arange(n)

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return int(root)

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _band_groups(band: np.ndarray) -> Iterable[np.ndarray]:
    """Groups (of two or more row indices, ascending) of rows whose band values are all equal."""
    keys = np.ascontiguousarray(band).view(np.dtype((np.void, band.dtype.itemsize * band.shape[1]))).ravel()
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    boundaries = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
    starts = np.concatenate(([0], boundaries))
    ends = np.concatenate((boundaries, [len(keys)]))
    for lo, hi in zip(starts, ends, strict=True):
        if hi - lo > 1:
            yield order[lo:hi]


def assign_families(signatures: np.ndarray, valid: Sequence[bool] | np.ndarray | None = None,
                    threshold: float = THRESHOLD, bands: int = BANDS) -> list[int | None]:
    """Family id per row of ``signatures`` (n x num_perm); rows with ``valid`` False get None."""
    n = signatures.shape[0]
    if n == 0:
        return []
    valid_mask = np.ones(n, dtype=bool) if valid is None else np.asarray(valid, dtype=bool)
    rows = signatures.shape[1] // bands
    uf = _UnionFind(n)
    checked: set[tuple[int, int]] = set()

    def link(i: int, j: int) -> None:
        pair = (i, j) if i < j else (j, i)
        if pair in checked or uf.find(i) == uf.find(j):
            return
        checked.add(pair)
        if similarity(signatures[i], signatures[j]) >= threshold:
            uf.union(i, j)

    index = np.flatnonzero(valid_mask)
    for b in range(bands):
        band = signatures[index, b * rows:(b + 1) * rows]
        for group in _band_groups(band):
            members = index[group]
            if len(members) <= _ALL_PAIRS_UP_TO:
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        link(int(members[x]), int(members[y]))
            else:
                first = int(members[0])
                for x in range(1, len(members)):
                    link(first, int(members[x]))
                    link(int(members[x - 1]), int(members[x]))
        if len(checked) > 4 * n + 10_000:  # keep the memo bounded; it only saves repeated comparisons
            checked.clear()
    roots = [uf.find(i) if valid_mask[i] else -1 for i in range(n)]
    sizes: dict[int, int] = {}
    for root in roots:
        if root >= 0:
            sizes[root] = sizes.get(root, 0) + 1
    numbers: dict[int, int] = {}
    families: list[int | None] = []
    for root in roots:
        if root < 0 or sizes[root] < 2:
            families.append(None)
            continue
        if root not in numbers:
            numbers[root] = len(numbers)
        families.append(numbers[root])
    return families


class FamilyCollector:
    """Collects one signature per document while the tables are streamed, then assigns the families."""

    def __init__(self, hasher: MinHasher | None = None) -> None:
        self.hasher = hasher or MinHasher()
        self._blocks: list[np.ndarray] = []
        self._current: list[np.ndarray] = []
        self._valid: list[bool] = []

    def add(self, text: str | None) -> None:
        signature = self.hasher.signature(text) if text else None
        self._valid.append(signature is not None)
        self._current.append(signature if signature is not None else np.zeros(self.hasher.num_perm, np.uint32))
        if len(self._current) >= 4096:
            self._blocks.append(np.vstack(self._current))
            self._current = []

    def add_signatures(self, signatures: np.ndarray, valid: Sequence[bool]) -> None:
        """Signatures computed elsewhere (rows of ``signatures``; rows with ``valid`` False have none)."""
        if self._current:
            self._blocks.append(np.vstack(self._current))
            self._current = []
        self._blocks.append(np.asarray(signatures, dtype=np.uint32))
        self._valid.extend(bool(v) for v in valid)

    def families(self, threshold: float = THRESHOLD) -> list[int | None]:
        if self._current:
            self._blocks.append(np.vstack(self._current))
            self._current = []
        if not self._blocks:
            return []
        signatures = np.vstack(self._blocks) if len(self._blocks) > 1 else self._blocks[0]
        self._blocks = [signatures]
        return assign_families(signatures, self._valid, threshold=threshold)


def template_families(texts: Iterable[str | None], threshold: float = THRESHOLD) -> list[int | None]:
    """Family id (or None) for each text, in order."""
    collector = FamilyCollector()
    for text in texts:
        collector.add(text)
    return collector.families(threshold)
