"""The words patients use for body parts, sides and symptom kinds, by canonical name.

One source of truth: the NLU lookup tables and synonyms in
`data/nlu/intake_lookups.yml` are generated from here
(`python -m bot.intake.vocabulary > data/nlu/intake_lookups.yml`), and the
parsers in `bot.intake.parsing` use the same lists, so the model and the
fallback parser never disagree about what "calves" or "pins and needles" means.
"""

from __future__ import annotations

import sys
from typing import Dict, List

from bot.domain_names import Entities

# canonical name -> other ways of saying it (plurals, synonyms, common typos).
BODY_PARTS: Dict[str, List[str]] = {
    "calf": ["calves", "calfs", "calve", "claf", "calf muscle", "calf muscles"],
    "shin": ["shins", "shinbone", "front of the lower leg"],
    "thigh": ["thighs", "thight", "thighs muscles", "upper leg", "upper legs"],
    "thigh front": [
        "front of the thigh",
        "front of my thigh",
        "quads",
        "quad",
        "quadriceps",
        "front of thigh",
    ],
    "thigh back": [
        "back of the thigh",
        "back of my thigh",
        "hamstring",
        "hamstrings",
        "back of thigh",
        "back of my thighs",
    ],
    "leg": ["legs", "lower leg", "lower legs", "lgs"],
    "knee": ["knees", "kneecap", "back of the knee"],
    "ankle": ["ankles"],
    "hip": ["hips", "hip joint"],
    "buttock": ["buttocks", "glutes", "bum", "butt"],
    "groin": [],
    "foot": ["feet", "foots", "fot"],
    "sole": ["soles", "sole of the foot", "soles of my feet", "bottom of my foot"],
    "arch": ["arches", "arch of the foot", "arch of my foot", "instep"],
    "toes": ["toe", "big toe", "toes"],
    "heel": ["heels"],
    "hand": ["hands", "hnad"],
    "palm": ["palms", "palm of my hand"],
    "thumb pad": [
        "pad of the thumb",
        "thumb pads",
        "ball of the thumb",
        "base of the thumb",
    ],
    "thumb": ["thumbs"],
    "fingers": ["finger", "fingertips", "fingertip", "fingres"],
    "wrist": ["wrists"],
    "forearm": ["forearms"],
    "elbow": ["elbows"],
    "arm": ["arms", "upper arm", "upper arms", "biceps", "triceps"],
    "shoulder": ["shoulders", "sholder", "shoulder muscle"],
    "neck": ["nape", "neck muscles", "nek", "back of the neck", "back of my neck"],
    "shoulder blades": [
        "shoulder blade",
        "between the shoulder blades",
        "between my shoulder blades",
        "scapula",
    ],
    "back": ["upper back", "spine", "back muscles"],
    "lower back": ["low back", "lumbar", "small of my back", "lower spine"],
    "chest": ["chest muscles", "ribs"],
    "stomach": ["belly", "abdomen", "tummy", "abs"],
    "face": ["cheek", "cheeks", "forehead", "temple", "temples"],
    "eyelid": ["eyelids", "eye lid", "under my eye"],
    "jaw": ["jaws", "jaw muscles", "chin"],
    "tongue": ["tip of the tongue", "tip of my tongue"],
    "palate": ["upper palate", "roof of my mouth"],
    "head": ["scalp"],
    "limbs": ["extremities", "arms and legs", "legs and arms"],
}

# Sides a location can be on.
SIDES: Dict[str, List[str]] = {
    "left": ["lft", "left side", "left-hand", "lefthand"],
    "right": ["rigth", "rght", "right side", "right-hand", "righthand"],
    "both": ["both sides", "both legs", "on both", "either side", "bilateral"],
}

# canonical symptom kind -> how patients describe it.
SYMPTOM_KINDS: Dict[str, List[str]] = {
    "pain": [
        "hurts",
        "hurt",
        "hurting",
        "ache",
        "aches",
        "aching",
        "achy",
        "painful",
        "sore",
        "soreness",
        "pains",
        "throbbing",
        "pinching",
        "stabbing",
        "pian",
        "paing",
        "hurtin",
        "sharp pain",
    ],
    "tension": [
        "tense",
        "tensed",
        "tightness",
        "tight",
        "tightening",
        "tightens",
        "pulling",
        "pulls",
        "pull",
        "pulled",
        "tenseness",
        "tenson",
        "pulling sensation",
        "pulling sensations",
        "tightnes",
        "tightning",
    ],
    "cramp": [
        "cramps",
        "cramping",
        "cramped",
        "crams",
        "cramp up",
        "charley horse",
        "charlie horse",
        "cramps up",
        "crampy",
        "crampp",
        "cramping up",
    ],
    "spasm": [
        "spasms",
        "spasming",
        "spazm",
        "spasam",
        "seized up",
        "seizing up",
        "muscle spasms",
        "muscle spasm",
    ],
    "twitching": [
        "twitch",
        "twitches",
        "twitchy",
        "tremor",
        "tremors",
        "trembling",
        "shaking",
        "shakes",
        "jerking",
        "fasciculations",
        "twiching",
        "quivering",
        "tic",
        "tics",
        "muscle twitches",
        "jumping",
        "shake",
    ],
    "tingling": [
        "tingle",
        "tingles",
        "tingly",
        "pins and needles",
        "burning",
        "burns",
        "burn",
        "prickling",
        "crawling",
        "tinglig",
        "electric shocks",
        "electric shock",
    ],
    "numbness": ["numb", "numbing", "no feeling", "lost feeling", "numbnes"],
    "weakness": [
        "weak",
        "weaker",
        "weakened",
        "feel weak",
        "no strength",
        "giving way",
        "gives way",
        "weekness",
        "weakend",
    ],
    "stiffness": ["stiff", "stiffer", "rigid", "stiffening", "stifness"],
    "swelling": ["swollen", "swells", "swell", "puffy", "swelled", "sweling"],
}


# Surface forms too ambiguous for the lookup tables ("it came back", "MRI of the
# head"): the model learns them in context, and the parser still knows them.
AMBIGUOUS = {
    "back",
    "arch",
    "arches",
    "head",
    "pull",
    "tic",
    "tics",
    "temple",
    "temples",
    "swell",
    "shakes",
    "hurt",
    "shake",
    "jumping",
    "burn",
}


def variants(table: Dict[str, List[str]]) -> Dict[str, str]:
    """Every surface form (canonical names included), lower-cased, -> canonical."""
    mapping: Dict[str, str] = {}
    for canonical, others in table.items():
        mapping[canonical] = canonical
        for other in others:
            mapping.setdefault(other.lower(), canonical)
    return mapping


def _yaml_block(kind: str, name: str, items: List[str]) -> List[str]:
    lines = [f"- {kind}: {name}", "  examples: |"]
    lines += [f"    - {item}" for item in items]
    return lines


def render_nlu_yaml() -> str:
    """The lookup tables and synonyms for data/nlu/intake_lookups.yml."""
    lines = [
        "# Generated from bot/intake/vocabulary.py: python -m bot.intake.vocabulary",
        'version: "3.1"',
        "nlu:",
    ]
    for entity, table in (
        (Entities.BODY_PART, BODY_PARTS),
        (Entities.SIDE, SIDES),
        (Entities.SYMPTOM_KIND, SYMPTOM_KINDS),
    ):
        forms = sorted(set(variants(table)) - AMBIGUOUS)
        lines += _yaml_block("lookup", entity, forms)
    for table in (BODY_PARTS, SIDES, SYMPTOM_KINDS):
        for canonical, others in table.items():
            forms = sorted({o.lower() for o in others} - {canonical})
            if forms:
                lines += _yaml_block("synonym", canonical, forms)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_nlu_yaml())
