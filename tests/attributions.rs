//! Hand-checked attributions, one case per convention lede follows (those of the PolNeAR
//! annotation of political news): the content without its "X said" frame, a quotation
//! carried over several sentences, an interrupted quotation as fragments, the short
//! object of a cue, a pronoun or role phrase resolved to the named actor, and claimers
//! that are never a time phrase, a verb or a word from inside the quotation. Every
//! sentence here was written for these tests.

use lede::analysis::{analyze, Analysis, Attribution, ClaimKind};

fn run(text: &str) -> Analysis {
    analyze(text, None)
}

fn content<'t>(text: &'t str, at: &Attribution) -> &'t str {
    &text[at.span.clone()]
}

/// The one attribution whose cue starts with the word `cue`.
fn by_cue<'a>(text: &str, a: &'a Analysis, cue: &str) -> &'a Attribution {
    let found: Vec<&Attribution> = a
        .attributions
        .iter()
        .filter(|at| {
            at.cue
                .as_ref()
                .is_some_and(|c| text[c.clone()].split_whitespace().next() == Some(cue))
        })
        .collect();
    assert_eq!(found.len(), 1, "{cue:?} in {:?}", a.attributions);
    found[0]
}

#[test]
fn the_content_leaves_its_frame_out() {
    let t = "Mayor Linda Carter said the new bridge would open in the spring.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert_eq!(content(t, at), "the new bridge would open in the spring");
    // The source as written keeps its title; the name is what the reader shows.
    assert_eq!(at.claimer.as_deref(), Some("Mayor Linda Carter"));
    // The claim is the same span and points back to its attribution.
    let c = a
        .claims
        .iter()
        .find(|c| c.attribution.is_some())
        .expect("an attributed claim");
    assert_eq!(c.span, at.span);
    assert_eq!(c.kind, ClaimKind::Attributed);
    assert_eq!(&a.attributions[c.attribution.unwrap()], at);
}

#[test]
fn a_quotation_is_carried_over_its_sentences() {
    let t = "“The river rose overnight. We moved every boat to higher ground,” said John Miller.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert_eq!(
        content(t, at),
        "“The river rose overnight. We moved every boat to higher ground,”"
    );
    let t = "John Miller said: “The old dam held. Nobody in the valley was hurt.” \
             The rain stopped at noon.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert_eq!(
        content(t, at),
        "“The old dam held. Nobody in the valley was hurt.”"
    );
}

#[test]
fn an_interrupted_quotation_is_one_attribution_in_fragments() {
    let t = "“The old dam held,” John Miller said, “and nobody in the valley was hurt.”";
    let a = run(t);
    assert_eq!(a.attributions.len(), 1, "{:?}", a.attributions);
    let at = &a.attributions[0];
    let pieces: Vec<&str> = at.fragments.iter().map(|f| &t[f.clone()]).collect();
    assert_eq!(
        pieces,
        [
            "“The old dam held,”",
            "“and nobody in the valley was hurt.”"
        ]
    );
    assert_eq!(at.span.start, at.fragments[0].start);
    assert_eq!(at.span.end, at.fragments[1].end);
    assert_eq!(at.claimer.as_deref(), Some("John Miller"));
}

#[test]
fn a_short_object_is_the_content_of_its_cue() {
    // (Whether a trailing "on Tuesday" belongs to such a content, PolNeAR's annotators
    // split about evenly; a comma-free object alone is the clear case.)
    let t = "Senator Maria Lopez endorsed the water bill.";
    let a = run(t);
    let at = by_cue(t, &a, "endorsed");
    assert_eq!(content(t, at), "the water bill");
    assert_eq!(at.claimer.as_deref(), Some("Senator Maria Lopez"));
}

#[test]
fn a_pronoun_or_role_resolves_to_the_named_actor() {
    let t = "Maria Lopez visited the flooded valley on Monday. \
             She said the repairs would cost three million dollars.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert_eq!(at.claimer.as_deref(), Some("She"));
    let id = at.claimer_actor.expect("resolved");
    assert_eq!(a.actors[id.0 as usize].name, "Maria Lopez");
    // The reader shows the name, not the pronoun.
    let c = &a.claims[a
        .claims
        .iter()
        .position(|c| c.attribution.is_some())
        .unwrap()];
    assert_eq!(a.claimer_name(c), Some("Maria Lopez"));

    let t = "The city hired John Miller to run its harbour office in March. \
             The spokesman said the ferries would sail again by Friday.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    let id = at.claimer_actor.expect("resolved");
    assert_eq!(a.actors[id.0 as usize].name, "John Miller");
}

#[test]
fn a_claimer_is_never_a_time_phrase_a_verb_or_a_quoted_word() {
    let t = "On Monday, the harbour master said the ferries would sail again.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert_eq!(at.claimer.as_deref(), Some("the harbour master"));

    let t = "“I never said the dam was safe,” the engineer wrote in a letter.";
    let a = run(t);
    let at = by_cue(t, &a, "wrote");
    assert_eq!(at.claimer.as_deref(), Some("the engineer"));
    assert!(a
        .attributions
        .iter()
        .all(|at| at.claimer.as_deref() != Some("I")));

    for t in [
        "Last week, officials said the road would reopen.",
        "In a long letter, the council said the budget was too small.",
        "After the vote, Maria Lopez told reporters that the bill had passed.",
    ] {
        let a = run(t);
        assert!(!a.attributions.is_empty(), "{t}");
        for at in &a.attributions {
            let who = at.claimer.as_deref().unwrap_or("").to_lowercase();
            let first = who.split_whitespace().next().unwrap_or("");
            assert!(
                !matches!(first, "last" | "in" | "after" | "on" | "week"),
                "{t}: {who:?}"
            );
        }
    }
}

#[test]
fn a_that_clause_keeps_that_and_leaves_the_hearer_and_the_day_out() {
    let t = "The county clerk told reporters on Friday that every ballot had been counted.";
    let a = run(t);
    let at = by_cue(t, &a, "told");
    assert_eq!(content(t, at), "that every ballot had been counted");
    assert_eq!(at.claimer.as_deref(), Some("The county clerk"));
}

#[test]
fn a_content_before_its_cue_leaves_the_frame_after_it_out() {
    let t = "The new tunnel will cut the commute in half, the transport minister said on Sunday.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert_eq!(
        content(t, at),
        "The new tunnel will cut the commute in half"
    );
    assert_eq!(at.claimer.as_deref(), Some("the transport minister"));
}

#[test]
fn a_colon_after_the_cue_opens_the_content() {
    let t = "The coach said on Saturday: the team had never played better.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert_eq!(content(t, at), "the team had never played better");
    assert_eq!(at.claimer.as_deref(), Some("The coach"));
}

#[test]
fn a_stance_on_an_object_keeps_the_object_and_its_complement() {
    // "dismissed X as Y": what the source asserts is that X is Y.
    let t = "Mayor Linda Carter dismissed the complaint as a clumsy stunt.";
    let a = run(t);
    let at = by_cue(t, &a, "dismissed");
    assert_eq!(content(t, at), "the complaint as a clumsy stunt");
    assert_eq!(at.claimer.as_deref(), Some("Mayor Linda Carter"));
}

/// The claimer as written of the one attribution whose cue starts with `cue`.
fn claimer_of(t: &str, cue: &str) -> Option<String> {
    let a = run(t);
    by_cue(t, &a, cue).claimer.clone()
}

#[test]
fn an_appositive_between_source_and_cue_is_skipped() {
    let t = "“We will rebuild the pier by summer,” Clara Winthrop, a harbour engineer for \
             the county, said on the radio.";
    assert_eq!(claimer_of(t, "said").as_deref(), Some("Clara Winthrop"));
    let t = "Ravi Osei, 34, said the night shift had been cut twice this year.";
    assert_eq!(claimer_of(t, "said").as_deref(), Some("Ravi Osei"));
    let t = "Marta Kell, who runs the county shelter, said the beds were full.";
    assert_eq!(claimer_of(t, "said").as_deref(), Some("Marta Kell"));
}

#[test]
fn time_phrases_and_adverbs_before_the_cue_are_no_source() {
    for t in [
        "Senator Ada Brennan on Tuesday said the vote would be delayed.",
        "Senator Ada Brennan, however, said the vote would be delayed.",
        "Senator Ada Brennan last week said the vote would be delayed.",
    ] {
        assert_eq!(
            claimer_of(t, "said").as_deref(),
            Some("Senator Ada Brennan"),
            "{t}"
        );
    }
}

#[test]
fn a_joining_word_opening_the_sentence_is_no_part_of_the_source() {
    let t = "But Hugo Lindqvist said the tunnel was never safe.";
    assert_eq!(claimer_of(t, "said").as_deref(), Some("Hugo Lindqvist"));
}

#[test]
fn a_participle_or_a_second_verb_reports_the_sentence_subject() {
    let t = "Mayor Ines Duarte spoke on Friday about the flooding in Riverton, arguing that \
             the levee needed new funds.";
    assert_eq!(
        claimer_of(t, "arguing").as_deref(),
        Some("Mayor Ines Duarte")
    );
    let t = "The appeals court overruled the ruling and said the county had acted lawfully.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert_eq!(at.claimer.as_deref(), Some("The appeals court"));
    assert_eq!(content(t, at), "the county had acted lawfully");
}

#[test]
fn a_share_of_people_can_be_the_source() {
    let t = "In the survey, 47% say the city should build more housing.";
    assert_eq!(claimer_of(t, "say").as_deref(), Some("47%"));
}

#[test]
fn a_progressive_cue_has_its_subject_as_source() {
    let t = "The county board is saying that the new levy will pay for two schools.";
    let a = run(t);
    let at = by_cue(t, &a, "saying");
    assert_eq!(at.claimer.as_deref(), Some("The county board"));
    assert_eq!(content(t, at), "that the new levy will pay for two schools");
    let t = "Governor Tilda Marsh is also telling farmers that the dry spell will end soon.";
    let a = run(t);
    let at = by_cue(t, &a, "telling");
    assert_eq!(at.claimer.as_deref(), Some("Governor Tilda Marsh"));
    assert_eq!(content(t, at), "that the dry spell will end soon");
    // A passive still has no source before it.
    let t = "The crew was told the storm would pass by noon.";
    assert!(run(t).attributions.is_empty());
}

#[test]
fn a_relative_pronoun_is_the_source_and_refers_to_the_phrase_before_it() {
    let t = "The council hired Oskar Brandt, a bridge engineer, who said the old span \
             could carry no more trucks.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert_eq!(at.claimer.as_deref(), Some("who"));
    assert_eq!(content(t, at), "the old span could carry no more trucks");
    let c = a.claims.iter().find(|c| c.attribution.is_some()).unwrap();
    assert_eq!(a.claimer_name(c), Some("Oskar Brandt"));
    // An appositive the pronoun qualifies is the name too.
    let t = "Mara Quist, a retired judge who warned that the dam would fail, spoke last.";
    let a = run(t);
    let at = by_cue(t, &a, "warned");
    assert_eq!(at.claimer.as_deref(), Some("who"));
    let c = a.claims.iter().find(|c| c.attribution.is_some()).unwrap();
    assert_eq!(a.claimer_name(c), Some("Mara Quist"));
    // With no name right before it, "who" stays unresolved rather than taking an
    // earlier person.
    let t = "Lena Varga chaired the hearing. The plan angered farmers, who argued that \
             the new canal would drain their wells.";
    let a = run(t);
    let at = by_cue(t, &a, "argued");
    assert_eq!(at.claimer.as_deref(), Some("who"));
    assert_eq!(content(t, at), "that the new canal would drain their wells");
    assert_eq!(at.claimer_actor, None);
}

#[test]
fn an_interrupted_quotation_resumes_after_a_longer_frame() {
    let t = "“The plan is sound,” Mayor Linda Carter said at a meeting on Monday, \
             “and the bridge will be finished on time.”";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert_eq!(at.fragments.len(), 2, "{at:?}");
    assert_eq!(&t[at.fragments[0].clone()], "“The plan is sound,”");
    assert!(t[at.fragments[1].clone()].starts_with("“and the bridge"));
    assert_eq!(a.attributions.len(), 1, "{:?}", a.attributions);

    let t = "“It works,” the engineer wrote in a letter to the board, and “it costs less.”";
    let a = run(t);
    let at = by_cue(t, &a, "wrote");
    assert_eq!(at.fragments.len(), 2, "{at:?}");
    assert!(t[at.fragments[1].clone()].starts_with("“it costs less"));

    // A quotation mark later in the frame that does not resume the quote is no fragment.
    let t = "“It works,” the engineer said, describing the “temporary” deck in detail.";
    let a = run(t);
    let at = by_cue(t, &a, "said");
    assert!(at.fragments.is_empty(), "{at:?}");
    assert_eq!(content(t, at), "“It works,”");
}

#[test]
fn a_second_statement_after_and_ends_the_first_content() {
    let t = "The auditor said the budget was balanced and warned that the repairs would \
             cost four million dollars.";
    let a = run(t);
    let said = by_cue(t, &a, "said");
    assert_eq!(content(t, said), "the budget was balanced");
    let warned = by_cue(t, &a, "warned");
    assert_eq!(warned.claimer.as_deref(), Some("The auditor"));
    assert_eq!(
        content(t, warned),
        "that the repairs would cost four million dollars"
    );
}
