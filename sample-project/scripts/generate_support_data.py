#!/usr/bin/env python3
"""Generate synthetic customer-support instruction data for the kdprivacy sample project.

Every name, order number, e-mail address and phone number is made up (e-mail addresses use the
reserved example.com/.net/.org domains, phone numbers the fictional 555-01xx range). The output is
deterministic for a given seed, and train and holdout share no prompt and no order number.

Usage: python3 generate_support_data.py [--seed 20251129] [--train 300] [--holdout 150] [--out DIR]
"""
import argparse
import json
import pathlib
import random

MAX_PROMPT = 120
MAX_RESPONSE = 160

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

# (prompt template, response template) pairs per intent; fields are filled from a random profile
TEMPLATES = [
    ("Hi, I'm {first} {last}. Where is order {order}? It was due {day}.",
     "Hi {first}, order {order} left our {city} warehouse and is with {carrier}, tracking {tracking}. "
     "It should arrive within 2 days."),
    ("Order {order} still says 'processing' after a week. Can you check? - {first}",
     "Sorry for the wait, {first}. Order {order} was delayed by a stock issue; it ships tomorrow "
     "from {city} via {carrier}."),
    ("My {product} from order {order} arrived broken. What now? {first} {last}",
     "I'm sorry, {first}! I've opened claim {claim} for order {order}. A replacement {product} "
     "ships today, no need to return the broken one."),
    ("Please refund order {order}, the {product} didn't fit. Email: {email}",
     "Done: refund {refund} of {amount} for order {order} is on its way and will reach your card "
     "in 3-5 days. Confirmation sent to {email}."),
    ("I was charged twice for order {order} ({amount}). My name is {first} {last}.",
     "Thanks, {first}. I see the duplicate charge of {amount} on order {order} and reversed it "
     "(ref {refund}). It disappears within 5 days."),
    ("Can I change the delivery address for order {order}? New one: {street}, {city}.",
     "Yes! Order {order} will now go to {street}, {city}. The delivery date stays {day}."),
    ("Cancel order {order} please, I ordered the wrong {product}. {first}",
     "No problem, {first}. Order {order} is cancelled before shipping and {amount} goes back to "
     "your original payment method."),
    ("I can't log in, the reset email never comes. Account: {email}",
     "I've sent a fresh reset link to {email}; it's valid for 30 minutes. Please check spam too, "
     "the sender is support@shop.example.com."),
    ("How do I cancel my subscription {sub}? Call me at {phone} if needed.",
     "Subscription {sub} is cancelled and won't renew. You keep access until the end of {month}. "
     "No call needed, but we have {phone} on file."),
    ("The {product} I bought in {month} (order {order}) stopped working. Warranty?",
     "It is covered by our 2-year warranty. Warranty case {claim} is open for order {order}; print "
     "the prepaid label we emailed you."),
    ("Need an invoice for order {order}, company {company}, VAT {vat}.",
     "Here you go: invoice {invoice} for order {order}, issued to {company}, VAT {vat}, is attached "
     "and also in your account."),
    ("Wrong size! Can I swap the {product} in order {order} for a bigger one? - {first} {last}",
     "Sure, {first}. Exchange {claim} is set up for order {order}: send the {product} back with "
     "the free label and the new size ships on arrival."),
    ("Hello, is the {product} back in stock? I'm {first}, my phone is {phone}.",
     "Hi {first}, the {product} is back on {day}. I've added a restock alert and we'll text "
     "{phone} as soon as it's available."),
    ("Courier {carrier} says order {order} was delivered but I got nothing. {first} {last}",
     "Sorry, {first}! I've asked {carrier} to investigate order {order} (case {claim}). If it "
     "isn't found in 48h we resend it for free."),
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
    parser.add_argument("--train", type=int, default=300)
    parser.add_argument("--holdout", type=int, default=150)
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
