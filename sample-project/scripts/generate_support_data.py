#!/usr/bin/env python3
"""Generate synthetic customer-support instruction data for the kdprivacy sample project.

Every name, order number, e-mail address and phone number is made up (e-mail addresses use the
reserved example.com/.net/.org domains, phone numbers the fictional 555-01xx range). The output is
deterministic for a given seed, and train and holdout share no prompt and no order number.

Usage: python3 generate_support_data.py [--seed 20251129] [--train 1000] [--holdout 500] [--out DIR]
"""
import argparse
import json
import pathlib
import random

MAX_PROMPT = 90
MAX_RESPONSE = 110

FIRST = ["Maya", "Dana", "Liam", "Priya", "Tomás", "Zoë", "Kenji", "Amara", "Jonas", "Fatima",
         "Oliver", "Ines", "Mateo", "Hana", "Noah", "Leila", "Sven", "Chloé", "Ravi", "Grace",
         "Yusuf", "Elena", "Marcus", "Aiko", "Bruno", "Nadia", "Felix", "Sofia", "Dmitri", "Ruth",
         "Kwame", "Isla", "Arjun", "Mei", "Pablo", "Freya", "Omar", "Lucía", "Henrik", "Tara"]
LAST = ["Okafor", "Whitfield", "Brennan", "Raman", "Silva", "Müller", "Tanaka", "Osei", "Berg",
        "Haddad", "Fischer", "Moreau", "Castillo", "Kim", "Novak", "Ahmadi", "Lindqvist", "Dubois",
        "Iyer", "Walsh", "Demir", "Petrova", "Cole", "Sato", "Ferreira", "Rahman", "Vogel", "Rossi",
        "Ivanov", "Kaplan", "Mensah", "Reid", "Kapoor", "Chen", "Ortega", "Nilsen", "Farouk",
        "Herrera", "Sørensen", "Quinn"]
PRODUCTS = ["hiking boots", "desk lamp", "wireless earbuds", "coffee grinder", "yoga mat",
            "rain jacket", "backpack", "blender", "phone case", "office chair", "water bottle",
            "wool sweater", "smart plug", "cast-iron pan", "bike light", "throw blanket"]
CITIES = ["Leeds", "Rotterdam", "Lyon", "Austin", "Porto", "Graz", "Malmö", "Osaka", "Denver"]
CARRIERS = ["DHL", "UPS", "PostNL", "FedEx", "Royal Mail", "GLS"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DOMAINS = ["example.com", "example.net", "example.org"]

# (prompt template, response template) pairs per intent; fields are filled from a random profile. Each reply
# opens with the reference the agent issues (tracking, claim, refund, invoice number): the private fact a
# memorizing model would leak, placed where the paper's memorization window (the first 32 response tokens,
# which for byte-level models are the first 32 characters) can see it. Tickets are short so that a teacher
# can be fine-tuned long enough to memorize them on two CPU cores.
TEMPLATES = [
    ("Hi, I'm {first} {last}. Where is order {order}?",
     "Tracking {tracking} with {carrier}: order {order} left {city} and arrives in 2 days."),
    ("Order {order} still says processing. - {first}",
     "Ref {claim}: order {order} ships tomorrow from {city} via {carrier}, {first}."),
    ("My {product} (order {order}) arrived broken. {first} {last}",
     "Claim {claim} is open for order {order}; a new {product} ships today."),
    ("Please refund order {order}, the {product} didn't fit.",
     "Refund {refund} of {amount} for order {order} reaches your card in 3-5 days."),
    ("I was charged twice for order {order}. {first} {last}",
     "Reversal {refund} of {amount} on order {order} is done, {first}."),
    ("New address for order {order}: {street}, {city}.",
     "Change {claim}: order {order} now goes to {street}, {city}, on {day}."),
    ("Cancel order {order} please, wrong {product}. {first}",
     "Cancellation {refund}: {amount} for order {order} goes back to your card."),
    ("The reset email never comes. Account: {email}",
     "Ticket {claim}: a new reset link went to {email}, valid 30 minutes."),
    ("Cancel subscription {sub}, call {phone} if needed.",
     "Case {claim}: {sub} ends in {month}; we have {phone} on file."),
    ("The {product} from order {order} stopped working. Warranty?",
     "Warranty case {claim} for order {order}: print the label we emailed."),
    ("Invoice for order {order}, company {company}, please.",
     "Invoice {invoice} for order {order} ({company}, VAT {vat}) is attached."),
    ("Can I swap the {product} in order {order} for a bigger one?",
     "Exchange {claim} for order {order}: send it back, the new size ships on arrival."),
    ("Is the {product} back in stock? I'm {first}, {phone}.",
     "Alert {claim} is set, {first}: the {product} is back on {day}; we'll text {phone}."),
    ("{carrier} says order {order} was delivered but I got nothing.",
     "Case {claim} with {carrier} for order {order}: if not found in 48h we resend it."),
]

STREETS = ["Elm Street", "Harbour Road", "Kastanienallee", "Rue des Lilas", "Maple Avenue",
           "Calle Mayor", "Birch Lane", "Canal Street", "Hillside Drive", "Mill Road"]
COMPANIES = ["Brightpath Ltd", "Nordlys AS", "Verde Logistics", "Quillon GmbH", "Tidewater Inc",
             "Kestrel & Co", "Lumen Studio", "Orchard Labs"]


def profile(rng, used_orders):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    while True:
        order = f"{rng.randint(10000, 99999)}-{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}"
        if order not in used_orders:
            used_orders.add(order)
            break
    ascii_last = last.replace("ü", "ue").replace("ø", "oe").replace("é", "e")
    ascii_first = first.replace("á", "a").replace("ë", "e").replace("é", "e").replace("í", "i")
    return {
        "first": first,
        "last": last,
        "order": order,
        "email": f"{ascii_first.lower()}.{ascii_last.lower()}{rng.randint(1, 99)}@{rng.choice(DOMAINS)}",
        "phone": f"+1-{rng.randint(200, 989)}-555-01{rng.randint(0, 99):02d}",
        "product": rng.choice(PRODUCTS),
        "city": rng.choice(CITIES),
        "carrier": rng.choice(CARRIERS),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "tracking": f"TRK{rng.randint(100000000, 999999999)}",
        "claim": f"CL-{rng.randint(100000, 999999)}",
        "refund": f"RF-{rng.randint(100000, 999999)}",
        "invoice": f"INV-{rng.randint(2024, 2025)}-{rng.randint(1000, 9999)}",
        "sub": f"SUB-{rng.randint(10000000, 99999999)}",
        "amount": f"€{rng.randint(9, 249)}.{rng.choice(['00', '49', '95', '99'])}",
        "street": f"{rng.randint(1, 240)} {rng.choice(STREETS)}",
        "company": rng.choice(COMPANIES),
        "vat": f"EU{rng.randint(100000000, 999999999)}",
    }


def generate(seed, count):
    rng = random.Random(seed)
    used_orders, seen_prompts, records = set(), set(), []
    while len(records) < count:
        prompt_t, response_t = rng.choice(TEMPLATES)
        fields = profile(rng, used_orders)
        prompt = "Customer: " + prompt_t.format(**fields) + "\nAgent: "
        response = response_t.format(**fields)
        if len(prompt) > MAX_PROMPT or len(response) > MAX_RESPONSE or prompt in seen_prompts:
            continue
        seen_prompts.add(prompt)
        records.append({"prompt": prompt, "response": response})
    return records


def write(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20251129)
    parser.add_argument("--train", type=int, default=1000)
    parser.add_argument("--holdout", type=int, default=500)
    default_out = pathlib.Path(__file__).resolve().parent.parent / "src/test/resources/support"
    parser.add_argument("--out", type=pathlib.Path, default=default_out)
    args = parser.parse_args()

    records = generate(args.seed, args.train + args.holdout)
    train, holdout = records[:args.train], records[args.train:]
    assert not {r["prompt"] for r in train} & {r["prompt"] for r in holdout}
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "train.jsonl", train)
    write(args.out / "holdout.jsonl", holdout)
    print(f"wrote {len(train)} train and {len(holdout)} holdout records to {args.out}")


if __name__ == "__main__":
    main()
