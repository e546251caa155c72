"""Quotations and who said them, only where the text says so.

A quotation gets a speaker when the text names the speaker in the quotation's own attribution
clause ("…," said X / X said / according to X / said his mother, X / X, the commander, said) or
earlier in the quotation's own sentence (X told reporters on Monday: "…"; X: "…"). A pronoun or a
role ("he said", "the official added", "the statement said"), and a quotation with no clause of
its own, resolve only to the one person named as a speaker in the same paragraph or the one
before, with no other name in between; the quotation then says which paragraph named them. In a
transcript's turn or a title, only a quotation's own clause or sentence names its speaker, but for
"you said" in a turn of an exchange of two parties: the other party, when the text gives their name
in full. In every other case the speaker is unknown: unknown is a correct answer, a guess is not.

Speaker names are names: capitalised words (or, in Arabic, the words after the verb), never a
weekday, a month, a transcript label, a pronoun or a common noun; honorifics and ranks are not
part of the name. The variants of one person in a text (full name, surname, title and surname)
become the fullest form the text gives, when that form is unique.

English, French, German, Spanish and Arabic attribution verbs are known; quotation marks pair as
“…”, „…“, „…”, «…», ‹…›, "…" and a curly opening mark closed by a straight one; a closing mark
with no opening one before it closes a quotation from the paragraph's start. A Markdown link reads
as its words. Every step is a bounded look around a quotation or a lookup in an index of the text
built once: the time is linear in the length of the text.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import ANSWER, PARAGRAPH, QUESTION, TITLE, TURN, Block, Quote, QuoteBasis, Span
from .turns import QUESTION_LABELS, read_label

# --- quotation marks ------------------------------------------------------------------------------

_CLOSERS = {"\u201c": "\u201d\"", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb", "\u2039": "\u203a", '"': '"\u201d'}
_OPENERS = re.compile("[" + re.escape("".join(_CLOSERS)) + "]")


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in `text`, marks included. An opening mark is closed by the
    nearest mark that can close it; an unclosed one that opens the text (or a straight one after a
    space) runs to the end: the quotation goes on in the next paragraph. A first mark that closes a
    sentence ('… Schulen?“, fragt X') closes a quotation whose opening mark is missing: it runs from
    the text's start."""
    spans: list[tuple[int, int]] = []
    pos = 0
    if (m := _OPENERS.search(text)) is not None and _closes_unopened(text, m.start()):
        spans.append((len(text) - len(text.lstrip()), m.end()))
        pos = m.end()
    while (m := _OPENERS.search(text, pos)) is not None:
        start, opening = m.start(), m.group()
        ends = [e for c in _CLOSERS[opening] if (e := text.find(c, start + 1)) != -1]
        if not ends:
            if start == 0 or (opening == '"' and text[start - 1] in " (\n"):
                spans.append((start, len(text)))
            break
        end = min(ends)
        spans.append((start, end + 1))
        pos = end + 1
    return spans


def _closes_unopened(text: str, at: int) -> bool:
    """Whether the mark at `at`, the text's first, closes a quotation with no opening mark: it
    follows a sentence's last punctuation, with no space, after three words or more, and a comma
    or a dash follows it ('Mehr Schulen?“, fragt X'); "„" and "«" only open."""
    return (text[at] in "\u201c\"" and at > 0 and text[at - 1] in ".!?…,"
            and text[at + 1:at + 3].lstrip()[:1] in (",", "—", "–") and len(text[:at].split()) >= 3)


# --- names ------------------------------------------------------------------------------------------

_HONORIFICS = (
    "Mr Mrs Ms Miss Dr Prof Sir Dame Lord Lady Sen Senator Rep Representative Gov Governor Pres President Vice "
    "Prime Minister Secretary Ambassador Amb Mayor Judge Justice Chief Deputy Spokesman Spokeswoman Spokesperson "
    "Gen General Lt Lieutenant Col Colonel Maj Major Capt Captain Cmdr Commander Adm Admiral Brig Brigadier Sgt Sergeant "
    "Cpl Corporal Pvt Private Gen. Staff Master Chief Petty Officer Pfc Spc Sheikh Imam Rev Reverend Father Sister "
    "Pope King Queen Prince Princess Emir Sultan Crown "
    "M Mme Mlle Me Herr Frau Señor Señora Sr Sra Don Doña"
).split()
_HONORIFIC_WORDS = set(_HONORIFICS) | {"Director", "Chairman", "Chairwoman", "Chair", "Commissioner", "Chancellor", "Editor", "CEO",
                                        "Founder", "Co-founder", "Mitbegründer", "Wikinews-Mitbegründer", "Minister", "Ministre"} - {"Vice", "Chief", "Deputy", "Master", "Staff", "Crown", "Don", "Sister", "Father", "Private", "Major"}
_HONORIFIC = re.compile(r"(?:(?:" + "|".join(sorted(map(re.escape, _HONORIFICS), key=len, reverse=True)) + r")\.?\s+)+")
_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "de", "del", "della", "der", "di", "da", "du", "la", "le", "van", "von", "y", "dos", "das"}
_NOT_NAMES = {
    # pronouns, determiners and words that start sentences
    "i", "you", "he", "she", "it", "we", "they", "this", "that", "these", "those", "there", "here", "who", "which", "what",
    "the", "a", "an", "and", "but", "or", "so", "if", "when", "while", "as", "at", "in", "on", "of", "for", "to", "by",
    "with", "from", "after", "before", "during", "since", "also", "then", "now", "today", "yesterday", "tomorrow",
    "officials", "sources", "reports", "some", "many", "others", "people", "everyone", "someone", "nobody", "all",
    # roles that are not names on their own
    "chairman", "chairwoman", "director", "chancellor", "premier", "speaker", "commissioner", "officer", "official",
    "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "president", "governor", "mayor", "ambassador",
    # weekdays and months
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    # transcript labels
    "q", "question", "answer", "reporter", "moderator", "interviewer", "host", "operator", "participant",
    # other languages' pronouns and articles
    "il", "elle", "ils", "elles", "er", "sie", "es", "wir", "él", "ella", "ellos", "le", "la", "les", "der", "die", "das", "el", "los", "las",
}
_CAPITALISED = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.-]*"
_NAME_WORD = r"(?:" + _CAPITALISED + r"|(?:al|el|bin|ibn|abu|de|del|der|di|da|du|van|von|y)(?=\s)|[a-z]{1,3}-" + _CAPITALISED + r")"
# a name as a pattern: an optional honorific run, then one to five name words (particles inside)
NAME = r"(?:" + _HONORIFIC.pattern + r")?" + _CAPITALISED + r"(?:\s+" + _NAME_WORD + r"){0,7}(?:,?\s+Jr\.)?(?![\w’'-])"
_ARABIC_NAME = r"[\u0621-\u064A\u0671-\u06D3][\u0621-\u064A\u0671-\u06D3\u064B-\u0652]*(?:\s+[\u0621-\u064A\u0671-\u06D3][\u0621-\u064A\u0671-\u06D3\u064B-\u0652]*){0,5}"


_ARABIC_TITLES = {"الوزير", "وزير", "المتحدث", "الناطق", "الرئيس", "رئيس", "السفير", "العقيد", "اللواء", "العميد", "الجنرال",
                  "الدكتور", "د.", "الشيخ", "السيد", "السيدة", "الأمين", "العام", "باسم", "المدير", "القائد", "النائب", "الملك", "الأمير"}


def _ends_sentence(word: str) -> bool:
    """"Haddad." ends a sentence; "W.", "Gen.", "U.S." do not."""
    core = word.rstrip(".")
    return word.endswith(".") and len(core) > 1 and core not in _HONORIFICS and "." not in core and not core.isupper()


def _sentence_tail(words: list[str]) -> list[str]:
    """The words after the last one that ends a sentence."""
    ends = [i for i, w in enumerate(words) if _ends_sentence(w)]
    return words[ends[-1] + 1:] if ends else words


_ARTICLES = {"The", "Der", "Die", "Das", "Le", "La", "Les", "El", "Los", "Las"}


def clean_name(raw: str) -> str | None:
    """The name in `raw` without its honorifics, trailing punctuation or a following clause; None
    when it is not a name (a pronoun, a weekday, a label, a common word)."""
    name = raw.strip().rstrip(",.;:")
    name = re.sub(r",?\s+Jr\.?$", "", name)
    name = _HONORIFIC.sub("", name) if _HONORIFIC.match(name) else name
    words = name.split()
    if len(words) > 3 and words[0] in _ARTICLES and words[2][:1].isupper() and not any(w.strip(".,’'") in _BODY_WORDS for w in words):
        words = words[2:]  # "Der Blogger Dmitri Efremov", "Le Président Jean Dupont": an article and a role before a name
    if words and words[1:2] and words[1][:1].isupper() and (words[0] in ("The", "the") or (words[0] in _ARTICLES and len(words) >= 5)):
        words = words[1:]  # "The Global Coalition", "El Centro de Amenaza de Tsunamis del Pacífico": a body's name
    if cut := next((i for i, w in enumerate(words) if _ends_sentence(w)), None):
        words = words[:cut + 1]  # "Lina Haddad. Her …": the name ends with its sentence
        words[-1] = words[-1].rstrip(".")
    ranks = [i for i, w in enumerate(words[:-1]) if w.rstrip(".") in _HONORIFIC_WORDS]
    if ranks and ranks[-1] < 4:
        words = words[ranks[-1] + 1:]
    while words and words[0] in _ARABIC_TITLES:
        words.pop(0)
    if words and words[0].startswith("ال"):
        return None  # "اللبناني الأمريكي" (the Lebanese-American): a description, not a name
    while words and words[-1].casefold() in _PARTICLES:
        words.pop()
    if not words or not 1 <= len(words) <= 8:
        return None
    if any(w.casefold().strip(".’'") in _NOT_NAMES for w in (words[0], words[-1])):
        return None
    if len(words) > 1 and all(w.strip(".’'-").isupper() for w in words):
        return None  # a transcript label (MR. KIRBY, SECRETARY RICE) or a shouted heading
    latin = words[0][0].isalpha() and words[0][0].isupper()
    arabic = "\u0600" <= words[0][0] <= "\u06ff"
    if not (latin or arabic):
        return None
    if latin and len(words) == 1 and len(words[0]) < 2:
        return None
    return " ".join(words)


def _fullest(forms: set[str]) -> str | None:
    """The one form that holds every other's words ("Richard B. Myers" for "Richard Myers" too);
    None when there is none (two different people, or no form). A form that only adds words before
    another ("Designer Dan Brown" for "Dan Brown") adds a description, not a name: it is dropped."""
    split = {form: form.split() for form in forms}
    forms = {form for form in forms if not any(len(other) < len(split[form]) and split[form][-len(other):] == other
                                               for other in split.values())}
    if not forms:
        return None
    longest = max(forms, key=lambda form: (len(form.split()), form))
    words = set(longest.split())
    return longest if all(set(form.split()) <= words for form in forms) else None


class FullNames:
    """The fullest form of a name in the text: "Brennan" is "John W. Brennan" when the text names
    him so, and only when it names nobody else "… Brennan". The text's capitalised words are
    indexed once; each surname looks only at the words before its own occurrences."""

    _RUN = re.compile(r"(?:" + _CAPITALISED + r"[^\S\n]+){1,3}$")

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[str, str] = {}
        self.found: dict[str, set[str]] = {}
        self._where: dict[str, list[int]] | None = None

    def _index(self) -> dict[str, list[int]]:
        where: dict[str, list[int]] = {}
        for m in re.finditer(_CAPITALISED, self.text):
            where.setdefault(m.group().rstrip(".,’'"), []).append(m.start())
        return where

    def forms(self, name: str) -> set[str]:
        """The fuller forms of a one-word name the text gives ("John W. Brennan" for "Brennan")."""
        self(name)
        return self.found.get(name, set())

    def __call__(self, name: str) -> str:
        if " " in name or not name[:1].isupper():
            return name  # already a full name (or not Latin): kept as given
        if name not in self.cache:
            if self._where is None:
                self._where = self._index()
            forms = set()
            for at in self._where.get(name, ())[:200]:
                run = self._RUN.search(self.text[max(0, at - 60):at])
                words = _sentence_tail(run.group().split()) if run else []
                if words and (full := clean_name(" ".join([*words, name]))) and full != name:
                    forms.add(full)
            self.found[name] = forms
            self.cache[name] = _fullest(forms) or name
        return self.cache[name]


# --- attribution clauses ------------------------------------------------------------------------------

_VERBS_EN = (r"(?:said|says|say|added|adds|stated|states|told|tells|explained|explains|noted|notes|warned|warns|stressed|"
             r"continued|concluded|wrote|writes|asked|asks|replied|insisted|argued|declared|announced|acknowledged|admitted|"
             r"claimed|recalled|urged|confirmed|emphasi[sz]ed|remarked|recounted|commented|observed|answered|responded|"
             r"tweeted|posted|testified|cautioned|predicted|vowed|pledged|conceded|complained|boasted|shouted|whispered)")
_VERBS_FR = (r"(?:a\s+(?:déclaré|dit|affirmé|ajouté|expliqué|souligné|indiqué|précisé|assuré|estimé|poursuivi|confié|lancé|écrit|"
             r"rappelé|insisté|martelé|averti|reconnu|annoncé|répondu|raconté|témoigné)|déclare|dit|affirme|ajoute|explique|souligne|"
             r"indique|précise|assure|estime|poursuit|confie|lance|écrit|rappelle|insiste|martèle|reconnaît|annonce|répond|raconte|"
             r"témoigne|déclarait|disait|affirmait|expliquait)")
_VERBS_DE = (r"(?:sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|schrieb|schreibt|beschreibt|berichtet|berichtete|"
             r"fragt|fragte|warnte|warnt|fügte\s+hinzu|so)")
_VERBS_ES = (r"(?:dijo|dice|afirmó|afirma|declaró|declara|explicó|explica|señaló|señala|añadió|añade|aseguró|asegura|indicó|"
             r"indica|agregó|agrega|sostuvo|sostiene|manifestó|expresó|escribió|advirtió|subrayó|destacó|comentó|respondió)")
_AUXILIARY_EN = r"(?:(?:has|have|had|would|will|later|also|then)\s+)?"
VERBS = (r"(?:" + _AUXILIARY_EN + "(?:" + "|".join((_VERBS_EN, _VERBS_FR, _VERBS_DE, _VERBS_ES)) + r")"
         r"|(?:was|were|is)\s+quoted\b[^\"“”«»„.]{0,60}?\bas\s+saying)")
_ACCORDING = r"(?i:according\s+to|selon|d['’]après|según|laut|zufolge)"
_ARABIC_VERBS = r"(?:و?قال(?:ت)?|و?أضاف(?:ت)?|و?أكد(?:ت)?|و?صرح(?:ت)?|و?أوضح(?:ت)?|و?تابع(?:ت)?|و?كتب(?:ت)?)"
_ARABIC_ACCORDING = r"(?:بحسب|حسب|وفق(?:ا|اً)?\s*ل|وفقا\s+ل|وفقاً\s+ل|على\s+حد\s+قول)"
# a pronoun or a role: who it is, the paragraph before must say
_REFERRING = (r"(?i:he|she|they|it|il|elle|ils|elles|er|sie|él|ella|"
              r"(?:the|a|an|le|la|l['’]|der|die|das|el|la|un|une|ein|eine)\s+(?:\w+\s+){0,2}?"
              r"(?:official|officials|spokesman|spokeswoman|spokesperson|source|statement|release|ministry|minister|"
              r"commander|officer|general|colonel|president|secretary|ambassador|mayor|governor|man|woman|witness|"
              r"resident|doctor|lawyer|father|mother|son|daughter|brother|sister|wife|husband|police|army|military|"
              r"porte-parole|responsable|ministre|communiqué|Sprecher|Sprecherin|Minister|Ministerin|portavoz|ministro|"
              r"comunicado))")
# someone the text does not name: "said one detainee", "a resident told", "another man added"
_UNNAMED = (r"(?i:(?:one|a|an|another|some|two|three|several|many|other|un|une|ein|eine|uno|una)\s+(?:[a-zà-ÿ’'-]+\s+){0,2}?"
            r"[a-zà-ÿ’'-]+)")
_REFERRING_RE = re.compile(r"^" + _REFERRING + r"$")
# the role before a name: "said his mother, X", "a déclaré le ministre X", "sagte der Minister X"
_ROLE = (r"(?:(?:his|her|their|its|the|a|an|le|la|l['’]|les|un|une|el|los|las|der|die|das|des|dem|ein|eine)\s+"
         r"(?:[a-zà-ÿ’'-]+,?\s+|(?:Minister|Ministerin|Sprecher|Sprecherin|Präsident|Präsidentin|Bürgermeister|Kanzler|Kanzlerin)\s+){1,4}?,?\s*)")
_APPOSITION = r"(?:,\s+(?:[^,.;:\"“”«»]{1,80}),)"  # "X, the commander of the base, said"

# After the closing mark: `, said X` / `X said` / `said his mother, X` / `according to X` / `a-t-il dit`.
_AFTER = re.compile(
    r"^\s*[,—–-]?\s*(?:"
    r"(?:(?:le|les|lui|leur|me|nos|ihm|ihr)\s+)?(?P<verb_first>" + VERBS + r")\s+(?:" + _ROLE + r")?[“\"«„]?(?P<n1>" + NAME + r")"
    r"|(?P<n2>" + NAME + r")\s*" + _APPOSITION + r"?\s*(?:also\s+|later\s+|then\s+)?" + VERBS + r"\b"
    r"|(?P<ref>" + _REFERRING + r")\s*" + r"(?:also\s+|later\s+|then\s+)?" + VERBS + r"\b"
    r"|" + VERBS + r"[- ]t?[- ]?(?P<ref2>il|elle|ils|elles|er|sie)\b"
    r"|" + VERBS + r"\s+(?P<ref3>" + _REFERRING + r")\b"
    r"|" + _ACCORDING + r"\s+(?P<n3>" + NAME + r")"
    r"|" + VERBS + r"\s+(?P<anon>" + _UNNAMED + r")"
    r"|(?P<anon2>" + _UNNAMED + r")\s+" + VERBS + r"\b"
    r"|" + _ARABIC_VERBS + r"\s+(?P<n4>" + _ARABIC_NAME + r")"
    r"|" + _ARABIC_ACCORDING + r"\s*(?P<n5>" + _ARABIC_NAME + r")"
    r")",
)
# Before the opening mark, at the end of the sentence's text so far: `X said:` / `X told reporters on Monday,` / `X:` / `According to X,`.
_BEFORE = re.compile(
    r"(?:^|[\s(])(?:"
    r"(?P<n1>" + NAME + r")\s*" + _APPOSITION + r"?\s*(?:also\s+|later\s+|then\s+)?" + VERBS + r"\b[^\"“”«»„]{0,80}?"
    r"|(?P<ref>" + _REFERRING + r")\s+(?:also\s+|later\s+|then\s+)?" + VERBS + r"\b[^\"“”«»„]{0,80}?"
    r"|(?P<anon>" + _UNNAMED + r")\s+" + VERBS + r"\b[^\"“”«»„]{0,80}?"
    r"|" + _ACCORDING + r"\s+(?P<n2>" + NAME + r")\s*,?\s*"
    r"|(?P<n3>" + NAME + r")\s*:\s*"
    r"|" + _ARABIC_VERBS + r"\s+(?P<n4>" + _ARABIC_NAME + r")[^\"“”«»]{0,40}?"
    r")\s*(?:that\s+|que\s+|qu['’]|dass\s+|إن\s+|أن\s+)?[:,]?\s*$",
)
WINDOW = 160  # how far before or after a quotation its clause is looked for
# a sentence ends at its punctuation, or at a quotation's closing mark right after it when the next
# sentence starts with a capital ('… he said. "We will stay." Weather …')
_SENTENCE_END = re.compile(r"[.!?]\.{0,2}[^\S\n]?[\"”»“’](?=\s+[A-ZÀ-Þ\"“«„]|\s*$)|[.!?؟]+(?=\s|$)")
# a word a period does not end a sentence after: an initial, a number, an abbreviation
_ABBREVIATION = re.compile(r"\d{1,2}|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]|" + "|".join(map(re.escape, _HONORIFICS)) + r"|Jr|Sr|St|Mt|No|vs|etc|Jan|Feb|Mar|Apr|Aug|Sept|Oct|Nov|Dec")


@functools.lru_cache(maxsize=4096)
def _is_abbreviation(word: str) -> bool:
    return _ABBREVIATION.fullmatch(word) is not None


def _ends_with_abbreviation(before: str) -> bool:
    """Whether `before` (the few characters before a period) ends with an abbreviation that opens
    it or follows a space (or does so but for a line break that ends it)."""
    return _last_word_abbreviation(before) or (before.endswith("\n") and _last_word_abbreviation(before[:-1]))


def _last_word_abbreviation(before: str) -> bool:
    if not before or before[-1].isspace():
        return False
    return _is_abbreviation(before.rsplit(None, 1)[-1])


@dataclass(frozen=True)
class Clause:
    """What an attribution clause says: a name, or a reference (pronoun, role) to resolve."""

    name: str | None
    referring: bool
    basis: str  # "clause" or "sentence"
    stop: int = -1  # where the clause ends in the block's text, when it follows the quotation
    personal: bool = False  # the reference is a person's pronoun ("he", "sie", "il"), not a role


# a period that ends no sentence: after an initial or an abbreviated rank ("B.", "Gen.")
_INNER_PERIOD = r"(?:(?<=\b[A-Z])|" + "|".join(f"(?<={a})" for a in ("Gen", "Col", "Maj", "Lt", "Dr", "Mr", "Mrs", "Ms", "Sgt", "Capt", "Adm",
                                                                        "Brig", "Sen", "Rep", "Gov", "Jr", "Prof", "St")) + r")\."
_ACCORDING_ROLE = re.compile(_ACCORDING + r"\s+(?P<phrase>(?:[^.,;:!?\"“”«»„]|" + _INNER_PERIOD + r"){1,120})\s*(?:[.,;:!?]|$)")


def _last_person(phrase: str) -> str | None:
    """The last person a phrase names ("Chairman of the Joint Chiefs of Staff General Richard B.
    Myers" → "Richard B. Myers"): the last run of capitalised words that is a name, not a body's."""
    for m in reversed(list(_MENTION.finditer(phrase))):
        words = m.group().split()
        honorific = bool(_HONORIFIC.search(m.group()))
        if any(w.strip(".,’'") in _BODY_WORDS for w in words[-2:]):
            continue
        if (name := clean_name(m.group())) and (honorific or len(name.split()) >= 2):
            return name
    return None


def _clause(match: re.Match[str], groups: tuple[str, ...], basis: str) -> Clause | None:
    """The clause a match found: the first of `groups` that matched, as a name or a reference."""
    for group in groups:
        raw = match.groupdict().get(group)
        if raw:
            if group.startswith("anon"):
                return Clause(None, False, basis)  # someone unnamed: unknown, and no one else's words around it
            if group.startswith("ref") or _REFERRING_RE.match(raw.strip()):
                return Clause(None, True, basis, personal=bool(re.fullmatch(_PRONOUN, raw.strip())))
            name = clean_name(raw)
            return Clause(name, False, basis) if name else None
    return None


def _after_clause(text: str, end: int, inner: str) -> Clause | None:
    """The clause right after a quotation, when the quotation does not end its sentence."""
    closes_sentence = inner.rstrip().endswith(".") and not inner.rstrip().endswith("..")
    window = text[end:end + WINDOW]
    if closes_sentence and not window.startswith(","):
        return None
    if (m := _ACCORDING_ROLE.match(window.lstrip(" ,"))) and (name := _last_person(m["phrase"])):
        return Clause(name, False, "clause", end + len(window) - len(window.lstrip(" ,")) + m.end())
    m = _AFTER.match(window)
    clause = None if m is None else _clause(m, ("n1", "n2", "ref", "ref2", "ref3", "n3", "anon", "anon2", "n4", "n5"), "clause")
    return None if clause is None or m is None else dataclasses.replace(clause, stop=end + m.end())


# the sentence's subject, then its second verb, one of saying: "Charest reaffirmed his position and was quoted as
# saying …", "Der Fotograf Oleg Klimov hat Fotos gestellt und beschreibt das Ereignis als …"
_COORDINATED = re.compile(r"\s*(?:[^,.;:!?\"“”«»„]{1,60},\s+)?(?P<name>" + NAME + r")\s+(?=[a-zà-ÿ])(?P<gap>[^\"“”«»„,;:]{1,160}?)"
                          r"\s(?:and|und|et|y)\s+(?:also\s+|auch\s+)?" + VERBS + r"\b[^\"“”«»„]{0,80}?\s*[:,]?\s*$")
# what makes a second verb another person's: a clause of its own ("Smith says that Jones … and adds")
_SUBORDINATE = re.compile(r"(?i)\b(?:that|who|whom|whose|which|while|whereas|que|qu['’]|qui|dass|weil|wenn|ob|während|porque|quien|mientras)\b")


def _before_clause(sentence: str) -> Clause | None:
    """The clause that introduces a quotation earlier in its sentence (`sentence`: its text up to the mark)."""
    m = _BEFORE.search(sentence[-WINDOW:])
    if m is None:
        c = _COORDINATED.match(sentence)
        if c is None or _SUBORDINATE.search(c["gap"]) or _other_person_between(c["gap"], 0, len(c["gap"]), None):
            return None
        return Clause(name, False, "sentence") if (name := clean_name(c["name"])) else None
    # right before the mark ("X said:", "according to X,") it is the clause; further back, the sentence
    adjacent = bool(m["n2"] or m["n4"] or re.search(VERBS + r"\s*(?:that|que|qu['’]|dass)?\s*[:,]?\s*$", sentence))
    return _clause(m, ("n1", "ref", "anon", "n2", "n3", "n4"), "clause" if adjacent else "sentence")


def _sentence_starts(masked: str) -> list[int]:
    """Where each sentence of a block begins (quotations masked, so their periods do not count)."""
    return [0, *(end for _, end in _sentences(masked))]


_CLOSING_PERIOD = re.compile(r"[.!?][^\S\n]?$")


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each quotation's inside replaced by x's (same length): sentence ends inside a
    quotation are not the sentence's, but for the one that closes it."""
    parts, pos = [], 0
    for start, end in spans:
        inner = max(0, end - start - 2)
        closing = _CLOSING_PERIOD.search(text, start + 1, end - 1) if inner else None  # its closing period: a sentence end
        kept = end - 1 - closing.start() if closing else 0
        parts += [text[pos:start + 1], "x" * (inner - kept), text[end - 1 - kept:end - 1]]
        pos = max(pos, end - 1)
    parts.append(text[pos:])
    return "".join(parts)


# --- names mentioned (to keep a resolution from jumping over another person) ---------------------------

_MENTION = re.compile(r"(?:" + _HONORIFIC.pattern + r")?" + _CAPITALISED + r"(?:\s+" + _CAPITALISED + r")+")


_BODY_WORDS = set(
    "Chiefs Staff Force Forces Ministry Department Committee Council University Army Navy Corps Union Nations States "
    "Agency Office Service Court Party News Times Post Press Journal Institute Center Centre Foundation Organization "
    "Organisation Commission Bank Fund Group Company Corporation Inc Ltd Association Federation Republic Kingdom Government "
    "House Senate Congress Parliament Assembly Guard Police Command Base Airport Station Street Square Province County City "
    "Road River Sea Ocean Mountains Island Islands Coast Valley North South East West Central United National International "
    "Federal Joint Armed Services Security Defense Defence Health Affairs Foreign Home Human Rights Watch Red Cross Crescent "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September "
    "October November December".split()
)


def _other_person_between(text: str, start: int, end: int, speaker: str | None) -> bool:
    """Whether a person other than `speaker` is named in text[start:end]: two or more capitalised
    words that are not an organisation's or a place's (or an honorific and a name)."""
    parts = set((speaker or "").split())
    for m in _MENTION.finditer(text, start, end):
        words = m.group().split()
        honorific = bool(_HONORIFIC.match(m.group()))
        if not honorific and any(w.strip(".,’'") in _BODY_WORDS for w in words):
            continue
        name = clean_name(m.group())
        if name and not (set(name.split()) & parts) and (honorific or len(name.split()) >= 2):
            return True
    return False


# --- statements without quotation marks --------------------------------------------------------------

# "Brennan said the attack …" / "Bachelet dijo que …" / "Isriya meint, es sei …": the rest of the sentence is theirs
# reporting verbs only: "asked", "urged", "called" report requests and questions, not statements
_STATING = (r"(?:(?:has|have|had)\s+)?(?:said|says|stated|states|added|adds|noted|notes|warned|warns|stressed|explained|explains|"
            r"argued|argues|claimed|claims|insisted|insists|asserted|asserts|emphasi[sz]ed|emphasi[sz]es|contended|maintained|pointed\s+out|recalled|"
            r"told\s+[^,.;]{1,40}?\s+that|wrote\s+that|confirmed|acknowledged|"
            r"announced|declared|estimated|reported|a\s+(?:déclaré|dit|affirmé|ajouté|expliqué|souligné|indiqué|précisé|estimé)|"
            r"déclare|affirme|estime|souligne|sagte|sagt|erklärte|betonte|meint|meinte|dijo|afirmó|declaró|explicó|señaló|"
            r"añadió|aseguró|indicó|agregó|recordó|sostuvo)")
# a person's pronoun: who it is, the text around must say ("He added that …", "…, she said.")
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Ii]l|[Ee]lle|[Ee]r|[Ss]ie|[ÉéEe]l|[Ee]lla)"
_SAID_BEFORE = re.compile(r"^(?:[A-Z][^.;:!?]{0,60}?,[\"”’]?\s+)?(?:(?P<ref>" + _PRONOUN + r")(?=\s)|(?P<name>" + NAME + r")\s*" + _APPOSITION + r"?)"
                          r"\s*(?:also\s+|later\s+)?(?:" + _STATING + r")"
                          r"\s*(?:,\s*|:\s*|\s+(?:that|que|qu['’]|dass)\s+|\s+)(?=[a-zà-ÿ\u0600-\u06FF(])")
# "…, said X." / "…, a souligné M. Nguesso." / "…, according to X." / "…, Brown explained." / "…, he said, …"
_SAID_AFTER = re.compile(r",\s*(?:" + _STATING + r"\s+(?:" + _ROLE + r")?(?P<n1>" + NAME + r")|" + _ACCORDING + r"\s+(?:the\s+)?(?P<n2>" + NAME + r")"
                         r"|(?P<n3>" + NAME + r")\s*" + _APPOSITION + r"?\s*(?:" + _STATING + r")"
                         r"|(?P<ref>" + _PRONOUN + r")\s+(?:" + _STATING + r")|(?:" + _STATING + r")\s+(?P<ref2>er|sie|él|ella))\s*(?:[,.;]|$)")
# "@handle: words" — a post quoted by its author's handle
_HANDLE = re.compile(r"^(?P<name>@\w{1,30})\s*:\s+(?=\S)")
# "According to X, …" / "Selon X, …"
# "Nach Angaben der „Netzeitung“ waren …" / "Laut Polizei sind …": German puts no comma after it
_ACCORDING_FIRST = re.compile(r"^(?:" + _ACCORDING + r"\s+(?:" + _ROLE + r")?(?P<name>" + NAME + r")\s*,\s*(?=\S)"
                              r"|(?:Nach\s+Angaben|Laut|Zufolge)\s+(?:(?:der|des|dem|von)\s+)?(?P<mark>[„“\"«])?(?P<de>" + NAME + r")[“”\"»]?\s+(?=[a-zäöüß]))")


# a second verb of saying of the same subject: "… and said that …", "… y dijo que …"
_SECOND = re.compile(r",?\s(?:and|y|et|und)\s+(?:also\s+)?(?:" + _STATING + r")(?:\s*,\s*|\s+(?:that|que|qu['’]|dass)\s+)(?=[a-zà-ÿ])")
# after a quotation: its clause, then a second verb ("…," Brown said, but emphasized that …)
_SAID_ALSO = re.compile(r"\s*,?\s*(?:(?P<ref>" + _PRONOUN + r")|(?P<name>" + NAME + r"))\s+(?:" + _STATING + r"|" + VERBS + r")\s*,?\s*"
                        r"(?:but|and|y|pero|et|mais|und|aber)\s+(?:also\s+)?(?:" + _STATING + r")(?:\s*,\s*|\s+(?:that|que|qu['’]|dass)\s+)(?=[a-zà-ÿ])")
# a clause goes on with a participle of saying: "…, said X, adding that …", "…, a souligné X, ajoutant qu'…"
_ADDING = re.compile(r"\s*(?:adding|noting|ajoutant|précisant|soulignant|añadiendo|agregando|hinzufügend)\s+(?:that\s+|que\s+|qu['’]|dass\s+)?(?=[a-zà-ÿ])")
_CONJUNCTION = re.compile(r"\s*(?:(?:but|and|mais|et|aber|und|pero|y)\s*)?")


@dataclass(frozen=True)
class Statement:
    """Words a sentence reports someone said, without quotation marks: text[start:end]."""

    start: int
    end: int
    name: str | None  # None: a pronoun ("he said"), whom the text around must name
    sure: bool = False  # a name of one word that is surely a name (a handle, a source in quotation marks)


_SENTENCE_MARK = re.compile(r"[.!?؟]")  # where a match of `_SENTENCE_END` can begin


def _sentence_ends(masked: str) -> Iterator[re.Match[str]]:
    """`_SENTENCE_END.finditer(masked)`, tried only where a sentence's punctuation is (a scan for one
    character class, then the pattern at each mark, costs a third of the pattern's scan)."""
    pos = 0
    for mark in _SENTENCE_MARK.finditer(masked):
        if mark.start() >= pos and (m := _SENTENCE_END.match(masked, mark.start())) is not None:
            yield m
            pos = m.end()


@functools.lru_cache(maxsize=8)  # a paragraph's sentences are asked for by its quotations and by its statements
def _sentences(masked: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence; a period after an initial or an abbreviation ("W.", "Gen.") ends none."""
    sentences = []
    start = 0
    for m in _sentence_ends(masked):
        if m.group() == "." and _ends_with_abbreviation(masked[max(0, m.start() - 14):m.start()]):
            continue
        sentences.append((start, m.end()))
        start = m.end()
    if start < len(masked):
        sentences.append((start, len(masked)))
    return tuple(sentences)


# a Markdown link: its text is the text's words, its address is not ("[Gartner estimated](https://…) that …")
_LINK = re.compile(r"\[(?P<words>[^\[\]]{1,200})\]\((?:[^()\s]|\([^()\s]{0,200}\)){1,500}\)")


def _unlink(text: str) -> tuple[str, set[int]]:
    """`text` with each Markdown link's brackets and address as spaces (same length), and where
    each link's words begin."""
    parts, pos, linked = [], 0, set()
    for m in _LINK.finditer(text):
        parts += [text[pos:m.start()], " ", m["words"], " " * (m.end() - m.end("words"))]
        linked.add(m.start("words"))
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts), linked


def unquoted_statements(text: str, quoted: list[tuple[int, int]]) -> Iterator[Statement]:
    """Each sentence of `text` that states what a named person or body (or "he", "she") said
    without quotation marks. A sentence that holds a quotation is the quotation's, but for its words
    before the quotation when a clause of their own says whose they are ("…, he said, but "…"").
    A Markdown link reads as its words; a name that opens a link's words is surely a name: the link
    is the statement's source ("[Gartner estimated](https://…) that …")."""
    text, linked = _unlink(text) if "](" in text else (text, set())
    masked = _mask(text, quoted)
    ends = [e for _, e in quoted]  # in order, as the quotations are
    for start, end in _sentences(masked):
        while start < end and text[start].isspace():
            start += 1
        sentence = text[start:end]
        first = bisect_right(ends, start)  # the first quotation that ends after the sentence starts
        if first < len(quoted) and quoted[first][0] < end:
            # only the words before the quotation, with a clause after them ("Weather …, he said, but "…"")
            head = text[start:max(start, quoted[first][0])]
            if (m := _SAID_AFTER.search(head)) and m.start() >= 20 and (m["ref"] or m["ref2"]) and _CONJUNCTION.fullmatch(head[m.end():]):
                yield Statement(start, start + len(head[:m.start()].rstrip()), None)
            # the words after the last quotation, when its clause goes on ("…," Brown said, but emphasized that …)
            last = quoted[bisect_right(ends, end) - 1] if bisect_right(ends, end) else quoted[first]
            if (last[1] <= end and (m := _SAID_ALSO.match(text, last[1], end)) and end - m.end() >= 20
                    and (m["ref"] or clean_name(m["name"] or ""))):
                yield Statement(m.end(), end, None if m["ref"] else clean_name(m["name"]))
            continue
        if start == 0 and (m := _HANDLE.match(sentence)):
            yield Statement(start + m.end(), len(text.rstrip()), m["name"], sure=True)
            break
        if len(sentence) < 30:
            continue
        # "X said (that) …" (with 20 characters said at least) or "According to X, …": the rest is X's
        if (m := _SAID_BEFORE.match(sentence)) and len(sentence) - m.end() >= 20 and (m["ref"] or clean_name(m["name"])):
            name = clean_name(m["name"]) if m["name"] else None
            sure = bool(m["name"]) and start + m.start("name") in linked
            # "X recalled … and said that …": two statements of one speaker
            if (second := _SECOND.search(text, start + m.end(), end)) and second.start() - start - m.end() >= 20 and end - second.end() >= 20:
                yield Statement(start + m.end(), second.start(), name, sure)
                yield Statement(second.end(), end, name, sure)
            else:
                yield Statement(start + m.end(), end, name, sure)
        elif (m := _ACCORDING_FIRST.match(sentence)) and (name := clean_name(m["name"] or m["de"])):
            yield Statement(start + m.end(), end, name, sure=bool(m["mark"]))
        elif ((m := _SAID_AFTER.search(sentence)) and m.group().endswith(",") and not (m["n1"] or m["n2"])
              and m.start() >= 10 and len(sentence) - m.end() >= 10):
            # "And self-reflection, he said, is invaluable." / "…, Brown said, …": the whole sentence is theirs
            # ("…, said X, the commander." is X's words before it)
            name = None if m["ref"] or m["ref2"] else clean_name(m["n3"])
            if name or m["ref"] or m["ref2"]:
                yield Statement(start, end, name)
        elif m is not None and m.start() >= 20:  # m: the branch above's _SAID_AFTER.search(sentence), not searched again
            if m["ref"] or m["ref2"]:
                name = None
                yield Statement(start, start + len(sentence[:m.start()].rstrip()), None)  # "…, he said."
            elif name := clean_name(m["n1"] or m["n2"] or m["n3"]):
                yield Statement(start, start + len(sentence[:m.start()].rstrip()), name)  # "…, said X."
            else:
                continue
            if m.group().endswith(",") and (adding := _ADDING.match(sentence, m.end())) and len(sentence) - adding.end() >= 20:
                yield Statement(start + adding.end(), end, name)  # "…, said X, adding that …": X's too


# --- the whole document ------------------------------------------------------------------------------

@dataclass
class _Named:
    speaker: str | None  # None: someone the text does not name
    block: int
    at: int  # offset in the block's text where the naming clause ends


_SMALL_WORDS = {"the", "of", "and", "a", "an", "in", "on", "for", "to", "at", "by", "with", "de", "la", "le", "el", "der", "die", "das", "und", "y", "et"}


# A paragraph that announces what follows: "X issued the following statement:", "X writes:", "قال X:"
_INTRODUCTION = re.compile(
    r"(?:^|[\s(])(?P<name>" + NAME + r")\s*" + _APPOSITION + r"?\s*(?:" + VERBS + r"|issued|released|writes|tweeted|posted|"
    r"schreibt|beschreibt|écrit|escribe)\b[^.!?:\"“”«»„]{0,120}:\s*$"
    r"|" + _ARABIC_VERBS + r"\s+(?P<arabic>" + _ARABIC_NAME + r")[^.!?:]{0,60}:\s*$"
    r"|(?:و?يكتب|و?تقول|و?يقول)\s+(?P<arabic2>" + _ARABIC_NAME + r")\s*:\s*$"
)


def _has_quotation_marks(text: str) -> bool:
    return bool(_OPENERS.search(text))


def _introduction(text: str, index: int) -> _Named | None:
    """The speaker a paragraph announces when it ends with a colon after naming them with a verb
    of saying or writing: the next paragraph is their words."""
    if not text.rstrip().endswith(":"):
        return None
    m = _INTRODUCTION.search(text[-(WINDOW + 120):])
    if m is None:
        return None
    raw = m["name"] or m["arabic"] or m["arabic2"]
    if raw is None or _REFERRING_RE.match(raw.strip()):
        return None
    name = clean_name(raw)
    return _Named(name, index, len(text)) if name else None


def _resolve(blocks: list[Block], index: int, start: int, candidates: list[_Named]) -> _Named | None:
    """The speaker a pronoun, a role or a continued quotation at `start` in block `index` means:
    the one speaker named among `candidates` (this paragraph's or the previous one's), when no
    one unnamed spoke and no other person is named between that naming and here."""
    if len({n.speaker for n in candidates}) != 1 or candidates[-1].speaker is None:
        return None
    last = candidates[-1]
    text = blocks[index].text
    if last.block != index and _other_person_between(blocks[last.block].text, last.at, len(blocks[last.block].text), last.speaker):
        return None
    return None if _other_person_between(text, last.at if last.block == index else 0, start, last.speaker) else last


# the subject a sentence opens with, after an opening phrase: "Designer Dan Brown was …", "New to the city, Brown was …"
_SUBJECT = re.compile(r"\s*(?:[^,.;:!?\"“”«»„]{1,80},\s+)?(?P<name>" + NAME + r")\s+(?=[a-zà-ÿ])")


def _sole_subject(blocks: list[Block], index: int, sentence: int, start: int, full_name: FullNames, spoke: list[_Named]) -> _Named | None:
    """The person a pronoun at `start` (in a sentence starting at `sentence`) means when no speaker is
    named near it: the one the sentence before opens with as its subject (in this paragraph, or last
    in the one before), when no other person is named between that sentence's start and `start`. A
    one-word subject must be a name the text gives in full somewhere."""
    text = blocks[index].text
    if sentence > 0:
        where, source = index, text
    elif index > 0 and blocks[index - 1].kind == PARAGRAPH:
        where, source = index - 1, blocks[index - 1].text
        sentence = len(source)
    else:
        return None
    spans = [(s, e) for s, e, _ in _quotations(blocks[where])]
    starts = _sentence_starts(_mask(source, spans))
    before = starts[bisect_right(starts, max(0, sentence - 1)) - 1]
    if any(named.block > where or (named.block == where and named.at > before) for named in spoke):
        return None  # someone spoke after that sentence began
    if (m := _SUBJECT.match(source, before, sentence)) is None or (raw := clean_name(m["name"])) is None:
        return None
    name = full_name(raw)
    if " " not in name and (raw in _BODY_WORDS or not full_name.forms(raw)):
        return None
    if _other_person_between(source, before, sentence, name) or (where != index and _other_person_between(text, 0, start, name)) \
            or (where == index and _other_person_between(text, sentence, start, name)):
        return None
    return _Named(name, where, m.end())


def _is_quoted_name(inner: str) -> bool:
    """“Colonel Myles Caggins”, "Meet the Press": a name or a title in quotation marks (its words
    capitalised but for small ones), not a quotation."""
    words = inner.strip().rstrip(",").split()
    if not 0 < len(words) <= 8 or inner.rstrip().endswith((".", "?", "!")):
        return False
    return all(w[0].isupper() or w.casefold() in _SMALL_WORDS for w in words) and words[0][0].isupper()


def _quotations(block: Block) -> Iterator[tuple[int, int, str]]:
    text = block.text
    for start, end in find_quote_spans(text):
        inner = text[start + 1:end - 1] if end - start > 2 else ""
        if _is_quoted_name(inner) or (len(inner.split()) < 2 and not (start == 0 and end == len(text))):
            continue  # a name, a title or a term in quotation marks, not someone's words
        yield start, end, inner


# "You said, "…"", ""…," you told me": the person the turn speaks to
_YOU_BEFORE = re.compile(r"(?:^|[\s(])(?i:you)\s+(?:also\s+|later\s+|then\s+|just\s+)?" + VERBS + r"\b[^\"“”«»„]{0,80}?\s*[:,]?\s*$")
_YOU_AFTER = re.compile(r"^\s*[,—–-]?\s*(?i:you)\s+(?:also\s+|later\s+|then\s+|just\s+)?" + VERBS + r"\b")


def _label_name(label: str, full_name: FullNames) -> str | None:
    """The person a transcript label names, in the fullest form the text gives: "MR. KIRBY" is
    "John Kirby" when the text names him so; None when the text gives no name of two words."""
    words = [w for w in label.replace(".", " ").split() if w.rstrip(".").casefold() not in _LABEL_TITLES]
    if not words:
        return None
    name = clean_name(" ".join(w.capitalize() if w.isupper() else w for w in words))
    if name is None:
        return None
    name = full_name(name)
    return name if " " in name else None


_LABEL_TITLES = {w.casefold() for w in _HONORIFICS} | {"mme", "mlle", "sec", "amb", "adm"}


def _addressed(blocks: list[Block], full_name: FullNames) -> dict[str, tuple[str, list[int]]]:
    """Per turn label, the one person its turns speak to, with the blocks of that person's turns:
    only in an exchange of two parties (all the askers of a briefing, "Q" or "QUESTION", are one
    party), and only a party the text names in full."""
    parties: dict[str, list[int]] = {}
    for index, block in enumerate(blocks):
        if block.kind in (TURN, QUESTION, ANSWER) and block.speaker:
            party = "" if block.speaker.upper() in QUESTION_LABELS else block.speaker
            parties.setdefault(party, []).append(index)
    if len(parties) != 2:
        return {}
    out = {}
    for party, other in (tuple(parties), tuple(reversed(tuple(parties)))):
        if other and (name := _label_name(other, full_name)):
            out.update({label: (name, parties[other]) for label in {blocks[i].speaker or "" for i in parties[party]}})
    return out


def _marked_spans(block: Block, begin: int = 0) -> tuple[list[tuple[int, int, str]], str, list[int]]:
    """A block's quotations from `begin` on, its text with them masked, and where its sentences start."""
    spans = [(s, e, inner) for s, e, inner in _quotations(block) if s >= begin]
    masked = _mask(block.text, [(s, e) for s, e, _ in spans])
    return spans, masked, _sentence_starts(masked)


def _quotation_clause(block: Block, masked: str, starts: list[int], span: tuple[int, int, str], begin: int = 0) -> tuple[Clause | None, str]:
    """The attribution clause of a quotation (after it, else before it in its sentence), and the
    words of its sentence before it."""
    start, end, inner = span
    sentence = masked[max(begin, starts[bisect_right(starts, start) - 1]):start]
    clause = _after_clause(block.text, end, inner)
    return (clause if clause is not None else _before_clause(sentence)), sentence


def _named_by(name: str, clause: Clause, full_name: FullNames) -> tuple[str, QuoteBasis]:
    """The speaker a clause names (`name`), and why: in the attribution clause, or earlier in the sentence."""
    return full_name(name), ("clause" if clause.basis == "clause" else "sentence")


def _quotations_in_turn(blocks: list[Block], index: int, text: str, full_name: FullNames,
                        addressed: tuple[str, list[int]] | None) -> Iterator[Quote]:
    """The quotations inside a transcript's turn (or a title) whose own clause or sentence names
    their speaker ("Joe said, "…""), or, in a turn of a two-party exchange, says "you said": the
    other party's. Nothing else is resolved: who "he" is, a transcript's talk does not say."""
    block = blocks[index]
    label = read_label(block.text) if block.kind != TITLE else None
    begin = max(0, block.text.find(label.rest)) if label and label.rest else 0  # the words after the label
    spans, masked, starts = _marked_spans(block, begin)
    for start, end, inner in spans:
        clause, sentence = _quotation_clause(block, masked, starts, (start, end, inner), begin)
        speaker: str | None = None
        basis: QuoteBasis = "none"
        resolved: int | None = None
        if clause is not None and clause.name:
            speaker, basis = _named_by(clause.name, clause, full_name)
        elif clause is None and addressed is not None and (_YOU_AFTER.match(block.text[end:end + WINDOW]) or _YOU_BEFORE.search(sentence[-WINDOW:])):
            name, turns = addressed
            speaker, basis = name, "resolved"
            resolved = turns[bisect_right(turns, index) - 1] if turns[0] < index else turns[0]
        if speaker is not None or block.kind == TITLE:
            span = Span(block.span.start + start, block.span.start + end)
            yield Quote(index, span, block.text[start:end], speaker, basis, resolved_from=resolved)


def find_quotes(blocks: list[Block], text: str, interview: bool) -> list[Quote]:
    """Every quotation, attributed statement, interview answer and transcript turn, with its
    speaker and the basis for it (`Quote.basis`)."""
    quotes: list[Quote] = []
    full_name = FullNames(text)
    previous: list[_Named] = []  # speakers named in the paragraph before
    tail: _Named | None = None  # the speaker of the quotation that ends the paragraph before
    introduced: _Named | None = None  # who the paragraph before announced as speaking next ("X said:")
    single: list[Quote] = []  # statements by a one-word name, kept if the name is a quotation's speaker too
    addressed = _addressed(blocks, full_name)  # in a two-party exchange, whom each label's turns speak to
    for index, block in enumerate(blocks):
        if interview and block.kind == ANSWER:
            quotes.append(Quote(index, block.span, block.text, None, "interviewee", form="answer"))
            previous, tail, introduced = [], None, None
            continue
        if block.kind == TURN and block.speaker and (m := re.match(r"[^:]*:\s*", block.text)):
            span = Span(block.span.start + m.end(), block.span.end)
            quotes.append(Quote(index, span, text[span.start:span.end], block.speaker, "turn", form="turn"))
        if block.kind in (TURN, QUESTION, TITLE) and (block.speaker or block.kind == TITLE):
            quotes += _quotations_in_turn(blocks, index, block.text, full_name, addressed.get(block.speaker or ""))
            previous, tail, introduced = [], None, None
            continue
        if block.kind != PARAGRAPH:
            previous, tail, introduced = [], None, None
            continue
        here: list[_Named] = []
        if introduced is not None and not _has_quotation_marks(block.text):
            # the words an introduction announced ("X issued the following statement:", "X writes:")
            quotes.append(Quote(index, block.span, block.text, introduced.speaker, "resolved", form="unquoted", resolved_from=introduced.block))
            previous, tail, introduced = [], None, None
            continue
        last: _Named | None = None  # the speaker of the paragraph's last quotation so far, and where its clause ends
        spans, masked, starts = _marked_spans(block)
        for start, end, inner in spans:
            clause, _ = _quotation_clause(block, masked, starts, (start, end, inner))
            speaker: str | None = None
            basis: QuoteBasis = "none"
            resolved: int | None = None
            if clause is not None and clause.name:
                speaker, basis = _named_by(clause.name, clause, full_name)
            elif clause is None or clause.referring:
                # a pronoun or a role, or no clause: the one speaker named here or in the paragraph before
                # (a quotation with no clause at all continues its own paragraph's speaker only)
                found = _resolve(blocks, index, start, here if clause is None else here or previous)
                if found is None and clause is None and start == 0 and not here and tail is not None:
                    found = tail  # a paragraph that opens with a quotation continues the one that closed the paragraph before
                if found is None and clause is not None and clause.personal:
                    # "he said" with no one speaker named near: the person the sentence before is about, when it names no
                    # one else and no one spoke since
                    found = _sole_subject(blocks, index, starts[bisect_right(starts, start) - 1], start, full_name, here + previous)
                if found is not None:
                    speaker, basis, resolved = found.speaker, "resolved", found.block
            if basis in ("clause", "sentence") or (clause is not None and not clause.referring):
                here.append(_Named(speaker, index, max(end, clause.stop if clause else end)))  # named, or someone unnamed: either ends what a pronoun can mean
            span = Span(block.span.start + start, block.span.start + end)
            quotes.append(Quote(index, span, text[span.start:span.end], speaker, basis, resolved_from=resolved))
            stop = max(end, clause.stop if clause else end)
            last = _Named(speaker, index if resolved is None else resolved, stop) if speaker is not None else None
        tail = last if last is not None and not block.text[last.at:].strip(" .\n") else None
        introduced = _introduction(block.text, index)
        tail = introduced or tail
        for statement in unquoted_statements(block.text, [(s, e) for s, e, _ in spans]):
            start, end = statement.start, statement.end
            span = Span(block.span.start + start, block.span.start + end)
            if statement.name is None:
                # "he said": the one speaker named here before it, or in the paragraph before
                found = _resolve(blocks, index, start, [n for n in here if n.at <= start] or previous)
                if found is not None and found.speaker is not None:
                    quotes.append(Quote(index, span, text[span.start:span.end], found.speaker, "resolved", form="unquoted", resolved_from=found.block))
                    if not block.text[end:].strip(" .\n") and introduced is None:
                        tail = _Named(found.speaker, found.block, end)  # the paragraph ends with their words
                continue
            name = full_name(statement.name)
            said = Quote(index, span, text[span.start:span.end], name, "clause", form="unquoted")
            if " " not in name and not (statement.sure or "\u0600" <= name[0] <= "\u06ff" or re.fullmatch(r"[A-Z]{2,6}", name)):
                # one capitalised word opening a sentence is as often no name at all ("Stay tuned"); an acronym is a
                # body's: it is a name when the text gives it a quotation of its own ("…," Brown said)
                single.append(said)
                continue
            quotes.append(said)
            here.append(_Named(name, index, end))
            if not block.text[end:].strip(" .\n") and introduced is None:
                tail = _Named(name, index, end)  # the paragraph ends with their words
        previous = sorted(here, key=lambda named: named.at)
    speakers = {q.speaker for q in quotes if q.form == "quoted" and q.basis in ("clause", "sentence")}
    quotes += [q for q in single if q.speaker in speakers]
    return sorted(_repeated(quotes), key=lambda q: (q.block, q.span.start))


_SHINGLE = 6  # words: a pull quote this long, found again inside an attributed quotation, is that one's words


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _repeated(quotes: list[Quote]) -> list[Quote]:
    """A quotation with no clause whose words the text quotes again, with a speaker (a pull quote
    above the article, a headline's words), is that speaker's: resolved from the attributed one.
    Each attributed quotation is indexed by its runs of six words; two speakers for one run: neither."""
    runs: dict[tuple[str, ...], int | None] = {}
    for i, quote in enumerate(quotes):
        if quote.speaker is not None and quote.form == "quoted":
            words = _words(quote.text)
            for k in range(len(words) - _SHINGLE + 1):
                key = tuple(words[k:k + _SHINGLE])
                if key not in runs:
                    runs[key] = i
                elif (seen := runs[key]) is not None and quotes[seen].speaker != quote.speaker:
                    runs[key] = None
    out = []
    for quote in quotes:
        if quote.basis == "none" and quote.form == "quoted" and runs and len(words := _words(quote.text)) >= _SHINGLE and (at := runs.get(tuple(words[:_SHINGLE]))) is not None:
            source = quotes[at]
            if f" {' '.join(words)} " in f" {' '.join(_words(source.text))} ":
                quote = dataclasses.replace(quote, speaker=source.speaker, basis="resolved",
                                            resolved_from=source.resolved_from if source.resolved_from is not None else source.block)
        out.append(quote)
    return out

