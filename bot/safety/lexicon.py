"""The closed vocabulary the red-flag detector reasons with.

Every word the rules look at is listed here, grouped by what it means to the
rules: a *target* (what could be impaired: breathing, swallowing, speech...), a
*cue* (what says it is impaired: "hard", "weak", "can't"...), a stand-alone
*sign* word ("breathless", "drooling"), and the words that negate or normalise.
Words are spaCy NORM forms (lower case; "can't" arrives as "can" + "not").
"""

from __future__ import annotations

from typing import Dict, FrozenSet


def _words(text: str) -> FrozenSet[str]:
    return frozenset(text.split())


# --- targets: each word maps to one concept --------------------------------
TARGETS: Dict[str, FrozenSet[str]] = {
    "BREATH": _words(
        "breath breaths breathe breathes breathed breathing respiration respiratory "
        "inhale inhaling exhale exhaling lungs"
    ),
    "AIR": _words("air oxygen"),
    "SWALLOW": _words("swallow swallows swallowed swallowing gulp gulping"),
    "SPEECH": _words(
        "speech speak speaks speaking talk talks talking voice words word "
        "pronounce pronouncing pronunciation articulate hoarse hoarseness croaky "
        "raspy husky"
    ),
    "CHEW": _words("chew chews chewing chewed"),
    "TONGUE": _words("tongue tongues"),
    "PALATE": _words("palate palates"),
    "JAW": _words("jaw jaws"),
    "FACE": _words(
        "face facial smile mouth eyelid eyelids eye eyes cheek cheeks brow lip lips"
    ),
    "THROAT": _words("throat"),
    "NOSE": _words("nose nostril nostrils"),
    "FOOD": _words(
        "food foods eat eats eating ate meal meals drink drinks drinking drank "
        "water liquid liquids fluid fluids tea coffee soup milk juice saliva spit "
        "bite bites crumbs bread porridge oatmeal cereal yoghurt yogurt pasta "
        "rice meat potato potatoes mash toast sandwich biscuit biscuits cake "
        "pudding custard jelly puree broth noodles pill pills tablet tablets "
        "capsule capsules meds medication medications"
    ),
    "COUGH": _words("cough coughs coughing coughed coughy"),
    "CHOKE": _words("choke chokes choking choked"),
}

# The eye, for a pronoun that stands for it (bot.safety.detector).
EYE_WORDS = _words("eye eyes eyelid eyelids")

CONCEPT_OF: Dict[str, str] = {
    word: concept for concept, words in TARGETS.items() for word in words
}

# --- cues: words that say a target is impaired -----------------------------
# Generic difficulty and inability; valid for every target.
DIFFICULTY = _words(
    "difficulty difficulties difficult hard harder hardest trouble troubles "
    "problem problems issue issues struggle struggles struggling struggled "
    "unable barely hardly effort strain strained impossible wrong worse "
    "worsening"
)
# Said after "not"/"n't" these describe an impairment ("not enough air",
# "not able to", "isn't strong enough"), so that "not" is no negation.
NOT_PROBLEM_HEADS = _words(
    "able enough strong move working work well properly right normal normally "
    "good longer clear getting get stopping pausing"
)
# "not sure why I'm short of breath": these after "not"/"no" negate nothing.
PSEUDO_NEGATION_HEADS = _words(
    "sure certain only just know understand idea doubt matter wonder mean think even"
)
# Modal verbs whose "not" is an inability ("can't breathe"), not a negation.
ABILITY_MODALS = _words("can could ca wo will")

RESPIRATORY_CUES = DIFFICULTY | _words(
    "short shortness weak weaker weakly shallow laboured labored heavy heavier "
    "painful pain hurts hurt hurting catch tight tightness restricted stops stop "
    "stopped stopping pause pauses gasp gasps gasping fast rapid panting pant "
    "count counting sit sitting propped upright lose losing lost enough scary "
    "strange weird odd funny different noisy wheezing wheeze rattling heavily "
    "chore exhausting exhausted tiring fight fighting fought"
)
AIR_CUES = DIFFICULTY | _words(
    "enough hunger hungry gasp gasping gasps gulping lack short starved suffocate "
    "suffocating fight fighting choke choking count halfway pause pausing stop "
    "stopping"
)
# Swallowing, tongue, palate and throat: any odd sensation counts, because the
# forum case began as "when I swallow, the upper palate feels tense".
SENSATION_CUES = _words(
    "feel feels feeling felt sensation sensations strange weird odd funny "
    "different tense tension tight tightness tightening tighten tightens lump "
    "stuck pressure burning burn burns pulling pulls tingling tingle numb "
    "numbness twitching twitch twitches heavy thick stiff swollen clumsy "
    "painful pain hurts hurt uncomfortable discomfort spasm spasms cramp cramps "
    "weak weaker weakness paralysed paralyzed paralysis"
)
SWALLOW_CUES = (
    DIFFICULTY
    | SENSATION_CUES
    | _words("choke choking cough coughing slow slower blocked closing wrong")
)
SPEECH_CUES = DIFFICULTY | _words(
    "slurred slur slurring slurry slow slower slowed nasal nasally weak weaker "
    "unclear garbled mumble mumbling drunk quiet quieter changed change "
    "strange odd weird different thick tired fading fades lisp"
)
CHEW_CUES = DIFFICULTY | _words("weak weaker tired tires tiring fatigue exhausting")
MOUTH_PART_CUES = SENSATION_CUES | DIFFICULTY
# Not "hard"/"tense": "a hard time relaxing my jaw" is the tension this bot is
# about; a weak or hanging jaw, or one that can't close, is the warning sign.
JAW_CUES = _words(
    "weak weaker weakness tired tires hangs hanging drops dropping slack heavy "
    "fatigue droop drooping droops"
)
FACE_CUES = _words(
    "droop drooping droops droopy dropping drops sagging sags sag weak weaker "
    "weakness paralysed paralyzed paralysis numb numbness crooked uneven "
    "lopsided asymmetric frozen slack dribble dribbles dribbling leak leaks "
    "leaking"
)
BLUE_CUES = _words("blue bluish blueish purple grey gray dusky")
# Cues no passing cause explains away (see context.py, weak_only rules).
STRONG_CUES = DIFFICULTY | BLUE_CUES
THROAT_CUES = DIFFICULTY | _words(
    "tight tightness tightening tense tension closing closes lump stuck sticks "
    "stick weak "
    "squeezed squeezing blocked constricted pressure"
)
# A throat that closes, unlike one with a lump in it, is an airway sign even
# when swallowing is fine.
THROAT_CLOSING = _words(
    "closing closes close closed constricted constricting blocked squeezed "
    "squeezing swelling swollen weak"
)
# Said anywhere in the sentence of a throat sign, the throat is shutting (not
# "close to tears", a blocked nose, a swollen gland or a weak voice).
THROAT_SHUTTING = THROAT_CLOSING - _words("close blocked swelling swollen weak")
COUGH_WEAK_CUES = DIFFICULTY | _words("weak weaker feeble clear strong")
# Cues that name a cough's strength, which say "weak" only with a negation or
# a limit ("not strong enough", "too feeble to clear").
COUGH_STRENGTH = _words("clear strong")
COUGH_TOO = _words("too enough")
# Words between a cough and "hard" that say how hard: "coughing that hard".
HOW_HARD = _words("that so really very too super")
# Saliva that is not swallowed: "saliva keeps pooling in my mouth".
SALIVA_WORDS = _words("saliva spit")
SALIVA_CUES = _words(
    "pool pools pooling pooled collects collecting builds building build runs "
    "running leaks leaking dribbles dribbling excess much"
)
NOSE_CUES = _words("out through comes come coming regurgitate regurgitation")
WRONG_WAY = _words("wrong")

# --- stand-alone signs ------------------------------------------------------
RESPIRATORY_SIGNS = _words(
    "breathless breathlessness winded suffocate suffocating suffocation "
    "suffocates gasping gasp dyspnea dyspnoea dyspneic breathlesness panting "
    "drowning sob puffing puffed huffing smothered smothering pant"
)
# Stand-alone signs a passing cause can explain ("I gasped when the cramp hit").
WEAK_SIGNS = _words(
    "gasp gasps gasped gasping panting pant winded puffing puffed huffing"
)
BULBAR_SIGNS = _words(
    "drool drools drooling drooled slurred slurring slur slurs dysphagia "
    "dysarthria dribble dribbles dribbling"
)

# --- negation and normality -------------------------------------------------
NEGATIONS = _words("no not never without none nothing neither nor deny denies free")
# "I can only say a few words": an ability that is limited is no reassurance.
LIMITING = _words("only just barely hardly") | DIFFICULTY
NORMAL_WORDS = _words(
    "fine normal normally ok okay well good great perfectly easily freely better"
)
# Normal words that say how something is done, which reassure only about a
# function named just before them ("swallow normally", not "sat perfectly
# still").
MANNER_ADVERBS = _words("normally perfectly easily freely")
# The functions whose all-clear ("breathing is fine") answers a vaguer
# description of that category's signs elsewhere in the message.
CATEGORY_CONCEPTS: Dict[str, FrozenSet[str]] = {
    "respiratory": frozenset({"BREATH", "AIR"}),
    "bulbar": frozenset({"SWALLOW", "SPEECH", "FOOD", "CHEW", "TONGUE", "FACE"}),
}
# An all-clear with one of these is partial ("fine otherwise", "fine at rest",
# "mostly fine", "fine until ..."), and leaves room for the sign.
ALL_CLEAR_LIMITS = _words(
    "otherwise mostly usually except apart unless until when whenever while "
    "rest sitting lying sometimes most just only"
)
# Words that open a question asked without "?": "which tablet is good".
QUESTION_OPENERS = _words("which what how where who whats hows")
# Two words that hedge an all-clear: "i feel like im talking normally".
HEDGES = frozenset(
    {("feel", "like"), ("feels", "like"), ("i", "think"), ("to", "me"), ("i", "guess")}
)
# A clause that mentions these is about the past or a change, so a negation
# in it ("I never had trouble swallowing before") is not trusted.
# "was fine before", "fine until Monday": the state before a change.
UNTIL_WORDS = _words("before until till til")
TEMPORAL_DOUBT = _words("before anymore longer used until lately recently now")

# Mentions of a target that are not a symptom.
NON_SYMPTOM_AFTER = {
    "BREATH": _words(
        "exercise exercises technique techniques practice practices meditation "
        "app work training test relaxation"
    ),
    "SWALLOW": _words(
        "pill pills tablet tablets capsule capsules medicine medicines "
        "medication medications gum"
    ),
    # "a hot water bottle and those stick-on heat patches"
    "FOOD": _words("bottle bottles tank heater fountain retention"),
}

# Words that end a clause (negation scope) and words that end a segment
# (the span in which a target and a cue may pair up).
CLAUSE_BREAKS = _words(", ; : ( ) - -- — – ... because since")
SEGMENT_BREAKS = _words(
    "but however although though except whereas yet ; ! ? . otherwise besides"
)
SUBJECTS = _words("i my it he she they we the there your his her our this that")

# --- typo tolerance ---------------------------------------------------------
# The words worth correcting a typo to (long enough that a near miss is a typo).
FUZZY_VOCABULARY = _words(
    "breath breathe breathing breathes breathless breathlessness swallow "
    "swallowing swallowed swallows choking choked chokes shortness difficulty "
    "difficulties difficult trouble struggling struggle suffocating suffocate "
    "suffocation gasping slurred slurring drooling drooping tongue palate speech "
    "speaking saliva weakness paralysed paralyzed paralysis coughing coughed "
    "shallow laboured labored problems problem breathing impossible "
    "nasal throat unable barely hardly"
)
# Misspellings too far from the word for the edit-distance rule.
MISSPELLINGS = {
    "tounge": "tongue",
    "toungue": "tongue",
    "tung": "tongue",
    "brethe": "breathe",
    "breeth": "breath",
    "breathign": "breathing",
    "swollowing": "swallowing",
    "swolling": "swallowing",
    "choaking": "choking",
    "chocked": "choked",
    "drouling": "drooling",
    # One edit from both "swallow" and "shallow"; patients mean the first.
    "sallow": "swallow",
    "sallowing": "swallowing",
    # Phone shorthand, too short for the fuzzy match.
    "ppl": "people",
    "wrds": "words",
    "wrd": "word",
    "dwn": "down",
    "tims": "times",
    "hoem": "home",
    "fone": "phone",
    "wat": "what",
    "wot": "what",
    "hav": "have",
    "tht": "that",
    "bcos": "because",
    "cuz": "because",
    "nite": "night",
    "2day": "today",
    "rn": "now",
    "atm": "now",
}
# Shorthand for "can't", "couldn't", "don't" that ends in "nt", and the
# modal each stands for (bot.safety.detector splits them as "can" + "not").
SHORT_NEGATED_MODALS = {
    "cnt": "can",
    "cdnt": "could",
    "cudnt": "could",
    "cldnt": "could",
    "dnt": "do",
}
# "-ing" words typed without their g ("gulpin", "sayin"), besides the fuzzy
# vocabulary's.
DROPPED_G = _words(
    "gulping saying talking eating drinking chewing wheezing panting puffing "
    "dribbling mumbling"
)
# Real words one typo away from the vocabulary that must stay themselves.
NOT_TYPOS = _words(
    "breadth breach bread break breaks slurped plate plates dropping "
    "sneaking double treble chose chore those whose shallot allow swallows "
    "hollow follow follows following tongues pallet palette speeches peaking "
    "leaking seaking nasty basal natal throats "
    "threat throne choked chokes cooking cocking coughed toughed roughed "
    "drooped dropped drowning growling problem"
)

# --- words the rules' logic reads (detector.py) -----------------------------
# Phrases the Matcher finds as they are.
RESPIRATORY_PHRASES = [
    p.split()
    for p in (
        "out of breath",
        "out of air",
        # breathing told as effort, or its muscles as tired
        "breathing is a workout",
        "breathing is hard work",
        "breathing feels like work",
        "breathing feels like a workout",
        "diaphragm feels tired",
        "diaphragm is tired",
        "breathing muscles feel tired",
        "breathing muscles are tired",
        "short of breath",
        "shortness of breath",
        "catch my breath",
        "short of wind",
        "out of wind",
        # "wind" for breath
        "get my wind back",
        "getting my wind back",
        "catch my wind",
        "catching my wind",
        "air hunger",
        "fight for air",
        "fighting for air",
        "words at a time",
        "word at a time",
        "words per breath",
        "words between breaths",
        "words in one breath",
        # laboured breathing seen: "chest heaving the whole way"
        "chest heaving",
        "chest is heaving",
        "chest was heaving",
        "chest heaves",
    )
]
BULBAR_PHRASES = [
    p.split()
    for p in (
        "wrong way",
        "wrong pipe",
        "wrong hole",
        "wrong tube",
        "sound drunk",
        "sounds drunk",
        "sounding drunk",
        "sounded drunk",
    )
]
# What the patterns below say: letters named ("can't say my Rs and Ls
# properly"), speaking, a mouthful, how many goes a swallow takes ("3 or 4
# goes", "a few tries").
LETTERS = ["rs", "ls", "ss", "ths", "ps", "bs", "ms", "ks", "r", "l", "s", "th"]
SPOKEN_UNITS = ["sounds", "letters", "consonants", "words", "word", *LETTERS]
SPEAKING_WORDS = _words(
    "talk talking talks speak speaking speaks speech voice words sound"
)
MOUTHFUL_WORDS = ["spoon", "spoonful", "mouthful", "bite", "sip", "forkful"]
# Before a mouthful: "ages to get a spoonful of soup down".
MOUTHFUL_DETERMINERS = ["a", "the", "each", "every", "one", "his", "her", "my", "their"]
ATTEMPT_COUNTS = sorted(_words("few several couple many two three four five 2 3 4 5"))
# Signs with a gap the phrases above cannot hold: "can't say my k and g
# sounds right" (spaCy Matcher patterns over NORMs).
BULBAR_PATTERNS = [
    # "my coffee dribbled out the side of my mouth": a mouth that does not close
    [
        {
            "NORM": {
                "IN": [
                    "dribbled",
                    "dribbles",
                    "dribbling",
                    "dribble",
                    "leaked",
                    "leaks",
                    "leaking",
                    "ran",
                    "runs",
                    "running",
                    "spilled",
                    "spills",
                    "spilling",
                    "spilt",
                    "trickled",
                    "trickles",
                    "trickling",
                ]
            }
        },
        {"NORM": "out"},
        {"NORM": "of", "OP": "?"},
        {"NORM": "the"},
        {"NORM": {"IN": ["side", "corner", "sides", "corners"]}},
        {"NORM": "of"},
        {"NORM": {"IN": ["my", "his", "her", "their"]}},
        {"NORM": "mouth"},
    ],
    [
        {"NORM": {"IN": ["can", "could", "ca"]}},
        {"NORM": "not"},
        {"NORM": {"IN": ["say", "pronounce", "get"]}},
        *[{"OP": "?"}] * 4,
        {"NORM": {"IN": SPOKEN_UNITS}},
        {"NORM": {"IN": ["right", "properly", "clearly", "out", "correctly"]}},
    ],
    # "I talk like a cartoon duck, all honky and through the nose"
    [
        {"NORM": {"IN": ["talk", "talking", "speak", "speaking", "voice", "sound"]}},
        *[{"OP": "?"}] * 8,
        {"NORM": "through"},
        {"NORM": {"IN": ["my", "the"]}},
        {"NORM": "nose"},
    ],
    # Speech by comparison: "talking with a mouth full of cotton wool",
    # "I sound like I've got marbles in my mouth".
    [
        {"NORM": {"IN": sorted(SPEAKING_WORDS)}},
        *[{"OP": "?"}] * 6,
        {"NORM": {"IN": ["marbles", "cotton", "potato", "gobstopper", "toffee"]}},
    ],
    # Swallowing that takes several attempts: "needs 3 or 4 goes to swallow
    # each spoon", "takes a few tries to get it down".
    [
        {"NORM": {"IN": ATTEMPT_COUNTS}},
        {"NORM": {"IN": ["goes", "tries", "attempts", "swallows", "gos"]}},
        {"NORM": {"IN": ["to", "before"]}},
        *[{"OP": "?"}] * 2,
        {"NORM": {"IN": ["swallow", "swallows", "get", "go"]}},
    ],
    # Food that takes a long time to go down: "needs ages to get a spoon of
    # soup down", "takes forever to swallow".
    [
        {"NORM": {"IN": ["ages", "forever"]}},
        {"NORM": "to"},
        {"NORM": {"IN": ["swallow", "chew"]}},
    ],
    [
        {"NORM": {"IN": ["ages", "forever"]}},
        {"NORM": "to"},
        {"NORM": "get"},
        {"NORM": {"IN": MOUTHFUL_DETERMINERS}, "OP": "?"},
        {"NORM": {"IN": MOUTHFUL_WORDS}, "OP": "?"},
        {"NORM": "of", "OP": "?"},
        {"NORM": {"IN": sorted(TARGETS["FOOD"]) + MOUTHFUL_WORDS}},
        {"NORM": "down"},
    ],
]
# Air hunger told by comparison: "gulping like I'd been held underwater",
# "gulping for air" (a drink gulped is no sign).
RESPIRATORY_PATTERNS = [
    [
        {"NORM": {"IN": ["gulping", "gulped", "gulp", "gulps", "sucking", "sucked"]}},
        *[{"OP": "?"}] * 5,
        {"NORM": {"IN": ["underwater", "drowning", "drowned", "suffocating"]}},
    ],
    [
        {"NORM": {"IN": ["gulping", "gulped", "gulp", "gulps"]}},
        {"NORM": {"IN": ["for", "at"]}, "OP": "?"},
        {"NORM": {"IN": ["air", "breath", "breaths"]}},
    ],
]
# "when I swallow, ...": swallowing is what the clause is about.
SWALLOW_TIME = _words("when whenever while after everytime every")
# Words that say food goes wrong, pairing with a food word.
FOOD_TROUBLE = _words(
    "stuck sticks stick wrong regurgitate regurgitation gag gags gagging gagged gaggy "
    "splutter splutters spluttering spluttered sputter sputtering"
)
# "I can breathe, but it's hard": what may stand between "but" and a difficulty.
CONTRASTS = _words("but though although yet")
CONTRAST_FILLER = _words(
    "it i 's is was be been am are has have do does did can ca could really very "
    "so quite still getting becoming gets feels feel that this just too only "
    "with"
)
# "no breathing problems" is a negation; "no air" is the problem itself.
PROBLEM_NOUNS = _words(
    "problem problems probs trouble troubles difficulty difficulties issue "
    "issues complaint complaints symptom symptoms concern concerns"
)
# "not really sure": an intensifier between a negation and its pseudo-head.
INTENSIFIERS = _words("really quite so")
# "and I ...", "so I'm ...": a conjunction before a subject starts a clause.
CLAUSE_CONJUNCTIONS = _words("and or then so")
# A cue that only says "it feels ..." loses to a specific one.
VAGUE_CUES = _words("feel feels feeling felt sensation sensations")
# Targets whose colour (blue lips) is a respiratory sign.
BLUE_TARGETS = _words("lip lips face")
# "a deep breath" is an exercise unless a strong cue says otherwise.
DEEP = _words("deep deeper")
# "I can swallow": an ability, unless LIMITING words say it is limited.
ABLE_MODALS = _words("can could")
# "is it normal that ...": "normal" in a question reassures nobody.
QUESTION_SUBJECTS = _words("it that this")

# "my eyelid won't stop twitching": not an inability of the eyelid, unlike
# "I can't stop choking" (bot.safety.detector, negation roles).
STOPPABLE_MOVEMENTS = frozenset(
    """twitching twitch twitches moving shaking jumping flickering fluttering
    cramping hurting aching spasming ticking trembling""".split()
)
# Ways of saying a movement goes on: "won't stop", "won't quit", "won't go
# away" ("my bottom lip has a twitch that wont quit").
STOP_VERBS = _words("stop quit end cease settle subside relent")
STOP_PHRASES = (("go", "away"), ("let", "up"), ("die", "down"), ("calm", "down"))

# Who gives instructions: a quote in a message that names one is taken as the
# instruction's words.
INSTRUCTION_SOURCES = frozenset(
    {
        "physio",
        "physiotherapist",
        "coach",
        "instructor",
        "instructors",
        "instruction",
        "instructions",
        "teacher",
        "trainer",
        "therapist",
        "app",
        "video",
        "class",
        "yoga",
        "pilates",
        "tutorial",
        "exercise",
        "exercises",
        "routine",
        "drill",
        "drills",
        "cue",
        "cues",
        # documents quoted: "the job description says 'support residents
        # with swallowing difficulties'"
        "description",
        "advert",
        "leaflet",
        "textbook",
    }
)
# "recovered now", "gone now": reassurance about now, like "fine now".
RECOVERY_WORDS = frozenset({"recovered", "gone", "cleared", "resolved", "healed"})
# Bare imperatives that open an instruction's step.
IMPERATIVE_VERBS = frozenset(
    {
        "breathe",
        "inhale",
        "exhale",
        "hold",
        "blow",
        "puff",
        "swallow",
        "stick",
        "say",
        "repeat",
        "hum",
        "press",
        "push",
        "tuck",
        "open",
        "relax",
        "let",
        "place",
        "keep",
        "count",
        "sip",
    }
)
# Abilities that are not about breathing, speech or swallowing: "can't smell
# a thing and breathing through my mouth" has no inability of the mouth.
UNRELATED_ABILITIES = frozenset(
    {
        "smell",
        "taste",
        "see",
        "hear",
        "sleep",
        "focus",
        "concentrate",
        "remember",
        "wait",
        "afford",
        "believe",
    }
)

# --- context (bot.safety.context) ------------------------------------------
# "He says he's fine" is a claim, not a recovery.
DENIAL_VERBS = _words("says saying said insists insisting claims claiming")
# Words after which a person opens a clause as its subject ("and my dog
# ..."); after any other word in the clause the person is an object.
SUBJECT_LEADERS = _words(
    "and but so then because cause cuz coz bc when while if that as also now "
    "today yesterday tonight lately recently since plus ps"
)
# A noun after these opens its clause when they do ("our bloodhound drools").
DETERMINERS = _words("my our his her their the your")
# Words before "dog" or "cat" that make it something else than an animal.
NOT_ANIMAL_MODIFIERS = _words("hot corn sea cat copy top fat")
# "I sound like I have a blocked nose": a cause named in a comparison.
COMPARISONS = _words("like if though")

# Words that place another person's sign in the present moment, which a
# carer's or a story's context does not explain away (bot.safety.context).
# "I can see", "you can hear": what the writer perceives as they write.
SENSED_NOW = _words("see hear")
# "has gone", "have turned": a change told in the present perfect holds now.
PERFECT_AUXILIARIES = _words("has have s ve")
CHANGE_PARTICIPLES = _words("gone turned become got")
PRESENT_MOMENT = frozenset(
    {"now", "currently", "atm", "tonight", "today", "keeps", "keep", "suddenly"}
    # a change: "drooling, which is new", "more slurred than usual"
    | {"new", "usual"}
)
# A sign that keeps happening: a pattern, which a doctor may already be
# looking into (context rules with "despite_recurring").
RECURRING = frozenset({"keeps", "keep"})
# "starts off normal then fades": what a change starts from.
STARTS = _words("starts start started starting begins began")
# Words that date a sign's start to now ("a lisp out of nowhere today"), which
# no lifelong trait has.
ONSET_WORDS = _words("today tonight suddenly sudden overnight nowhere")
# A sign told as begun, which a question framing does not make hypothetical
# ("what are the signs of gbs, i already cant swallow properly"). Not in
# PRESENT_MOMENT: that set also decides whether another person's sign is
# happening now.
ALREADY_BEGUN = _words("already")
# Who reports an inability after "keeps saying": "he can't", "I can't"
# ("you can't" is the cue's conditional, "if you can't get a full breath").
REPORTED_SUBJECTS = _words("he she they i we")
# "keeps saying my voice ...": a possessive after "saying" opens a report.
REPORTED_POSSESSIVES = _words("my his her their")
# What makes a HYPOTHETICAL trigger a condition ("what if", "in case", "if i
# ever"), rather than a framing ("out of curiosity", "signs of"), which a sign
# told as now in the same clause outweighs.
CONDITIONAL_WORDS = _words("if case ever might future when during flare flares")
# "this afternoon", "this week": part of now (after "this").
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "week"})
# "since yesterday", "since Monday": a sign going on until now.
RECENT_TIMES = _words(
    "yesterday today tonight lunch lunchtime breakfast dinner monday tuesday "
    "wednesday thursday friday saturday sunday"
)
# The patient, spoken of: "she says it's nothing" is the patient's claim.
THIRD_PERSONS = _words("he she they")

# Who a sign can be told of besides the writer: "my dad has myasthenia and
# his voice gets weak", "my grandma chokes on food a lot" (context rules with
# "others_only"). Not "they": it is as often the muscles ("feel like they're
# sliding down").
OTHER_PEOPLE = _words(
    "he she him her his dad father mum mom mother mam mama "
    "papa parent parents grandad granddad grandpa grandfather grandma granny "
    "gran nan nana nanny grandmother grandparent grandparents husband wife "
    "partner boyfriend girlfriend fiance fiancee son daughter kid kids child "
    "children baby toddler brother sister sibling uncle aunt auntie cousin "
    "nephew niece friend mate colleague coworker neighbour neighbor flatmate "
    "roommate patient patients resident residents client clients"
)
# The writer as the subject of a clause.
FIRST_PERSON_SUBJECTS = _words("i me myself we")
# The writer named as subject or owner: the last of these or OTHER_PEOPLE
# before a sign says whose it is ("my dad says my voice slurs" is mine).
WRITER_WORDS = FIRST_PERSON_SUBJECTS | _words("my")

# A question put to the bot ("what's your name?"): a wh-opening, "you" and
# no person whose body it could be about. "name" is a speech word ("can't say
# my name"), and the semantic layer read "what's your name" as slurred speech.
QUESTION_OPENINGS = _words("what whats what's who how where which")
BOT_WORDS = _words("you your u ur yourself")

# "weak" or "weakness" naming the sign itself ("my voice went nasal and
# weak") does not make the story one of spreading weakness.
SIGN_WEAKNESS = frozenset({"weak", "weakness"})

# Quotation marks around an instruction's words.
QUOTE_MARKS = frozenset({"'", '"', "\u201c", "\u201d", "\u2018", "\u2019"})

# A clause that opens with these points back at what came before ("that was
# years ago", "it was last winter", "all of this as a kid").
BACK_REFERENCES = frozenset(
    {"that", "it", "this", "which", "all", "was", "those", "these", "both", "but"}
)

# --- the semantic layer's gate ----------------------------------------------
# A sign told in other words still names the breath, the voice, food, the mouth
# or the face somewhere in the message: with none of these (nor a target word
# of the rules) the semantic layer is not asked. On the dev sets no sign the
# semantic layer alone finds lacks one; ordinary questions ("how much ginger do
# I put in my tea", "it wakes me up screaming") mostly do.
SEMANTIC_GATE_WORDS = _words(
    "chest lungs lung upright flat pillows propped recliner sentence sentences "
    "sing singing read reading words word voice sound sounds mouthful puff pant "
    "panting gasp gasping sigh sighing straw cloth smile blink whistle candle "
    "name say talk talking speak speaking understand understands understood mumble "
    "mumbling lisp oomph "
    "phlegm mucus gunk rattle gurgle belly diaphragm diaphram eyelid eyelids eye "
    "eyes cheek cheeks forehead wink frown meals dinner lunch breakfast bite "
    "oxygen marathon sprint sprinted ran sounded sounding lungful lungfuls yawn "
    "yawns yawning blowing"
)

# "-ing" words that, after "is", put a sign in the present beside the
# function and sign words ("she is struggling", "he is wheezing").
SIGN_DOINGS = _words("struggling gasping choking drooling wheezing using heaving")


def is_sign_doing(norm: str) -> bool:
    """An "-ing" word for a function or a sign ("breathing", "slurring",
    "struggling"): after "is", something happening to someone now."""
    return norm.endswith("ing") and (
        norm in CONCEPT_OF
        or norm in BULBAR_SIGNS
        or norm in RESPIRATORY_SIGNS
        or norm in SIGN_DOINGS
    )
