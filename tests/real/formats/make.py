"""Makes the created files of this folder (the Word files and e-mails that are not downloaded):
`python tests/real/formats/make.py`. Their texts are public-domain U.S. government speeches; the
files are made with python-docx and the standard library's `email`, with fixed dates, so that
running this again gives the same text (a .docx zip also records its own times)."""

from __future__ import annotations

import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx

HERE = Path(__file__).parent

GETTYSBURG = [
    "Four score and seven years ago our fathers brought forth on this continent, a new nation, conceived in Liberty, and dedicated to the proposition that all men are created equal.",
    "Now we are engaged in a great civil war, testing whether that nation, or any nation so conceived and so dedicated, can long endure. We are met on a great battle-field of that war. We have come to dedicate a portion of that field, as a final resting place for those who here gave their lives that that nation might live. It is altogether fitting and proper that we should do this.",
    "But, in a larger sense, we can not dedicate—we can not consecrate—we can not hallow—this ground. The brave men, living and dead, who struggled here, have consecrated it, far above our poor power to add or detract. The world will little note, nor long remember what we say here, but it can never forget what they did here. It is for us the living, rather, to be dedicated here to the unfinished work which they who fought here have thus far so nobly advanced. It is rather for us to be here dedicated to the great task remaining before us—that from these honored dead we take increased devotion to that cause for which they gave the last full measure of devotion—that we here highly resolve that these dead shall not have died in vain—that this nation, under God, shall have a new birth of freedom—and that government of the people, by the people, for the people, shall not perish from the earth.",
]

INFAMY = [
    "Mr. Vice President, Mr. Speaker, Members of the Senate, and of the House of Representatives:",
    "Yesterday, December 7th, 1941—a date which will live in infamy—the United States of America was suddenly and deliberately attacked by naval and air forces of the Empire of Japan.",
    "The United States was at peace with that Nation and, at the solicitation of Japan, was still in conversation with its Government and its Emperor looking toward the maintenance of peace in the Pacific.",
]


def word(name: str, title: str, author: str, created: datetime.datetime, heading: str, date_line: str, paragraphs: list[str], table: list[list[str]] | None = None) -> None:
    document = docx.Document()
    document.add_heading(heading, level=1)
    document.add_paragraph(date_line)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    core = document.core_properties
    core.title, core.author, core.created, core.modified, core.last_modified_by = title, author, created, created, author
    document.save(HERE / name)


def mail(name: str, message: EmailMessage) -> None:
    (HERE / name).write_bytes(bytes(message))


def main() -> None:
    word("gettysburg-address.docx", "The Gettysburg Address", "Abraham Lincoln", datetime.datetime(2024, 3, 1, 12, 0),
         "Address Delivered at the Dedication of the Cemetery at Gettysburg", "November 19, 1863", GETTYSBURG)
    word("day-of-infamy.docx", "Address to Congress Requesting a Declaration of War with Japan", "Franklin D. Roosevelt",
         datetime.datetime(2024, 3, 1, 12, 0), "Joint Address to Congress Leading to a Declaration of War Against Japan",
         "December 8, 1941", INFAMY, [["Delivered", "House of Representatives"], ["Broadcast", "Radio, nationwide"]])

    plain = EmailMessage()
    plain["From"] = "Office of the Press Secretary <press@example.gov>"
    plain["To"] = "newsdesk@example.org"
    plain["Date"] = format_datetime(datetime.datetime(1941, 12, 8, 12, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))))
    plain["Subject"] = "Text of the President's address to Congress"
    plain.set_content("\n\n".join(INFAMY) + "\n")
    mail("infamy-address.eml", plain)

    html = EmailMessage()
    html["From"] = "Abraham Lincoln <president@example.gov>"
    html["Date"] = "Thu, 19 Nov 1863 14:00:00 -0500"
    html["Subject"] = "Remarks at Gettysburg"
    html.set_content("<html><head><style>p{color:red}</style><script>document.title='PWN'</script></head><body>"
                     "<img src=\"https://tracker.example.com/pixel.gif\" alt=\"\">"
                     + "".join(f"<p>{p}</p>" for p in GETTYSBURG) + "</body></html>", subtype="html", charset="windows-1252")
    mail("gettysburg-remarks.eml", html)

    both = EmailMessage()
    both["From"] = "NASA News <news@example.gov>"
    both["Date"] = "Mon, 21 Jul 1969 03:56:00 +0000"
    both["Subject"] = "Apollo 11: first words from the lunar surface"
    words = ["Houston, Tranquility Base here. The Eagle has landed.", "That's one small step for man, one giant leap for mankind."]
    both.set_content("\n\n".join(words) + "\n", cte="quoted-printable")
    both.add_alternative("<html><body>" + "".join(f"<p>{w}</p>" for w in words) + "</body></html>", subtype="html")
    mail("apollo-11.eml", both)


if __name__ == "__main__":
    main()
