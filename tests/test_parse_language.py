"""Language: py3langid compared with langdetect and with the script alone, on a labelled sample."""

from __future__ import annotations

import re

import pytest

from seedwiki.parse import RTL_LANGUAGES, detect_language

SAMPLE = [  # (language, text): short news sentences of the kinds seeds hold
    ("en", "The coalition said the attack on the prison had made the group weaker."),
    ("en", "The council voted on Tuesday to approve the budget for next year."),
    ("ar", "قال التحالف الدولي إن الهجوم على السجن جعل التنظيم أضعف من قبل."),
    ("ar", "أعلنت الحكومة يوم الثلاثاء عن خطة جديدة لإعادة إعمار الجسر."),
    ("fr", "Le gouvernement a annoncé mardi une nouvelle loi sur l'immigration."),
    ("fr", "Les habitants de la ville ont manifesté contre la fermeture de l'hôpital."),
    ("es", "El presidente dijo que el país necesita más inversión en las escuelas."),
    ("es", "Los vecinos denunciaron que el agua potable no llega desde hace una semana."),
    ("de", "Die Regierung hat am Dienstag ein neues Gesetz zur Einwanderung beschlossen."),
    ("de", "Die Bewohner der Stadt protestierten gegen die Schließung des Krankenhauses."),
    ("tr", "Hükümet salı günü göç konusunda yeni bir yasa açıkladı."),
    ("tr", "Şehir sakinleri hastanenin kapatılmasını protesto etti."),
    ("ku", "Hikûmeta Herêma Kurdistanê roja Sêşemê daxuyaniyek belav kir."),
    ("ckb", "حکومەتی هەرێمی کوردستان ڕۆژی سێشەممە ڕاگەیاندراوێکی بڵاوکردەوە."),
    ("ru", "Правительство во вторник объявило о новом законе об иммиграции."),
    ("ru", "Жители города протестовали против закрытия больницы."),
    ("ur", "حکومت نے منگل کو امیگریشن کے بارے میں ایک نیا قانون متعارف کرایا ہے۔"),
    ("fa", "دولت روز سه‌شنبه قانون جدیدی درباره مهاجرت را اعلام کرد."),
    ("he", "הממשלה הודיעה ביום שלישי על חוק חדש בנושא הגירה."),
]


def _langdetect(text: str) -> str:
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0
    lang = detect(text)
    return {"zh-cn": "zh", "zh-tw": "zh"}.get(lang, lang)


def _script_only(text: str) -> str:
    if re.search("[\u05D0-\u05EA]", text):
        return "he"
    if re.search("[\u0600-\u06FF]", text):
        return "fa" if re.search("[پچژگ]", text) else "ar"
    return "en" if re.search(r"\b(the|and|of)\b", text) else "und"


CANDIDATES = {"py3langid (seedwiki)": detect_language, "langdetect": _langdetect, "script only (before)": _script_only}


@pytest.mark.slow
def test_the_chosen_detector_is_the_best_of_the_candidates_on_the_sample():
    scores = {name: sum(detect(text) == lang for lang, text in SAMPLE) for name, detect in CANDIDATES.items()}
    print("\n" + "\n".join(f"{name:<24}{score}/{len(SAMPLE)}" for name, score in scores.items()))
    assert scores["py3langid (seedwiki)"] == max(scores.values())
    assert scores["py3langid (seedwiki)"] >= 0.9 * len(SAMPLE)


@pytest.mark.parametrize(("lang", "text"), SAMPLE)
def test_each_labelled_text(lang, text):
    assert detect_language(text) == lang


def test_urdu_is_not_persian_and_right_to_left_scripts_stay_rtl():
    assert detect_language(SAMPLE[16][1]) == "ur"
    assert {"ar", "fa", "ur", "he", "ckb"} <= RTL_LANGUAGES


@pytest.mark.parametrize("text", ["", "12345", "Shafaq Live", "OK"])
def test_too_little_text_is_und(text):
    assert detect_language(text) == "und"


def test_the_classifier_reads_a_long_texts_beginning_only(monkeypatch):
    """A long text is classified by its first CLASSIFY_CHARS characters (py3langid is linear in
    what it reads, in Python): a French ending does not outvote an English beginning."""
    from seedwiki.parse import language

    read: list[int] = []
    identifier = language._identifier()

    class Counting:
        def rank(self, text):
            read.append(len(text))
            return identifier.rank(text)

    monkeypatch.setattr(language, "_identifier", lambda: Counting())
    english = "The minister said on Monday that the talks with the officials would go on until the end of the week. " * 40
    french = "Le ministre a déclaré lundi que les discussions avec les responsables se poursuivraient toute la semaine. " * 400
    assert language.detect_language(english + french) == "en"
    assert read == [language.CLASSIFY_CHARS]


def _byte_samples() -> list[bytes]:
    import random

    rng = random.Random(27)
    texts = [text for _, text in SAMPLE] + [
        "The minister said on Monday that the talks would go on. " * 30 + "Le ministre a déclaré lundi. " * 30,
        "“Quoted” — and dashed… 2022-01-01T09:30:00+00:00 " * 20, "a", " ", "!!", "ÉCOLE",
    ]
    return ([text.encode("utf-8") for text in texts] + [b"", b"\x00" * 9, b"\xff\xfe" * 300]
            + [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))) for _ in range(40)])


@pytest.mark.parametrize("data", _byte_samples())
def test_the_numpy_walk_finds_what_py3langids_own_loop_finds(data):
    """`byte_features` replaces py3langid's byte loop: the same features, counts and order (the
    order its scores are summed in) on texts of every script and on arbitrary bytes."""
    from py3langid.langid import visit_counts

    from seedwiki.parse import language

    identifier = language._identifier()
    expected = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data)
    found = language.byte_features(identifier._tables, data)
    assert (found is None) == (expected is None)
    assert found is None or list(found.items()) == list(expected.items())


def test_the_classifier_scores_as_py3langid_does_to_the_bit():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from seedwiki.parse import language

    plain = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for _, text in [*SAMPLE, ("", ""), ("", "Shafaq Live"), ("", "12345")]:
        assert language._identifier().rank(text) == plain.rank(text)


@pytest.mark.parametrize("text", [
    "plain ASCII words", "“Quoted” — and dashed… «guillemets» ‘single’ 2022–2023 № 5 €10 ✓",
    "café", "naïve “ok”", "ſ long s", "µ micro", "ª ordinal", "x\u0670", "Ⅻ roman", "ǅ title case", "İstanbul",
    "Привет “мир”", "שלום — עולם", "مرحبا “بالعالم”", "日本語 “テキスト”", "\u00a0\u2009\u200b spaces", "𝐁old 𝐌ath", "",
    "The mayor of Zürich met Müller and Ødegaard in São Paulo — «naïve» ſ ǅ İ µ ª 2022",
    "Moscow (Москва) and Kyiv (Київ), said Иван Петров; שלום and مرحبا too", "مرحبا بالعالم hello world ok",
])
def test_the_ascii_letter_count_agrees_with_the_patterns(text):
    """script_of counts ASCII letters without its patterns (and, when other letters are present,
    only those with them): the same script and count as the patterns give."""
    from seedwiki.parse import language

    counts = {script: language._count(pattern, text) for script, pattern in language._SCRIPTS.items()}
    total = language._count(language._LETTERS, text)
    script, top = max(counts.items(), key=lambda kv: kv[1])
    expected = ((script if top / total >= 0.6 else None), total) if total else (None, 0)
    assert language.script_of.__wrapped__(text) == expected


def test_the_model_copy_in_the_cache_folder_holds_the_librarys_arrays(tmp_path, monkeypatch):
    """The uncompressed copy of py3langid's model that the classifier maps: made on first use,
    then read, the same six values as the library's loader gives; where no copy can be made (the
    cache folder is a file), the library's file is read."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    from seedwiki.parse import language

    expected = load_model(MODEL_DIR / MODEL_FILE)

    def same(found):
        assert len(found) == len(expected)
        for mine, theirs in zip(found, expected, strict=True):
            assert np.asarray(mine).dtype == np.asarray(theirs).dtype
            assert np.array_equal(np.asarray(mine), np.asarray(theirs))

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    same(language.model_arrays(MODEL_DIR / MODEL_FILE))
    copies = list((tmp_path / "cache" / "seedwiki").iterdir())
    assert [copy.name.startswith("langid-model-") and copy.is_dir() for copy in copies] == [True]
    same(language.model_arrays(MODEL_DIR / MODEL_FILE))  # from the copy
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    same(language.model_arrays(MODEL_DIR / MODEL_FILE))


@pytest.mark.parametrize("damage", ["another array's file", "wider numbers", "no array", "zeroed"])
def test_a_damaged_model_copy_is_not_read(tmp_path, monkeypatch, damage):
    """A copy in the cache folder whose arrays are not the model's (one file put in another's
    place, an array saved with other numbers, one missing) is not mapped: the library's file is
    read, the same six values, never a traceback nor other scores."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    from seedwiki.parse import language

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    language.model_arrays(MODEL_DIR / MODEL_FILE)  # makes the copy
    [copy] = (tmp_path / "cache" / "seedwiki").iterdir()
    if damage == "another array's file":
        (copy / "ptc.npy").write_bytes((copy / "pc.npy").read_bytes())
    elif damage == "wider numbers":
        np.save(copy / "nextmove_row.npy", np.load(copy / "nextmove_row.npy").astype(np.uint64))
    elif damage == "zeroed":  # the file's header kept, its numbers lost (as a crash before they reached the disk leaves it)
        values = np.load(copy / "ptc.npy", mmap_mode="r+")
        values[:] = 0
        values.flush()
        del values
    else:
        (copy / "out_feat.npy").unlink()
    found = language.model_arrays(MODEL_DIR / MODEL_FILE)
    for mine, theirs in zip(found, load_model(MODEL_DIR / MODEL_FILE), strict=True):
        assert np.asarray(mine).dtype == np.asarray(theirs).dtype
        assert np.array_equal(np.asarray(mine), np.asarray(theirs))


def test_the_letters_of_each_script_are_counted_as_the_patterns_count_them():
    """`script_of` counts a text's letters by a table of every character of the Basic Multilingual
    Plane: the counts are the patterns' own, character by character; a text beyond the plane is
    left to the patterns."""
    from seedwiki.parse import language

    every = "".join(map(chr, range(0x10000)))
    for start in range(0, 0x10000, 2048):
        text = every[start:start + 2048]
        counted = language._counts_beyond_ascii(text)
        assert counted is not None
        assert counted == ([language._count(p, text) for p in language._BEYOND_ASCII.values()], language._count(language._LETTERS_BEYOND_ASCII, text))
    assert language._counts_beyond_ascii("Ein Gruß 😀") is None
    assert language.script_of("Ein Gruß aus Köln 😀") == ("latin", 14)
    assert language.script_of("مرحبا بكم في دمشق") == ("arabic", 14)
