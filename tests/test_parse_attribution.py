"""Who said each quotation, only where the text says so (`parse.attribution`): a speaker named in the
quotation's clause or sentence, a pronoun resolved to the one speaker of this or the previous
paragraph, and unknown in every other case."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedwiki.model import Seed
from seedwiki.parse import parse
from seedwiki.parse.attribution import clean_name, find_quote_spans


def _quotes(text: str) -> list[tuple[str | None, str, int | None, str]]:
    doc = parse(Seed(path=Path("q.txt"), raw=b"", sha256="0" * 64, encoding="UTF-8", text="A report\n\n" + text))
    return [(q.speaker, q.basis, q.resolved_from, q.text) for q in doc.quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named in the clause, after or before the quotation
        ('"We will rebuild the bridge," said Lina Haddad.\n', [("Lina Haddad", "clause", None, '"We will rebuild the bridge,"')]),
        ('"We will rebuild the bridge," Lina Haddad said.\n', [("Lina Haddad", "clause", None, '"We will rebuild the bridge,"')]),
        ('Lina Haddad said: "We will rebuild the bridge."\n', [("Lina Haddad", "clause", None, '"We will rebuild the bridge."')]),
        ('"My son is innocent," said his mother, Rojin Mohammed.\n', [("Rojin Mohammed", "clause", None, '"My son is innocent,"')]),
        ('"We have a great military," Air Force Gen. Richard B. Myers, the chairman of the Joint Chiefs, said.\n',
         [("Richard B. Myers", "clause", None, '"We have a great military,"')]),
        ('"The road is open again," according to Governor Sami Nasser.\n', [("Sami Nasser", "clause", None, '"The road is open again,"')]),
        ('"Design is always conflict," Brown has said.\n', [("Brown", "clause", None, '"Design is always conflict,"')]),
        # named earlier in the quotation's own sentence
        ('Ahmed Ali told reporters on Monday that the road was "open again to every car".\n',
         [("Ahmed Ali", "sentence", None, '"open again to every car"')]),
        ('Huang Limin was quoted by the Xinhua news service as saying: “Soldiers have been dispatched.”\n',
         [("Huang Limin", "clause", None, "“Soldiers have been dispatched.”")]),
        # other languages and quotation marks
        ("« Nous ne partirons pas », a déclaré le ministre Jean Dupont.\n", [("Jean Dupont", "clause", None, "« Nous ne partirons pas »")]),
        ("„Wir bleiben hier und helfen“, sagte der Minister Hans Müller.\n", [("Hans Müller", "clause", None, "„Wir bleiben hier und helfen“")]),
        ('"El puente está cerrado", dijo María López.\n', [("María López", "clause", None, '"El puente está cerrado"')]),
        ("“We will stay in the town\", said Lina Haddad.\n", [("Lina Haddad", "clause", None, "“We will stay in the town\"")]),
        ('قال الوزير أحمد حسن: "سنعيد فتح الطريق قريبا"\n', [("أحمد حسن", "clause", None, '"سنعيد فتح الطريق قريبا"')]),
    ],
)
def test_a_speaker_named_in_the_clause_or_the_sentence(text, expected):
    assert _quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a pronoun or no clause after a named quotation in the same paragraph: resolved from it
        ('"We will not leave," said Lina Haddad. "It is our duty to stay."\n', [("Lina Haddad", "clause"), ("Lina Haddad", "resolved")]),
        ('"We will not leave," said Lina Haddad.\n\n"It is our duty to stay here," she added.\n', [("Lina Haddad", "clause"), ("Lina Haddad", "resolved")]),
        # someone unnamed spoke in between: a pronoun may be them
        ('"We will not leave," said Lina Haddad.\n\n"We were beaten every day," said one detainee. He added: "Nobody came to help us."\n',
         [("Lina Haddad", "clause"), (None, "none"), (None, "none")]),
        # another person is named in between
        ('"We will not leave," said Lina Haddad. Her rival, Sami Nasser, was in Paris. "It is our duty to stay," she said.\n',
         [("Lina Haddad", "clause"), (None, "none")]),
        # two speakers in the paragraph before: "he" could be either
        ('"We will not leave," said Lina Haddad, and "we will stay too," said Sami Nasser.\n\n"It is over for them now," he said.\n',
         [("Lina Haddad", "clause"), ("Sami Nasser", "clause"), (None, "none")]),
        # a pronoun two paragraphs later: too far
        ('"We will not leave," said Lina Haddad.\n\nThe bridge was closed on Monday for repairs.\n\n"It is over for them now," she said.\n',
         [("Lina Haddad", "clause"), (None, "none")]),
        # a paragraph opening with a quotation continues the quotation that closed the paragraph before
        ('"We will not leave," said Lina Haddad.\n\n"It is our duty to stay here."\n', [("Lina Haddad", "clause"), ("Lina Haddad", "resolved")]),
        # … only that one: after other words, or further in, it is nobody's yet
        ('"We will not leave," said Lina Haddad. The council met later.\n\n"It is our duty to stay here."\n', [("Lina Haddad", "clause"), (None, "none")]),
        ('"We will not leave," said Lina Haddad.\n\nThe council met. "It is our duty to stay here."\n', [("Lina Haddad", "clause"), (None, "none")]),
        # the statement, the official: unknown unless resolved
        ('"The curfew ends on Monday night," the statement said.\n', [(None, "none")]),
    ],
)
def test_a_pronoun_or_a_role_resolves_only_to_the_one_speaker_nearby(text, speakers):
    assert [(speaker, basis) for speaker, basis, _, _ in _quotes(text)] == speakers


def test_a_resolved_quotation_names_the_paragraph_that_named_its_speaker():
    quotes = _quotes('"We will not leave," said Lina Haddad.\n\n"It is our duty to stay here," she added.\n')
    assert [q[2] for q in quotes] == [None, 1]  # block 1: the paragraph after the title


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ('Appearing on NBC\'s "Meet the Press," Myers said the campaign went well.\n', '"Meet the Press,"'),  # a title
        ('The so-called "Colonel Myles Caggins" was not there at all.\n', '"Colonel Myles Caggins"'),  # a name
        ('They called it "fake" on the day, said Lina Haddad.\n', '"fake"'),  # a term
    ],
)
def test_names_titles_and_terms_in_quotation_marks_are_nobodys_words(text, marked):
    assert all(words != marked for _, _, _, words in _quotes(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The attack made the group weaker in every way, said Maj. Gen. John W. Brennan, Jr., commander.\n",
         [("John W. Brennan", "The attack made the group weaker in every way")]),
        ("Mayor Lina Haddad said the bridge would reopen next spring after repairs.\n",
         [("Lina Haddad", "the bridge would reopen next spring after repairs.")]),
        ("The curfew will end on Monday across the whole province, according to Governor Sami Nasser.\n",
         [("Sami Nasser", "The curfew will end on Monday across the whole province")]),
        ("Selon le ministre Jean Dupont, la route sera rouverte dans deux semaines.\n", [("Jean Dupont", "la route sera rouverte dans deux semaines.")]),
        ("The USGS has reported that the tremors started at 07.49 local time.\n", [("USGS", "the tremors started at 07.49 local time.")]),
        ("Yushu is hundreds of miles away from any airport, according to the BBC.\n", [("BBC", "Yushu is hundreds of miles away from any airport")]),
        ("@ElBaradei: Egypt will explode. Army must save the country now\n", [("@ElBaradei", "Egypt will explode. Army must save the country now")]),
        ('"The plan is going exactly to plan," according to Chairman of the Joint Chiefs of Staff General Richard B. Myers.\n',
         [("Richard B. Myers", '"The plan is going exactly to plan,"')]),
        # no name: nothing attributed
        ("Officials said the curfew would end soon and the roads reopen.\n", []),
        ("He said the curfew would end soon and the roads reopen.\n", []),
        ("Stay tuned for more on the curfew, according to Brennan.\n", []),
        ("Lina Haddad asked the audience to draw their own maps of the town.\n", []),
    ],
)
def test_statements_without_quotation_marks(text, expected):
    assert [(speaker, words) for speaker, _, _, words in _quotes(text)] == expected


def test_variants_of_one_name_in_a_text_are_one_speaker():
    text = ('Maj. Gen. John W. Brennan, Jr., commander, visited the prison.\n\n"We will not leave the prison," said Brennan.\n\n'
            '"Brennan is wrong about it," said Ann Smith. "We will see," said Smith.\n')
    assert [q[0] for q in _quotes(text)] == ["John W. Brennan", "Ann Smith", "Ann Smith"]


def test_a_surname_two_people_share_stays_as_the_text_gives_it():
    text = 'Col. Ann Smith came first. Dr. Bob Smith came later.\n\n"We will stay in the town," said Smith.\n'
    assert [q[0] for q in _quotes(text)] == ["Smith"]


@pytest.mark.parametrize(
    ("raw", "name"),
    [("Maj. Gen. John W. Brennan, Jr.", "John W. Brennan"), ("the Monday", None), ("Q You", None), ("MR. KIRBY", None),
     ("He", None), ("Chairman", None), ("President Barack Obama", "Barack Obama"), ("NATO", "NATO"), ("Wednesday", None)],
)
def test_a_speaker_is_a_name(raw, name):
    assert clean_name(raw) == name


@pytest.mark.parametrize(
    ("text", "spans"),
    [("„Wir bleiben“, sagte er.", [(0, 13)]), ("« Oui », dit-il.", [(0, 7)]), ("“Yes\" and “no”.", [(0, 5), (10, 14)]),
     ('"Unclosed to the end', [(0, 20)])],
)
def test_quotation_marks_pair_in_every_style(text, spans):
    assert find_quote_spans(text) == spans


def test_thousands_of_speakers_each_keep_their_own_name():
    text = "".join(f'Col. Ann {name} came.\n\n"We will stay in town {name}," said {name}.\n\n'
                   for name in (f"Q{chr(97 + i // 26 % 26)}{chr(97 + i % 26)}x" for i in range(600)))
    speakers = [q[0] for q in _quotes(text) if q[1] == "clause"]
    assert len(speakers) == 600 and speakers[0] == "Ann Qaax" and speakers[-1] == "Ann Qxbx"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an introduction names who speaks in the next paragraph: quoted or not
        ('Voice of America Director David S. Jackson issued the following statement today:\n\n"We deplore this unwarranted action."\n',
         [("David S. Jackson", "resolved", '"We deplore this unwarranted action."')]),
        ("The blogger Dmitri Efremov writes:\n\nIt is terrible to see that some people here do not respect others.\n",
         [("Dmitri Efremov", "resolved", "It is terrible to see that some people here do not respect others.")]),
        ('استمرت الاحتجاجات طوال اليوم في القاهرة.\n\nوكتب أسعد أبوخليل:\n\nالحرية قادمة لا محالة\n', [("أسعد أبوخليل", "resolved", "الحرية قادمة لا محالة")]),
        # a description is not a name; a list introduced by a colon is nobody's words
        ("وفي قذيفة أخرى يكتب اللبناني الأمريكي:\n\nHas called for the resignation of his cabinet.\n", []),
        ("The agency created a new Federal Audit Clearinghouse, with the goals of:\n\n* delivering a maintainable new system\n", []),
    ],
)
def test_a_paragraph_announced_by_a_colon_is_the_announced_speakers(text, expected):
    assert [(speaker, basis, words) for speaker, basis, _, words in _quotes(text)] == expected


def test_a_transcripts_turns_are_their_labels_words():
    text = "MR. KIRBY: Good afternoon, everybody.\nQ: Any news on Syria?\nMR. KIRBY: Nothing new today.\n"
    assert _quotes(text) == [("MR. KIRBY", "turn", None, "Good afternoon, everybody."), ("MR. KIRBY", "turn", None, "Nothing new today.")]


@pytest.mark.parametrize("text", ["The statement said the curfew would end soon, and more.\n", "It was a long week, said nobody.\n"])
def test_no_named_speaker_no_statement(text):
    assert _quotes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation that closes its sentence ends it: the next sentence is a statement of its own
        ('Lina Haddad said: "We will stay." The road will stay closed for a month, according to the BBC.\n',
         [("Lina Haddad", '"We will stay."'), ("BBC", "The road will stay closed for a month")]),
        ("Il a parlé de « la paix. » Les États-Unis soutiennent cette démarche, a souligné M. Jean Dupont.\n",
         [(None, "« la paix. »"), ("Jean Dupont", "Les États-Unis soutiennent cette démarche")]),
        # the name before the verb, after the statement
        ("Conflict is a mechanism for positive change, Lina Haddad explained.\n",
         [("Lina Haddad", "Conflict is a mechanism for positive change")]),
        # an opening phrase, a title in quotation marks in it, before the speaker
        ('Appearing on NBC\'s "Meet the Press," Lina Haddad said the campaign has gone as planned.\n',
         [("Lina Haddad", "the campaign has gone as planned.")]),
        # German: no comma after "nach Angaben der …", and the source's name may be in quotation marks
        ("Nach Angaben der „Netzeitung“ waren auch Nutzer aus China unter den Interessenten.\n",
         [("Netzeitung", "waren auch Nutzer aus China unter den Interessenten.")]),
    ],
)
def test_statements_around_quotations_and_in_other_orders(text, expected):
    assert [(speaker, words) for speaker, _, _, words in _quotes(text)] == expected


def test_a_one_word_name_states_when_the_text_quotes_it_too():
    text = '"Design is conflict," Brown said.\n\nConflict is a mechanism for positive change, Brown explained.\n'
    assert [(q[0], q[1]) for q in _quotes(text)] == [("Brown", "clause"), ("Brown", "clause")]
    assert _quotes("Conflict is a mechanism for positive change, Brown explained.\n") == []


def test_a_pull_quote_is_the_speaker_of_the_same_words_quoted_later():
    text = ('"We deplore this unwarranted action against our reporters."\n\n'
            'Director Ann Smith issued a statement today.\n\n'
            '"We deplore this unwarranted action against our reporters. We call for their return," said Ann Smith.\n')
    assert [(q[0], q[1], q[2]) for q in _quotes(text)] == [("Ann Smith", "resolved", 3), ("Ann Smith", "clause", None)]


def test_a_surname_is_the_fullest_form_that_holds_the_others():
    text = 'General Richard Myers spoke.\n\nGen. Richard B. Myers came.\n\n"We will stay in the town," said Myers.\n'
    assert [q[0] for q in _quotes(text)] == ["Richard B. Myers"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "he" in a statement: the one speaker named in this paragraph or the one before
        ('"We will stay," Lina Haddad said.\n\nShe added that the bridge would reopen next spring after repairs.\n',
         [("Lina Haddad", "clause", '"We will stay,"'), ("Lina Haddad", "resolved", "the bridge would reopen next spring after repairs.")]),
        ('"We will stay," Lina Haddad said. The winter will be hard for the town, she said, but "we will not leave."\n',
         [("Lina Haddad", "clause", '"We will stay,"'), ("Lina Haddad", "resolved", "The winter will be hard for the town"),
          ("Lina Haddad", "resolved", '"we will not leave."')]),
        ('"We will stay," Lina Haddad said.\n\nAnd self-reflection, she said, is invaluable.\n',
         [("Lina Haddad", "clause", '"We will stay,"'), ("Lina Haddad", "resolved", "And self-reflection, she said, is invaluable.")]),
        # no one named before: no statement
        ("The council met on Monday.\n\nShe added that the bridge would reopen next spring after repairs.\n", []),
        # two speakers before: "she" could be either
        ('"We will stay," Lina Haddad said, and "we too," said Ann Smith.\n\nShe added that the bridge would reopen next spring.\n',
         [("Lina Haddad", "clause", '"We will stay,"'), ("Ann Smith", "clause", '"we too,"')]),
    ],
)
def test_a_statement_by_a_pronoun_resolves_like_a_quotation(text, expected):
    assert [(speaker, basis, words) for speaker, basis, _, words in _quotes(text)] == expected


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # "he said" with no speaker named yet: the person the sentence before opens with, alone
        ("Ann Smith ran the harbour for ten years.\n\n“I was scared,” she said.\n", [("Ann Smith", "resolved")]),
        ("Mitbegründer Erik Möller zeigte sich zuversichtlich. „Wir finden Mittel und Wege“, sagte er.\n", [("Erik Möller", "resolved")]),
        ("The designer Ann Smith came to town.\n\nNew to the city, Smith was busy.\n\n“I was scared,” she said.\n", [("Ann Smith", "resolved")]),
        # the sentence before is about no one, or names someone else too, or a role: unknown
        ("The chairman planned the trip.\n\n“I was scared,” he said.\n", [(None, "none")]),
        ("Ann Smith met Sami Nasser at the harbour.\n\n“I was scared,” she said.\n", [(None, "none")]),
        ("Ann Smith ran the harbour for ten years.\n\n“I was scared,” the official said.\n", [(None, "none")]),
        # a one-word subject the text never gives in full is not surely a person
        ("Police arrived at the harbour at noon.\n\n“I was scared,” he said.\n", [(None, "none")]),
    ],
)
def test_a_pronoun_with_no_speaker_near_is_the_sole_subject_of_the_sentence_before(text, speakers):
    assert [(speaker, basis) for speaker, basis, _, _ in _quotes(text)] == speakers


def test_words_added_before_a_name_are_a_description_not_the_fuller_name():
    text = 'Designer Dan Brown spoke.\n\nWe met Dan Brown later.\n\n"Design is conflict," Brown said.\n'
    assert [q[0] for q in _quotes(text)] == ["Dan Brown"]


@pytest.mark.parametrize(
    ("raw", "name"),
    [("Der Blogger Dmitri Efremov", "Dmitri Efremov"), ("Le Président Jean Dupont", "Jean Dupont"),
     ("The Wall Street Journal", "Wall Street Journal"), ("The Global Coalition", "Global Coalition")],
)
def test_an_article_and_a_role_before_a_name_are_not_the_name(raw, name):
    assert clean_name(raw) == name


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # the sentence's subject, then a second verb, one of saying, before the quotation
        ("During his speech, Jean Charest reaffirmed his position and was quoted as saying he stood for the “silent majority.”\n",
         [("Jean Charest", "sentence")]),
        ("Der Fotograf Oleg Klimov hat Fotos gestellt und beschreibt das Ereignis als eine “ethische Revolution”: “Es geht um Ethik.”\n",
         [("Oleg Klimov", "sentence"), ("Oleg Klimov", "resolved")]),
        # a clause of its own in between, or another person: not the subject's
        ("Jean Charest thanked the mayor who spoke first and said “we will win this election.”\n", [(None, "none")]),
        ("Jean Charest met Ann Marois on Monday and said “we will win this election.”\n", [(None, "none")]),
    ],
)
def test_a_second_verb_of_saying_is_the_sentence_subjects(text, speakers):
    assert [(speaker, basis) for speaker, basis, _, _ in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X recalled … and said that …": two statements of one speaker
        ("Michelle Bachelet recordó a los chilenos la posibilidad de más réplicas y dijo que el gobierno está evaluando la situación.\n",
         [("Michelle Bachelet", "a los chilenos la posibilidad de más réplicas"), ("Michelle Bachelet", "el gobierno está evaluando la situación.")]),
        # a quotation's clause goes on with a second verb: the words after it are the speaker's too
        ("“You may look at the patterns,” Lina Haddad said, but emphasized that experimentation can move conflict elsewhere.\n",
         [("Lina Haddad", "“You may look at the patterns,”"), ("Lina Haddad", "experimentation can move conflict elsewhere.")]),
        # a paragraph ending with someone's statement: a quotation opening the next is theirs
        ('"We will stay," Lina Haddad said.\n\nAnd self-reflection, she said, is invaluable.\n\n"The crux of it is understanding."\n',
         [("Lina Haddad", '"We will stay,"'), ("Lina Haddad", "And self-reflection, she said, is invaluable."),
          ("Lina Haddad", '"The crux of it is understanding."')]),
    ],
)
def test_statements_that_go_on_from_a_clause(text, expected):
    assert [(speaker, words) for speaker, _, _, words in _quotes(text)] == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a pronoun before the verb and a name in quotation marks (a forum's user name)
        ("“Te diré que la fiesta grande se hace el 31”, le respondió “Yany” a los demás.\n", "Yany"),
        # a body's long name after its article
        ("El Centro de Amenaza de Tsunamis del Pacífico dijo que olas peligrosas son posibles en la costa.\n",
         "Centro de Amenaza de Tsunamis del Pacífico"),
    ],
)
def test_names_in_quotation_marks_and_long_names_of_bodies(text, speaker):
    assert [q[0] for q in _quotes(text)] == [speaker]


def test_los_angeles_keeps_its_article():
    assert clean_name("Los Angeles") is None and clean_name("El Centro de Amenaza de Tsunamis del Pacífico") == "Centro de Amenaza de Tsunamis del Pacífico"


def _parsed(text: str) -> list[tuple[str | None, str, int | None, str]]:
    doc = parse(Seed(path=Path("q.txt"), raw=b"", sha256="0" * 64, encoding="UTF-8", text=text))
    return [(q.speaker, q.basis, q.resolved_from, q.text) for q in doc.quotes if q.form != "turn"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation inside a turn whose clause names its speaker
        ('A report\n\nMR. KIRBY: Good afternoon.\n\nQ: Any news?\n\nMR. KIRBY: Yes. Ann Smith said, "We will stay in town."\n',
         [("Ann Smith", "clause", None, '"We will stay in town."')]),
        # "you said" in a two-party exchange: the other party, named in full by the text
        ('A report\n\nJohn Kirby\n\nMR. KIRBY: Good afternoon.\n\nQUESTION: On Wednesday you said, "We have told them in writing."'
         ' Is that still so?\n\nMR. KIRBY: It is.\n\nQUESTION: And you replied to me, "I will not get ahead of decisions."\n',
         [("John Kirby", "resolved", 2, '"We have told them in writing."'), ("John Kirby", "resolved", 4, '"I will not get ahead of decisions."')]),
        # … not when the text never gives the name in full, nor with a third party to the exchange
        ('A report\n\nMR. KIRBY: Good afternoon.\n\nQUESTION: On Wednesday you said, "We have told them in writing."\n', []),
        ('A report\n\nJohn Kirby\n\nMR. KIRBY: Good afternoon.\n\nQUESTION: On Wednesday you said, "We have told them in writing."\n\n'
         'MS. HARF: Yes.\n', []),
        # a title that names its speaker: "Interview with X: «…»"
        ("Interview with Ivan Sigal: «Bloggers become cultural mediators»\n\nThe interview was published in June.\n",
         [("Ivan Sigal", "sentence", None, "«Bloggers become cultural mediators»")]),
    ],
)
def test_quotations_inside_turns_and_titles(text, expected):
    assert _parsed(text) == expected


def test_a_closing_mark_with_no_opening_one_closes_a_quotation_from_the_paragraph_start():
    text = "Mehr Chicherias oder mehr Schulen?“, fragt Pedro Velasquez aus Santa Cruz."
    assert find_quote_spans(text) == [(0, 35)]
    assert _quotes(text + "\n") == [("Pedro Velasquez", "clause", None, "Mehr Chicherias oder mehr Schulen?“")]
    assert find_quote_spans("Es ist „gut“, sagt er.") == [(7, 12)] and find_quote_spans("Say “yes”, he said.") == [(4, 9)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-word name opening a Markdown link's words: the link is the statement's source
        ("In 2010, [Gartner estimated](https://example.com/report) that the total amount of debt could reach $1 trillion.\n",
         [("Gartner", "the total amount of debt could reach $1 trillion.")]),
        ("In 2010, Gartner estimated that the total amount of debt could reach $1 trillion.\n", []),
        # a clause that goes on with a participle of saying
        ("Les États-Unis soutiennent cette démarche, a souligné M. Jean Dupont, ajoutant qu’il espère que Khartoum comprendra.\n",
         [("Jean Dupont", "Les États-Unis soutiennent cette démarche"), ("Jean Dupont", "il espère que Khartoum comprendra.")]),
        ("The bridge will stay closed, said Lina Haddad, adding that repairs would take a whole month.\n",
         [("Lina Haddad", "The bridge will stay closed"), ("Lina Haddad", "repairs would take a whole month.")]),
    ],
)
def test_statements_with_a_linked_source_or_a_participle(text, expected):
    assert [(speaker, words) for speaker, _, _, words in _quotes(text)] == expected


@pytest.mark.parametrize("text", [
    'He left. "We stay." Then', "Gen. Smith arrived.", "It ended?! No.", 'He said: "Go." "Now"', "A.. B... C", "x.\n", ".", "",
    "Why؟ لأن", 'She wrote “yes.” Later', "Jr.\nNext.", "1. First", "U.S. troops left. Then", 'said. ” Then', "end .", "...",
])
def test_sentence_ends_are_found_where_the_pattern_finds_them(text):
    """The sentence-end pattern is tried only at punctuation: the same ends as scanning the whole text."""
    from seedwiki.parse import attribution

    assert [m.span() for m in attribution._sentence_ends(text)] == [m.span() for m in attribution._SENTENCE_END.finditer(text)]
