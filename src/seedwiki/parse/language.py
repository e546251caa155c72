"""Language: a BCP 47 primary tag for a text, from its script and py3langid's classifier.

The script decides what it can alone: Hebrew; Arabic script is Urdu, Sorani Kurdish or Persian by
the letters only they use, else Arabic. py3langid (a maintained fork of langid.py, naive Bayes over byte n-grams, 97 languages)
decides among the languages of that script. A text too short, or a guess below the confidence
bar, is "und". Comparing candidates on a labelled sample: tests/test_parse_language.py.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..inputs import user_cache_folder

RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ckb", "ps", "sd", "ug", "yi", "dv", "arz", "ary"}

# Runs of letters, counted by their lengths (a list of every single letter cost 2.6 times as much).
_LETTERS = re.compile(r"[^\W\d_]+")
_SCRIPTS = {  # the letters of each script (digits and punctuation of the blocks left out)
    "arabic": re.compile("[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]+"),
    "hebrew": re.compile("[\u05D0-\u05EA\u05F0-\u05F2]+"),
    "latin": re.compile("[A-Za-z\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+"),
    "cyrillic": re.compile("[\u0400-\u04FF]+"),
}


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many letters of `pattern` (runs of them) the text holds."""
    return sum(map(len, pattern.findall(text)))


# A character any of the patterns above counts, but for the ASCII letters: a text without one has
# only ASCII letters, counted by deleting every other byte (a third of the cost of matching their runs).
# (Used for a text with a character beyond the Basic Multilingual Plane; others are counted by `_bmp_classes`.)
_BEYOND_ASCII_LETTERS = re.compile(
    r"[^\W\d_\x00-\x7f]|[\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]|"
    + "|".join(_SCRIPTS[name].pattern.removesuffix("+") for name in ("arabic", "hebrew", "cyrillic")))
_NOT_ASCII_LETTERS = bytes(code for code in range(128) if not chr(code).isalpha())


def _ascii_letters(text: str) -> int:
    return len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS))


# `_SCRIPTS` and `_LETTERS` without the ASCII letters, which `_ascii_letters` counts
_BEYOND_ASCII = {**_SCRIPTS, "latin": re.compile(_SCRIPTS["latin"].pattern.replace("A-Za-z", "", 1))}
_LETTERS_BEYOND_ASCII = re.compile(r"[^\W\d_\x00-\x7f]+")


_URDU = re.compile("[ےںٹڈڑ]")
_SORANI = re.compile("[ێۆڕڵە]")
_PERSIAN = re.compile("[پچژگ]")
_PERSIAN_OR_ARABIC = re.compile("[یک]")  # Persian yeh and keheh, sometimes typed in Arabic text too
_ENGLISH_WORDS = {"the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "are", "was", "we", "it"}
_CYRILLIC_LANGUAGES = ("ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "mn", "tg", "tt", "ba")
_RENAMED = {"sdh": "ckb", "arz": "ar", "ary": "ar", "nn": "no"}
MIN_LETTERS = 12  # fewer letters than this: the script alone decides
SAMPLE_CHARS = 20_000  # the script is counted on at most this much of a text
# The classifier reads at most this much: py3langid walks every byte n-gram in Python, and a text's
# first 2,000 characters gave the language its first 20,000 give on every real text and seed
# (measured on 990 texts of 20,000 characters: the same language on all, 3.3 s CPU instead of 5.2 s).
CLASSIFY_CHARS = 2_000
CONFIDENCE = 0.75


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    class Identifier(LanguageIdentifier):
        """py3langid's classifier, its byte automaton walked by numpy (`byte_features`): the same
        scores to the bit, in less CPU than its loop in Python (1.04 s -> 0.61 s over 1,000 dense
        seeds in a profiled generation; 0.26 -> 0.20 ms a text when the model is in the cache)."""

        def _raw_score(self, text):  # the library's own, but for the walk
            visits = byte_features(self._tables, text)
            return self._sparse_score(visits, self.nb_ptc) if visits else super()._raw_score(b"")  # b"": no feature

    ptc, pc, classes, nextmove, row, output = model_arrays(MODEL_DIR / MODEL_FILE)
    identifier = Identifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)
    identifier._tables = automaton_tables(identifier)
    return identifier


MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")  # py3langid's model file, in this order


def model_arrays(path: Path) -> tuple:
    """py3langid's model (`modelio.load_model`'s six values, the same arrays to the bit): read
    from an uncompressed copy in the user's cache folder, mapped rather than read (a few
    milliseconds, the pages a text needs read when it needs them), made from the library's
    compressed file on first use (half a second of CPU, what each process otherwise spent). The
    copy is named for the sha256 of that file and put in place whole (a folder renamed into place),
    with a list of each array's type and shape (`MANIFEST`) that the arrays mapped must match (a
    file put in another's place, saved with other numbers or cut short is not read); where it
    cannot be made or read, the library's file is read as before. A copy that is not whole (a file
    missing, damaged or put in another's place) is made again and put in its place."""
    from array import array

    import numpy as np

    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
        copy = user_cache_folder() / f"{COPY_PREFIX}{digest}"
        try:
            arrays = _mapped(copy)
            if _copies_made[-1]:
                _mark_used(copy)
        except (OSError, ValueError, KeyError):  # no copy yet, or not a whole one
            if not _copies_made[-1]:
                raise  # `seedwiki check` writes nothing: the library's file is read
            _copy_model(path, copy)
            arrays = _mapped(copy)
        ptc, pc, classes, nextmove, row, output = arrays
        rows = array({2: "H", 4: "I"}[row.dtype.itemsize], row.tobytes())
    except (OSError, ValueError, KeyError, RuntimeError):  # RuntimeError: no home folder to find the cache folder in
        from py3langid.modelio import load_model as library_load

        return library_load(path)
    # as the library hands them over, but for the automaton's next states: left mapped (numpy), not copied into an array.array
    return np.asarray(ptc), np.asarray(pc), classes.tolist(), np.asarray(nextmove), rows, output.tolist()


_copies_made = [True]  # whether `model_arrays` may make a copy (and remove other versions' copies)


@contextlib.contextmanager
def no_model_copy() -> Iterator[None]:
    """The model, if loaded in the block, is read from an existing whole copy or from the library's
    file: no copy is made and none removed (`seedwiki check`, which writes nothing). Processes the
    parse pool forks inherit the model loaded here (`build._pool_context` loads it first)."""
    _copies_made.append(False)
    try:
        yield
    finally:
        _copies_made.pop()


UNUSED_SECONDS = 30 * 86400  # another version's copy unused this long goes when a copy is made
MARK_SECONDS = 86400  # a copy's folder's modification time says when it was last used, to a day


def _mark_used(copy: Path) -> None:
    """Set the copy's folder's modification time to now, at most once a day: another version of
    seedwiki (or of py3langid) using the same cache folder removes only copies unused for
    `UNUSED_SECONDS`, so two versions in use side by side do not remove each other's."""
    with contextlib.suppress(OSError):
        if time.time() - copy.stat().st_mtime > MARK_SECONDS:
            os.utime(copy)


MANIFEST = "arrays.json"
COPY_PREFIX = "langid-model-3-"  # 3: the copy with its manifest of samples
# a copy's folder, of any version of the model or of the copy (`langid-model-<digest>`, `-2-`, `-3-`…)
COPY_NAME = re.compile(r"langid-model-(?:[0-9]+-)?[0-9a-f]{32}")


def _mapped(copy: Path) -> list:
    """The copy's arrays, mapped, once they match its manifest (else ValueError, or OSError)."""
    import json

    import numpy as np

    arrays = [np.load(copy / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in MODEL_ARRAYS]
    if json.loads((copy / MANIFEST).read_text(encoding="utf-8")) != _manifest(arrays):
        raise ValueError(f"{copy}: the arrays are not the ones the copy was made with")
    return arrays


SAMPLES = 512  # bytes of each array the manifest's digest reads, spread over the whole array


def _manifest(arrays: list) -> list[list]:
    """Each array's type and shape, and the sha256 of `SAMPLES` of its bytes spread evenly over
    it, as the copy's manifest holds them: a copy cut short, zeroed or put in another's place
    differs (a few pages read, not the 67 MB a whole digest would cost every process)."""
    import numpy as np

    def sample(values) -> str:
        flat = values.reshape(-1).view(np.uint8)
        return hashlib.sha256(np.ascontiguousarray(flat[:: max(1, flat.size // SAMPLES)]).tobytes()).hexdigest()

    return [[values.dtype.str, list(values.shape), sample(values)] for values in arrays]


def _copy_model(path: Path, copy: Path) -> None:
    """Make the copy in a folder of its own beside it and rename that into place. Several processes
    may do it at once (the parse pool's workers): the first rename wins and the others' folders go,
    unless what is in place is not a whole copy (`_mapped`), which is moved aside and replaced.
    Once a copy is made, the copies of other versions (`COPY_NAME`) unused for `UNUSED_SECONDS` go
    (`_mark_used`): another version may still be in use, by another project, say."""
    import io
    import json
    import lzma
    import shutil
    import tempfile

    import numpy as np

    copy.parent.mkdir(parents=True, exist_ok=True)
    with lzma.open(path) as source, np.load(io.BytesIO(source.read()), allow_pickle=False) as data:
        made = Path(tempfile.mkdtemp(prefix=f"{copy.name}.", suffix=".tmp", dir=copy.parent))
        aside = made.with_name(made.name + ".old")
        try:
            arrays = [data[name] for name in MODEL_ARRAYS]
            for name, values in zip(MODEL_ARRAYS, arrays, strict=True):
                np.save(made / f"{name}.npy", values, allow_pickle=False)
            (made / MANIFEST).write_text(json.dumps(_manifest(arrays)), encoding="utf-8")
            for name in os.listdir(made):  # on disk before the folder is in place (a crash leaves no copy of zeros)
                with (made / name).open("rb") as file:
                    os.fsync(file.fileno())
            if not _put_in_place(made, copy, aside):
                return
        finally:
            shutil.rmtree(made, ignore_errors=True)
            _remove(aside)
    for other in os.listdir(copy.parent):
        if other != copy.name and COPY_NAME.fullmatch(other) and not os.path.islink(copy.parent / other):
            with contextlib.suppress(OSError):
                if time.time() - (copy.parent / other).stat().st_mtime > UNUSED_SECONDS:
                    shutil.rmtree(copy.parent / other, ignore_errors=True)  # a file of that name is no copy: left alone


def _put_in_place(made: Path, copy: Path, aside: Path) -> bool:
    """Rename `made` to `copy`; True when it is the one in place. What is there already stays if it
    is a whole copy (another process's); else it is renamed to `aside` first (one rename: a
    process reading the copy meanwhile finds either that or none, and makes one itself)."""
    try:
        made.rename(copy)
        return True
    except OSError:  # something is there
        pass
    try:
        _mapped(copy)
        return False  # another process put its copy in place first: that one serves
    except (OSError, ValueError, KeyError):
        pass
    with contextlib.suppress(FileNotFoundError):  # another process moved it aside first
        copy.rename(aside)
    try:
        made.rename(copy)
        return True
    except OSError:
        _mapped(copy)  # another process's copy came first: it serves if whole, else the library's file is read this time
        return False


def _remove(path: Path) -> None:
    import shutil

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def automaton_tables(identifier) -> tuple:
    """py3langid's byte automaton as numpy arrays: next state (shared with the model, not copied),
    each state's row offset, each state's feature (-1: none)."""
    import numpy as np

    return (np.asarray(identifier.tk_nextmove, dtype=np.uint32), np.asarray(identifier._rowbase, dtype=np.intp),
            np.asarray(identifier.tk_output, dtype=np.intp))


def byte_features(tables: tuple, data: bytes) -> Counter[int] | None:
    """What py3langid's `visit_counts` returns for `data`, without its loop over every byte in
    Python: {feature: count} in the order each feature first occurs (the order its scores are
    summed in), None when there is none.

    The automaton's state after byte i is next(state after byte i-1, byte i), from state 0. Start
    from a guess of every state and apply that rule to all bytes at once until nothing changes:
    after k rounds the first k states are right, and a guess that the rule leaves unchanged
    satisfies it at every byte, so it is the walk's one result (the automaton finds n-grams of a
    few bytes, whose state depends on the last few bytes only: a handful of rounds)."""
    import numpy as np

    nextmove, rowbase, output = tables
    codes = np.frombuffer(data, dtype=np.uint8)
    if not len(codes):
        return None
    states = np.zeros(len(codes), dtype=np.uint32)
    before = np.zeros(len(codes), dtype=np.uint32)  # the state before each byte: 0 before the first
    while True:
        before[1:] = states[:-1]
        walked = nextmove[rowbase[before] + codes]
        if np.array_equal(walked, states):
            break
        states = walked
    found = output[states]
    found = found[found >= 0]
    return Counter(found.tolist()) if len(found) else None  # counted as the library counts, in order of first occurrence


def load_model() -> None:
    """Load the classifier's model now (in this thread)."""
    _identifier()


def preload() -> None:
    """Load the classifier's model in the background: under `mkdocs serve` every seed is usually
    cached at start, and the first saved seed would otherwise wait for the model (half a second)."""
    threading.Thread(target=_identifier, name="seedwiki-language-model", daemon=True).start()


_BEYOND_ASCII_LETTER = 1 + len(_BEYOND_ASCII)  # the flag of a letter beyond ASCII in `_bmp_classes`


@functools.cache
def _bmp_classes():
    """Per character of the Basic Multilingual Plane: the number (1-4) of the script `_BEYOND_ASCII`
    counts it in (0: none; the scripts' characters do not overlap), plus `_BEYOND_ASCII_LETTER` when
    `_LETTERS_BEYOND_ASCII` counts it: the patterns' own verdicts, read once from a string of every character."""
    import numpy as np

    every = "".join(map(chr, range(0x10000)))
    classes = np.zeros(0x10000, dtype=np.uint8)
    for number, pattern in enumerate(_BEYOND_ASCII.values(), 1):
        for m in pattern.finditer(every):
            if classes[m.start():m.end()].any():
                raise AssertionError(f"{pattern.pattern}: a character of two scripts")
            classes[m.start():m.end()] = number
    for m in _LETTERS_BEYOND_ASCII.finditer(every):
        classes[m.start():m.end()] += _BEYOND_ASCII_LETTER
    return classes


def _counts_beyond_ascii(text: str) -> tuple[list[int], int] | None:
    """The letters of each script of `_BEYOND_ASCII` and of `_LETTERS_BEYOND_ASCII` the text holds, as
    `_count` counts them, in one pass over its characters (by `_bmp_classes`); None for a text with a
    character beyond the Basic Multilingual Plane (an emoji: two UTF-16 units), which the patterns count."""
    import numpy as np

    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) != 2 * len(text):
        return None
    found = np.bincount(_bmp_classes()[np.frombuffer(units, dtype=np.uint16)], minlength=2 * _BEYOND_ASCII_LETTER).tolist()
    scripts = [found[n] + found[n + _BEYOND_ASCII_LETTER] for n in range(1, _BEYOND_ASCII_LETTER)]
    return scripts, sum(found[_BEYOND_ASCII_LETTER:])


@functools.lru_cache(maxsize=16)  # parse asks again for the body's script after its language
def script_of(text: str) -> tuple[str | None, int]:
    """The script most of the text's letters are in (None when none has 60%), and the letter count."""
    # the ASCII letters counted apart (the patterns match every word of a Latin text; beyond ASCII, a few)
    ascii_letters = _ascii_letters(text)
    beyond = None if text.isascii() else _counts_beyond_ascii(text)
    if text.isascii() or (beyond is None and not _BEYOND_ASCII_LETTERS.search(text)):
        return ("latin" if ascii_letters else None), ascii_letters
    if beyond is not None:
        counts = {script: n + (ascii_letters if script == "latin" else 0) for script, n in zip(_BEYOND_ASCII, beyond[0], strict=True)}
        total = ascii_letters + beyond[1]
    else:
        counts = {script: _count(pattern, text) + (ascii_letters if script == "latin" else 0) for script, pattern in _BEYOND_ASCII.items()}
        total = ascii_letters + _count(_LETTERS_BEYOND_ASCII, text)
    if not total:
        return None, 0
    script, top = max(counts.items(), key=lambda kv: kv[1])
    return (script if top / total >= 0.6 else None), total


def _by_letters(text: str, script: str) -> str | None:
    if script == "hebrew":
        return "he"
    if script == "arabic":
        return "ur" if _URDU.search(text) else "ckb" if _SORANI.search(text) else "fa" if _PERSIAN.search(text) else None
    return None


def _classify(text: str, candidates: tuple[str, ...] | None) -> tuple[str, float]:
    ranked = _identifier().rank(text[:CLASSIFY_CHARS])
    if candidates:
        ranked = [(lang, p) for lang, p in ranked if lang in candidates]
    lang, probability = ranked[0]
    return _RENAMED.get(lang, lang), float(probability)


def block_language(text: str, document_language: str, document_script: str | None) -> str:
    """A block's language: the document's when the block is in the document's script (the
    classifier then adds little to the cost of running it on every block), else its own."""
    script, letters = script_of(text[:SAMPLE_CHARS])
    if script is not None and script == document_script and document_language != "und" and letters >= MIN_LETTERS:
        return document_language
    return detect_language(text)


def detect_language(text: str) -> str:
    """A primary language tag for the text; "und" when unsure."""
    sample = text[:SAMPLE_CHARS]
    script, letters = script_of(sample)
    if script is None:
        return "und"
    if (tag := _by_letters(sample, script)) is not None:
        return tag
    if script == "arabic":
        if _PERSIAN_OR_ARABIC.search(sample) and letters >= MIN_LETTERS and _classify(sample, ("ar", "fa"))[0] == "fa":
            return "fa"  # Persian yeh and keheh, and the classifier agrees
        return "ar"  # Arabic letters without those only Urdu, Sorani or Persian use
    if letters < MIN_LETTERS:
        if script == "latin":
            words = re.findall(r"[a-z]+", sample.lower())
            if len(words) >= 3 and sum(w in _ENGLISH_WORDS for w in words) / len(words) >= 0.2:
                return "en"
        return "und"
    lang, probability = _classify(sample, _CYRILLIC_LANGUAGES if script == "cyrillic" else None)
    bar = CONFIDENCE if letters >= 40 else 0.95
    return lang if probability >= bar else "und"
