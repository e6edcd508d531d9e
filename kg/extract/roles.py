"""Context rules: type every mention, merge spellings within a paper, assign roles.

Reads what the earlier components left on the Doc (catalog spans, name-shaped words,
acronym definitions, task phrases) and sets ``doc._.kg_entities``: one Entity per
thing the paper names, with its type, role, aliases and mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..resolve.catalog import Catalog, load_catalog, origin_of
from ..resolve.normalize import name_key, singular_key
from .anchored import matches_at, occurrences
from .cues import cues
from .doctext import back_over_space, ext_key, sentence_index, sentence_starts, text_of
from .tasks import find_tasks
from .tasks import task_words as task_words_sets

TYPE_ORDER = {"method": 0, "dataset": 1, "benchmark": 2, "task": 3, "metric": 4}
_WORDS = re.compile(r"[\w'’-]+")
#: _WORDS on ASCII text: bytes that are not word characters become spaces.
_ASCII_NON_WORD = bytes(c if c < 128 and (chr(c).isalnum() or chr(c) in "_'-") else 32 for c in range(256))


def casefolded_words(text: str, start: int, end: int) -> list[str]:
    """The words (``_WORDS``) of ``text[start:end]``, casefolded. ASCII text, the common
    case, is split by a byte table instead: the same words, ~2.5x faster."""
    part = text[start:end]
    if part.isascii():
        return part.encode().lower().translate(_ASCII_NON_WORD).decode().split()
    return [w.casefold() for w in _WORDS.findall(part)]


_BENCH_NAME = re.compile(r"(?:Bench|BENCH|Arena|Gym|Leaderboard|Challenge|World|Eval)$")
#: "Nav-CoT-110K", "LAION-400M": a count of examples names a dataset ("7B" parameters: a model).
_DATASET_SIZE = re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?[KM]$|[a-z]QA$")
NOT_METHOD_HEADS = frozenset("""rate rates ratio score scores value values number size time cost level
space system systems area areas field fields domain domains language languages""".split())


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str | None
    origin: str                  # catalog | name | abbreviation | task | title
    canonical: str | None = None  # catalog name, when the catalog knows it
    role: str | None = None
    aliases: tuple[str, ...] = ()  # other spellings the text implies ("classification")


@dataclass(slots=True)
class Entity:
    type: str
    name: str
    aliases: list[str]
    role: str | None
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None


def collect(doc: Doc, name_info) -> list[Mention]:
    """Every candidate mention from the earlier components, typed where already known
    (``name_info``: ``classify_name`` bound to the catalog)."""
    ms = [Mention(s, e, t, label, origin, canon) for s, e, t, label, canon, origin in doc.user_data["kg_catalog"]]
    data = doc.user_data
    for s, e, t in data.get(ext_key("kg_names"), ()):
        info = name_info(t)
        if info is not None:
            ms.append(Mention(s, e, t, *info))
    ms.extend(Mention(s, e, t, "task", "task") for s, e, t in data.get(ext_key("kg_tasks"), ()))
    return ms


def classify_name(t: str, catalog: Catalog) -> tuple[str | None, str, str | None] | None:
    """(type, origin, canonical) of a name-shaped word, or None when it is generic."""
    if catalog.is_generic(t) or _only_generic_parts(t, catalog):
        return None
    entry = catalog.lookup(t)
    if entry is not None:
        return entry.type, origin_of(entry), entry.name
    return _type_from_parts(t, catalog), "name", None


def _only_generic_parts(word: str, catalog: Catalog) -> bool:
    """"text-LLM", "AI-assisted", "KL-divergence": lower-case words and generic acronyms
    joined by hyphens are descriptions, not names."""
    parts = word.split("-")
    return len(parts) > 1 and all(p.islower() or catalog.is_generic(p) or len(p) <= 2 for p in parts) \
        and any(p.islower() and len(p) > 3 for p in parts)


def _type_from_parts(word: str, catalog: Catalog) -> str | None:
    """'ImageNet-1k' is a dataset because 'ImageNet' is; 'BERT-base' a method."""
    parts = word.replace(" ", "-").split("-")
    for i in range(len(parts) - 1, 0, -1):
        for chunk in ("-".join(parts[:i]), "-".join(parts[-i:])):
            entry = catalog.lookup(chunk)
            if entry is not None and entry.source == "starter" and entry.type in ("method", "dataset", "benchmark") \
                    and len(chunk) > 2:
                return entry.type  # imported catalogs are too ambiguous to type a part
    return None


def trim_tasks(ms: list[Mention], text: str) -> list[Mention]:
    """"COCO object detection" is the dataset COCO and the task "object detection"."""
    starts = {}
    for m in ms:
        if m.type in ("dataset", "benchmark", "method") and m.origin in ("catalog", "import", "name"):
            starts.setdefault(m.start, []).append(m.end)
    out = []
    for m in ms:
        if m.type == "task" and m.origin == "task" and m.start in starts:
            cut = max(e for e in starts[m.start] if e < m.end) if any(e < m.end for e in starts[m.start]) else None
            if cut is not None:
                new_start = cut + len(text[cut:m.end]) - len(text[cut:m.end].lstrip())
                rest = text[new_start:m.end]
                if len(rest.split()) < 2:
                    continue
                m = Mention(new_start, m.end, rest, "task", "task")
        out.append(m)
    return out


_VARIANTS = re.compile(r"\((\+|[a-z])((?:/(?:\+|[a-z]))+)\)|((?:/(?:\+|[a-z]))+)(?![\w/])")
_CHALLENGE = re.compile(r"\s+(Challenge|challenge|Leaderboard|leaderboard|Benchmark)\b")


def expand_variants(text: str, ms: list[Mention]) -> list[Mention]:
    """"RefCOCO(+/g)" and "RefCOCO/+/g" name RefCOCO, RefCOCO+ and RefCOCOg;
    "WAD 2018 Challenge" is one benchmark name."""
    extra = []
    for m in ms:
        if m.type not in (None, "dataset", "benchmark") or m.origin not in ("catalog", "import", "name"):
            continue
        v = _VARIANTS.match(text, m.end)
        if v:
            suffixes = [x for x in (v.group(1), *(v.group(2) or v.group(3)).split("/")) if x]
            for suf in suffixes:
                extra.append(Mention(m.start, v.end(), m.text + suf, m.type or "dataset", "variant"))
            continue
        c = _CHALLENGE.match(text, m.end)
        if c and m.type in (None, "benchmark"):
            m.end, m.text, m.type = c.end(), text[m.start:c.end()], "benchmark"
    return ms + extra


def keep_longest(ms: list[Mention]) -> list[Mention]:
    """Drop a mention inside a longer one (a name inside a longer name is not separate)."""
    ms.sort(key=lambda m: (m.start, -(m.end - m.start), m.type is None, m.origin not in ("catalog", "import")))
    out: list[Mention] = []
    for m in ms:
        if out and m.start < out[-1].end and not (m.origin == "variant" and out[-1].origin == "variant"):
            continue
        out.append(m)
    return out


def type_of_long_form(long: str, short: str, catalog: Catalog) -> str | None:
    entry = catalog.lookup(long) or catalog.lookup(short)
    if entry is not None:
        return entry.type
    if catalog.is_generic(short):
        return None
    last = long.split()[-1].casefold()
    c = cues()
    if last in c["dataset_nouns"]:
        return "dataset"
    if last in c["benchmark_nouns"]:
        return "benchmark"
    tasks = find_tasks(long, in_title=True)
    if tasks and tasks[-1][1] == len(long):
        return "task"
    if last in NOT_METHOD_HEADS:
        return None
    if long.islower() and (short.isupper() or short[:-1].isupper()) and "-" not in long:
        return None  # "large language models (LLMs)": a family, not a name ("paint-by-example (PBE)" is)
    return "method"


def apply_abbreviations(doc: Doc, ms: list[Mention], catalog: Catalog,
                        long_form_type) -> tuple[list[Mention], list[tuple[str, str]]]:
    """Add long-form/short-form mentions and type them from each other.

    A short form whose long form is not an entity ("click-through rate (CTR)", "large
    language models (LLMs)") is not an entity either, wherever it is written.
    ``long_form_type``: ``type_of_long_form`` bound to the catalog.
    """
    pairs, not_entities = [], set()
    for ab in doc.user_data.get(ext_key("kg_abbreviations"), ()):
        t = long_form_type(ab.long, ab.short)
        if t is None:
            not_entities.add(singular_key(ab.short))
            continue
        pairs.append((ab.long, ab.short))
        entry = catalog.lookup(ab.long) or catalog.lookup(ab.short)
        canon = entry.name if entry is not None else None
        ms.append(Mention(ab.short_start, ab.short_end, ab.short, t, "abbreviation", canon))
        ms.append(Mention(ab.long_start, ab.long_end, ab.long, t, "abbreviation", canon))
    ms = [m for m in ms if not (m.origin == "name" and singular_key(m.text) in not_entities)]
    return ms, pairs


def type_untyped(doc: Doc, ms: list[Mention], pairs: list[tuple[str, str]]) -> list[Mention]:
    text = text_of(doc)
    typed_by_key = {}
    if pairs:
        keys = [name_key(m.text) if m.type else None for m in ms]
        for long, short in pairs:
            kl, ks = name_key(long), name_key(short)
            for m, k in zip(ms, keys):
                if k is not None and (k == kl or k == ks):
                    typed_by_key[ks] = typed_by_key[kl] = m.type
    c = cues()
    _types_from_lists(text, ms)
    for m in ms:
        if m.type is None:
            k = name_key(m.text)
            if k in typed_by_key:
                m.type = typed_by_key[k]
            else:
                after = text[m.end:m.end + 20].lower().split()
                nxt = after[0].strip(".,;:()") if after else ""
                if _BENCH_NAME.search(m.text) or nxt in c["benchmark_nouns"]:
                    m.type = "benchmark"
                elif nxt in c["dataset_nouns"] or _DATASET_SIZE.search(m.text):
                    m.type = "dataset"
                else:
                    m.type = "method"
    return ms


_LIST_SEP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*/\s*)$")
_AND_OR = re.compile(r"\b(?:and|or)\b")
_LIST_NEXT = re.compile(r"\s*(?:[,;)/]|and\b|or\b)")


def _types_from_lists(text: str, ms: list[Mention]) -> None:
    """An unknown name listed with datasets is a dataset: "RefCOCO, OCID-Ref, TallyQA"."""
    listed = ("dataset", "benchmark")
    types = {m.type for m in ms}
    if None not in types or types.isdisjoint(listed):
        return  # only an untyped name next to a dataset or benchmark can change
    ordered = sorted(ms, key=lambda m: m.start)
    for _ in range(2):
        for a, b in zip(ordered, ordered[1:]):
            if not ((a.type is None and b.type in listed) or (b.type is None and a.type in listed)) \
                    or not _LIST_SEP.match(text[a.end:b.start]):
                continue
            sep = text[a.end:b.start]
            b_listed = bool(_AND_OR.search(sep)) or bool(_LIST_NEXT.match(text, b.end, b.end + 5))
            if a.type is None and b.type in listed:
                a.type = b.type
            elif b.type is None and a.type in listed and b_listed:
                b.type = a.type


def _words_before(text: str, start: int, limit: int = 14) -> list[str]:
    return casefolded_words(text, max(0, start - 120), start)[-limit:]


_USED_AFTER = re.compile(r"-[a-z]|\s+as\b")
_APPOSITIVE_NEW = re.compile(r"\s*(?:\([^)]*\)\s*)?,\s*(?:a|an)\s+(?:\w+\s+)?(?:novel|new|simple|unified)\b")


def proposal_cue(text: str, starts: list[int], m: Mention, window: int = 10) -> bool:
    """Does the sentence present this mention as the paper's own contribution?
    (``text``, ``starts``: the Doc's text and sentence starts.)"""
    start = m.start
    s_start = starts[sentence_index(starts, start)]
    # the words of the sentence before the mention (its last 120 characters)
    before = casefolded_words(text, s_start if s_start > start - 120 else start - 120, start)
    c = cues()
    nxt = text[m.end:m.end + 1]  # a match of _USED_AFTER starts with "-" or a space (\s: str.isspace)
    if (nxt == "-" or nxt.isspace()) and _USED_AFTER.match(text[m.end:m.end + 40].lower()):
        return False  # "an EM-like framework", "we introduce X as the backbone": X is used
    if before and ("our" in before[-3:] or not c["naming"].isdisjoint(before[-4:])):
        return True
    verbs, blockers = c["propose_verbs"], c["blockers"]
    for i in range(len(before) - 1, -1, -1):
        w = before[i]
        if w in verbs:
            return len(before) - i <= window
        if w in blockers:
            return False
    return bool(_APPOSITIVE_NEW.match(text[m.end:m.end + 40].lower()))


def title_prefix_end(title: str) -> int:
    i = title.find(": ")
    return i if 0 < i <= 60 else -1


def assign_roles(doc: Doc, ms: list[Mention]) -> None:
    title_end = doc.user_data.get("title_end", 0)
    title = text_of(doc)[:title_end]
    prefix_end = title_prefix_end(title)
    rest = title[prefix_end + 1:].casefold() if prefix_end > 0 else ""
    c = cues()
    software = bool(_SOFTWARE.search(rest))
    text, starts = text_of(doc), sentence_starts(doc)
    for m in ms:
        if m.type not in ("method", "dataset", "benchmark") or m.role:
            continue
        proposed = False
        if m.start < title_end:
            if (prefix_end > 0 and m.end <= prefix_end) or (m.start == 0 and m.end >= title_end):
                proposed = True
            elif m.origin != "catalog":
                prev = _words_before(title, m.start, 1)
                proposed = not prev or prev[0] not in c["study_words"]
        else:
            proposed = proposal_cue(text, starts, m, 10 if m.origin != "catalog" else 6)
        if m.type == "method" and proposed and prefix_end > 0 and m.end <= prefix_end:
            if software:
                continue  # "X: A Toolkit for ...": software, dropped by drop_software()
            if re.match(r"\s*(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,4}(?:dataset|corpus)\b", rest):
                m.type = "dataset"
            elif re.search(r"bench", rest):
                m.type = "benchmark"
        if m.type == "method":
            m.role = "proposed" if proposed else "used"
        elif m.type == "dataset":
            m.role = "introduced" if proposed else "used"


def title_name(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """A title 'Name: ...' names the proposed method even when the name is a plain word."""
    title = text_of(doc)[:doc.user_data.get("title_end", 0)]
    end = title_prefix_end(title)
    if end <= 0 or any(m.start < end for m in ms if m.type in ("method", "dataset", "benchmark")):
        return ms
    prefix = title[:end].strip()
    words = prefix.split()
    if _SOFTWARE.search(title[end:].casefold()):
        return ms
    if len(words) == 1 and prefix[0].isupper() and len(prefix) > 2 and prefix.isalpha() \
            and prefix.casefold() not in cues()["study_words"]:
        ms.append(Mention(0, end, prefix, "method", "title"))
    return ms


SOFTWARE = r"\b(?:toolkit|library|package|toolbox|platform|software)\b"
_SOFTWARE = re.compile(SOFTWARE)
_SOFTWARE_APPOSITIVE = re.compile(r"\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?" + SOFTWARE, re.I)


def drop_software(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """Software is not a method: "X: A Toolkit for ..." or "X, a toolkit ..." drops X everywhere."""
    text = text_of(doc)
    title_end = doc.user_data.get("title_end", 0)
    end = title_prefix_end(text[:title_end])
    rest = text[end + 1:title_end].casefold() if end > 0 else ""
    soft = set()
    for m in ms:
        if m.type != "method":
            continue
        if (end > 0 and m.end <= end and _SOFTWARE.search(rest)) or \
                _SOFTWARE_APPOSITIVE.match(text, m.end, m.end + 60):
            soft.add(singular_key(m.text))
    if not soft:
        return ms
    return [m for m in ms if not (m.type == "method" and singular_key(m.text) in soft)]


#: A short Title-Case title ending in one of these words names the proposed method.
TITLE_METHOD_HEADS = frozenset("""network networks net nets coding embedding embeddings transformer transformers
attention machine machines autoencoder autoencoders model models learning""".split())


def title_is_name(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """"Pointer Networks", "Contrastive Multiview Coding": the whole title names the method."""
    title_end = doc.user_data.get("title_end", 0)
    title = text_of(doc)[:title_end]
    words = title.split()
    if not 2 <= len(words) <= 4 or ":" in title or any(m.start < title_end and m.type != "task" for m in ms):
        return ms
    if not all(w[:1].isupper() or w[:1].isdigit() for w in words) or words[-1].casefold() not in TITLE_METHOD_HEADS:
        return ms
    if words[-1].casefold() in ("learning", "model", "models") and len(words) < 3:
        return ms
    if any(m.type == "task" and m.start == 0 and m.end == title_end for m in ms):
        return ms
    ms = [m for m in ms if not (m.type == "task" and m.start < title_end)]
    ms.append(Mention(0, title_end, title, "method", "title"))
    return ms


LOWER_METHOD = re.compile(
    r"\b(?:propose|proposes|introduce|introduces|present|presents|design|designs|devise|devises)\s+"
    r"(?:(?:a|an|the|two|three|our)\s+)?(?:(?:novel|new|simple|so-called|dedicated|tailored)\s+)*"
    r"((?:[a-z][\w-]*\s+){0,3}?(?:loss|regularization|regularizer|softmax|normalization|activation function))\b")


_METRIC_PHRASE = re.compile(r"\b([a-z][\w-]*)\s+(accuracy|error rate|error)\b")


def metric_phrases(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """"clustering accuracy", "linear probing accuracy": a measure named with its modifier."""
    allowed = cues()["metric_modifiers"]
    text = text_of(doc)
    for m in _metric_matches(text):
        if m.group(1) in allowed:
            ms.append(Mention(m.start(), m.end(), m.group(0), "metric", "metric-phrase"))
    return ms


def _metric_matches(text: str) -> list[re.Match]:
    """``list(_METRIC_PHRASE.finditer(text))``, tried only in the word before each
    "accuracy" or "error" (every match is that word, spaces, the keyword)."""
    out: list[re.Match] = []
    end = 0  # finditer resumes after the previous match
    for k in occurrences(text, ("accuracy", "error")):
        ws = back_over_space(text, k, end)  # \s+ before the keyword
        if ws == k:
            continue
        st = ws
        while st > end and (text[st - 1].isalnum() or text[st - 1] in "_-"):  # [\w-]* before it
            st -= 1
        for p in range(st, ws):
            if "a" <= text[p] <= "z":
                m = _METRIC_PHRASE.match(text, p)
                if m:
                    out.append(m)
                    end = m.end()
                    break
    return out


#: Every match of LOWER_METHOD starts with one of these.
_PROPOSE_STEMS = ("propose", "introduce", "present", "design", "devise")


def _matches_at_verbs(text: str) -> list[re.Match]:
    """LOWER_METHOD.finditer(text), tried only where a verb it starts with occurs."""
    return matches_at(LOWER_METHOD, text, _PROPOSE_STEMS)


def lowercase_named_parts(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """"we propose a novel anchor loss": a named loss/regulariser the paper introduces."""
    text = text_of(doc)
    # every match of LOWER_METHOD holds one of these words: testing for them skips the
    # regular expressions on most abstracts
    if not ("loss" in text or "regulari" in text or "softmax" in text or "normali" in text
            or "activation function" in text):
        return ms
    for m in _matches_at_verbs(text):
        phrase = m.group(1)
        if len(phrase.split()) < 2 or phrase.split()[0] in cues()["blockers"]:
            continue
        ms.append(Mention(m.start(1), m.end(1), phrase, "method", "lower-name", role="proposed"))
    return ms


_TERSE_TASK = re.compile(r"\s+(classification|detection|segmentation)\b")
TERSE_TASKS = {"classification": "image classification", "detection": "object detection",
               "segmentation": "semantic segmentation"}


def tasks_from_dataset_heads(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """"ImageNet classification" names the task "image classification" (alias "classification")."""
    text = text_of(doc)
    for m in list(ms):
        if m.type != "dataset":
            continue
        nxt = _TERSE_TASK.match(text, m.end, m.end + 20)
        if nxt:
            head = nxt.group(1)
            start = nxt.start(1)
            ms.append(Mention(start, start + len(head), TERSE_TASKS[head], "task", "task", aliases=(head,)))
    return ms


def title_tasks_confirmed(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """A task phrase found only in the title is often a method's description
    ("Attentive Feature Extraction"): keep it when the abstract names it too."""
    title_end = doc.user_data.get("title_end", 0)
    abstract_keys = {name_key(m.text) for m in ms if m.type == "task" and m.start >= title_end}
    return [m for m in ms if not (m.type == "task" and m.start < title_end and m.origin == "task"
                                  and name_key(m.text) not in abstract_keys)]


def salient_paradigms(doc: Doc, ms: list[Mention], pairs=()) -> list[Mention]:
    """Broad tasks ("representation learning", "recommendation", "clustering") are the
    paper's task when the title names them, the abstract returns to them or gives them an
    acronym; mentioned once in passing they are background."""
    defined = {singular_key(long) for long, _ in pairs}
    title_end = doc.user_data.get("title_end", 0)
    count: dict[str, int] = {}
    in_title: set[str] = set()
    for m in ms:
        if m.type == "task":
            k = singular_key(m.text)
            count[k] = count.get(k, 0) + 1
            if m.start < title_end:
                in_title.add(k)
    learning = task_words_sets()["learning"]

    def broad(text: str) -> bool:
        if not text.islower():
            return False  # acronyms and names are never "broad"
        words = text.casefold().split()
        return len(words) == 1 or (len(words) == 2 and words[1] == "learning" and words[0] in learning)

    return [m for m in ms if not (m.type == "task" and m.origin != "abbreviation" and broad(m.text)
                                  and not m.aliases and singular_key(m.text) not in in_title
                                  and singular_key(m.text) not in defined and count[singular_key(m.text)] < 2)]


def drop_covered_paradigms(ms: list[Mention]) -> list[Mention]:
    """"representation learning" next to "video representation learning": the paradigm is
    only the paper's task when nothing more specific names it."""
    tasks = {name_key(m.text): m.text.casefold().split() for m in ms if m.type == "task"}
    covered = set()
    for k, words in tasks.items():
        if len(words) == 2 and words[-1] == "learning":
            if any(len(o) > 2 and o[-2:] == words for o in tasks.values()):
                covered.add(k)
    return [m for m in ms if not (m.type == "task" and name_key(m.text) in covered)]


def unify_types(ms: list[Mention]) -> list[Mention]:
    """One name, one type in a paper: a name that was typed a dataset or benchmark
    somewhere (title "X: A Dataset ...", "X benchmark", a list of datasets) is that
    everywhere, instead of the default method; so are its hyphenated variants."""
    typed: dict[str, str] = {}
    for m in ms:
        if m.type in ("dataset", "benchmark") and m.origin in ("name", "title", "variant"):
            k = singular_key(m.text)
            if typed.get(k) != "benchmark":
                typed[k] = m.type
    if not typed:
        return ms
    for m in ms:
        if m.type == "method" and m.origin in ("name", "title"):
            k = singular_key(m.text)
            t = typed.get(k) or typed.get(singular_key(m.text.split("-")[0])) if "-" in m.text else typed.get(k)
            if t:
                m.type = t
                if m.role == "proposed":
                    m.role = "introduced" if t == "dataset" else None
    return ms


def group(ms: list[Mention], pairs: list[tuple[str, str]]) -> list[Entity]:
    """One Entity per thing: same catalog entry, same spelling key, or acronym pair."""
    # keys: (type, catalog key or spelling key); links: keys that name the same thing
    keys = [(m.type, name_key(m.canonical) if m.canonical else singular_key(m.text)) for m in ms]
    parent = {k: k for k in keys}
    links = []
    for m, k in zip(ms, keys):
        if m.canonical:  # the catalog entry and the spelling written
            spelling = (m.type, singular_key(m.text))
            if spelling != k:
                parent.setdefault(spelling, spelling)
                links.append((k, spelling))
    for long, short in pairs:
        long_key, short_key, long_cf = singular_key(long), singular_key(short), long.casefold()
        for t in TYPE_ORDER:
            a, b = (t, long_key), (t, short_key)
            if b not in parent:
                continue
            if a not in parent:
                # the long form lies inside a longer phrase ("agentic reinforcement learning")
                a = next((k for m, k in zip(ms, keys) if m.type == t and m.text.casefold().endswith(long_cf)), a)
            if a in parent:
                links.append((a, b))
    roots = keys
    if links:  # union-find over the links

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in links:
            parent[find(a)] = find(b)
        root = {k: find(k) for k in parent}
        roots = [root[k] for k in keys]
    groups: dict = {}
    for m, r in zip(ms, roots):
        groups.setdefault(r, []).append(m)
    out = []
    for (t, _), mentions in groups.items():
        if len(mentions) == 1 and not mentions[0].aliases:  # the common case
            m = mentions[0]
            role = ("proposed" if m.role == "proposed" else "used") if t == "method" else \
                ("introduced" if m.role == "introduced" else "used") if t == "dataset" else None
            out.append(Entity(t, m.text, [], role, mentions, m.canonical))
            continue
        counts: dict[str, list] = {}
        for m in mentions:
            counts.setdefault(m.text, []).append(m)
        surfaces = sorted(counts, key=lambda s: (-len(counts[s]), counts[s][0].start))
        name = surfaces[0]
        seen = {name_key(name)}
        aliases = []
        for s in surfaces[1:] + [a for m in mentions for a in m.aliases]:
            if name_key(s) not in seen:
                seen.add(name_key(s))
                aliases.append(s)
        roles = {m.role for m in mentions}
        role = ("proposed" if "proposed" in roles else "used") if t == "method" else \
            ("introduced" if "introduced" in roles else "used") if t == "dataset" else None
        canon = None
        for m in mentions:
            if m.canonical:
                canon = m.canonical
                break
        out.append(Entity(t, name, aliases, role, sorted(mentions, key=lambda m: m.start), canon))
    proposed = {singular_key(e.name) for e in out if e.role == "proposed"}
    for e in out:  # "ELA-B", "ELA-L": variants of the proposed "ELA" are proposed too
        if e.role == "used" and "-" in e.name and singular_key(e.name.split("-")[0]) in proposed:
            e.role = "proposed"
    out.sort(key=lambda e: (TYPE_ORDER[e.type], e.mentions[0].start))
    return out


class RoleRules:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        # what the catalog says of a name never changes: decide it once per distinct name
        self.name_info = lru_cache(maxsize=1 << 16)(lambda t: classify_name(t, catalog))
        self.long_form_type = lru_cache(maxsize=1 << 16)(lambda long, short: type_of_long_form(long, short, catalog))

    def __call__(self, doc: Doc) -> Doc:
        ms = collect(doc, self.name_info)
        ms, pairs = apply_abbreviations(doc, ms, self.catalog, self.long_form_type)
        ms = lowercase_named_parts(doc, ms)
        ms = metric_phrases(doc, ms)
        ms = trim_tasks(ms, text_of(doc))
        ms = expand_variants(text_of(doc), ms)
        ms = keep_longest(ms)
        ms = type_untyped(doc, ms, pairs)
        ms = drop_software(doc, ms)
        ms = title_name(doc, ms)
        ms = title_is_name(doc, ms)
        ms = tasks_from_dataset_heads(doc, ms)
        ms = title_tasks_confirmed(doc, ms)
        ms = drop_covered_paradigms(ms)
        ms = salient_paradigms(doc, ms, pairs)
        assign_roles(doc, ms)
        ms = unify_types(ms)
        doc.user_data[ext_key("kg_entities")] = group([m for m in ms if m.type], pairs)
        return doc


if not Doc.has_extension("kg_entities"):
    Doc.set_extension("kg_entities", default=None)


@Language.factory("kg_roles", default_config={"extra": []})
def make_roles(nlp: Language, name: str, extra: list[str]):
    return RoleRules(load_catalog(tuple(extra)))
