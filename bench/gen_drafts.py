"""Generate realistic interview follow-up drafts for the benchmark, reproducibly from a seed.

    python3 bench/gen_drafts.py OUT_DIR --count 1000 [--seed 1] [--words 80-300]
    python3 bench/gen_drafts.py OUT_DIR --count 1 --words 150

Each draft is a thank-you or status follow-up of 80-300 words (triangular, mode 190, so about
190 on average) in one of three formats: .md and .txt (about half with YAML front matter) and
.eml (headers, sometimes a quoted earlier message). About half are clean; the rest carry one to
four defects of the kinds followlint looks for (typos, pushy or apologetic phrases, a missing
thank-you, a sentence that runs on, too many questions, a late send date). About 2% are the
same note sent to a second interviewer with only the name changed, so the cross-draft
near-duplicate check has work to do. Standard library only; the same seed gives the same files.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

FIRST = [
    "Amara",
    "Brendan",
    "Chiara",
    "Dmitri",
    "Elena",
    "Farah",
    "Gustavo",
    "Hana",
    "Idris",
    "Jonas",
    "Keiko",
    "Lucia",
    "Mateo",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Samir",
    "Tamsin",
    "Umar",
    "Valeria",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zofia",
    "Aurelio",
    "Bettina",
    "Cyrus",
    "Delphine",
    "Emeka",
    "Fiona",
    "Goran",
    "Helga",
    "Ines",
    "Jakob",
    "Kamala",
    "Lorcan",
    "Mireille",
    "Nnamdi",
]
LAST = [
    "Abernathy",
    "Baptiste",
    "Castellanos",
    "Dunmore",
    "Ekwueme",
    "Fairbanks",
    "Gallagher",
    "Halvorsen",
    "Ishikawa",
    "Jaramillo",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okonkwo",
    "Pellegrini",
    "Quiroga",
    "Rasmussen",
    "Sato",
    "Thorne",
    "Underwood",
    "Varga",
    "Whitlock",
    "Xu",
    "Yamamoto",
    "Zielinski",
    "Achterberg",
    "Brennan",
    "Coutinho",
    "Delacroix",
]
COMPANIES = [
    "Quillmark",
    "Harborline",
    "Ferncastle",
    "Brightwater",
    "Cobaltline",
    "Lumora",
    "Vellum",
    "Ashgrove",
    "Northwind",
    "Saltmarsh",
    "Copperfield",
    "Halcyon",
    "Birchwood",
    "Kingsmere",
    "Gannet",
    "Fjordway",
    "Aurelia",
    "Cantera",
    "Orchard",
    "Redfern",
    "Stonebridge",
    "Tidewell",
    "Marrowby",
    "Elmstead",
]
ROLES = [
    "Data Analyst", "Product Designer", "Backend Engineer", "Quality Technician",
    "Marketing Coordinator", "Project Manager", "Field Service Technician", "Staff Accountant",
    "Customer Success Manager", "Research Assistant", "Operations Lead", "UX Researcher",
    "Site Reliability Engineer", "Grant Writer", "Warehouse Supervisor", "Pastry Cook",
]  # fmt: skip
WHEN = ["this morning's", "yesterday's", "Tuesday's", "Thursday's", "this afternoon's", "our"]
TOPICS = [
    "how the team plans its quarterly roadmap", "the migration from the old billing system",
    "the new onboarding program for field staff", "how you run post-incident reviews",
    "the customer research you are starting in the spring", "the warehouse layout redesign",
    "how the analytics team shares dashboards with sales", "the grant renewal timeline",
    "the move to a weekly release train", "the quality audit you are preparing for",
    "your plans for the second production line", "the mentoring program for new hires",
]  # fmt: skip
SKILLS = [
    "I have spent four years building reporting pipelines in SQL and Python",
    "At my current job I run the weekly planning meeting for a team of nine",
    "Last year I led the rollout of a new scheduling tool across three sites",
    "I have written and won six foundation grants, two of them multi-year",
    "I redesigned our returns process, which cut handling time by a third",
    "I maintain about 150 dbt models and the tests that keep them honest",
    "In my last role I trained twelve new technicians on safety procedures",
    "I have run usability studies with more than eighty participants",
    "I manage month-end close for two entities and reconcile about forty accounts",
    "I moved our infrastructure definitions to Terraform and cut deploy time in half",
]  # fmt: skip
SPECIFICS = [
    "Your point about measuring outcomes rather than output stayed with me on the drive home.",
    "It was great to see the lab and meet the people I would be working with every day.",
    "I appreciated how openly you described the challenges the team faced last year.",
    "The example you gave of the team fixing a supplier problem in a single week was inspiring.",
    "Hearing how decisions are made close to the customer made the role even more appealing.",
    "I enjoyed the whiteboard exercise, especially the discussion of trade-offs at the end.",
    "Thank you also for introducing me to the rest of the team during the tour.",
    "The way the team documents its decisions is something I would love to learn from.",
]  # fmt: skip
FILLER = [
    "I would bring the same care to the work your team is doing.",
    "That experience maps closely onto the problems you described.",
    "I enjoy this kind of work and would be glad to take it on from the first week.",
    "I am comfortable working across teams and explaining technical trade-offs plainly.",
    "My colleagues would tell you I am calm under deadlines and careful with details.",
    "I have also volunteered as a mentor for two years, which taught me patience.",
    "I am especially interested in how the role could grow over the next two years.",
    "Our conversation confirmed that this is the kind of team I want to join.",
    "The problems you are working on are the ones I find most rewarding.",
]  # fmt: skip
NEXT = [
    "I know you are meeting other candidates; I look forward to hearing about next steps.",
    "If I can send anything else, such as references or a work sample, please let me know.",
    "I look forward to hearing from you when the team has made its decision.",
    "Please let me know if any other information would help.",
]  # fmt: skip
CLOSINGS = ["Best regards,", "Kind regards,", "Thank you again,", "Warm regards,", "Sincerely,"]
DEFECTS = {
    "typo": [
        "I recieved the schedule and definately enjoyed meeting teh team.",
        "Thier approach to planning is somthing I admire alot.",
        "I beleive my experiance would be usefull here.",
    ],
    "pushy": [
        "I need to hear back by Friday because I have another offer.",
        "Please respond ASAP so I can plan my next move.",
        "I expect a decision by the end of this week.",
        "Just checking in again, as I have not heard anything yet.",
    ],
    "overconfident": [
        "I am confident I am the best candidate you will meet.",
        "Honestly, I am sure nobody else has my combination of skills.",
    ],
    "apology": [
        "Sorry to bother you, and I apologize for taking up your time.",
        "I am sorry if my answers were not very good, I was nervous.",
    ],
    "runon": [
        "I also wanted to mention that when we talked about the project I realized that the work"
        " I did last year on the inventory system, which involved a lot of coordination with the"
        " vendors and the finance team and also required me to learn a new reporting tool over a"
        " few weekends, is very similar to what you described, and so I think that I would be"
        " able to contribute quickly even though the tools are different and the team is larger.",
    ],
    "questions": [
        "What is the salary range? How many vacation days are there? Is parking free? When"
        " would I start? Do you offer remote days? Who would I report to? How are bonuses paid?",
    ],
}  # fmt: skip


def words(text: str) -> int:
    """The number of whitespace-separated words in `text`."""
    return len(text.split())


def body(rng: random.Random, target: int, company: str, role: str, defects: list[str]) -> list[str]:
    """The paragraphs between greeting and sign-off, about `target` words long."""
    thanks = "no-thanks" not in defects
    opening = (
        f"Thank you for {rng.choice(WHEN)} interview for the {role} position at {company}. "
        if thanks
        else f"I am writing about {rng.choice(WHEN)} interview for the {role} role at {company}. "
    )
    opening += f"I especially enjoyed learning about {rng.choice(TOPICS)}."
    paras = [opening, rng.choice(SPECIFICS)]
    middle = [f"{rng.choice(SKILLS)}, so {rng.choice(TOPICS)} sounds like familiar ground."]
    for kind in defects:
        if kind in DEFECTS:
            middle.insert(rng.randrange(len(middle) + 1), rng.choice(DEFECTS[kind]))
    closing = rng.choice(NEXT)
    used = words(" ".join(paras + middle)) + words(closing)
    while used < target - 6:
        sentence = rng.choice(FILLER + SPECIFICS + [f"{rng.choice(SKILLS)}."])
        middle.insert(rng.randrange(len(middle) + 1), sentence)
        used += words(sentence)
    paras.append(" ".join(middle[: len(middle) // 2 + 1]))
    if len(middle) > 1:
        paras.append(" ".join(middle[len(middle) // 2 + 1 :]))
    paras.append(closing)
    return [p for p in paras if p]


def draft(rng: random.Random, index: int, target: int, start: datetime) -> tuple[str, str, dict]:  # type: ignore[type-arg]
    """One draft: (file suffix, text, facts used to make a near-duplicate)."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    sender = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    company, role = rng.choice(COMPANIES), rng.choice(ROLES)
    defects: list[str] = []
    if rng.random() < 0.5:
        pool = [*DEFECTS, "no-thanks", "late"]
        defects = rng.sample(pool, rng.randint(1, 4))
    interview = start + timedelta(days=index % 60, hours=rng.choice([9, 10, 13, 15]))
    delay = timedelta(days=6) if "late" in defects else timedelta(hours=rng.choice([3, 5, 20]))
    sent = interview + delay
    greeting = rng.choice(
        [f"Dear {first},", f"Hi {first},", f"Dear Ms. {last},", f"Hello {first},"]
    )
    paras = body(rng, target, company, role, defects)
    closing = rng.choice(CLOSINGS)
    text_body = "\n\n".join([greeting, *paras, f"{closing}\n{sender}"]) + "\n"
    suffix = rng.choice([".md", ".md", ".txt", ".eml"])
    if suffix == ".eml":
        head = (
            f"From: {sender} <{sender.split()[0].lower()}@example.org>\n"
            f"To: {first} {last} <{first.lower()}.{last.lower()}@{company.lower()}.example>\n"
            f"Subject: Thank you for the {role} interview\n"
            f"Date: {sent.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n"
            f"X-Interview-Date: {interview.isoformat()}\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
        )
        text = head + text_body
        if rng.random() < 0.2:
            text += (
                f"\nOn {interview.strftime('%a, %d %b %Y')}, {first} {last} wrote:\n"
                "> Thanks for comming in. We will be in touch ASAP!!\n> Regards\n"
            )
    elif rng.random() < 0.5:
        front = (
            f"---\ninterview_date: {interview.isoformat()}\nsent: {sent.isoformat()}\n"
            f"interviewer: {first} {last}\ncompany: {company}\nrole: {role}\n---\n\n"
        )
        text = front + text_body
    else:
        text = text_body
    return suffix, text, {"first": first, "last": last, "suffix": suffix}


def main() -> None:
    """Write the drafts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", default="80-300", help="a range LO-HI, or one exact count")
    args = parser.parse_args()
    lo, _, hi = args.words.partition("-")
    low, high = int(lo), int(hi or lo)
    rng = random.Random(args.seed)
    start = datetime(2025, 3, 3)
    args.out.mkdir(parents=True, exist_ok=True)
    width = len(str(args.count))
    total = 0
    index = 0
    while index < args.count:
        target = low if low == high else round(rng.triangular(low, high, (low + high) / 2))
        suffix, text, facts = draft(rng, index, target, start)
        (args.out / f"draft-{index:0{width}d}{suffix}").write_text(text, encoding="utf-8")
        total += words(text)
        index += 1
        if index < args.count and rng.random() < 0.02:
            other = rng.choice([n for n in FIRST if n != facts["first"]])
            twin = text.replace(facts["first"], other)
            (args.out / f"draft-{index:0{width}d}{suffix}").write_text(twin, encoding="utf-8")
            total += words(twin)
            index += 1
    print(f"{args.count} drafts in {args.out}, {total / args.count:.0f} words each on average")


if __name__ == "__main__":
    main()
