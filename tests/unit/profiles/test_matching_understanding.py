"""A client's own words -> vocabulary terms: stemming, typos, negation, Spanish, ages, crisis language."""
from __future__ import annotations

import pytest

from profiles.domain.lexicon import Lexicon, edit_distance, expanded
from profiles.domain.understanding import mentions, understand
from profiles.domain.words import tokens


def terms(text: str) -> set[str]:
    return set(understand(text).terms)


def heard(text: str) -> set[str]:
    """What the lexicon alone hears, before the second reading weighs it against the rest of the text."""
    return set(understand(text, reread=False).terms)


def test_inflections_and_lay_words_reach_the_term():
    assert terms("I was hit as a kid") == {"issue:abuse"}
    assert terms("i make myself throw up after meals") == {"issue:eating-disorders"}
    assert "issue:abandonment" in terms("my dad left when I was six and I'm terrified people will leave me")
    assert heard("we keep arguing and my husband had an affair") >= {"issue:communication", "issue:infidelity"}


def test_a_parent_hitting_their_child_is_abuse_and_a_partner_hitting_is_domestic_violence():
    # The writers file a parent's violence towards the writer as abuse, a partner's (the child's dad) as domestic
    # violence; the parent's own words outrank the "hit me" both share.
    assert terms("my mom hit me with a belt growing up") == {"issue:abuse"}
    assert terms("my mother used to slap me") == {"issue:abuse"}
    assert "issue:domestic-violence" in terms("my husband hit me with his belt")
    assert "issue:domestic-violence" in terms("my 6 year old saw her dad hit me with a belt")


def test_everyday_words_for_a_controlling_partner_emotional_eating_and_feeling_low():
    assert terms("my husband is a control freak and i'm scared of him") == {"issue:domestic-violence"}
    assert "issue:domestic-violence" in terms("my boyfriend is so controlling")  # and, to some writers, distress
    assert "issue:domestic-violence" not in terms("my husband has a temper and the kids are scared of him")
    assert terms("i eat when i'm sad") == {"issue:obesity-weight"}  # as the writers file emotional eating
    assert terms("i've been so down in the dumps") == {"issue:depression"}  # not dumped


def test_an_insurer_named_is_heard_by_its_everyday_names_but_not_a_brand_that_spans_states():
    assert terms("I have Aetna") == {"insurer:aetna"}
    assert terms("I'm anxious and my insurance is Optum") == {"issue:anxiety", "insurer:unitedhealthcare"}
    assert terms("do you take bcbs of illinois?") == {"insurer:bcbs-illinois"}
    assert terms("I don't have cigna anymore, I have humana now") == {"insurer:humana"}
    assert terms("I want someone in network with Blue Cross") == set()  # which state's Blue Cross is not said


def test_medicare_is_heard_but_not_inside_a_private_insurers_medicare_plan():
    assert {"issue:loneliness", "issue:grief", "insurer:medicare"} <= terms("lonely since my wife died. I have Medicare")
    assert terms("Medicare and a supplement through Humana") == {"insurer:medicare", "insurer:humana"}
    assert terms("tengo Medicare") == {"insurer:medicare"}
    assert terms("Medicare, and BlueCross BlueShield of Tennessee") == {"insurer:medicare", "insurer:bcbs-tennessee"}
    # Medicare Advantage is the private insurer's plan, heard by the insurer's name or not at all
    assert terms("she has Humana Medicare Advantage") == {"insurer:humana"}
    assert terms("an Aetna Medicare plan") == {"insurer:aetna"}
    assert terms("I have a Medicare Advantage plan") == set()
    assert terms("I'm not on Medicare yet, I have Aetna") == {"insurer:aetna"}


def test_what_a_phone_splits_apart_is_read_joined():
    assert terms("looking for a female the rapist for pts d after a car wreck") >= {"identity:woman", "issue:ptsd"}
    assert "issue:sexual-abuse" not in terms("looking for a female the rapist for pts d after a car wreck")
    assert "issue:sexual-abuse" in terms("the rapist was never charged and I still can't sleep")
    assert terms("my doctor wants me to see some one who does c b t") == {"modality:cbt"}
    assert terms("pstd from the war") >= {"issue:ptsd"}
    assert tokens("I a m here, a b c") == ["i", "a", "m", "here", ",", "a", "b", "c"]  # not an acronym: as typed


def test_a_childs_grade_and_an_age_in_words_give_the_age_group_and_a_grandparent_writes_for_the_child():
    assert {"population:children", "issue:bullying"} <= terms("my son is in 4th grade and getting bullied")
    assert "population:preteens" in terms("our 7th grader can't sleep")
    assert "population:children" not in terms("I teach 3rd grade and I'm burned out")
    assert "population:children" not in terms("she was diagnosed with dyslexia in 2nd grade, now she's in college")
    assert "population:adolescents" in terms("Seventeen-year-old son with Tourette's")
    assert "population:adults" in terms("my twenty two year old daughter is drinking every night")
    assert not {"population:adults", "population:toddlers"} & terms("three years ago I lost my job")
    raising = terms("My grandson is 12 and keeps getting suspended for fighting. I'm 67 and I am tired.")
    assert "population:preteens" in raising and "population:older-adults" not in raising


def test_a_plan_whose_name_is_also_a_word_is_heard_as_a_sentence_of_its_own_or_beside_where_one_lives():
    assert terms("binge eating, no diets please. Oscar") == {"issue:eating-disorders", "insurer:oscar-health"}
    assert "insurer:quartz" in terms("Quartz. panic attacks at the store")
    assert "insurer:oscar-health" not in terms("Thanks, Oscar")  # a name signing off
    assert "insurer:oscar-health" not in terms("my son Oscar is 8 and bites at daycare")
    assert "insurer:medica" not in terms("soy medica. estoy cansada")  # a doctor, in Spanish
    assert terms("grandma in SF scared to leave her apartment. Kaiser") >= {"insurer:kaiser-northern-california"}
    assert terms("estamos en Houston, tenemos Blue Cross") >= {"insurer:bcbs-texas"}
    assert "insurer:kaiser-northern-california" not in terms("Kaiser.")  # which region is not said


def test_sexuality_is_heard_word_for_word_not_through_its_stem():
    assert "issue:sexual-orientation" in terms("I'm questioning my sexuality")
    assert "issue:sexual-orientation" not in terms("worried about sexual side effects of my meds")


def test_neurodivergent_affirming_is_the_specialty_not_lgbtq_affirming():
    # All ten dev rows asking for a "neurodivergent-affirming" therapist were filed as that specialty, none as LGBTQ.
    assert terms("I'm autistic and looking for a neurodivergent affirming therapist") == {
        "issue:autism", "specialty:neurodivergence"}
    assert "identity:lgbtq-affirming" in terms("trans guy looking for an affirming therapist")
    assert "identity:lgbtq-affirming" in terms("looking for a neurodivergent-affirming, queer affirming therapist")


def test_an_accident_is_a_brain_injury_only_beside_what_one_does_to_memory():
    assert "issue:traumatic-brain-injury" in terms("since my car accident I get headaches and forget things")
    assert "issue:traumatic-brain-injury" in terms("after the crash my memory is terrible")
    assert "issue:traumatic-brain-injury" not in terms("since the accident I have nightmares and can't drive")


def test_typos_are_corrected_towards_the_lexicon_but_real_words_are_left_alone():
    assert terms("im so depresed and anxios") == {"issue:depression", "issue:anxiety"}
    assert "issue:grief" in terms("greiving my brother")
    assert terms("what a lovely day") == set()  # "lovely" is a word, not a typo of "lonely"
    assert edit_distance("anxeity", "anxiety") == 1  # swapped neighbours count once


def test_paraphrase_patterns_stand_for_every_combination_and_may_need_a_word_beside_them():
    assert expanded("(scared|afraid) of (needles|heights)") == [
        "scared of needles", "scared of heights", "afraid of needles", "afraid of heights"]
    assert expanded("feel (so|) numb") == ["feel so numb", "feel numb"]
    lex = Lexicon([("issue:parenting", "en", "know how to help him & son daughter")],
                  {"en": frozenset(), "es": frozenset()})
    assert [m.term for m in mentions("my son i don't know how to help him".split(), lex)] == ["issue:parenting"]
    assert mentions("my brother i don't know how to help him".split(), lex) == []


def test_a_patterns_number_stands_for_any_number_written_in_digits():
    lex = Lexicon([("issue:pregnancy-loss", "en", "lost the baby at (\\d+) weeks"),
                   ("issue:suicidal-ideation", "es", "mi testamento a los (\\d+)"),
                   ("issue:health-anxiety", "en", "(\\d+) scans this year"),  # a number first, or second
                   ("issue:parenting", "en", "my (\\d+) year old and i fight")],
                  {"en": frozenset(), "es": frozenset()})
    assert [m.term for m in mentions("we lost the baby at 12 weeks".split(), lex)] == ["issue:pregnancy-loss"]
    assert [m.term for m in mentions("9 scans this year".split(), lex)] == ["issue:health-anxiety"]
    assert [m.term for m in mentions("my 15 year old and i fight".split(), lex)] == ["issue:parenting"]
    assert mentions("we lost the baby at many weeks".split(), lex) == []
    assert [m.term for m in mentions("hice mi testamento a los 26".split(), lex)] == ["issue:suicidal-ideation"]
    assert "issue:neglect" in terms("i made my own dinners at 7")


def test_patterns_pass_only_filler_words_and_numbers():
    assert "issue:domestic-violence" in terms("my husband often hits me")
    assert "issue:obesity-weight" in terms("i've gained 50 lbs since covid")
    assert "issue:body-image" not in heard("I hate going to the gym, my body is fine")


def test_a_broad_term_heard_in_lay_words_gives_way_to_a_narrower_one_unless_named():
    assert terms("scared of flying and I'm freaking out about my trip") == {"issue:phobias"}
    assert terms("my anxiety makes it impossible to go to the grocery store") >= {"issue:anxiety"}


def test_a_symptom_explained_by_a_condition_the_client_names_is_not_another_concern():
    assert "issue:adhd" not in terms("I can't concentrate at work and I think it's depression")
    assert "issue:adhd" in terms("I can't concentrate at work, I lose everything and I'm always late")
    assert "issue:panic" not in terms("I'm so stressed about money I can't breathe")
    assert "issue:panic" in terms("I have panic attacks and my anxiety is through the roof")


def test_a_negation_is_heard_in_every_person_and_tense_and_a_wish_or_a_realisation_does_not_deny():
    assert understand("my son says he doesn't want to live anymore").crisis
    assert "issue:insomnia" in terms("he couldn't sleep for weeks")
    assert "issue:anxiety" in terms("I don't want to feel anxious anymore")
    assert "issue:depression" in terms("I didn't realise how depressed I was")
    assert "issue:sexual-abuse" in terms("I have never talked about being molested by a coach as a kid")
    assert "issue:depression" not in terms("I'm not depressed, I've never been")


def test_what_is_about_someone_else_or_an_idiom_is_not_a_concern():
    assert "issue:life-transitions" not in terms("my therapist retired and I need someone for my bipolar disorder")
    assert "population:older-adults" not in terms("i'm a senior in high school and stressed about college apps")
    assert terms("my phone died and I'm bored to death") == set()
    assert terms("we adopted a puppy and I'm in recovery from knee surgery") == set()
    assert terms("my sister just had a baby and my brother is getting married") == set()
    assert terms("I lost my keys, I'm obsessed with this show and my wife saw your profile") == set()


def test_texting_shorthand_and_irregular_pasts_are_read_as_written_out():
    from profiles.domain.words import tokens

    assert tokens("idk w ppl") == ["i", "don't", "know", "with", "people"]
    assert tokens("they wld be fine w/o me") == ["they", "would", "be", "fine", "without", "me"]
    assert "issue:anxiety" in terms("idk how to deal w my anxiety tbh")
    assert "issue:communication" in terms("me and my wife fought all the time")


def test_a_population_identity_or_language_word_about_someone_else_or_the_past_is_not_the_clients():
    assert "population:healthcare-workers" not in terms("my wife is a nurse and we fight all the time")
    assert "population:healthcare-workers" in terms("I'm a nurse and I'm completely burned out")
    assert "population:adolescents" not in terms("i've had anxiety since high school")
    assert "population:adolescents" in terms("my daughter is in high school and failing her classes")
    assert "population:older-adults" not in terms("my mom is 82 and has dementia, I'm exhausted looking after her")
    assert "population:older-adults" in terms("my 80 year old dad is depressed since my mom passed")
    assert "identity:catholic" not in terms("my parents are strict catholics and I'm scared to tell them I'm gay")
    assert not any(t.startswith("language:") for t in terms("I need to polish my resume but I freeze up"))
    assert "language:cmn" not in terms("I grew up in a chinese family where nobody talked about feelings")
    assert "language:pl" in terms("looking for a therapist who speaks Polish")
    # A service member's family asks for someone who works with veterans.
    assert "population:veterans" in heard("my husband was deployed three times and he's not the same since")


def test_another_adults_temper_is_theirs_but_a_childs_is_the_parents_concern():
    assert "issue:anger-management" not in terms("my boyfriend gets furious over nothing and breaks things")
    assert "issue:anger-management" not in terms("Dad's house is a mess. He gets furious if we move anything")
    assert "issue:work-stress" not in terms("my husband is stressed at work and takes it out on me")
    assert "issue:anger-management" in terms("my son gets furious over nothing and breaks things")
    assert "issue:anger-management" in terms("he gets so angry, my 9 year old, over homework")
    assert "issue:anger-management" in terms("my wife says I lose my temper and break things")


def test_a_friends_concern_or_a_past_one_the_client_says_is_over_is_dropped():
    assert terms("my friend has depression and I don't know how to support her") == set()
    assert terms("my roommate drinks every night") == set()
    assert "issue:grief" in terms("my best friend died last month")
    assert "issue:panic" not in terms("i used to have panic attacks but they're fine now, my marriage is falling apart")
    assert "issue:abuse" in terms("my stepfather used to beat me and i still flinch")


def test_a_word_sharing_a_stem_with_a_concern_is_not_that_concern():
    assert terms("I want to be more present with my kids") == set()  # not "presentations"
    assert terms("my son is in 5th grade") == {"population:children"}  # his age, not "grades"
    assert terms("I have mood swings") >= {"issue:mood-disorders"} and "issue:polyamory" not in terms("mood swings")
    assert not understand("they cut my hours at work").crisis
    assert terms("I had a bad experience with my last therapist and I'm nervous to start again") == set()
    assert "issue:loneliness" not in terms("I keep thinking about hurting myself when I'm alone")
    assert "population:college-students" not in terms("I went to a party freshman year and blacked out")


def test_identities_combine():
    assert heard("looking for a black woman therapist") == {"identity:black", "identity:woman"}
    # The second reading may add what readers file beside such a request (racial trauma), never drop either.
    assert {"identity:black", "identity:woman"} <= terms("looking for a black woman therapist")


def test_a_negated_concern_is_dropped_and_the_negation_stops_at_the_clause():
    assert terms("not depressed, just anxious") == {"issue:anxiety"}
    assert terms("I don't drink much, but I smoke weed every day") == {"issue:substance-use"}
    # A negation that belongs to the pattern is its meaning, not a denial (the lexicon's reading: the second reading
    # may add that friendlessness is often about peers).
    assert heard("I can't sleep and I have no friends") == {"issue:insomnia", "issue:loneliness"}
    # Hedges do not negate.
    assert "issue:depression" in terms("not sure if it's depression")
    assert terms("i don't need therapy for depression, i need help with my gambling") == {"issue:gambling"}
    # Two denials name their concern: someone questioning, and friendlessness.
    assert "issue:sexual-orientation" in heard("I'm not gay, I don't think. I just can't stop thinking about my friend")
    assert "issue:peer-relationships" in heard("my son doesn't have a single friend at school")


def test_a_denied_opinion_or_someone_elses_concern_is_dropped():
    assert terms("I don't think I'm depressed, I'm just tired") == set()
    assert terms("I wouldn't say I have anxiety, more like anger") == {"issue:anger-management"}
    assert terms("my friend is going through a divorce, not me") == set()
    assert terms("I hate spiders, but that's not why I'm here") == set()


def test_two_word_patterns_pass_no_content_word_and_an_adverb_is_not_its_adjective():
    assert terms("i've been gaming all day") == {"issue:internet-addiction"}  # not "game day"
    assert terms("how do we get him tested") == {"issue:testing-evaluation"}  # a pronoun may sit between
    assert terms("I finally feel ready to talk") == set()  # "finally" is not "finals"


def test_a_pattern_written_for_one_relation_is_heard_for_its_kin_of_the_same_gender():
    lex = Lexicon([("issue:domestic-violence", "en", "my husband hits me")], {"en": frozenset(), "es": frozenset()})
    assert [m.term for m in mentions("my boyfriend hits me".split(), lex)] == ["issue:domestic-violence"]
    assert mentions("my wife hits me".split(), lex) == []


def test_british_spellings_and_spanish_inflections_are_words_not_typos():
    from profiles.domain.lexicon import default

    assert default().corrected(["realised", "depresed"]) == ["realised", "depressed"]
    # Spanish's dictionary lists infinitives and singulars: their gerunds, participles and plurals are words too.
    assert default().corrected(["cargando", "cajas", "deprimda"]) == ["cargando", "cajas", "deprimida"]
    assert "issue:alcohol-use" in terms("mi esposo bebe todos los días")


def test_who_the_therapist_is_is_heard_with_the_words_between():
    for text, wanted in (("looking for a black female therapist who takes aetna", {"identity:black", "identity:woman"}),
                         ("a female black therapist", {"identity:black", "identity:woman"}),
                         ("asian female therapist", {"identity:asian", "identity:woman"}),
                         ("latina female therapist", {"identity:hispanic-latino", "identity:woman"}),
                         ("would prefer a Korean American therapist", {"identity:asian"}),
                         ("I'd like a Filipino therapist if possible", {"identity:asian"})):
        assert terms(text) >= wanted, text
    # The vocabulary's Asian is East and Southeast Asian heritage: a South Asian therapist is not both.
    assert "identity:asian" not in terms("a south asian therapist who understands desi parents")


def test_a_longer_mention_of_another_term_wins():
    assert terms("my social anxiety is bad") == {"issue:social-anxiety"}
    assert terms("postpartum depression") == {"issue:perinatal-mood"}
    # A service names the concern it is for, and both are heard.
    assert terms("my school wants him evaluated for adhd") >= {"issue:testing-evaluation", "issue:adhd"}
    # ... and everyday phrases outrank the concern word inside them.
    assert terms("I'm cutting back on coffee") == set() and not understand("cutting back on sugar").crisis
    # ... but not what another term names inside it: a panic attack at work is panic, a parent's stroke a brain injury.
    assert heard("I get panic attacks at work") >= {"issue:panic", "issue:work-stress"}
    assert heard("caring for my dad since his stroke") >= {"issue:traumatic-brain-injury", "issue:caregiver-stress"}
    assert heard("mis papás se están divorciando") >= {"issue:divorce", "issue:family-conflict"}


def test_a_phrase_seldom_meant_as_a_concern_is_not_one_alone():
    assert "issue:anger-management" not in heard("perimenopause has wrecked me. rage, crying, brain fog")
    assert heard("i overspend when im sad and then i panic about rent") & {"issue:panic", "issue:anger-management"} == set()
    assert heard("my husband and I are raising our grandson") == set()
    assert "issue:spirituality" not in heard("my husband had an affair with a woman from our church")
    # The concern's own words still reach it.
    assert heard("I have rage issues") == {"issue:anger-management"}
    assert heard("panic attacks every night") == {"issue:panic"}
    assert "issue:relationship-distress" in heard("we have relationship problems")
    assert "issue:spirituality" in heard("I left the church and I feel lost")


def test_spanish_is_heard_and_asks_for_a_spanish_speaker():
    assert terms("necesito terapia en español") == {"language:es"}
    assert terms("me siento muy triste y tengo mucha ansiedad") == {"issue:depression", "issue:anxiety",
                                                                    "language:es"}
    assert terms("I need a therapist who speaks Mandarin") == {"language:cmn"}


def test_a_couple_fighting_is_both_relationship_distress_and_communication():
    assert terms("My partner and I keep fighting and I carry trauma from my family") >= {
        "issue:relationship-distress", "issue:communication", "issue:trauma"}
    # Heard so; the second reading may keep only the distress, as a writer of batch 90 filed "peleamos mucho".
    assert heard("mi pareja y yo peleamos mucho, necesito terapia en español") == {
        "issue:relationship-distress", "issue:communication", "language:es", "population:couples"}
    assert terms("mi pareja y yo peleamos mucho, necesito terapia en español") >= {
        "issue:relationship-distress", "language:es", "population:couples"}


def test_a_couple_asking_together_is_heard_as_a_couple_and_parents_are_not():
    assert "population:couples" in terms("my husband and i want gottman style couples therapy")
    assert "population:couples" in terms("we fight about money constantly and it's wrecking our marriage")
    assert "population:couples" in terms("Buscamos terapia de pareja, ya no nos escuchamos")
    assert "population:couples" in terms("My husband and I are fighting constantly since the baby came")
    # Parents writing about their child, a client who fights with their wife, a couples therapy declined.
    assert "population:couples" not in terms("my husband and I argue about how strict to be with our son")
    assert "population:couples" not in terms("I keep picking fights with my wife and I don't know why")
    assert "population:couples" not in terms("not looking for couples counseling, just me, my anxiety is awful")


def test_a_client_who_says_they_are_lgbtq_is_heard_as_an_lgbtq_client():
    for text in ("I'm nonbinary and dealing with dysphoria", "soy gay y mi familia es muy religiosa",
                 "our 15 year old came out as trans", "I'm 29 and started transitioning last year"):
        assert "population:lgbtq-clients" in terms(text), text
    # Someone else's identity, and a school year's transition back, are not the client's.
    assert "population:lgbtq-clients" not in terms("my partner is trans and I'm struggling to adjust")
    assert "population:lgbtq-clients" not in terms("help me plan the transition back to school")
    assert "population:lgbtq-clients" not in heard("the truth came out to everyone at work")


def test_a_stated_number_of_children_is_not_an_age_and_a_bare_children_is_no_age_group():
    assert not {t for t in terms("i work full time y tengo 3 kids") if t.startswith("population:")}
    assert "population:children" not in terms("I'm 79 and our children live out of state")
    assert "population:children" in terms("my son is 8 and has tantrums")


def test_a_stated_age_points_at_an_age_group():
    assert "population:adolescents" in terms("my 16 year old is cutting herself")
    assert "population:children" in terms("my son is 8 and has tantrums")
    assert "population:older-adults" in terms("I'm 72 and lonely since my wife died")
    assert "population:adolescents" in terms("my son (17) got caught with weed") & terms("my 14yo games all night")
    assert "population:children" in terms("she screams no at everything, shes 6")
    assert "population:adolescents" in terms("my son's girlfriend is pregnant and he's only 17")
    # A parent's or a partner's age is theirs, unless they are who therapy is for.
    assert "population:older-adults" not in terms("my mom is 85 and has dementia and I feel guilty")
    assert "population:older-adults" in terms("my 80 year old dad is depressed since my mom passed")
    assert not any(t.startswith("population:") for t in terms("clean for 2 years, relapsed at 34"))
    # A likeness is no age: "treats me like I'm 12", "acts like a 5 year old", "I feel as if I'm 80".
    assert "population:preteens" not in terms("my mom still treats me like I'm 12 and tells me what to do")
    assert not any(t.startswith("population:") for t in terms("he acts like a 5 year old when he loses"))
    assert terms("I'm 34 but I feel as if I'm 80") & {"population:adults", "population:older-adults"} == {
        "population:adults"}


@pytest.mark.parametrize("text", [
    "I'm 34 and I hate my job", "31F, I think I might be autistic", "(m24) can't sleep", "in my late 30s and lonely",
    "in my forties and starting over", "Guy here, 42. Wife says I've shut down", "Orthodox Jewish, 26, struggling",
    "35 and I still have no idea what I want to do", "I'm a 34 yo dad, lost my job", "I'm 45, dad of 3",
    "tengo 38 años y estoy muy triste", "my son is 24 and was diagnosed with schizophrenia",
    "I need an adhd evaluation as an adult", "autistic adult looking for an affirming therapist",
    "someone who works with adults with intellectual disabilities",
])
def test_an_adult_age_or_an_adult_said_of_the_client_is_an_adult(text):
    assert "population:adults" in terms(text)


@pytest.mark.parametrize("text", [
    "I'm 10 years sober and want to stay that way", "my mom is 45 and I'm worried about her drinking",
    "I check the stove 20 times, then the locks", "I work 60 hours a week", "married 20 years, feel like strangers",
    "I have 3 kids, 12, 9 and 5", "gained 40 lbs since the divorce", "my wife works with adults with autism",
    "I'm 20 minutes from downtown", "my dad is 50 and i'm 17",
])
def test_durations_amounts_and_other_peoples_ages_are_not_the_clients_adulthood(text):
    assert "population:adults" not in terms(text)


@pytest.mark.parametrize("text", [
    "I want to die", "i've been thinking of ending it", "sometimes I hurt myself", "I wanna kms",
    "thinking about killing myself", "I don't want to be here anymore", "better off without me",
    "quiero morirme", "quiero acabar con todo", "I can't go on like this", "I just want it all to stop",
    "im not suicidal or anything",
    # Fillers between the words, typos, a child's words reported by a parent, methods, despair about living.
    "i want to just die", "i want to fucking die", "i want to kil myself", "i feel like dying", "i wish i was never born",
    "i hope i dont wake up", "my daughter said she wants to kill herself", "he talks about wanting to kill himself",
    "I keep thinking about overdosing on my pills", "I stockpiled pills", "thinking about jumping off the bridge",
    "sometimes I think about driving into a wall", "what's the point of living", "life isn't worth living",
    "im done with life", "I just want the pain to stop forever", "I looked up how to hang myself",
    "I tried to take my life last year and the thoughts are back", "my son has been self harming",
    "I burn myself with lighters", "I scratch myself until I bleed", "wrote a goodbye letter",
    "me quiero matar", "a veces pienso en quitarme la vida", "pienso en suicidarme", "me corto los brazos",
    "ya no quiero vivir", "mi hija dice que se quiere morir", "i get these dark thoughts at night",
    "I found small burns on her forearm", "my mom found cuts on my legs",
    # Warning signs said sideways: giving things away, no point in waking up, a car as the means.
    "I don't really see the point in getting up anymore", "he gave away all his things last week",
    "sometimes I think about not braking at the light", "I think about driving my car off the bridge",
    "mi hijo se está lastimando los brazos", "le vi cortadas en los brazos a mi hija", "no le veo sentido a vivir",
    # Means looked up or pictured, affairs put in order.
    "I've been looking up how many of my pills it would take", "I googled how much tylenol would kill me",
    "I think about how easy it would be to let the car drift into the barrier", "been thinking about eating my gun",
    "I got my affairs in order and I don't see much point in going on without her",
    "I've had my time and I'm ready to go be with her. I've been putting pills aside",
    "a veces pienso que si me duermo y no despierto estaría bien", "ya no le encuentro sentido a nada",
    # Things given away that won't be needed, not waking up, not existing, letters to the children, a bridge.
    "giving my headphones to my brother, wont need em", "if i just didnt wake up that'd be ok",
    "lately i've been wanting to not exist", "I've been giving away some of my things to friends",
    "I wrote letters to my children. I haven't done anything yet", "I've gotten my affairs in order",
    "i keep walking past the bridge on the way home", "ojalá no despierto mañana", "ya no voy a necesitar mis cosas",
    # A gun cleaned while thinking, a life lived long enough, pills stopped, someone else better off not here.
    "been cleaning my rifle every night and thinking", "I've lived long enough and I quit taking my insulin",
    "she said she'd be better off not being here", "everyone would be fine if i just wasn't around",
    "I wrote letters to everyone, just in case", "went to the overpass and stood there a long time",
    "I've been sorting out who gets my tools and the truck",
    # Affairs in order said otherwise, a family fine without me, life insurance, hoping an illness returns, a gun.
    "I've been getting things in order, found a good home for my cat. I'm tired", "everyone would be fine without me",
    "been thinking a lot about the life insurance and how it'd cover everything", "part of me hopes the cancer comes back",
    "22 a day. I get it now.", "been thinking about my rifle more than I should",
    "not even sure ill be around for graduation, everything is heavy", "i wrote a note last week but i tore it up",
    # A platform and one step, a pistol thought about, a wish to go with the dead, envy of the dying, doses looked up.
    "Sometimes I stand at the train platform and think, one step.", "i keep my pistol in the nightstand and i think "
    "about it more than i should", "me dijo que ya quiere irse con él", "kabhi kabhi lagta hai sab khatam kar doon",
    "I sit with the dying all day and lately I catch myself envying them", "lately I've been looking up doses for people",
    "Everyone at the firm would be better off if I just wasn't there", "I've been giving my guns to my brother",
    "thinking a lot about how much my life insurance pays out", "he says there's no point anymore, he has lived enough",
    "i wrote letters to my family and put them in my desk drawer", "he says he wishes he was never born",
    "she hears a voice that tells her she should die", "I dig my nails into my forearm til it bleeds",
    # Pills saved or counted, a will updated beside letters, the money worth more than oneself, a pet given away in a
    # sudden calm, a prayer to be taken, passwords explained in a letter, the medicine cabinet.
    "I've been stockpiling my sleeping pills", "I still have his pills in the cabinet, I count them some nights",
    "I've updated the will and written letters to each of the kids", "before I go through with anything",
    "The kids would be better off with the house money than with me in it", "Sorted my papers, gave the cat to my "
    "neighbor. I feel calm now.", "I pray every night that God takes me in my sleep", "Estaría mejor con Dios",
    "Ya no quiero ser una carga para mis hijos", "I wrote my wife a long letter explaining where all the passwords are",
    "sometimes I think about taking everything in the medicine cabinet", "he gave his gaming computer to a friend",
    "nie ma już po co żyć",
    # A bridge and how easy it would be, a note kept, pills taken on purpose, a bath, plans that stop in June.
    "sometimes on the bridge by my school i think about how easy it would be", "a veces pienso que si me muero nadie "
    "lo notaría", "i wrote a note last week. i didnt do anything. its still in my desk", "i hit my head on the wall "
    "until i calm down", "took more pills than i should have on purpose last week", "sometimes i hold my breath in the "
    "bath and think about just not coming up", "I'm just making sure my life insurance is in order",
    "lately i dont see the point of making plans past june",
    # From the last two hands, read after they were scored: insurance worth more than oneself, out of the picture, a
    # river, a life's work done and who gets which quilt, a gun in the closet or a duty weapon on the porch, a lighter.
    "Lately I figure my life insurance is worth more than I am", "my kids would be better off with their dad full "
    "time and me out of the picture", "some nights i think about just driving into the river on the way home",
    "I just keep thinking I've done what I was put here to do", "keep thinking about the gun in the closet",
    "at night I sit out on the porch with my duty weapon", "I hold a lighter to my arm when the yelling starts",
    "got a bottle of pills saved up", "been writing letters to people. just in case",
    "I gave my guitar to my brother, what's the point of keeping them", "она говорит, что жить больше не хочет",
    # Six more hands, read after they were scored: a burden not much longer, why God keeps him here, going to join a
    # late wife, the family better off with the insurance money, a wreck hoped for, pills looked at differently,
    # long sleeves in July, never been born, pills put away in Spanish, not waking up in Portuguese.
    "mom keeps telling us she won't be a burden much longer", "he asks the priest why God keeps him around",
    "since grandma passed he says he'd like to go join her", "my uncle said his kids would be better off with the life "
    "insurance money, then he laughed", "some days I hope I get in a wreck on the way to work so I get a break",
    "I've started looking at my pills differently", "my son started wearing long sleeves in July and it worries me",
    "she said she wished she'd never been born", "tengo unas pastillas guardadas por si acaso",
    "às vezes penso em dormir e não acordar mais", "it would be easier if I just didn't exist anymore",
    "better I am not alive than go back home like this", "some nights I look up ways to not exist",
    "since my mother passed he stopped taking his insulin and says what is the point",
    # Six hands after them, scored before any was read: better off with me gone, not caring whether one wakes up,
    # pills counted, traffic walked into, "unaliving", a life rage-quit.
    "they'd all be better off with me gone", "i dont even care if i wake up tomorrow anymore",
    "I counted my sleeping pills again last night", "been thinking about taking them all at once, the pills",
    "sometimes I think about stepping in front of a bus", "ngl i've been thinking about unaliving myself",
    "i'd rage quit life if i could", "my mom would be better off if I was gone",
    # Six more, scored once: sleeping pills and not caring whether one wakes, pills that would be too many, "más
    # fácil no estar aquí", a Vietnamese and a Russian way of saying it, "ion even wanna be here", a stash one likes
    # knowing is there, a pet given away, a relapse one hoped not to come out of, goodbyes meant, a plan.
    "some nights I take extra sleeping pills and honestly dont care if I wake up",
    "my daughter searched how many pills would be too many", "a veces creo que sería más fácil no estar aquí",
    "nếu mình biến mất luôn thì mọi người nhẹ nhõm hơn", "Не хочу больше жить.", "ion even wanna be here no more",
    "I kept the pills from my surgery, I like knowing they're there", "gave my cat to my sister and cleaned out my room",
    "part of me hoped I wouldn't come out of it", "said goodbye to everyone online, maybe I meant it",
    "I've stopped caring whether I live", "I take the gun out of the safe and just hold it",
    "i have a plan and i dont know who else to tell", "quiero desaparecer, ya no aguanto más", "quiero matarme",
    # And six after them: a service weapon looked at too long, a plan and fear, letters written, a car hoped not to
    # stop, not caring whether one is here.
    "been staring at my duty weapon longer than I should", "i have a plan and i'm scared",
    "I wrote letters to my kids last week, not trying to be dramatic", "crossing the road I kind of hope a truck doesn't stop",
    "I just don't care if I'm here anymore",
    # And five the later hands wrote (shorthand, the point of being alive, how one would do it, a child burning
    # himself, a car crashed on purpose), and affairs put in order beside a letter, once heard only by chance.
    "honestly my family wld be better off w/o me", "I don't see the point of being alive anymore",
    "I keep thinking about how I would end it", "we found out our son has been burning himself with a lighter",
    "pienso en estrellar el carro a propósito para que se acabe todo",
    "stopped my meds and wrote my brother a letter, it feels like wrapping things up",
    "he said he might as well eat his gun", "sometimes I think is better I dont wake up",
    "there's a gun in the house and I think about using it on myself",
    # Eight hands after them, scored once (29 of 95 missed): things given away, letters "just in case", pills
    # stockpiled, a plan and a date, Spanish; and eight asked only for warning signs (the crisis set).
    "been giving my tools and guns away to my nephews. figure I won't be needing them",
    "been stockpiling my pain meds 'just in case' it gets worse", "i have a plan and a date",
    "Nobody's going to have to sort through my stuff later", "relapsed on sh after 2 years clean",
    "cut deeper than i meant to tonight", "passive si most days, like if a bus hit me I wouldn't mind",
    "pensando en tirarme a las vías mientras espero el tren", "ya me despedí de mis panas. pa' qué seguir",
    "There's a rope in the shed. I go out and check on it.", "Cleaned all my guns tonight and loaded the 12 gauge",
    "At night I sit in the car in the closed garage with the engine running for a few minutes",
    "since he passed I've been putting my pills in a jar instead of taking them",
    "Kid I coach asked me how long it takes to bleed out", "Sent my crew a goodbye text and shut my phone off",
    "Life insurance is paid up, truck's in her name now", "I won't be a problem for you guys much longer",
    "I punch the wall till my knuckles split", "Started smacking my head on the steering wheel",
    "Mi esposo dice que estaríamos mejor sin él", "Ya escribí una carta de despedida",
    "Ang ate ko, gusto na lang niyang mawala", "J'ai trouvé une lettre d'adieu dans son sac",
    # An attempt told in the past tense, without a possessive ("a whole bottle of pills", not "of my pills").
    "I took a whole bottle of pills in october and woke up in the hospital",
    "I swallowed a bottle of tylenol last year", "I overdosed in 2019 and woke up in the ICU",
    "been thinking about ending things", "i want it all to end", "I just want everything to stop",
    "i want to sleep and never wake up", "I'm scared I'm going to do something to myself",
    "my wife has been talking about not wanting to be here", "honestly i'd rather not exist",
    "I feel like disappearing", "I hope I do not wake up tomorrow", "I'd be fine not waking up",
    "no one would care if I died", "I've been drinking and driving hoping to crash",
    "I stood at the edge of the roof last week", "I held the knife to my wrist last night",
    # A new hand's sideways lines: a night named, a parent's pills, a platform, a bridge looked up, one's own funeral,
    # speed on a highway, peace made, a noose, a roof, a logging off, a burden, a text of goodbye, a parent's gun.
    "i'm going to end it tonight", "i took a bunch of my mom's pills tonight",
    "i stood on the train platform and thought about jumping", "i looked up the tallest bridge near me",
    "i keep picturing my funeral", "i drove really fast on the highway hoping something would happen",
    "i'm done fighting, i've made peace with it", "nobody would notice if i was gone",
    "sometimes i hold my breath underwater and wonder", "my teen has been searching how to tie a noose",
    "i'm just gonna yeet myself off the roof lol", "ready to log off permanently",
    "i'm a burden and they'd be better off", "my brother texted me 'i love you, take care of mom' and won't answer",
    "i have my dad's gun in my room", "i feel like a ghost, like i'm already dead",
    "after my wife died i don't see why i should go on", "i stopped taking my insulin on purpose",
    "nadie me extrañaría si me muero",
    # And a second voice's: pain that makes death a relief, asking God to be taken tonight, a partner better gone,
    # a knife held for an hour, arms hurt when sad, wanting it all to end.
    "my pain is so bad i've started thinking death would be a relief",
    "i asked my doctor about assisted dying but i'm not terminal, i'm just done",
    "lord forgive me but i've asked him to take me home tonight",
    "my partner keeps saying it'd be easier if he just wasn't here",
    "i stood in the kitchen holding the knife for an hour", "me lastimo los brazos cuando estoy triste",
    "estoy harta de vivir así, quiero que todo termine",
])
def test_crisis_language_is_flagged(text):
    assert understand(text).crisis is True


@pytest.mark.parametrize("text", ["my dog died", "I'm dying to get a good night's sleep", "anxious at work", "",
                                  "gaming is taking over my life", "at the end of my life I want peace",
                                  "I cut my hours at work", "I cut my hair short", "this commute is killing me",
                                  "my boss is going to kill me if I'm late again", "my grandmother is dying",
                                  "I killed it at my presentation but still feel like a fraud",
                                  "I'm dead tired all the time", "I want to disappear to a beach for a month",
                                  "I'm giving the dog away because we're moving", "I let go of the wheel of my bike",
                                  "I gave my tools to my nephew when I retired", "how many pills do I take for a headache",
                                  "I see no point in going to the gym", "I put my meds away in the cabinet",
                                  "I want to be with him forever, he is my boyfriend",
                                  "I drive over the bridge to work, thinking about my budget",
                                  "I gave away some of my clothes to goodwill", "I hope I didn't wake the baby up",
                                  "I wrote a letter to my son about how proud I am of him",
                                  "giving my old bike to my nephew, he'll need it more than me",
                                  "I clean my gun before hunting season", "we walked to the bridge to see the river",
                                  "I stopped taking my pills because of the side effects",
                                  "I lived long enough in Ohio to hate the winters",
                                  "found a good home for my dog because the new apartment bans pets",
                                  "getting my things in order before the move", "thinking about my gun safe",
                                  "not sure ill be around for the holidays, work trip",
                                  "I stand at the platform every morning and think about work",
                                  "I've lived enough winters in Ohio to own good boots",
                                  "my husband keeps his pistol in the safe", "I wrote letters to my family about the move",
                                  "the nurse looked up the dose for my son's antibiotic",
                                  "I updated my will after the house sale", "I count my pills into the weekly box",
                                  "we gave the cat to my sister when we moved", "I pray every night for my family",
                                  "call me if anything happens to the dog", "I wrote a note to my son's teacher",
                                  "I took more pills than I should have for my headache, is that dangerous?",
                                  "I'm driving into the city for my appointment", "my kids are with their dad full time "
                                  "this summer", "I saved up for a new guitar", "we keep the gun in a locked safe",
                                  "my mom wants to go join her sister in Florida", "we found a note from the landlord",
                                  "I wear long sleeves in summer because of the sun at work", "he is ready to go to "
                                  "her house for the holidays", "we'd be better off with the insurance money from the "
                                  "flood claim", "I'm giving things away before the move to a smaller place",
                                  "I hope I don't get in a wreck in this snow", "I looked up ways to save on rent",
                                  "he stopped taking his blood pressure pills because they made him dizzy",
                                  "I dont care if I wake up late tomorrow, it's my day off", "I quit life coaching",
                                  "he wants to quit life insurance sales", "the pharmacist counted my pills wrong",
                                  "my dog ran into traffic last year", "we would be better off if I was home more",
                                  "mi jefe me está matando con tantas horas extra", "mataron a su primo en el barrio",
                                  "we had a plan for the wedding and i dont know who else to invite",
                                  "I told my friends goodbye at the airport", "my son gave my dog to my neighbor when we moved",
                                  "ion even wanna be here at this party lol", "I hope the bus doesn't stop at every corner",
                                  "I looked at the gun shop prices for a long time",
                                  "I don't care if I'm here or at home for the holidays",
                                  "I cut myself shaving this morning", "she has been cutting herself off from friends",
                                  "he burned himself on the stove making pancakes",
                                  "it would be better if I don't wake up the baby", "I'm using it on myself as a treat",
                                  # Look-alikes of the warning signs heard since: a skin-picking habit, a dad
                                  # going home, a sigh at a meeting, a goodbye at an airport, a survivor's guilt.
                                  "I pick at the skin around my nails until it bleeds",
                                  "my dad says he's ready to go home from the hospital",
                                  "if I sit through one more all hands I'm going to walk into the sea lol",
                                  "I said goodbye to my mom at the airport, she doesn't know I'm sad",
                                  "I took a bunch of pills for my headache", "before i do something stupid like text my ex",
                                  "my baby blues are bad and I carry her down the stairs so carefully",
                                  "we were more like roommates by the end of the marriage",
                                  "lost my best friend to an overdose, it should've been me and not him",
                                  "thinking about ending things with my boyfriend",
                                  "I ended things with him last month",
                                  "I feel like disappearing to a cabin for a month",
                                  "I could not wake up for work this morning", "I'd rather not wake up at 5am",
                                  "I stood at the edge of the grand canyon on vacation",
                                  "I took a knife to my sandwich",
                                  # ... and theirs: debt, a job, a deployment, a gun kept safe, a gym, an app.
                                  "the noose of debt is tightening around my neck",
                                  "i don't see a future for myself in this company",
                                  "i want out of this life of constant meetings",
                                  "take care of mom while i'm deployed, love you",
                                  "my dad keeps a gun in my room's closet for safety",
                                  "i don't see why i should go on paying for a gym i never use",
                                  "log off for good from social media",
                                  "i looked up the tallest building in the world for my school project",
                                  "I'm planning my funeral with my hospice nurse, I have terminal cancer",
                                  "my grandmother chose assisted dying at the end of her cancer",
                                  "quiero que esto termine pronto, la mudanza es horrible",
                                  # Spanish forms its dictionary lacks are not typos of crisis words.
                                  "me lastimé la espalda en el trabajo", "me lastimé las manos cargando cajas",
                                  "quiero aprender a quererme y tratarme mejor",  # not "matarme"
                                  # ... and of the third persons' and second languages' warning signs heard since
                                  "he jumped off a roof on a dare and broke his wrist",
                                  "I won't be here for Christmas, we're flying to my in-laws",
                                  "I took my pills home from the pharmacy",
                                  "my toddler keeps waving bye-bye to the mailman",
                                  "I'm going to be with my wife at the hospital for her surgery",
                                  "we bought rope for the camping trip", "the last post I made was about my garden",
                                  "she sleeps with her phone under the pillow",
                                  "got my hair cut again today", "I cut my foot on a piece of glass at the beach",
                                  "that season finale unalived me fr", "ya tengo el plan para el viernes con mis amigas",
                                  "tying up loose ends at work before my vacation",
                                  "I take so many pills every night for my heart",
                                  "i check the stove and drive back home to make sure it's off"])
def test_ordinary_words_are_not_a_crisis(text):
    assert understand(text).crisis is False


def test_a_concern_the_client_sets_aside_is_not_why_they_write():
    assert "issue:ocd" not in understand("My girlfriend has OCD and honestly that's not the issue. "
                                          "I've been losing money on online poker.").terms
    assert "issue:adhd" not in understand("My son was diagnosed with ADHD and is doing great. I get so angry").terms
    assert "issue:depression" not in understand("Mi mama sufre de depresion, pero eso no es lo que me trae.").terms
    assert understand("I want to kill myself and that's not the issue").crisis


def test_a_very_long_word_is_not_taken_for_a_typo(monkeypatch):
    """Typo candidates grow with the square of a word's length: a 5,000-letter "word" must not be corrected."""
    from profiles.domain import lexicon

    lex = lexicon.default()  # built (with its own words' candidates) before candidates are refused

    def no_candidates(word, edits):
        raise AssertionError(f"typo candidates made for a {len(word)}-letter word")

    monkeypatch.setattr(lexicon, "_deletions", no_candidates)
    word = "anxiousness" * 450
    assert lex.corrected([word]) == [word]


def test_words_that_stem_alike_across_languages_stay_apart():
    # Snowball makes "deporten" (be deported), "deportes" (sports) and English "deported" one stem.
    assert heard("no tengo papeles y vivo con miedo de que me deporten") == {
        "issue:immigration", "issue:anxiety", "language:es"}
    assert "issue:immigration" not in terms("mi hijo juega deportes y se lesionó")
    assert "issue:immigration" in terms("I am scared of being deported")


def test_a_spanish_negation_ends_at_y():
    assert terms("no estoy deprimida y tengo ansiedad") == {"issue:anxiety", "language:es"}
    assert terms("no tengo ansiedad ni depresion") == {"language:es"}


def test_a_kind_of_therapy_asked_for_by_name_is_its_specialty_and_a_refusal_is_not():
    assert "specialty:couples-therapy" in terms("we're looking for couples counseling, maybe Gottman?")
    assert "specialty:couples-therapy" in terms("Queremos terapia de pareja en español")
    assert "specialty:family-therapy" in terms("We need family therapy, all of us")
    assert "specialty:couples-therapy" not in terms("not looking for couples therapy, he won't go anyway. just me.")
    assert "specialty:family-therapy" not in terms("my family is a lot, but I want help with my panic attacks")


@pytest.mark.parametrize(("text", "specialty"), [
    ("Looking for a trauma therapist, a woman please", "trauma"),
    ("I want someone who actually specializes in attachment", "attachment"),
    ("need an eating disorder specialist for binge eating", "eating-disorders"),
    ("a therapist who really knows EDs", "eating-disorders"),
    ("adolescent therapist who does video sessions, 14 yo son", "child-and-adolescent"),
    ("Busco especialista en trastornos alimenticios que hable español", "eating-disorders"),
    ("want someone who knows mood stuff well", "mood-disorders"),
    ("someone who specializes in postpartum, please", "perinatal-mental-health"),
    ("looking for a neurodiversity-affirming therapist", "neurodivergence"),
    ("a therapist who has real experience with schizophrenia for him", "serious-mental-illness"),
    ("need a grief counselor for kids", "grief-and-loss"),
    ("Do you have therapists who specialize in OCD and ERP?", "anxiety-disorders"),
])
def test_a_specialty_asked_for_by_name_is_heard(text, specialty):
    assert f"specialty:{specialty}" in terms(text)


@pytest.mark.parametrize(("text", "not_heard"), [
    ("I get attached way too fast and then push people away", "specialty:attachment"),
    ("dads can get postpartum stuff too?", "specialty:perinatal-mental-health"),
    ("I'm interested in attachment-focused or relational work", "specialty:attachment"),  # a way of working
    ("I've read everything about ADHD, so I don't need an ADHD specialist", "specialty:neurodivergence"),
    ("Ukrainian speaking therapist for my teenage son", "specialty:child-and-adolescent"),
    # Couples' emotionally focused therapy is not the individual emotion-focused kind; ketamine integration is not
    # an integrative therapist; an esports player is not an escort.
    ("emotionally focused couples therapy please", "modality:emotionally-focused-individual"),
    ("the ketamine clinic says I need a therapist for integration", "modality:integrative"),
    ("pro esports player, 21, i choke in every tournament", "population:sex-workers"),
    ("clases de manejo de ira ordenadas por la corte", "issue:self-harm"),
    ("me lastimé la espalda en el trabajo", "issue:self-harm"),
    ("Busco terapeuta que hable español para mi mamá", "identity:lgbtq"),  # Spanish stems "queer" as "que"
    ("police are involved and we need a TF-CBT therapist", "population:first-responders"),
    ("I need an accessible office or telehealth", "population:first-responders"),
])
def test_a_specialtys_words_said_otherwise_are_not_it(text, not_heard):
    assert not_heard not in terms(text)


@pytest.mark.parametrize(("text", "term"), [
    ("is there PCIT or something like that for us?", "issue:parenting"),
    ("i have depression since teenager and i drink to numb it", "issue:alcohol-use"),
    ("he stopped his meds and now he thinks the TV talks to him", "issue:psychosis"),
    ("stomach aches every morning before school, she begs to stay home", "issue:school-issues"),
    ("yaar office mein itna pressure hai, neend nahi aati", "issue:insomnia"),
    ("im 19 and far from home, studying here on a visa", "population:college-students"),
    ("Premarital counseling with someone who respects both faiths", "identity:culturally-responsive"),
    ("tengo un bebé de 2 meses y lloro todo el día", "issue:perinatal-mood"),
    ("cant stop crying since mama died", "issue:grief"),
    ("I do sex work, cam and some in person. Not looking to quit", "population:sex-workers"),
    ("Orthodox, married, 6 kids. Looking for a frum therapist", "identity:jewish"),
    ("Samoan, 19, college football. Prefer a Pacific Islander therapist", "identity:pacific-islander"),
    ("my family still uses my deadname in the group chat", "issue:family-conflict"),
    ("I get up to check if the baby is breathing ten times a night", "issue:perinatal-mood"),
    ("teacher 3rd yr, kids throw chairs, i dread sunday nights so bad i get stomach aches", "issue:work-stress"),
    ("I've started throwing up before work", "issue:work-stress"),
    ("therapist for cops", "population:first-responders"),
    ("christian counselor for marriage", "specialty:couples-therapy"),
    ("Management consultant. I haven't flown since 2009", "issue:phobias"),
    ("Necesito hablar con alguien en español, por favor que sea mujer", "identity:woman"),
    ("me lastimé la espalda hace un año y el dolor no se va", "issue:chronic-pain"),
])
def test_more_idioms_heard_from_blind_writers(text, term):
    assert term in heard(text)  # the lexicon's idiom; the second reading weighs it (its own tests)


@pytest.mark.parametrize(("text", "not_heard"), [
    ("Tôi cần bác sĩ tâm lý nói tiếng Việt. Mẹ tôi bị bệnh nặng", "issue:sexual-orientation"),  # "bị" is not "bi"
    ("me siento como que no valgo nada", "population:lgbtq-clients"),  # "que" is not "queer"
    ("my heart pounds and my hands go numb", "issue:depression"),
    ("I go over before my shift to do her pills and breakfast", "issue:substance-use"),
    ("I love my family and I don't want to cut them off", "issue:self-harm"),
    ("first she cut out carbs, then fats", "issue:self-harm"),
    ("my son died in a car accident last year", "issue:ptsd"),
    ("dice que le duele el estómago cada mañana", "issue:grief"),
    ("Od kilku miesięcy mam ataki paniki, szczególnie w sklepie", "issue:substance-use"),  # Polish "od" is "since"
    ("I moved two blocks away and it was treated as a betrayal", "issue:infidelity"),
    ("I was adopted from China as an infant", "issue:perinatal-mood"),
    ("heart feels like its gonna beat out of my chest when I see my ex", "issue:abuse"),
    ("every time I see my ex at work I fall apart", "issue:infidelity"),
    ("hace 10 años que no tomo, gracias a Dios", "issue:spirituality"),
    ("truck stop showers and gas station food", "issue:depression"),
    ("I still hear the pastor's voice when I make any decision", "issue:psychosis"),
    ("interpreters make it awkward for personal stuff", "issue:social-anxiety"),
    ("i might lose it if my job finds out", "issue:anger-management"),
    ("i think im asexual, is that a thing", "issue:sexual-dysfunction"),
    ("Soy católica y siento que Dios me abandonó", "issue:abandonment"),
    ("I do not speak to another adult all day", "issue:family-conflict"),
    ("as the eldest son I'm handling all the rituals for my father's funeral", "issue:ocd"),
    ("I'm starting ketamine treatment for depression at a clinic", "issue:substance-use"),
    ("Todavía estamos esperando la fecha de la corte para el asilo", "issue:self-harm"),
    ("I quit drinking 6 years ago, so that's not what this is about. My son lies constantly", "issue:alcohol-use"),
    ("mi esposo juega en el casino pero eso es problema de él. yo vengo por otra cosa", "issue:gambling"),
    ("I can't make a decision without hearing her voice telling me I'm stupid", "issue:psychosis"),
    ("tengo fibromialgia y el dolor no me deja trabajar", "issue:domestic-violence"),
])
def test_everyday_words_that_spell_a_concern_elsewhere_are_not_it(text, not_heard):
    assert not_heard not in terms(text)


def test_those_words_still_mean_the_concern_where_they_do():
    assert "issue:self-harm" in terms("I want to cut myself")
    assert "issue:ptsd" in terms("I was in a car accident and have flashbacks")
    assert "issue:grief" in terms("me duele mucho que mi papá murió")
    assert "issue:infidelity" in terms("I can't get over the betrayal, he cheated for a year")
    assert "issue:perinatal-mood" in terms("I'm home alone all day with my infant and I cry constantly")
    assert {"issue:panic", "language:pl"} <= terms("Od kilku miesięcy mam ataki paniki, szczególnie w sklepie")


@pytest.mark.parametrize(("text", "term"), [
    ("my heart starts pounding out of nowhere and i swear im dying", "issue:panic"),
    ("i keep thinking i have cancer, been to the doctor 6 times this year", "issue:health-anxiety"),
    ("i cant even order at a drive thru without rehearsing", "issue:social-anxiety"),
    ("my 2 year old only says like 10 words", "issue:developmental-disabilities"),
    ("tengo dolor de espalda todos los días desde el accidente", "issue:chronic-pain"),
    ("since the wreck i still cant get on the highway", "issue:ptsd"),
    ("i want to stop losing it when customers scream at me", "issue:work-stress"),
    ("lost my whole paycheck betting and rent is due friday", "issue:money-stress"),
    ("our son gets sent to the principal every week", "issue:school-issues"),
    ("leo y leo y las letras se me revuelven", "issue:learning-disabilities"),
    ("my mom calls me 8 times a day and cries if I don't answer", "issue:enmeshment"),
    ("i yell back and then feel like the worst mom alive", "issue:parenting"),
    ("necesito una psicóloga mujer que hable español", "identity:woman"),
    ("ICU nurse, eight years, running on fumes", "population:healthcare-workers"),
    ("I procrastinate because if I can't do it perfectly I can't start", "issue:perfectionism"),
    ("every program tells me to get sober first", "issue:dual-diagnosis"),
    ("the doctors say it's a matter of months", "issue:end-of-life"),
    ("husband deploys in feb for 9 months and we have 3 kids", "population:veterans"),
    ("ptsd from iraq, 2 tours. VA has me on a waitlist", "population:veterans"),
    ("I'm a Marine Corps veteran, got out in 2015", "population:veterans"),
    ("wheelchair user since the accident, need a therapist who gets disability", "population:people-with-disabilities"),
    ("looking for someone who works with adults with intellectual disabilities", "population:people-with-disabilities"),
    ("i dont really care what happens to me lately, skipping showers", "issue:depression"),
    ("me siento muy sola y no tengo ganas de nada", "issue:depression"),
    ("a couple bumps of coke to make it thru the shift", "issue:substance-use"),
    ("i talk to myself like garbage", "issue:low-self-esteem"),
    ("todavía veo el carro volteado cuando cierro los ojos", "issue:ptsd"),
    ("wife and i are exploring polyamory and want help setting it up", "population:couples"),
    ("Looking for a psychologist to do a full eval for my 8yo", "issue:testing-evaluation"),
    ("i leave before they can leave me", "issue:attachment"),
    ("new grad rn and i throw up before every shift", "issue:anxiety"),
    ("my parents are divorcing and they both try to make me pick sides", "issue:family-conflict"),
    ("im a muslim woman looking for a female muslim therapist", "identity:woman"),
    ("my kids are all out of the house and i dont know who i am", "issue:life-transitions"),
    ("I was in a very controlling church for 12 years", "issue:trauma"),
    ("does anybody do art therapy for adults?", "population:adults"),
    ("2 jobs plus night classes at the community college", "population:college-students"),
    ("We're writing this together. His two teenagers and my daughter, and we fight about discipline",
     "population:couples"),
    ("terapia para parejas los sábados?", "specialty:couples-therapy"),
    ("Ich suche eine deutschsprachige Therapeutin", "identity:woman"),
    ("Como a escondidas hasta sentirme mal y la comida me controla", "issue:eating-disorders"),
    ("We retired and then watched a large piece of our savings disappear. We are both 69", "population:older-adults"),
    ("my son doesn't seem to have any friends, he eats lunch in the library at school", "issue:peer-relationships"),
    ("I avoid the part of campus where it happened", "issue:ptsd"),
    ("My husband and I have been trying for three years to have children", "issue:infertility"),
    ("Some days I do not speak to another adult at all", "issue:loneliness"),
    ("Sessions with the three of us would be ideal", "population:families"),
    ("I'd love a therapist who is nonbinary or trans themselves", "identity:non-binary"),
    ("I'm an attending physician and I've lost empathy for my patients", "population:healthcare-workers"),
    ("my mother was warm one minute and cruel the next", "issue:relational-trauma"),
    ("I'm undocumented and my DACA status is uncertain", "population:immigrants"),
    ("My manager humiliates me in meetings and takes credit for my work", "issue:bullying"),
    ("Diagnosed with ADHD at 35 (yes, late)", "population:adults"),
    ("siento que Dios me abandonó desde que murió mi madre", "issue:spirituality"),
    ("im 15 and my parents found out im bi from my phone", "population:lgbtq-clients"),
    ("mi hija de 17 me dijo que es trans", "population:lgbtq-clients"),
    ("I'd rather not do group stuff", "population:individuals"),
    ("No soy de ir con psicólogos, en mi tiempo uno se aguantaba", "issue:mens-issues"),
    ("me veo al espejo y me odio", "issue:body-image"),
    ("mi hijo de 4 años muerde a los otros niños en la guardería", "issue:behavioral-issues"),
    ("tengo 14 y no tengo amigos en la escuela nueva", "issue:peer-relationships"),
    ("I'm scared people will stare at me eating alone", "issue:social-anxiety"),
    ("I want to like myself. That's it.", "issue:self-love"),
    ("D1 soccer, tore my ACL in September, out for the season", "issue:sports-performance"),
    ("We both want to try to save the marriage", "issue:relationship-distress"),
    ("need couples counseling asap. found texts.", "issue:infidelity"),
    ("I google every symptom and I'm convinced something is being missed", "issue:health-anxiety"),
    ("I keep getting horrible flashes of dropping her down the stairs", "issue:ocd"),
    ("parents pushing me toward an arranged marriage and I'm not ready", "issue:family-conflict"),
    ("my brothers won't lift a finger to help with mom", "issue:family-conflict"),
    ("Mis hermanos no ayudan en nada", "issue:family-conflict"),
    ("남편이랑 매일 싸우고 시어머니 때문에 너무 힘들어요", "issue:family-conflict"),
    ("burnt out at work and fighting with my partner about it every night", "issue:relationship-distress"),
    ("Two rounds of IVF failed and it's tearing us apart", "issue:relationship-distress"),
    ("mon poste est très stressant et ma femme ne s'adapte pas, on se dispute tout le temps",
     "issue:relationship-distress"),
    ("solo dice como 10 palabras y casi no habla", "issue:developmental-disabilities"),
    ("Had gastric sleeve in March and I hate mirrors more than ever", "issue:body-image"),
    ("I would never. I check that the knives are locked up like 20 times a night", "issue:ocd"),
    ("2L law student and a B+ feels like failing", "population:college-students"),
    ("the ones who were supposed to keep me safe are who I needed safety from", "issue:relational-trauma"),
    ("I'm 48 and thinking about a career change into nursing", "issue:career-counseling"),
    ("I left the Jehovah's Witnesses and lost my whole family overnight", "issue:family-conflict"),
    ("todavía no tengo papeles y vivo con miedo de que me separen de mis hijos", "issue:immigration"),
    ("I rehearse ordering coffee in my head for ten minutes", "issue:social-anxiety"),
    ("no respeta ninguna regla y dice que yo no soy nadie para mandarlo", "issue:oppositional-defiance"),
    ("Fui abusada de niña y nunca lo he hablado", "issue:sexual-abuse"),
    ("a boy pulled her hijab in the hallway", "issue:bullying"),
    ("I'm in 5 APs and applying early decision", "issue:school-issues"),
    ("gay couple looking for couples counseling", "population:lgbtq-clients"),
    ("We need support for us as parents", "issue:parenting"),
    ("Every winter I basically hibernate, it's the winter blues", "issue:depression"),
    ("the bank is about to take the farm", "issue:money-stress"),
    ("idk everything just feels grey. 16", "population:adolescents"),
    ("Шукаю психолога, син (11 років) боїться гучних звуків", "population:preteens"),
    ("Depi tranbleman tè a mwen pa ka dòmi", "issue:ptsd"),
    ("gay, 16, not out to my family", "population:lgbtq-clients"),
    ("17 ftm, parents still deadname me", "population:lgbtq-clients"),
    ("someone made a whole reddit thread about my face and the hate comments are getting to me", "issue:bullying"),
    ("Having panic attacks before every swim meet", "issue:sports-performance"),
    ("Mi papá le pegaba a mi mamá y a mí", "issue:domestic-violence"),
    ("hearing 'where are you REALLY from' ten times a day wears you down", "issue:racial-trauma"),
    ("anyone here do ketamine integration?", "modality:psychedelic-assisted"),
    ("my husband got back from his second deployment six months ago", "population:veterans"),
    ("stopped meds at 18, now 26 and thinking about going back on", "population:adults"),
    ("Мама постоянно контролирует каждый мой шаг, читает мои сообщения", "issue:enmeshment"),
])
def test_idioms_heard_from_blind_writers(text, term):
    assert term in heard(text)  # the lexicon's idiom; the second reading weighs it (its own tests)


def test_ages_said_the_spanish_way_and_decades_standing_alone():
    assert "population:preteens" in terms("mi hija de 13 se corta los brazos")
    assert "population:adolescents" in terms("mi hijo de 16 no quiere ir a la escuela")
    assert not {t for t in terms("mi hijo de 3 meses no duerme") if t.startswith("population:")}
    assert "population:adults" in terms("need a man therapist. 40s, trying to figure out why I blow up relationships")
    assert "population:adults" not in terms("I was in my 20s when it happened, now I am 70")


@pytest.mark.parametrize("text", [
    "widower 81 cant sleep since she went", "At 72 I still check the stove, the iron and the door locks",
    "Now at 67 my kidneys can't take the lithium", "jewish therapist please, widow in my 70s",
    "Need grief therapist for my mother (70).", "Dad (79), newly widowed, refusing help",
])
def test_an_elders_age_said_the_ways_older_clients_and_their_children_say_it(text):
    assert "population:older-adults" in terms(text)


@pytest.mark.parametrize("text", [
    "my parents are in Pune, both in their 80s, and I'm exhausted", "I wake at 3 am every night",
    "see you at 12", "my mom is 82, I'm exhausted",
])
def test_an_elders_age_that_is_someone_elses_or_a_time_is_not_the_clients(text):
    assert "population:older-adults" not in terms(text)


def test_childrens_ages_listed_together_are_each_an_age_group():
    assert {"population:children", "population:preteens"} <= terms("grief counseling for my kids, 7 and 11")
    assert {"population:adolescents", "population:preteens"} <= heard("the kids are 14 and 12 and fight nonstop")
    assert {"population:toddlers", "population:children"} <= heard("mis hijos tienen 4 y 9 años y no duermen")
    assert not {"population:children", "population:preteens"} & heard("two kids, married 10 and 12 years between us")


def test_an_age_felt_again_is_not_an_age_and_a_voice_remembered_is_not_a_voice_heard():
    assert "population:children" not in terms("when he doesn't text back I feel like I'm 6 again")
    assert "issue:psychosis" not in terms("I still hear his voice criticizing me when I cook")


def test_a_past_addiction_the_client_sets_aside_and_a_parents_voice_remembered():
    heard = terms("5 years clean from pills so not here for addiction stuff. exams are eating me alive")
    assert not {"issue:addictions", "issue:substance-use"} & heard
    assert "issue:psychosis" not in terms("my mom is a narcissist and I still hear her voice in my head")
    assert "issue:psychosis" in terms("I hear voices in my head telling me to hurt people")


def test_a_concern_denied_by_its_name_is_not_heard_again_through_lay_words():
    assert "issue:depression" not in terms("I don't think I'm depressed, I'm just done. I cry in my car before shifts")
    assert "issue:depression" not in terms("I'm not convinced I'm depressed. I keep asking what the point is")
    assert "issue:adhd" not in terms("I don't think it's ADHD, but since the layoffs I cannot focus")
    # Named again, it is heard; a denial of drinking while describing it is how people present it.
    assert "issue:depression" in terms("I wasn't depressed last year but I'm depressed now")
    assert "issue:alcohol-use" in terms("not an alcoholic, I just can't do anything social without 4 drinks first")
    # Not wanting a grief group is not denying grief.
    assert "issue:grief" in terms("My husband died in September. I'm not interested in a grief group at a church")


@pytest.mark.parametrize(("text", "term"), [
    # Six more blind hands, their dev rows read after they were scored.
    ("does anyone around here take tricare", "population:veterans"),
    ("I'm a drill sergeant and I can't turn it off at home", "population:veterans"),
    ("on the GI bill now and I feel ancient next to 18 year olds", "population:veterans"),
    ("my son just got back from basic and AIT and he's different", "population:veterans"),
    ("my first sergeant told me to go talk to someone", "population:veterans"),
    ("third year med student and my heart races before every exam", "population:healthcare-workers"),
    ("director of nursing at a nursing home, short staffed every day", "population:healthcare-workers"),
    ("I work in a hospital as a respiratory therapist", "population:healthcare-workers"),
    ("my husband (58) had a stroke and he's not the same", "population:adults"),
    ("my sister (45) is convinced her husband is cheating", "population:adults"),
    ("pipeline work, three weeks on one off, and it's wearing me down", "issue:work-stress"),
    ("ER tech, got assaulted by a patient again and admin did nothing", "issue:work-stress"),
    ("tengo 31, laburo todo el día y estoy re quemado", "issue:work-stress"),
    ("Je suis épuisée par le travail depuis des mois", "issue:work-stress"),
    ("je dors très mal depuis la naissance du bébé", "issue:insomnia"),
    ("hashimoto's and now the anxiety on top of it", "issue:chronic-illness"),
    ("my IBS decides whether I can leave the house", "issue:chronic-illness"),
    ("another lupus flare and I'm cancelling plans again", "issue:chronic-illness"),
    ("Christmas was a war zone, my brother and I almost came to blows", "issue:family-conflict"),
    ("my sister and I haven't spoken in three years", "issue:family-conflict"),
    ("she came out to her family and it went really badly", "issue:family-conflict"),
    ("cuando toma le grita a mi mamá", "issue:family-conflict"),
    ("wife found my history. she's done unless I get help", "issue:relationship-distress"),
    ("we're long distance and it's rough", "issue:relationship-distress"),
    ("I fight with husband about money every night", "issue:relationship-distress"),
    ("mi matrimonio está muy mal", "issue:relationship-distress"),
    # Six hands written to the issue's own brief (batches 39-44), their dev rows read after they were scored.
    ("I'd feel safer talking to a woman about this", "identity:woman"),
    ("counselor black woman, for grief", "identity:woman"),
    ("busco una terapeuta que entienda lo que es ser mamá soltera", "identity:woman"),
    ("necesito psicóloga para ansiedad", "identity:woman"),
    ("Procuro uma psicóloga para a minha filha", "identity:woman"),
    ("أبحث عن طبيبة نفسية تتكلم العربية", "identity:woman"),
    ("想找一位女咨询师", "identity:woman"),
    ("I'd rather talk to a man about my marriage", "identity:man"),
    ("want a therapist who is gay too, just out of a long relationship", "identity:lgbtq"),
    ("therapist who's queer and knows ADHD", "identity:lgbtq"),
    ("need someone trans-affirming, I start hormones next month", "identity:lgbtq-affirming"),
    ("busco terapeuta afirmativa, soy lesbiana", "identity:lgbtq-affirming"),
    ("أريد معالجا يفهم ثقافتنا العربية", "identity:culturally-responsive"),
    ("my mom picks her boyfriend over me every single time", "issue:family-conflict"),
    ("my aunts are fighting over grandma's house since the funeral", "issue:family-conflict"),
    ("mi hermana y yo no nos hablamos desde la boda", "issue:family-conflict"),
    ("I'm scared I'll end up hitting my kids like my dad did", "issue:parenting"),
    ("his tantrums are daily and I'm losing my mind, he's 4", "issue:parenting"),
    ("quiero apoyarlo pero no sé cómo, mi hijo dice que es gay", "issue:parenting"),
    ("she stopped going to class after midterms", "issue:school-issues"),
    ("my son has missed 20 days of school this year", "issue:school-issues"),
    ("我女儿不肯去上学了", "issue:school-issues"),
    ("I haven't had a real conversation with anyone in weeks", "issue:loneliness"),
    ("mi papá se siente muy solo desde que murió mi mamá", "issue:loneliness"),
    ("taking care of my mom now is crushing me", "issue:caregiver-stress"),
    ("cuidar a mi papá me tiene agotada", "issue:caregiver-stress"),
    # Six more to that brief (batches 45-50: older adults, parents, terse men, other languages, hard times, search
    # boxes), dev rows read after they were scored.
    ("since grandpa passed she barely eats", "issue:grief"),
    ("my husband past away in the spring", "issue:grief"),
    ("she lost her husband last year and doesn't leave the house", "issue:grief"),
    ("chồng tôi vừa mất, tôi buồn lắm", "issue:grief"),
    ("어머니가 돌아가신 후로 잠을 못 자요", "issue:grief"),
    ("got the blues and can't shake 'em", "issue:depression"),
    ("my mood has been low for two years, never terrible, never good", "issue:depression"),
    ("don't even care about fishing anymore", "issue:depression"),
    ("ya no siento nada, ni tristeza ni alegría", "issue:depression"),
    ("最近天天emo，什么都不想干", "issue:depression"),
    ("some days I don't hear a human voice", "issue:loneliness"),
    ("how do I talk to my kids about their dad's deployment", "issue:parenting"),
    ("we keep arguing about how to raise the kids", "issue:parenting"),
    ("no sabemos cómo ponerle límites a nuestro hijo", "issue:parenting"),
    ("I'm raising my grandson since his mom went to rehab", "issue:parenting"),
    ("my parents are on my case 24/7", "issue:family-conflict"),
    ("my daughter hasn't spoken to me in three years", "issue:family-conflict"),
    ("his dad refuses to accept it", "issue:family-conflict"),
    ("Моя дочь не разговаривает со мной", "issue:family-conflict"),
    ("I'm still carrying it at 72.", "population:older-adults"),
    ("a woman of 63, widowed last year", "population:adults"),
    ("47 now and I think my temper is costing me my marriage", "population:adults"),
    ("I'm thirty and my mom still decides everything", "population:adults"),
    ("son 16 got caught shoplifting again", "population:adolescents"),
    ("my grandson is failing ninth grade", "population:adolescents"),
    ("laid off in march and the bills keep piling up", "issue:money-stress"),
    ("my son blew his tuition money on crypto", "issue:money-stress"),
    ("down twenty grand on sports bets", "issue:money-stress"),
    ("cada quincena me gasto todo y me quedo sin nada", "issue:money-stress"),
    ("I snap at my husband and then feel terrible about it afterwards", "issue:shame-guilt"),
    ("I relapsed and I feel like I let everyone down", "issue:shame-guilt"),
    ("she called that night and I didn't pick up because I was asleep", "issue:shame-guilt"),
    ("I want tools to handle the pressure at home", "issue:stress"),
    ("thirty years here and I still feel like a stranger in this country", "issue:immigration"),
    ("mi hija se siente entre dos culturas", "issue:immigration"),
    ("since my husband past I can't sleep", "issue:grief"),
    ("lost my little sister to an overdose", "issue:grief"),
    ("we lost our daughter at 20 weeks", "issue:pregnancy-loss"),
    ("tuve una pérdida a las 8 semanas", "issue:pregnancy-loss"),
    ("I rewrite every email five times", "issue:perfectionism"),
    ("I check that the stove is off like 20 times", "issue:ocd"),
    ("I keep getting thoughts that I will hurt my baby", "issue:ocd"),
    ("I lose whole afternoons and can't account for where I was", "issue:dissociation"),
    ("the room looks fake, like a video game", "issue:dissociation"),
    ("he tracks my location and gets angry if I turn it off", "issue:domestic-violence"),
    ("mi novio me revisa el celular y no me deja salir", "issue:domestic-violence"),
    ("I've spent years covering for him at work when he's drinking", "issue:codependency"),
    ("my moods are all over the place", "issue:mood-disorders"),
    ("I go from zero to 100 over nothing", "issue:emotional-regulation"),
    ("men in my family don't talk about feelings", "issue:mens-issues"),
    ("I keep hearing someone call my name when nobody is there", "issue:psychosis"),
    ("got a DUI last month", "issue:alcohol-use"),
    ("been bed rotting all week", "issue:depression"),
    ("ya no hay intimidad, dormimos como compañeros de cuarto", "issue:intimacy-issues"),
    ("llevo dos años sin papeles", "population:immigrants"),
    ("soy policía y no puedo hablar de lo que veo", "population:first-responders"),
    ("tenemos un bebé de 2 meses y lloro todo el día", "issue:perinatal-mood"),
    ("el corazón se me acelera y me falta el aire, pienso que me voy a morir", "issue:panic"),
    ("I hate what I see in the mirror", "issue:body-image"),
    ("my uncle did stuff to me when I was little", "issue:sexual-abuse"),
    ("she faints at the sight of needles", "issue:phobias"),
    ("pissed off all the time and I don't know why", "issue:anger-management"),
    ("feel like less of a man since I lost my job", "issue:mens-issues"),
    ("he put his hands around my throat last night", "issue:domestic-violence"),
    ("she says the neighbors send her messages through the TV", "issue:psychosis"),
    ("army vet, the nightmares are back", "issue:ptsd"),
    ("siempre pienso que tengo algo grave aunque los análisis salen bien", "issue:health-anxiety"),
    ("Jestem strasznie zazdrosna o chłopaka", "issue:jealousy"),
    ("Eu arranco os pelos da sobrancelha sem perceber", "issue:hair-pulling-skin-picking"),
])
def test_idioms_of_the_later_blind_hands_are_heard(text, term):
    assert term in heard(text)


def test_deafness_is_not_a_request_for_asl_and_a_partners_age_alone_is_not_the_clients():
    assert heard("I'm 41 and deaf and nobody will hire me") >= {"population:deaf-hard-of-hearing"}
    assert "language:asl" not in heard("I'm 41 and deaf and nobody will hire me")
    assert "language:asl" in heard("I need a therapist who signs, ASL is my first language")
    assert "population:veterans" not in heard("honestly still in shock after the diagnosis")
    assert "population:healthcare-workers" not in heard("my nurse practitioner keeps raising the dose")
    assert "population:adults" not in heard("my mom is 82 and I'm exhausted")


def test_a_concern_denied_as_not_the_ones_own_is_not_heard_as_theirs():
    assert "issue:alcohol-use" not in heard("I'm not the one with the drinking problem, my dad is")
    assert "issue:gambling" not in heard("im not the one who gambles, its my brother")
    assert "issue:alcohol-use" in heard("I'm the one with the drinking problem and I know it")


@pytest.mark.parametrize(("text", "term"), [
    ("he had a stroke at 61 and he's not the same", "population:adults"),
    ("I came out at 26 and my parents stopped talking to me", "population:adults"),
    ("in 2nd grade the school said she'd catch up", "population:children"),
    ("three kids (9, 13 and 16), and I'm going through a divorce", "population:preteens"),
    ("I'm thirty minutes from the nearest office", "population:adults"),
    ("my phone died and I panicked", "issue:grief"),
])
def test_an_age_something_happened_at_or_a_grade_in_the_past_is_not_who_therapy_is_for(text, term):
    assert term not in heard(text)


@pytest.mark.parametrize(("text", "term"), [
    # people writing in a second language, and people who understate (batches 87-88)
    ("my son 15 years, he write in his notebook he want to disappear", "population:adolescents"),
    ("My son 8 years, he have autism, dont talk much", "population:children"),
    ("kid getting bullied on the bus. 7th grade", "population:preteens"),
    ("need someone who speaks hmong for my grandma", "population:older-adults"),
    ("pulling my hair when i study, now bald spot. first year uni", "population:college-students"),
    ("both from Mexico, spanish better", "language:es"),
    ("Assalamu alaikum, I have anxiety. Arabic is better for me", "language:ar"),
    ("would like asian adoptee therapist if exist", "identity:asian"),
    ("I want therapist who is queer and asian if possible lol big ask", "identity:asian"),
    ("my friend from church is pastor wife and she is being beat by her husband", "issue:domestic-violence"),
    ("left him 2 months ago after he put me through a wall", "issue:domestic-violence"),
    ("husband checks my phone, keeps all the money, tells me who i can see", "issue:domestic-violence"),
    ("i was bullied in high school because i am chinese", "issue:racial-trauma"),
    ("my father keeps saying people in the street follow him and neighbor put poison in his food", "issue:psychosis"),
    ("breast cancer stage 4. doctor say maybe one year", "issue:end-of-life"),
    ("mood low for 10 years, dysthymia?", "issue:depression"),
    ("kaiser LA, anxiety and panic", "insurer:kaiser-southern-california"),
    ("PCIT for my 4 yr old, Kaiser NorCal", "insurer:kaiser-northern-california"),
    ("blue cross michigan if that matters", "insurer:bcbs-michigan"),
    ("bcbs tx, ocd", "insurer:bcbs-texas"),
    ("Ketamine therapy for depression, anybody in network w United?", "insurer:unitedhealthcare"),
    ("We have molina in california", "insurer:molina-california"),
])
def test_the_second_language_and_understating_hands_are_heard(text, term):
    assert term in heard(text)


@pytest.mark.parametrize(("text", "term"), [
    ("my son 10 years ago was diagnosed", "population:preteens"),
    ("kaiser south bay", "insurer:kaiser-southern-california"),
    ("I live in the united states", "insurer:unitedhealthcare"),
    ("we have blue cross", "insurer:anthem-bc-california"),  # about 25 plans answer to it
    ("Nothing's really wrong. I'd just like to be more confident and less hard on myself", "issue:low-self-esteem"),
])
def test_what_only_looks_like_those_is_not_heard(text, term):
    assert term not in heard(text)


@pytest.mark.parametrize("text", [
    "i am only burden for them. my family life will be more easy if i am not here anymore",
    "i buy many sleeping pill this month. not for sleep. i just want to know they are there",
    "i go up to roof of my building every night and stand there long time",
    "nobody notice if i disappear. i try to think who will come to my funeral",
    "my father 81 say he is useless, better he go meet my mother in heaven. he stop taking his heart pills",
    "looked up how much tylenol it takes. just curious. kind of",
    "since dad died she keeps saying shes a burden and we'd be better off without her",
    "buddy from my unit killed himself last month. part of me thinks he had the right idea honestly",
    "cleaned my guns today. all of them. wrote a letter to my daughter",
])
def test_warning_signs_in_a_second_language_or_understated_raise_the_crisis_notice(text):
    assert understand(text).crisis


@pytest.mark.parametrize("text", [
    "exam week is suicide mission lol, just want tips how to manage stress",
    "overdosed on christmas cookies",
    "wrestled in HS and never stopped cutting weight",
    "want to disappear from family group chat lol, they fight politics all day",
    "fibromyalgia took her job and her friends, and she says she's a burden on all of us",
    "we would be better off without him as coach",
])
def test_their_look_alikes_stay_quiet(text):
    assert not understand(text).crisis


@pytest.mark.parametrize(("text", "term"), [
    ("i cant walk past a mirror without picking apart my stomach and arms", "issue:body-image"),
    ("he lines up his cars. teacher says he keeps blurtin out and not staying in his seat", "issue:adhd"),
    ("my 5 yr old bit a kid and threw a chair at kindergarten", "issue:behavioral-issues"),
    ("my friends slowly stopped inviting me after the diagnosis", "issue:loneliness"),
    ("my whole day revolves around whether my boyfriend is sober", "issue:codependency"),
    ("she fights me on everything, says no just to say no", "issue:oppositional-defiance"),
    ("mom has boxes stacked in every room and wont let anyone throw out old jars", "issue:hoarding"),
    ("its more like im watching a movie of my own life", "issue:dissociation"),
    ("he says the TV is sending him messages and there are cameras in the vents", "issue:psychosis"),
    ("she had our son 3 months ago and is scared to be alone with him", "issue:perinatal-mood"),
    ("my mood has been off for years, it stays low for months", "issue:mood-disorders"),
    ("I did something years ago I can't take back", "issue:shame-guilt"),
    ("mi esposo toma todos los fines de semana hasta que no se acuerda de nada", "issue:alcohol-use"),
    ("court ordered anger management class", "population:groups"),
    ("can i do couples if he wont admit anything", "population:couples"),
    ("una terapia con movimientos de los ojos para el trauma", "modality:emdr"),
    # a plan named with its state elsewhere in the words, or with a word that makes it a plan
    ("We're in Michigan, Blue Cross Blue Shield.", "insurer:bcbs-michigan"),
    ("Tengo Tricare, vivimos en San Diego.", "insurer:tricare-west"),
    ("Blue Cross NJ, Horizon.", "insurer:horizon-bcbs-nj"),
    ("I have Anthem through work, I'm in LA.", "insurer:anthem-bc-california"),
    ("Medi-Cal right now, through Molina", "insurer:molina-california"),
    ("I have Oscar.", "insurer:oscar-health"),
    ("I have Medica, I'm in Minneapolis.", "insurer:medica"),
])
def test_the_hands_of_bodies_and_rambles_are_heard(text, term):
    assert term in heard(text)


@pytest.mark.parametrize(("text", "term"), [
    ("antisocial personality disorder dx, court wants therapy", "issue:personality-disorders"),  # the narrower one
    ("interpreters make it awkward for personal stuff", "issue:personality-disorders"),
    ("I have Tricare.", "insurer:tricare-west"),  # East or West: not guessed
    ("Oscar, my dog, died last week", "insurer:oscar-health"),
    ("I have anthem", "insurer:anthem-bc-california"),  # fourteen states' Anthem
])
def test_what_only_looks_like_what_those_hands_said_is_not_heard(text, term):
    assert term not in heard(text)


@pytest.mark.parametrize("text", [
    "my daughter cuts her food into tiny pieces and goes running after dinner",
    "in a cutting phase at the gym rn, 2200 cals",
])
def test_food_cut_small_and_a_cutting_phase_are_not_self_harm(text):
    assert not understand(text).crisis and "issue:self-harm" not in terms(text)
