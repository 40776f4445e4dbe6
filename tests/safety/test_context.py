"""The context layer: signs that are not a current first-person report."""

import json

import pytest

from bot.safety import context, detect


@pytest.mark.parametrize(
    "text",
    [
        "last winter i couldnt breathe properly for weeks but its all cleared up now",
        "Two years ago I couldn't close my eye, it recovered completely",
        "my friend choked on a bit of steak last night, shes ok now",
        "my grandma drools a bit, is there a mouth exercise? asking for her",
        "my physio told me to breathe deeply when I stretch",
        "my boss is breathing down my neck and my shoulders are rock hard",
        "that bill was a hard pill to swallow, does massage help knots?",
        "bit my tongue last night during a cramp, its sore but fine",
        "lip still numb from the dentist, my jaw aches",
        "got a mouth ulcer on my tongue that stings, also my back is tense",
        "sore throat from a cold, stings a bit when i swallow",
        "what should i do if i ever get short of breath with cramps?",
        "can tight neck muscles make it harder to swallow?",
        "got totally tongue tied in my presentation, now my neck is stiff",
        # someone else, already cared for; an animal; a programme
        "my dad has MND and struggles to swallow, I'm his carer and "
        "my back is killing me",
        "one of my patients can't swallow her tablets, I'm a nurse. "
        "why do my calves ache after shifts?",
        "the cat keeps choking on hairballs lol, anyway my shoulder is stiff",
        "saw a documentary where a man couldn't breathe from ALS, "
        "scary. my leg twitches, is that it?",
        # over, told in the next sentence; settled after hard sport
        "got really short of breath on the hill walk. It passed "
        "after a few minutes. calves sore today",
        "after my 5k I was panting like mad, now just tight hamstrings",
        "my daughter was gasping after the netball match, after the "
        "match she was fine. cramps though",
        # instructions and idioms
        "the instructor had us hold each pose and breathe slowly, my "
        "hips are tight after",
        "my vocal coach says my voice goes breathy on long notes, "
        "which neck stretches help?",
        "this deadline is choking the life out of me, my traps are like rocks",
        # a dentist's numbing, a bitten tongue
        "cant feel half my face after the filling, they said until it wears off",
        "I bit my tongue so hard yesterday, it's swollen. also my calf cramps",
        # a quoted instruction; "like crazy" is no comparison; a function
        # said to be fine; "weak" naming an episode that is over
        "my physio's instructions: 'breathe out through pursed lips, "
        "then in through the nose'. does it relax the back?",
        "my 1yo drools like crazy when teething, my back is sore from carrying her",
        "caught a cold, coughing stuff up fine and breathing is normal. "
        "ribs ache, tips?",
        "last month my voice went nasal and weak, treated in hospital and "
        "it's completely gone now. arms sore from gardening",
        "coughing from my cold, the cough is strong and brings it up. ribs ache",
        "hypothetical: if my diaphragm cramped would i stop breathing?",
        "quiz question: which is not a bulbar symptom, dysphagia or calf cramps?",
        "work as a paramedic, we get calls for people who cant breathe. "
        "best stretch for my shoulders?",
        "my physio said to try belly breathing, breathe into the belly for "
        "5 counts. does it help back tension?",
        "not short of breath, not choking, no slurring. just thigh spasms",
        "blocked nose from a cold, i sound like i'm talking through a pillow",
        "bit my tongue hard at lunch and now its sore to talk",
        "had pneumonia in january, short of breath for weeks but all better "
        "now, breathing normal. still weak legs at the gym",
        "stuffy nose from allergies, cant smell a thing and breathing through "
        "my mouth, otherwise fine",
        "took my breath away for a second, now breathing totally normal just aching",
        "not short of breath at all, no chest pain, just a sore lower back",
        "i'm swamped at work, can barely come up for air. shoulders in knots",
        # lifelong, also with "today" in another clause; normal since the
        # episode; tired after a swimming lesson
        "ive always had a lisp, my calves cramp today",
        "my game character keeps choking on potions lol, my thumbs cramp",
        "asking in general: when is weak breathing an emergency? my legs ache",
        "had bells palsy in 2019, face totally recovered now. neck stiff",
        "my 6 week old splutters when the milk comes too fast, then feeds fine",
        "my characters voice goes hoarse in chapter 3, also my wrists ache",
        "my coach keeps saying if you cant breathe slow down, calves sore",
        "my nan chokes on drinks a lot, she saw the gp 3 days ago about her knees",
        "the job description says 'help clients with swallowing problems'. "
        "my back hurts from lifting",
        "essay tomorrow about breathing failure in ALS, neck is so stiff",
        "my grandad had MND and couldnt talk at the end. are my twitches genetic?",
        "my uncle has mumbled as long as i can remember, asking about his knees",
        "my son gagged on a grape at lunch, got it out, since then he eats "
        "and talks completely normal. his legs ache though",
        "after my swimming lessons im puffed, normal right? shoulders sore",
        "my grandmother couldnt swallow for months after a stroke in 2009. "
        "are twitches genetic?",
        "as a respiratory therapist I deal with weak coughs all day. "
        "what helps my plantar fascia?",
        "my grandad couldn't swallow near the end, he passed away in 2015. "
        "are cramps hereditary?",
        # a sign explained as a whole by the drink, a fall, a bite or years
        "slurred my words after 5 pints on saturday, sober now. back stiff",
        "drooled on the pillow after a big night out lol, neck stiff",
        "winded when I fell at football, breath came back after a minute",
        "bit my tongue hard in my sleep, now the side of my tongue is swollen",
        "my uncle has had a weak cough for years from smoking. my calves?",
        # the globus of tension beside a denied swallowing trouble
        "when stressed I feel a lump stuck in my throat, it's not hard to "
        "swallow or anything, just annoying",
        # lifelong or long-stable; a question before a trip or for an exam;
        # an expression; allergies; a pet; an instruction about breathing
        "her face still droops a bit since a stroke years ago, she's been "
        "stable since. hand cramps?",
        "I've had a lopsided smile since I was born, that's just my face",
        "what are the signs a muscle problem needs A&E? like breathing or "
        "swallowing stuff? asking just to be prepared",
        "studying for my nursing exam: why does bulbar weakness cause nasal "
        "regurgitation?",
        "in my country we say 'my throat is closing' when nervous, it is only "
        "expression. tight shoulders before exams",
        "if i start having trouble swallowing in the future with my MS, what "
        "do i do? currently all fine",
        "allergy season, throat itchy and nose blocked. leg cramps?",
        "dog keeps choking on his kibble, vet tomorrow. my back hurts",
        "my pilates instructor says to breathe into the sides of my ribcage, "
        "is that why my intercostals ache?",
        "breath catches when I jump into the cold water, then I swim fine",
        # a baby's reflux; a general question with an all-clear; technique;
        # an illness now over; a dog named by its breed
        "newborn spits up milk after feeds and sometimes it comes out her "
        "nose, midwife said normal reflux",
        "does a tight chest from bench press ever make it hard to breathe? "
        "just wondering, mine feels fine",
        "my physio told me to practise belly breathing lying flat, am i doing "
        "it right if my belly rises and my chest stays still?",
        "i had covid and was short of breath for weeks but now fully back to normal",
        "our bloodhounds lips droop and he drools everywhere lol",
        # laughter, a workload, tough food, a baby's fast feed, a death, a
        # resolution in the next sentence, a diagnosis asked about
        "ran out of breath laughing at my friend lol. abs sore now",
        "I'm so swamped at work I can't breathe lol. shoulders like rocks",
        "my jaw gets tired when I eat something really chewy, is that normal?",
        "my newborn chokes a little when my letdown is fast, then feeds fine",
        "my uncle with MS had swallowing problems before he died, does it "
        "run in families?",
        "is it normal to be out of breath after carrying a box up 6 floors? "
        "I was fine after a minute.",
        "my cheeks were so numb in the wind I couldn't smile properly until "
        "I warmed up. Totally normal now.",
        "what warning signs should I watch for with myasthenia? no breathing "
        "or swallowing problems so far",
        "root canal this morning, lip still numb and I keep dribbling my tea",
        # the corpus's own topics, told as conversation 9 told them
        "my eye twitch wont stop since 3 days!! how do i make it quit",
        "left eye wont stop twitchimg for two days, how do i make it stop",
        "almost choked when i read the price of that massage gun lol. calves tight",
        "during the bridge should i breathe in or out? my pilates teacher never says",
        "so nervous at the interview i forgot to breathe lol, neck stiff now",
        "watching greys anatomy where the doctor couldnt breathe, anyway my calves",
        "in a mask all day i cant breathe properly, take it off and im fine",
        "cold, hard to breathe through my nose but fine through my mouth",
        "coughed on my tea because i laughed while drinking, calf cramp though",
        "my vision is blurry after reading all day and my neck is stiff",
        "my 9 month old gags on lumpy purees, is that normal",
        "20 min on the rower, blowing hard, got my breath back quick. quads burn",
        "physiology exam tomorrow, what are the accessory muscles of breathing called",
        "gasped when the calf cramp hit last night, then it eased off",
        "hay fever again, cant breathe through my nose at night, back is sore",
        "choked on a fishbone last christmas, all sorted now. tight hamstrings",
        "where should i sit for the breathing relaxation? just on a chair?",
        "when I'm very anxious my neck and throat get so tight like theres a "
        "lump in it. is that a stress thing",
        # a cold explains a nasal voice; a baby's drool; fiction; resolutions
        "got a cold, nose completely blocked so I sound nasal",
        "my 3 month old dribbles and blows spit bubbles all day, cute",
        "in my novel the heroine's lips turn blue as she drowns",
        "a little catch of breath when I twisted for the seatbelt, went straight away",
        "I'm worried that if my cramps spread I might end up with breathing "
        "problems, is that a thing?",
        # orthodontics and crowns; study; pets; fiction and games; ulcers;
        # a condition's flare asked about with an all-clear; a worry
        "braces tightened yesterday so chewing is hard and my jaw's tired",
        "im a speech therapy student, we're learning about dysphagia this week",
        "my goldfish was gasping at the surface lol, water change fixed it",
        "reading a medical thriller where the guy's lips turn blue",
        "in our D&D game a player's character got cursed with slurred speech",
        "I have canker sores all over so swallowing hurts",
        "when my asthma flares I can't talk in full sentences but right now "
        "I'm totally fine",
        "I worry about my toddler choking on grapes so I cut them up",
        "had a crown fitted, my bite feels off and the jaw muscles ache",
        # another person's long-known pattern, the question the writer's own
        "my uncle has MS and his words get slurred when he's tired, but I'm "
        "asking for myself: how do I ease a calf cramp?",
        "my nan coughs on drinks a lot so we thicken them. the question is "
        "for me though, stiff neck",
        # a whole message said to be hypothetical
        "if my throat ever felt weak when eating, what would it mean? "
        "hypothetically speaking, all fine",
        # pain on swallowing from a cold; a gasp from pain, over at once
        "got the flu, swallowing is so painful, and my back aches",
        "a cramp in my foot made me gasp, gone in a moment. how to prevent?",
        # an idiom of overwork; exertion at height
        "can't breathe with all this paperwork lol, shoulders in knots",
        "hiked at high altitude and was panting all day, thighs sore now",
        # a denial in shorthand; a denial of now
        "no probs swallowing or talking, just a stiff jaw after the gym",
        "what if my breathing got bad one day? breathing is fine right now",
        # a pet on the chest; a list of warning signs not had; a TV story
        "my dog lay on my chest and I couldn't breathe haha, my neck hurts",
        "the nurse said call 999 if I can't swallow. none of that happened, "
        "only cramps",
        "binging a medical show where a man cannot breathe, my back aches",
        # another person's pattern now and then; a snore
        "my sister's speech slurs now and then, she's had MS for years. "
        "I'm fine myself, asking about my knee",
        "my husband snores like he's choking, my calves cramp at night",
        # a coach shouting an instruction; a month gone by; a dream; a joke
        "my coach keeps shouting at me to stop holding my breath, sore lats",
        "had pneumonia in March and was breathless for weeks, all gone now",
        "had a nightmare I was choking, woke up fine, stiff neck though",
        "almost choked to death on my mum's dry turkey lol jk, sore back",
        # spicy food; help under way for another person
        "ate a carolina reaper and couldn't talk for a minute, abs sore",
        "my dad is slurring and drooling, I called 999 and they're taking "
        "him in. my own back is killing me from lifting him",
        # a doctor already looking into another person's swallowing that keeps
        # failing; the writer's own question is another
        "my gran keeps coughing on her tea, the doctor is looking into it. "
        "my question is about my own calves",
        # a cold's painful swallow; a physio's instruction told as "says"; a
        # meal too bad to swallow; a general question; heavy lifting
        "from this cold my throat is raw and it hurts to swallow, legs achy",
        "the app says puff out your cheeks and hold it, good for the jaw?",
        "the stew was so salty i could not swallow it lol, sore shoulders",
        "do throat muscles get cramps? just curious, mine are fine",
        "winded after hauling a piano up six flights, is that normal",
        # over now; many balloons; a deadline idiom; another's long-known
        # drooling the doctor knows of; slurred typing; a toddler's habit;
        # a sprint; fine once out of the heat; a friend's past illness
        "chest got tight in spring with hay fever, on a steroid spray now "
        "and no problems for weeks. sore calves",
        "out of breath after blowing up 40 balloons for the twins lol",
        "exam deadline... i cant breathe haha, neck so stiff",
        "my uncle (88) drools a little and his voice is soft, his gp knows. "
        "my hip is sore",
        "sorry if my texting looks slurred, very tired, calf cramp",
        "my toddler gags on lumpy food, fussy eater, mum life. my back hurts",
        "gasping after a 200m sprint, normal? quads burning",
        "sauna made it hard to breathe for a bit but fine once i got out",
        "my aunt who had myasthenia said her first sign was trouble "
        "swallowing. i swallow fine, just sore shoulders",
        # an episode that's passed; another's flare; what happens to everyone
        "had hay fever last spring and felt i couldnt get air, thats passed "
        "now. stiff neck",
        "my brother's speech goes slurred when his MS flares, worry for him",
        "choking on a crisp happens to everyone right? once last year",
        # tight clothes; track repeats; another's age or drink; a burnt
        # tongue; a question on a difference; a pseudo phrase
        "this waist trainer is so tight i cant breathe in it lol, back sore",
        "gasping after 200m sprints at the track, normal? calves burning",
        "my toddler drools on everything, hes 2, my wrists ache from lifting",
        "my mate is slurring but hes drunk, my knee hurts from dancing",
        "tongue feels funny after burning it on hot soup, sore neck",
        "how do i tell the difference between anxiety and a real swallowing "
        "problem? food goes down fine for me",
        "my kids think it's hilarious when i gag on broccoli, i hate it, "
        "shoulders tense",
        # a game; a job description; an eyelid remedy that did not work
        "in my game my knight runs out of stamina and cant breathe. irl: sore calves",
        "writing a job description for a carer: must spot swallowing "
        "difficulties and choking. also my back aches",
        "tried squeezing my eyes shut and blinking, didnt help. what else",
        "it takes ages to get my meds from the pharmacy, my back hurts",
        "my voice teacher says speak as if you have a potato in your mouth",
        "these jeans are so tight i cant breathe lol, my back is sore",
        # a toddler's speech; a big pill; breathless after sprints, fine in
        # minutes
        "my 3yo still talks a bit mumbly, is that normal? her calves ache at night",
        "these fish oil pills are huge and hard to get down, any smaller ones",
        "gasping after hill sprints but ok 3 mins later. hamstrings tight",
        "whenever im nervous my throat goes tight like a lump. a nerves thing?",
        "my presenting course says speak slow and breathe low. why is my back tight",
    ],
)
def test_signs_out_of_current_first_person_context_do_not_flag(text):
    assert not detect(text).red_flag, detect(text).signs


@pytest.mark.parametrize(
    "text",
    [
        "My mother can't breathe properly",
        "his lips went purple",
        "my husband says I'm slurring my words",
        "it went away last week but now I can't swallow again",
        "the dentist was last week and now I can't swallow",
        "what if this is serious? I can't breathe",
        "I bit my tongue and now I cannot swallow",
        "I never had problems swallowing before, but now I do",
        "a burning feeling on my tongue went away but the weakness is spreading",
        # the writer's own sign, whoever else is in the sentence
        "I was reading my daughter a story and had to stop for air every few words",
        "walking the dog this morning I got so breathless I had to sit on a wall",
        "panting like a dog just sitting on the couch, cant get enough air in",
        # not settled, or not after hard effort
        "I can't catch my breath after my run and it's been an hour",
        "woke up twice last night fighting for air, had to sit up till it calmed",
        "I keep biting my tongue because it feels thick and clumsy",
        "the numbness from the dentist wore off yesterday but now my "
        "face droops on the left",
        # an all-clear with a limit leaves room for the sign; a quote that is
        # the writer's own words; weakness that spreads
        "breathing is fine sitting down, but talking I have to stop for "
        "air every few words",
        "my physio asked how it feels and I said 'like I can't get a full breath'",
        "my voice went nasal last week and it passed, but now the weakness "
        "is spreading up my arms",
        "my cough isn't strong enough to clear the phlegm any more",
        # a past event dates its own clause, not the signs before it
        "liquid comes out my nose when i drink, and slurry speech, had polio as a kid",
        "walking 30 steps from the car left me breathless for 5 min",
        "she had guillain barre in 2015, and now you can see the cords in "
        "her neck pulling with every breath",
        "my girlfriend is panting after just walking to the bathroom, weak "
        "legs since her tick bite",
        "my husband can only say a few words at a time",
        "carer here, my client has been drooling since this morning which is "
        "new, family say leave it",
        "I have ALS diagnosed last year, mostly my hands, but this week I've "
        "been waking at night breathless",
        "at breakfast today his porridge kept coming back up his nose",
        "had a few drinks, and now he's breathing like he ran a marathon just "
        "sitting on the couch",
        "had botox for my neck 4 days ago and now food sticks when I swallow",
        # a cause the writer rules out explains nothing
        "my words come out slurry and slow today, no alcohol, no new meds",
        "speech slurring since lunch and I haven't had any wine",
        # a voice gone hoarse that is getting worse; air running out; pills
        "voice hoarse since yesterday, no cold, went weak and croaky and worse",
        "kept running out of air mid sentence on a call today",
        "my dad can't get his tablets down since this morning, keeps gagging",
        # a throat that closes is a sign whatever the swallowing
        "my throat feels tight and like it's closing, no trouble swallowing though",
        # "fine before" is how things were, which makes this new
        "my 2 year old is suddenly gagging on every sip and milk came out his "
        "nose today, he was fine before",
        # others hear it: "sound drunk" is slurred speech
        "people keep saying i sound drunk on calls. I'm not. it's been 2 days",
        "chewing a bagel my jaw just gave up, had to hold my chin up",
        # a movement that won't stop is no inability; a face that droops is
        "my face won't stop drooping",
        "when I'm anxious I can't swallow at all, food just won't go down",
        # the patient's carer noticed; the patient's own "it's nothing"
        "My dad has started drooling out of the side of his mouth this week, "
        "he never did before. His carer noticed it.",
        "my wife is asking about her calf cramps but her speech has been "
        "slurry since yesterday afternoon, she says its nothing",
        "my baby is 4 months and suddenly she sucks weakly, milk just pours "
        "out of her mouth, she seems floppy",
        # breathing told as effort
        "asking bc my diaphragm feels tired, like breathing is a workout",
        # another person's sign that is new, or the writer's own
        "my dad slurs his words since this morning, asking for myself though",
        "my dad chokes on food a lot, and I choke on water too since Monday",
        "my mum says I slur my words when I'm tired, it's new this week",
        # pain is not the only thing a cold would explain
        "I have a cold but now I can't swallow my own spit",
        # "without" after an inability; an inability before other cues
        "couldn't get through a short song without gasping, sitting down",
        "i cant take a deep breath without it stopping short",
        # breath as "wind"; pills as food; the pronoun of an eye
        "sitting up in bed i have to stop and get my wind back",
        "gaggy and coughy every time i try to get my meds down",
        "my eyes stay half open in my sleep and I can't squeeze them shut",
        # reading aloud is the writer's own speech; a weight told as a likeness
        "reading a story to my son I had to pause for breath every line",
        "it's like trying to breathe with someone sitting on my chest",
        "my cat sat on my lap and now I can't breathe, it's getting worse",
        # told by comparison, without the words the rules pair
        "short of wind just sitting here, hands tingly",
        "i feel smothered lying flat and it eases when i sit up",
        "my cough is like a little puff, nothing behind it",
        # an idiom of a nightmare is no dream; effort told as recovery
        "swallowing pills is a nightmare now, they lodge and I gag",
        "i have to lean on the counter to get my breath back after making toast",
        # another person's sign happening now, whatever care is booked; the
        # writer's own; breath at rest despite a usual run
        "my gran is choking right now, the doctor is looking into her swallowing",
        "my grandad keeps gasping for air, the GP is looking into it",
        "i keep choking on my tablets, my GP is looking into it",
        "i usually run 10k normally but now i'm out of puff sitting still",
        # signs told by effect; another's sign since this morning despite a
        # past illness; inability to say sounds
        "my son says i sounded drunk on the phone tonight, arms weak",
        "getting up off the couch makes me pant, calves twitchy",
        "walking to the mailbox my chest was heaving and i had to stop",
        "my wife who had a stroke years ago is drooling since this morning",
        "i cant say my r and l sounds properly since yesterday",
        # an all-clear asked is a doubt; "perfectly still" is no all-clear; a
        # time that dates its own statement; a lungful that never comes
        "feels like breathing through a coffee stirrer but my chest xray was "
        "fine? getting worse tonight",
        "breathing like through a straw even lying perfectly still",
        "i had to stop on the landing to get my breath back, last year i "
        "was hiking every weekend",
        "i keep yawning for a proper lungful and never get it",
        "tea keeps going down the wrong way, happens to everyone? worse today",
        # "as well" is no all-clear; sputtering on drinks; a new lisp; a
        # weight on the chest; blowing hard after one step
        "my face feels droopy as well, started yesterday",
        "i tip my chin up to get juice down and still splutter",
        "i lisp now out of nowhere and my tongue feels thick",
        "like a person is sat on my chest and i cant lift it to breathe",
        "two steps and i'm blowing hard, this is new",
        # a lisp that began today is no lifelong trait; "since then" not normal
        "woke up with a lisp out of nowhere today, words feel clumsy",
        "dad choked on his dinner and coughed it up, since then his "
        "swallowing is not normal",
        # a reported inability is no cue; a start dated undoes "a lot"
        "my daughter keeps saying she cant breathe in properly",
        "my gran coughs a lot when she drinks and tea comes out her nose, "
        "it started 2 days ago",
        "been revising all week and now i cant swallow properly",
        # "starts off normal" is where a change begins; one person, right now
        "my voice starts off ok then fades to nothing after a few sentences",
        "one of the residents is breathing really fast just sitting there, "
        "what do i do",
        # "if that makes sense" asks nothing
        "the muscles i breathe with feel weak if that makes sense, since monday",
        # someone cared for, with a start dated in the sentence; several goes
        "my nan in the nursing home cant close her eyes fully, the nurse said "
        "it started this morning",
        "dad needs three tries to swallow his tea now, is it his neck muscles",
        "grandad in his care home needs ages to get a spoon of soup down now",
        "my gran in the care home cant shut her eyes fully, staff say its new",
        # speech by comparison; letters said by name
        "hubby sounds like hes talking with a mouth full of cotton wool today",
        "cant say my Rs and Ls properly since yesterday lol weird",
        # fine before, so new; laughed at by someone; ages to recover; the
        # shoulders pulling air in right now, in a care home
        "dads voice has gone to a whisper today, was fine last week. cramps too",
        "my speech has gone slurry since last night which my kids laughed at",
        "sat on the stairs for ages to get my breath back after putting my socks on",
        "mum is using her neck muscles to breathe, shes in the care home, im there now",
        "people couldnt understand my husband today, the words came out garbled",
        "these pills are huge and now i cant swallow even water since yesterday",
        "my 2yo is drooling and cant swallow since this morning",
        "whenever im nervous my throat feels tight and like its closing, worse today",
        # phone shorthand and dropped g's
        "ppl keep sayin wat?? since sat, my wrds come out mushy",
        "hav to swallo like 4 tims b4 food goes dwn now",
        "public speaking terrifies me and since this morning my speech is slurred",
        # a figure of speech said of the night is a sign; so is what a mask
        # or a screen does not explain
        "i wake up at night feeling like i forgot to breathe, have to sit up",
        "i cant breathe even with my mask off, chest is so tight",
        "watching tv and the patient next to me in the ward cant swallow",
        "my mate says my speech has gone all blurry since yesterday",
        "my 7 month old is choking and cant breathe",
        "anatomy exam tomorrow and i cant breathe properly since this morning",
        "cant get my breath back since this morning, even sitting",
        "my dad coughs and splutters on every drink a lot. been since yesterday",
        "i cant breathe at all, not even through my nose, since lunch",
        "choked on food at christmas and since then i keep choking, worse this week",
    ],
)
def test_current_or_strong_signs_still_flag_despite_context_words(text):
    assert detect(text).red_flag


def test_every_context_rule_is_well_formed_data():
    raw = json.loads(context.RULES_PATH.read_text())["rules"]
    rules = context.load_rules()

    assert len(rules) == len(raw)
    assert {r.category for r in rules} >= {
        "NEGATED", "RESOLVED", "HYPOTHETICAL", "OTHER_PERSON", "INSTRUCTION", "IDIOM"
    }  # fmt: skip


def test_a_malformed_rule_names_its_number():
    with pytest.raises(context.ContextRuleError, match="rule 3"):
        context._rule(3, {"literal": "x", "category": "MAYBE"})
