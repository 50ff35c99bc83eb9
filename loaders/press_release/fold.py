"""Chinese text folded to one script before matching: traditional characters (and the Japanese 製) to simplified
ones with OpenCC, and the pinyin that some mirrors leave inside words ("制造業(yè)大會") dropped.

The rules only know simplified spellings (世界制造业大会, 签约, 亿元); a traditional-script mirror of the same wire
gave almost nothing before. Folding is character by character (one character in, one out), so each folded
character has one original position; the dropped pinyin is the only place the lengths differ, and `origin` maps
every folded offset back to the original text, so figures still point into what the user pasted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import opencc

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# a pinyin syllable in brackets right after a Chinese character, left by a broken transliteration ("業(yè)", "協(xié)")
_PINYIN_DEBRIS = re.compile(r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


@dataclass
class Folded:
    text: str
    origin: list[int]  # origin[i]: where folded character i sits in the original; one more entry for the end

    def start(self, i: int) -> int:
        return self.origin[i]

    def end(self, i: int) -> int:
        """The original end offset of a folded span ending (exclusive) at i."""
        return self.origin[i - 1] + 1 if i > 0 else 0


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=20000)
def _simplified(char: str) -> str:
    out = _converter().convert(char)
    return out if len(out) == 1 else char


def fold(text: str) -> Folded:
    """The text in simplified script, pinyin debris dropped, with the map back to the original offsets."""
    if not _CJK.search(text):
        return Folded(text, list(range(len(text) + 1)))
    drop = [False] * len(text)
    for m in _PINYIN_DEBRIS.finditer(text):
        for i in range(m.start(), m.end()):
            drop[i] = True
    chars, origin = [], []
    for i, char in enumerate(text):
        if drop[i]:
            continue
        chars.append(_simplified(char) if _CJK.match(char) else char)
        origin.append(i)
    origin.append(len(text))
    return Folded("".join(chars), origin)
