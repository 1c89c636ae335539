//! Actor recognition: dictionary names, "`<demonym> <force>`" phrases, titles with names,
//! document-level references, and the backing the text states.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use sitrep_lexicon::index::{Entry, FLAG_CAPS_ONLY, FLAG_PRIMARY};
use sitrep_lexicon::normalize::{fold_word, is_article};

use super::{Actor, ActorMentionOut, Dictionary, Organs, Relation};
use crate::diagnostic::Diagnostic;
use crate::text::tokens::{
    Folds, Names, Token, clitic_readings, is_function_word, is_title, lower_case, walk,
    walk_after_first_word,
};
use crate::text::word_table::WordTable;

/// Arabic clitics tried off the first word: the conjunctions and prepositions (and li- before
/// the article) that stand before an actor's name.
const ARABIC_CLITICS: &[(&str, &str)] = &[
    ("و", ""),
    ("ف", ""),
    ("ب", ""),
    ("ل", ""),
    ("ك", ""),
    ("لل", "ال"),
    ("وال", "ال"),
    ("بال", "ال"),
    ("ولل", "ال"),
];

/// Words after a demonym or a state's name that make the phrase one of its institutions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Organ {
    Government,
    ArmedForces,
    Army,
    AirForce,
    Navy,
    Police,
    Intelligence,
    Militias,
}

/// (words, organ): the longest first.
const ORGAN_WORDS: &[(&[&str], Organ)] = &[
    (&["air", "forces"], Organ::AirForce),
    (&["air", "force"], Organ::AirForce),
    (&["drone", "aircraft"], Organ::AirForce),
    (&["unmanned", "drone"], Organ::AirForce),
    (&["unmanned", "drones"], Organ::AirForce),
    (&["unmanned", "aircraft"], Organ::AirForce),
    (&["air", "strikes"], Organ::AirForce),
    (&["air", "strike"], Organ::AirForce),
    (&["special", "forces"], Organ::ArmedForces),
    (&["ground", "forces"], Organ::Army),
    (&["security", "forces"], Organ::ArmedForces),
    (&["government", "forces"], Organ::ArmedForces),
    (&["army", "forces"], Organ::Army),
    (&["warplanes"], Organ::AirForce),
    (&["warplane"], Organ::AirForce),
    (&["jet"], Organ::AirForce),
    (&["jets"], Organ::AirForce),
    (&["aircraft"], Organ::AirForce),
    (&["planes"], Organ::AirForce),
    (&["airstrikes"], Organ::AirForce),
    (&["airstrike"], Organ::AirForce),
    (&["drones"], Organ::AirForce),
    (&["drone"], Organ::AirForce),
    (&["helicopters"], Organ::AirForce),
    (&["helicopter"], Organ::AirForce),
    (&["gunships"], Organ::AirForce),
    (&["gunship"], Organ::AirForce),
    (&["army"], Organ::Army),
    (&["troops"], Organ::ArmedForces),
    (&["soldiers"], Organ::ArmedForces),
    (&["soldier"], Organ::ArmedForces),
    (&["forces"], Organ::ArmedForces),
    (&["force"], Organ::ArmedForces),
    (&["military"], Organ::ArmedForces),
    (&["navy"], Organ::Navy),
    (&["warships"], Organ::Navy),
    (&["government"], Organ::Government),
    (&["authorities"], Organ::Government),
    (&["regime"], Organ::Government),
    (&["officials"], Organ::Government),
    (&["police"], Organ::Police),
    (&["intelligence"], Organ::Intelligence),
    (&["militias"], Organ::Militias),
    (&["militia"], Organ::Militias),
];

/// What a found span refers to.
#[derive(Clone, Debug)]
enum Target {
    Known(u32),
    /// A pattern-only actor: (id, name, kind, country).
    Generic(String, String, &'static str, String),
}

/// The dictionary's names found in a text, before the context-dependent readings
/// ([`Dictionary::scan`]).
pub struct ActorScan {
    found: Vec<Found>,
    marks: Vec<u16>,
    /// The tokens "regime" with no name before it ("Regime forces", "a regime helicopter").
    bare_regimes: Vec<usize>,
}

/// Kinds of armed group whose country is where they fight, not a state that may fight abroad.
const LOCAL_KINDS: &[&str] = &["rebel group", "militia", "jihadist group"];

impl ActorScan {
    /// Byte spans of the names found of more than one word.
    pub fn long_names(&self) -> Vec<(usize, usize)> {
        self.found.iter().filter(|f| f.last > f.first).map(|f| (f.byte_start, f.byte_end)).collect()
    }

    /// The countries of the armed groups found, with their number of mentions: a text about
    /// HTS is about Syria ("HTS fighters clashed in Foah" is not Fuwwah in Egypt).
    ///
    /// In a text that names no actor of any country, "the regime" with no name before it
    /// counts for the state the actor stage then reads it as (`regime_default`: in reporting on
    /// these wars, Syria's): an ACLED note "Regime forces shelled as-Salaymiyeh" is about
    /// Syria, not Kuwait. (Beside the US or Iraqi forces, "former regime officials" may be
    /// Saddam's.)
    pub fn group_countries(&self, dict: &Dictionary) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = dict
            .countries_found(&self.found, |r| LOCAL_KINDS.contains(&r.kind.as_str()))
            .into_iter()
            .map(|(c, n)| (c.to_owned(), n))
            .collect();
        // (The dictionary's own "regime forces" names no country of its own.)
        let any_country = self.found.iter().any(|f| match f.target {
            Target::Known(id) => {
                !dict.record(id).country.is_empty() && !self.bare_regimes.contains(&f.first)
            }
            _ => false,
        });
        let n = self.bare_regimes.len();
        if let Some(state) = dict.regime_default.filter(|_| n > 0 && !any_country) {
            let country = &dict.record(state).country;
            match counts.iter_mut().find(|(c, _)| c == country) {
                Some((_, k)) => *k += n,
                None => counts.push((country.clone(), n)),
            }
        }
        counts
    }
}

/// A walk's longest match: its last token and the index entries.
type WalkMatch<'i> = (usize, &'i [u32]);

#[derive(Clone, Debug)]
struct Found {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    first: usize,
    last: usize,
    target: Target,
}

impl Found {
    /// A find covering tokens `first..=last`.
    fn over(tokens: &[Token], first: usize, last: usize, target: Target) -> Found {
        Found {
            start: tokens[first].cstart,
            end: tokens[last].cend,
            byte_start: tokens[first].start,
            byte_end: tokens[last].end,
            first,
            last,
            target,
        }
    }
}

/// What actor recognition found in a text.
#[derive(Clone, Debug, Default)]
pub struct ActorMentions {
    /// Actors in order of first mention.
    pub actors: Vec<Actor>,
    /// Relations the text states.
    pub relations: Vec<Relation>,
    /// Remarks (validity periods).
    pub diagnostics: Vec<Diagnostic>,
    /// Character spans of every actor mention, for telling places inside names apart.
    pub spans: Vec<(usize, usize)>,
    /// Character spans of every mention the text makes a backer ("US" in "the US-backed SDF"),
    /// each time it says so: [`ActorMentions::relations`] keeps one statement of each relation.
    pub backers: Vec<(usize, usize)>,
}

fn lower<'t>(text: &'t str, t: &Token) -> Cow<'t, str> {
    lower_case(&text[t.start..t.end])
}

/// Whether the letters of `surface` (less a plural "s": "PMUs") are those of one of
/// `abbreviations`: "AH" of "AH-64" is not "AAH", whose key it shares.
fn spells_one_of(surface: &str, abbreviations: &[String]) -> bool {
    let mut own: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    if own.last().is_some_and(|&c| plural_s(own.len(), c)) {
        own.pop();
    }
    abbreviations.iter().any(|a| a.chars().filter(|c| c.is_alphabetic()).eq(own.iter().copied()))
}

/// Whether `last`, the last of `count` letters, is the plural "s" an abbreviation may take
/// ("PMUs"): a final lower-case "s" after at least two letters.
fn plural_s(count: usize, last: char) -> bool {
    last == 's' && count >= 3
}

fn is_caps_form(surface: &str) -> bool {
    // Abbreviations match as written in capitals; a plural "s" may follow ("PMUs"). Counted
    // in place: this runs for every dictionary match.
    let mut letters = surface.chars().filter(|c| c.is_alphabetic());
    let (mut count, mut lowercase, mut last) = (0, 0, ' ');
    for c in letters.by_ref() {
        count += 1;
        last = c;
        lowercase += usize::from(c.is_lowercase());
    }
    if plural_s(count, last) {
        count -= 1;
        lowercase -= 1;
    }
    count > 0 && lowercase == 0
}

impl Dictionary {
    /// Finds the actors of a text. `published` (an ISO date) lets mentions outside an actor's
    /// validity period be flagged.
    ///
    /// `context_country` (ISO alpha-2) is the country the text is mostly about, from its places:
    /// a bare "regime" is that country's government ("Regime forces shelled Duma").
    pub fn recognize(
        &self,
        text: &str,
        tokens: &[Token],
        folds: &mut Folds<'_>,
        published: Option<&str>,
        context_country: Option<&str>,
    ) -> ActorMentions {
        let scan = self.scan(text, tokens, folds, published);
        self.finish(text, tokens, folds, published, context_country, scan)
    }

    /// The first step of [`Dictionary::recognize`]: the dictionary's names in the text, which
    /// need no context. The places stage reads the countries of the armed groups found
    /// ([`ActorScan::group_countries`]) before the second step needs its context country.
    pub fn scan(
        &self,
        text: &str,
        tokens: &[Token],
        folds: &mut Folds<'_>,
        published: Option<&str>,
    ) -> ActorScan {
        let mut found: Vec<Found> = Vec::new();
        let mut buf = String::new();
        // One pass over the words: each is marked for the later passes, and a dictionary
        // match is tried at each that no earlier match covers.
        let mut marks = vec![0u16; tokens.len()];
        let mut after_the = false;
        let mut free = 0;
        let mut bare_regimes = Vec::new();
        for i in 0..tokens.len() {
            let t = &tokens[i];
            let word = &text[t.start..t.end];
            let class = if !t.arabic {
                self.word_classes.get(word)
            } else if arabic_reference(word).is_some() {
                W_REFERENCE
            } else {
                0
            };
            // (Arabic writes the article onto the word: "التنظيم" is "the organization".)
            marks[i] = mark(text, tokens, i, class, after_the || t.arabic);
            if class & W_REGIME != 0 && is_bare_regime(text, tokens, i) {
                bare_regimes.push(i);
            }
            after_the = class & W_THE != 0;
            if i >= free
                && let Some(f) = self.match_at(text, tokens, folds, i, class, published, &mut buf)
            {
                free = f.last + 1;
                found.push(f);
            }
        }
        ActorScan { found, marks, bare_regimes }
    }

    /// The second step of [`Dictionary::recognize`]: organs, coordination, attributions,
    /// media, titled persons and references, once the country the text is about is known.
    pub fn finish(
        &self,
        text: &str,
        tokens: &[Token],
        folds: &mut Folds<'_>,
        published: Option<&str>,
        context_country: Option<&str>,
        scan: ActorScan,
    ) -> ActorMentions {
        let ActorScan { mut found, marks, .. } = scan;
        let mut relations = Vec::new();
        // The country the text is about: from its places, else the one most of the actors found
        // so far belong to ("Islamist faction fighters shelled regime positions").
        let context_state = context_country
            .and_then(|iso| self.state_of(iso))
            .or_else(|| self.country_of_actors(&found));
        self.extend_with_organs(text, tokens, &marks, folds, context_state, &mut found);
        self.expand_coordination(text, tokens, folds, context_state, &mut found);
        self.add_hedged_attribution(text, tokens, &marks, context_state, &mut found);
        self.add_quoted_media(text, tokens, &marks, folds, &mut found);
        self.add_titled_persons(text, tokens, &marks, &mut found);
        self.add_references(text, tokens, &marks, &mut found);
        found.sort_by_key(|f| (f.start, f.end));
        found.retain(|f| !self.state_as_place(text, tokens, f));
        let mut backers = Vec::new();
        self.backing(text, tokens, &found, &mut relations, &mut backers);
        let mut out = self.collect(text, found, relations, published);
        out.backers = backers;
        out
    }

    /// The catch-all records a common word refers to ("rebels"), with their countries.
    fn generic_word_actors<'a>(
        &'a self,
        word: &'a str,
    ) -> impl Iterator<Item = (&'a str, u32)> + 'a {
        self.generic_words
            .iter()
            .filter(move |(w, ..)| w.eq_ignore_ascii_case(word))
            .map(|(_, country, id)| (country.as_str(), *id))
    }

    /// The state a modifier names: "regime" the one in context, a demonym its state.
    fn state_named_by(&self, word: &str, context_state: Option<u32>) -> Option<u32> {
        if word.eq_ignore_ascii_case("regime") {
            return context_state.or(self.regime_default);
        }
        let mut k = String::new();
        fold_word(word, true, &mut k);
        self.demonym(&k)
    }

    /// The state most of the found actors with a country belong to, when one leads.
    fn country_of_actors(&self, found: &[Found]) -> Option<u32> {
        let mut counts = self.countries_found(found, |_| true);
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        match counts.as_slice() {
            [(c, _)] => self.state_of(c),
            [(c, a), (_, b), ..] if a > b => self.state_of(c),
            _ => None,
        }
    }

    /// The countries of the dictionary actors found that `keep` accepts, with their number of
    /// finds, in order of first find.
    fn countries_found(
        &self,
        found: &[Found],
        keep: impl Fn(&sitrep_lexicon::actor::ActorRecord) -> bool,
    ) -> Vec<(&str, usize)> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for f in found {
            let Target::Known(id) = f.target else { continue };
            let r = self.record(id);
            if r.country.is_empty() || !keep(r) {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| *c == r.country) {
                Some((_, n)) => *n += 1,
                None => counts.push((r.country.as_str(), 1)),
            }
        }
        counts
    }

    /// Whether a state's name is used as a place, not an actor: after a locative preposition
    /// ("in Syria", "between Iran and Iraq", "بسوريا", "إلى العراق") or in a list of places
    /// joined by dashes ("Iraq - Jordan - Damascus"). The place stage reports it as a country.
    fn state_as_place(&self, text: &str, tokens: &[Token], f: &Found) -> bool {
        let Target::Known(id) = f.target else { return false };
        if self.record(id).kind != "state" {
            return false;
        }
        // Not "between" or "with" ("an agreement between Russia and Turkey"), nor Arabic من,
        // which is also "by" ("المدعومة من الولايات المتحدة").
        const LOCATIVE: &[&str] = &[
            "in",
            "into",
            "to",
            "from",
            "across",
            "towards",
            "toward",
            "through",
            "near",
            "inside",
            "outside",
            "within",
            "throughout",
            "around",
            "via",
            "في",
            "الي",
            "نحو",
            "عبر",
            "داخل",
            "قرب",
        ];
        let t = &tokens[f.first];
        // An Arabic preposition written on the name: بـ (in), لـ (to).
        let clitic = &text[t.start..f.byte_start];
        if clitic.contains(['ب', 'ل']) {
            return true;
        }
        // " - " with spaces: a list of places, not "US-backed".
        let dashed = |a: usize, b: usize| {
            let gap = &text[tokens[a].end..tokens[b].start];
            gap.trim() == "-" && gap.len() > 1
        };
        if (f.first > 0 && dashed(f.first - 1, f.first))
            || (f.last + 1 < tokens.len() && dashed(f.last, f.last + 1))
        {
            return true;
        }
        // "the road between Iraq and Syria", "the border between Syria and Turkey": the states
        // a road or border joins are places.
        const LINKS: &[&str] = &[
            "road", "roads", "border", "borders", "route", "routes", "highway", "corridor", "line",
        ];
        // (Compared in place: every mention of a state asks.)
        let is = |k: usize, w: &str| text[tokens[k].start..tokens[k].end].eq_ignore_ascii_case(w);
        let between = (f.first.saturating_sub(6)..f.first).rev().find(|&b| {
            is(b, "between")
                && !text[tokens[b].end..tokens[f.first].start].contains(['.', ';', ':', '!', '?'])
                && (b + 1..f.first).all(|k| tokens[k].cap || is(k, "and") || is(k, "the"))
        });
        if between.is_some_and(|b| b > 0 && LINKS.iter().any(|w| is(b - 1, w))) {
            return true;
        }
        let Some(p) = f.first.checked_sub(1) else { return false };
        let prev = if tokens[p].arabic {
            let mut prev = String::new();
            fold_word(&text[tokens[p].start..tokens[p].end], true, &mut prev);
            Cow::Owned(prev)
        } else {
            lower(text, &tokens[p])
        };
        LOCATIVE.contains(&&*prev)
    }

    /// The longest dictionary or demonym-organ match starting at token `i`.
    #[allow(clippy::too_many_arguments)]
    fn match_at(
        &self,
        text: &str,
        tokens: &[Token],
        folds: &mut Folds<'_>,
        i: usize,
        class: u32,
        published: Option<&str>,
        buf: &mut String,
    ) -> Option<Found> {
        let t = &tokens[i];
        let word = &text[t.start..t.end];
        // Cheap tests on the token's flags and word lists first: this runs on every word.
        let hyphenated_article = word.len() <= 3
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.joined && n.cap && text[t.end..n.start].contains('-'))
            && is_article(word);
        let starts = t.arabic
            || t.all_caps
            || (t.cap && !is_function_word(word))
            || hyphenated_article
            || (!t.cap && class & W_LOWERCASE_START != 0);
        if !starts {
            return None;
        }
        // A word that begins no name: no walk (an article starts one through the next word).
        let key = folds.get(tokens, i, true);
        let plain = match key.0 {
            sitrep_lexicon::normalize::Folded::Article => {
                walk(&self.names, Names::Actors, tokens, folds, i, None, buf)
            }
            sitrep_lexicon::normalize::Folded::Word(_) => {
                self.after_first_word(key.1).and_then(|first| {
                    walk_after_first_word(&self.names, Names::Actors, first, tokens, folds, i, buf)
                })
            }
            sitrep_lexicon::normalize::Folded::Empty => None,
        };
        if !t.arabic {
            return plain.and_then(|(last, entries)| {
                self.found(text, tokens, i, 0, 0, last, entries, published)
            });
        }
        let mut attempts: Vec<(usize, usize, Option<WalkMatch>)> = vec![(0, 0, plain)];
        {
            for r in clitic_readings(word, ARABIC_CLITICS) {
                let m = walk(&self.names, Names::Actors, tokens, folds, i, Some(&r.word), buf);
                attempts.push((r.skip_chars, r.skip_bytes, m));
            }
        }
        // Longest match, fewest skipped characters.
        let (skip_chars, skip_bytes, (last, entries)) = attempts
            .into_iter()
            .filter_map(|(c, b, m)| m.map(|m| (c, b, m)))
            .min_by_key(|(c, _, (last, _))| (std::cmp::Reverse(*last), *c))?;
        self.found(text, tokens, i, skip_chars, skip_bytes, last, entries, published)
    }

    /// A match as a found actor, once abbreviations are checked against the text's case.
    #[allow(clippy::too_many_arguments)]
    fn found(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        skip_chars: usize,
        skip_bytes: usize,
        last: usize,
        entries: &[u32],
        published: Option<&str>,
    ) -> Option<Found> {
        let t = &tokens[i];
        let byte_start = t.start + skip_bytes;
        let byte_end = tokens[last].end;
        let surface = &text[byte_start..byte_end];
        let caps = is_caps_form(surface);
        let entries = entries.iter().map(|&e| Entry(e)).filter(|e| {
            !e.has(FLAG_CAPS_ONLY)
                || caps && spells_one_of(surface, &self.record(e.id() as u32).abbreviations)
        });
        // A lower-case match must be a name written in lower case ("popular crowd"), not the
        // lower-case spelling of a capitalised one.
        let id = self.choose(entries, published)?;
        Some(Found {
            start: t.cstart + skip_chars,
            end: tokens[last].cend,
            byte_start,
            byte_end,
            first: i,
            last,
            target: Target::Known(id),
        })
    }

    /// Of several records under one name, the one valid at the publication date, else the one
    /// whose own name it is, else the first.
    fn choose(&self, entries: impl Iterator<Item = Entry>, published: Option<&str>) -> Option<u32> {
        let valid = |e: &Entry| published.is_none_or(|p| within(self.record(e.id() as u32), p));
        entries
            .max_by_key(|e| (valid(e), e.has(FLAG_PRIMARY), std::cmp::Reverse(e.id())))
            .map(|e| e.id() as u32)
    }

    /// "`<demonym or state> <organ>`": "Iraqi army", "Russian warplanes", "US drone aircraft",
    /// "Iranian militias". A state found alone is widened to its organ when one follows.
    fn extend_with_organs(
        &self,
        text: &str,
        tokens: &[Token],
        marks: &[u16],
        folds: &mut Folds<'_>,
        context_state: Option<u32>,
        found: &mut Vec<Found>,
    ) {
        let mut extra = Vec::new();
        let mut covered = vec![false; tokens.len()];
        let mut starts: Vec<Option<usize>> = vec![None; tokens.len()];
        for (k, f) in found.iter().enumerate() {
            covered[f.first..=f.last].iter_mut().for_each(|c| *c = true);
            starts[f.first] = Some(k);
        }
        // The words of the finds made below.
        let mut claimed = vec![false; tokens.len()];
        for i in marked(marks, MARK_ORGAN) {
            if claimed[i] {
                continue;
            }
            let t = &tokens[i];
            // Arabic puts the demonym after its noun: "الميليشيات الإيرانية" (the Iranian
            // militias), "فصائل عراقية" (Iraqi factions), "الميليشيات الإيرانية والعراقية" (the
            // Iranian and Iraqi militias, each a generic actor of its state).
            if t.arabic && !covered[i] && is_arabic_militia_noun(&text[t.start..t.end]) {
                let mut k = i + 1;
                while let Some(n) = tokens.get(k).filter(|n| n.joined && n.arabic && !covered[k]) {
                    let word = &text[n.start..n.end];
                    let and = k > i + 1;
                    let Some(adjective) = (if and { word.strip_prefix('و') } else { Some(word) })
                    else {
                        break;
                    };
                    let Some(state) = self.arabic_demonym(adjective) else { break };
                    let organs = self.organs.get(&state).copied().unwrap_or_default();
                    let first = if and { k } else { i };
                    // Named with the noun it shares, without the conjunction: "الميليشيات
                    // العراقية", not "والعراقية".
                    let name = if and {
                        format!("{} {adjective}", &text[t.start..t.end])
                    } else {
                        text[tokens[first].start..n.end].to_string()
                    };
                    let target = self.organ_target(state, Organ::Militias, &organs, &name);
                    claim(&mut extra, &mut claimed, Found::over(tokens, first, k, target));
                    k += 1;
                }
                if k > i + 1 {
                    continue;
                }
            }
            // "regime" alone is the government of the country the text is about: "Regime
            // forces", "a regime sniper", "regime helicopters"; "police" and "policemen" its
            // police.
            let word = &text[t.start..t.end];
            let regime = marks[i] & MARK_REGIME != 0;
            let police = marks[i] & MARK_POLICE != 0;
            // Bare soldiers and troops are the army of the country the text is about; so is an
            // armoured or military column (not a column of smoke or a newspaper's); so are
            // "security forces", unless a capitalised word before says whose ("Kurdish security
            // forces"), and "other units", whose "other" points back to forces named before
            // ("Troops moved out of Rutba, while other units gathered in Hit"; not "housing
            // units"). Likewise "military forces".
            let previous = |words: &[&str]| {
                i > 0 && is_one_of(&text[tokens[i - 1].start..tokens[i - 1].end], words)
            };
            let security =
                word.eq_ignore_ascii_case("security") || word.eq_ignore_ascii_case("military");
            let soldiers = marks[i] & MARK_SOLDIER != 0
                && if word.eq_ignore_ascii_case("column") {
                    previous(COLUMN_KINDS)
                } else if security {
                    word_after_is(text, tokens, i, &["forces", "personnel"])
                        && tokens[i + 1].joined
                        && !(i > 0
                            && tokens[i].joined
                            && (tokens[i - 1].cap || tokens[i - 1].all_caps))
                } else if word.eq_ignore_ascii_case("units") {
                    tokens[i].joined && previous(&["other"])
                } else {
                    true
                };
            // With no country in the text, "the regime" is the one the dictionary names
            // (`regime_default`: in reporting on these wars, Syria's).
            let state = match context_state {
                None if regime && word.eq_ignore_ascii_case("regime") => self.regime_default,
                state => state,
            };
            // "ISIL shock troops": another's, named just before (not "the police and
            // soldiers", where "and" starts a new one).
            let anothers = soldiers
                && !regime
                && (i.saturating_sub(2)..i).any(|j| covered[j])
                && !previous(&["and", "or"]);
            if !covered[i]
                && let Some(state) = state
                && (regime || police || soldiers)
                && !(i > 0 && tokens[i].joined && covered[i - 1])
                && !anothers
            {
                let organs = self.organs.get(&state).copied().unwrap_or_default();
                let (target, last) = match organ_after(text, tokens, i).filter(|_| regime) {
                    Some((organ, last)) => (
                        self.organ_target(state, organ, &organs, &text[t.start..tokens[last].end]),
                        last,
                    ),
                    // "a regime sniper", "regime positions", "a regime tank": its forces.
                    // "Regime and loyalist militiamen": coordinated with other armed men.
                    None if regime
                        && (military_phrase_after(text, tokens, i)
                            || coordinated_with_forces(text, tokens, i)) =>
                    {
                        (self.organ_target(state, Organ::ArmedForces, &organs, word), i)
                    }
                    None if soldiers => {
                        let last = if security { i + 1 } else { i };
                        let words = &text[t.start..tokens[last].end];
                        (self.organ_target(state, Organ::ArmedForces, &organs, words), last)
                    }
                    None if police => {
                        let last = organ_after(text, tokens, i).map_or(i, |(_, l)| l);
                        (
                            self.organ_target(
                                state,
                                Organ::Police,
                                &organs,
                                &text[t.start..tokens[last].end],
                            ),
                            last,
                        )
                    }
                    None if word.eq_ignore_ascii_case("government") => continue,
                    None => match organs.government {
                        Some(g) => (Target::Known(g), i),
                        None => continue,
                    },
                };
                claim(&mut extra, &mut claimed, Found::over(tokens, i, last, target));
                continue;
            }
            // "rebels", "loyalists": the catch-all actor of the country in context.
            if !covered[i]
                && marks[i] & MARK_GENERIC != 0
                && let Some(state) = context_state
                && let Some((_, id)) = self
                    .generic_word_actors(word)
                    .find(|(country, _)| *country == self.record(state).country)
            {
                claim(&mut extra, &mut claimed, Found::over(tokens, i, i, Target::Known(id)));
                continue;
            }
            if !(t.cap || t.all_caps || t.arabic) {
                continue;
            }
            // The state: a demonym, or a state's name the dictionary matched on its own.
            let state = match starts[i] {
                Some(k) => match found[k].target {
                    Target::Known(id) if self.record(id).kind == "state" => {
                        Some((id, found[k].last, Some(k)))
                    }
                    _ => None,
                },
                None if !covered[i] => {
                    // Short keys collide with function words ("The" folds like "Thai").
                    let word = &text[t.start..t.end];
                    let function_word = ["the", "this", "that", "then", "they", "there"]
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(word));
                    let key = folds.get(tokens, i, true).1;
                    if key.chars().count() < 3 || function_word {
                        None
                    } else {
                        self.demonym(key).map(|id| (id, i, None))
                    }
                }
                None => None,
            };
            let Some((state, last, index)) = state else { continue };
            // "Iran-backed militias": the militias are an actor of their own, backed by the
            // state (the relation is read with the others).
            if let Some(b) = tokens.get(last + 1)
                && b.joined
                && text[tokens[last].end..b.start].contains('-')
                && matches!(&*lower(text, b), "backed" | "supported" | "sponsored" | "funded")
                && let Some((organ, organ_last)) = organ_after(text, tokens, last + 1)
            {
                let what = match organ {
                    Organ::Militias => "militias",
                    _ => "forces",
                };
                let words = &text[t.start..tokens[organ_last].end];
                claim(
                    &mut extra,
                    &mut claimed,
                    Found::over(
                        tokens,
                        last + 2,
                        organ_last,
                        Target::Generic(
                            format!("generic:{}-backed-{what}", self.record(state).id),
                            collapse(words),
                            if what == "militias" { "militia" } else { "armed forces" },
                            String::new(),
                        ),
                    ),
                );
                if index.is_none() {
                    claim(
                        &mut extra,
                        &mut claimed,
                        Found::over(tokens, i, last, Target::Known(state)),
                    );
                }
                continue;
            }
            // "Turkish shelling", "a Turkish tank"; "Turkish and allied JSH forces": the state's
            // forces, named by the adjective alone.
            let Some((organ, organ_last)) = organ_after(text, tokens, last).or_else(|| {
                (index.is_none()
                    && (military_noun_after(text, tokens, last)
                        && !word_after_is(text, tokens, last, &["fighter", "fighters"])
                        || coordinated_with_forces(text, tokens, last)))
                .then_some((Organ::ArmedForces, last))
            }) else {
                continue;
            };
            let organs = self.organs.get(&state).copied().unwrap_or_default();
            let target =
                self.organ_target(state, organ, &organs, &text[t.start..tokens[organ_last].end]);
            let f = Found::over(tokens, i, organ_last, target);
            match index {
                Some(k) => {
                    claimed[f.first..=f.last].fill(true);
                    found[k] = f;
                }
                None => claim(&mut extra, &mut claimed, f),
            }
        }
        drop_covered(found, &extra);
        found.extend(extra);
    }

    fn organ_target(&self, state: u32, organ: Organ, organs: &Organs, words: &str) -> Target {
        let pick = match organ {
            Organ::Government => organs.government,
            Organ::ArmedForces => organs.armed_forces,
            Organ::Army => organs.army.or(organs.armed_forces),
            Organ::AirForce => organs.air_force.or(organs.armed_forces),
            Organ::Navy => organs.navy.or(organs.armed_forces),
            Organ::Police => organs.police,
            Organ::Intelligence => organs.intelligence,
            Organ::Militias => organs.militias,
        };
        match pick {
            Some(id) => Target::Known(id),
            None => {
                let r = self.record(state);
                let (kind, what) = match organ {
                    Organ::Militias => ("militia", "militias"),
                    Organ::Government => ("government", "government"),
                    Organ::Police => ("police", "police"),
                    Organ::Intelligence => ("intelligence", "intelligence"),
                    _ => ("armed forces", "armed-forces"),
                };
                Target::Generic(
                    format!("generic:{}-{what}", r.id),
                    collapse(words),
                    kind,
                    r.country.clone(),
                )
            }
        }
    }

    /// "rebel and Islamist factions", "regime and/or Russian warplanes": the first modifier
    /// shares the head of the second, which the dictionary or the organ rule already matched.
    fn expand_coordination(
        &self,
        text: &str,
        tokens: &[Token],
        folds: &mut Folds<'_>,
        context_state: Option<u32>,
        found: &mut Vec<Found>,
    ) {
        let mut extra = Vec::new();
        let mut replaced = Vec::new();
        for f in found.iter() {
            // The modifier: one word before "and", "or" or "and/or" before the match.
            let Some(a) = f.first.checked_sub(1).and_then(|j| {
                let between = text[..tokens[f.first].start].trim_end();
                let rest = ["and/or", "and", "or"].iter().find_map(|c| between.strip_suffix(c))?;
                let rest = rest.trim_end();
                // The coordinator is one word ("and", "or") or two ("and/or").
                (j.saturating_sub(2)..=j).rev().find(|&k| tokens[k].end == rest.len())
            }) else {
                continue;
            };
            // A modifier matched on its own ("Regime" as the government) takes the shared head
            // instead; one inside a longer match is left alone.
            if found.iter().any(|g| g.first <= a && a <= g.last && g.first != g.last) {
                continue;
            }
            let head = f.first + 1..=f.last;
            if head.is_empty() {
                continue;
            }
            // The dictionary name "<modifier> <head>".
            let mut key = String::new();
            fold_word(&text[tokens[a].start..tokens[a].end], true, &mut key);
            for k in head.clone() {
                key.push_str(folds.get(tokens, k, false).1);
            }
            // An organ after the whole phrase names what both words share ("Regime and loyalist
            // militias forces" are forces, not "regime militias").
            let phrase_organ = organ_after(text, tokens, f.last);
            let word = &text[tokens[a].start..tokens[a].end];
            // Or a member of a government named for his state's forces, with the forces' word
            // after the whole phrase: "the Assad and Iraqi army forces".
            let state = self.state_named_by(word, context_state).or_else(|| {
                phrase_organ.filter(|&(o, _)| o != Organ::Government)?;
                let g = found.iter().find(|g| g.first == a && g.last == a)?;
                let Target::Known(id) = g.target else { return None };
                let r = self.record(id);
                let governs = r.member_of.iter().any(|&m| self.record(m).kind == "government");
                if r.kind == "person" && governs { self.state_of(&r.country) } else { None }
            });
            let mut target = if phrase_organ.is_some() && state.is_some() {
                None
            } else {
                self.names.get(&key).first().map(|&e| Target::Known(Entry(e).id() as u32))
            };
            // "<demonym or regime> <organ>".
            if target.is_none() {
                // The organ that ends the whole phrase wins ("Regime and loyalist militia forces"
                // are regime forces): after the second name, at its end, or right after its
                // first word ("regime and/or Russian warplanes").
                if let Some(state) = state
                    && let Some(organ) = phrase_organ
                        .map(|(o, _)| o)
                        .or_else(|| organ_ending_at(text, tokens, f.last))
                        .or_else(|| organ_after(text, tokens, f.first).map(|(o, _)| o))
                {
                    // "regime and allied militia positions": the regime's own are its forces.
                    let organ = if organ == Organ::Militias && word.eq_ignore_ascii_case("regime") {
                        Organ::ArmedForces
                    } else {
                        organ
                    };
                    let organs = self.organs.get(&state).copied().unwrap_or_default();
                    let words =
                        format!("{word} {}", &text[tokens[f.first + 1].start..tokens[f.last].end]);
                    target = Some(self.organ_target(state, organ, &organs, &words));
                }
            }
            if let Some(target) = target {
                replaced.push(a);
                extra.push(Found::over(tokens, a, a, target));
            }
        }
        found.retain(|g| !(g.first == g.last && replaced.contains(&g.first)));
        found.extend(extra);
    }

    /// "Warplanes, likely regime and/or Russian": an organ noun attributed, with a hedge, to one
    /// or more states (a demonym, or "regime" for the country in context).
    fn add_hedged_attribution(
        &self,
        text: &str,
        tokens: &[Token],
        marks: &[u16],
        context_state: Option<u32>,
        found: &mut Vec<Found>,
    ) {
        let mut extra = Vec::new();
        // The hedge word after the organ noun.
        for i in marked(marks, MARK_HEDGE).filter_map(|h| h.checked_sub(1)) {
            if i + 2 >= tokens.len() {
                continue;
            }
            let Some(organ) = ORGAN_WORDS
                .iter()
                .find(|(w, _)| {
                    w.len() == 1 && text[tokens[i].start..tokens[i].end].eq_ignore_ascii_case(w[0])
                })
                .map(|(_, o)| *o)
            else {
                continue;
            };
            if found.iter().any(|f| f.first <= i && i <= f.last) {
                continue;
            }
            // The modifiers: words after the hedge, joined by and / or, up to four.
            let mut j = i + 2;
            while j < tokens.len() && j <= i + 6 {
                let word = &text[tokens[j].start..tokens[j].end];
                if ["and", "or"].iter().any(|c| c.eq_ignore_ascii_case(word)) {
                    j += 1;
                    continue;
                }
                let Some(state) = self.state_named_by(word, context_state) else { break };
                let organs = self.organs.get(&state).copied().unwrap_or_default();
                let words = format!("{word} {}", &text[tokens[i].start..tokens[i].end]);
                extra.push(Found::over(
                    tokens,
                    j,
                    j,
                    self.organ_target(state, organ, &organs, &words),
                ));
                j += 1;
            }
        }
        // A modifier the hedge claims is no longer a bare "regime" (the government).
        found.retain(|f| !extra.iter().any(|e| e.first == f.first));
        found.extend(extra);
    }

    /// "Colonel X Y", "spokesman X Y": a person named after a title, where no dictionary name
    /// covers the name.
    fn add_titled_persons(
        &self,
        text: &str,
        tokens: &[Token],
        marks: &[u16],
        found: &mut Vec<Found>,
    ) {
        let mut extra = Vec::new();
        let title_at = |t: &Token| is_title(&text[t.start..t.end]);
        // Marked: a title followed by a capitalised word.
        for i in marked(marks, MARK_TITLE) {
            // The name: up to three capitalised words right after the title ("Brigadier
            // General X Y": after the last title word), one space apart.
            if tokens.get(i + 1).is_some_and(title_at) {
                continue;
            }
            let mut j = i + 1;
            let mut last = None;
            while j < tokens.len()
                && j <= i + 3
                && tokens[j].cap
                && !tokens[j].sentence_start
                && (j == i + 1 || tokens[j].spaced)
            {
                last = Some(j);
                j += 1;
            }
            let Some(last) = last else { continue };
            if found.iter().chain(&extra).any(|f| f.first <= last && i < f.last + 1) {
                continue;
            }
            let name = &text[tokens[i + 1].start..tokens[last].end];
            extra.push(Found::over(
                tokens,
                i + 1,
                last,
                Target::Generic(
                    format!("person:{}", crate::text::slug(name)),
                    collapse(name),
                    "person",
                    String::new(),
                ),
            ));
        }
        found.extend(extra);
    }

    /// A newspaper named in quotes after the word for it: `لصحيفة "الحياة"`, `the daily
    /// "Izvestia"`. The quoted words are looked up alone and after the word for newspaper
    /// (the dictionary has "صحيفة الحياة": "الحياة", life, alone is no name); only media records
    /// are taken.
    fn add_quoted_media(
        &self,
        text: &str,
        tokens: &[Token],
        marks: &[u16],
        folds: &mut Folds<'_>,
        found: &mut Vec<Found>,
    ) {
        const PAPERS: &[(&str, &str)] = &[
            ("صحيفة", "صحيفة"),
            ("جريدة", "جريدة"),
            ("newspaper", "newspaper"),
            ("daily", "daily"),
        ];
        let mut extra = Vec::new();
        // After the word for newspaper, an opening quote.
        for i in marked(marks, MARK_QUOTE_AFTER) {
            let word = &text[tokens[i].start..tokens[i].end];
            let Some(&(_, paper)) = PAPERS.iter().find(|(w, _)| {
                if tokens[i].arabic {
                    word.ends_with(w) && word.len() <= w.len() + 4
                } else {
                    word.eq_ignore_ascii_case(w)
                }
            }) else {
                continue;
            };
            // The closing quote within five words.
            let Some(last) = (i + 1..tokens.len().min(i + 6)).find(|&k| {
                text[tokens[k].end..tokens.get(k + 1).map_or(text.len(), |n| n.start)]
                    .contains(QUOTES)
            }) else {
                continue;
            };
            if found.iter().any(|f| f.first <= last && i < f.last) {
                continue;
            }
            let mut quoted = String::new();
            for k in i + 1..=last {
                quoted.push_str(folds.get(tokens, k, k == i + 1).1);
            }
            let mut with_paper = String::new();
            fold_word(paper, true, &mut with_paper);
            for k in i + 1..=last {
                with_paper.push_str(folds.get(tokens, k, false).1);
            }
            let media = [quoted, with_paper].iter().find_map(|key| {
                self.names
                    .get(key)
                    .iter()
                    .map(|&e| Entry(e).id() as u32)
                    .find(|&id| self.record(id).kind == "media")
            });
            if let Some(id) = media {
                extra.push(Found::over(tokens, i + 1, last, Target::Known(id)));
            }
        }
        found.extend(extra);
    }

    /// "the organization" (Islamic State, once named), "the regime", "the army", "the
    /// coalition", "the militia": the actor named earlier that the phrase stands for.
    fn add_references(&self, text: &str, tokens: &[Token], marks: &[u16], found: &mut Vec<Found>) {
        let mut extra = Vec::new();
        // Marked: one of REFERENCES after "the".
        for i in marked(marks, MARK_REFERENCE) {
            let raw = &text[tokens[i].start..tokens[i].end];
            let word = raw.to_ascii_lowercase();
            let arabic = arabic_reference(raw);
            let kinds: &[&str] = match word.as_str() {
                _ if arabic.is_some() => arabic.map_or(&[], |(_, kinds)| kinds),
                // In war reporting "the organization" is the Islamic State's standard epithet.
                "organization" | "organisation" => &["jihadist group"],
                "group" => &["jihadist group", "rebel group"],
                "regime" => &["government"],
                "army" => &["armed forces", "armed forces branch"],
                "coalition" => &["coalition"],
                "militia" | "militias" => &["militia"],
                _ => continue,
            };
            // The phrase is followed by a name of its own ("the army of X" is fine; "the
            // Army Corps" is not a reference). In Arabic, "النظام" with an adjective after it
            // is some other system ("النظام الانتخابي", the electoral system).
            let next = tokens.get(i + 1).filter(|n| n.joined);
            if next.is_some_and(|n| n.cap)
                || arabic.is_some_and(|(_, kinds)| kinds == ["government"])
                    && next.is_some_and(|n| text[n.start..n.end].starts_with("ال"))
            {
                continue;
            }
            if found.iter().any(|f| f.first <= i && i <= f.last) {
                continue;
            }
            let before = found
                .iter()
                .filter(|f| f.last < i)
                .filter_map(|f| match f.target {
                    // "the army" is the last actor called an army, whatever its kind (the
                    // Revolutionary Commando Army), else the last armed forces.
                    Target::Known(id) => {
                        let named = word == "army"
                            && text.as_bytes()[f.byte_start..f.byte_end]
                                .windows(4)
                                .any(|w| w.eq_ignore_ascii_case(b"army"));
                        (named || kinds.contains(&self.record(id).kind.as_str()))
                            .then_some((&f.target, named))
                    }
                    // "these militias" after "Iran-backed militias".
                    Target::Generic(_, _, kind, _) => {
                        kinds.contains(&kind).then_some((&f.target, false))
                    }
                })
                .collect::<Vec<_>>();
            let before = before
                .iter()
                .rev()
                .find(|(_, named)| *named)
                .or(before.last())
                .map(|(target, _)| (*target).clone());
            match (before, arabic) {
                (Some(target), None) => extra.push(Found::over(tokens, i - 1, i, target)),
                // The mention starts after the conjunction or preposition written onto it.
                (Some(target), Some((skip, _))) => {
                    let mut f = Found::over(tokens, i, i, target);
                    f.byte_start += skip;
                    f.start += raw[..skip].chars().count();
                    extra.push(f);
                }
                (None, _) => {}
            }
        }
        // "these forces", "هذه القوات": the armed actor named last before.
        for i in 1..tokens.len() {
            let (t, p) = (&tokens[i], &tokens[i - 1]);
            // (Every token is asked: its length turns nearly all away.)
            if t.end - t.start != "forces".len() && t.end - t.start != "القوات".len() {
                continue;
            }
            let (word, previous) = (&text[t.start..t.end], &text[p.start..p.end]);
            let demonstrative = if t.arabic {
                word == "القوات" && matches!(previous, "هذه" | "تلك")
            } else {
                word.eq_ignore_ascii_case("forces") && is_one_of(previous, &["these", "those"])
            };
            if !demonstrative || !t.joined || found.iter().any(|f| f.first <= i && i <= f.last) {
                continue;
            }
            let kind_of = |f: &Found| match &f.target {
                Target::Known(id) => self.record(*id).kind.as_str(),
                Target::Generic(_, _, kind, _) => kind,
            };
            if let Some(before) = found
                .iter()
                .filter(|f| f.last + 1 < i && sitrep_lexicon::actor::is_armed_kind(kind_of(f)))
                .max_by_key(|f| f.last)
            {
                extra.push(Found::over(tokens, i - 1, i, before.target.clone()));
            }
        }
        found.extend(extra);
    }

    /// "X-backed Y", "Y, supported by X", "with the support of X": X backs Y. In Arabic, "Y
    /// المدعوم من X" (Y backed by X) and "بدعم من X" or "بمساندة X" (with the support of X).
    fn backing(
        &self,
        text: &str,
        tokens: &[Token],
        found: &[Found],
        relations: &mut Vec<Relation>,
        backers: &mut Vec<(usize, usize)>,
    ) {
        let mut push = |kind: &str, from: &Found, to: &Found, a: usize, b: usize| {
            if kind == "backs" {
                backers.push((from.start, from.end));
            }
            push_relation(self, text, relations, kind, from, to, a, b);
        };
        for (k, f) in found.iter().enumerate() {
            // "X-backed Y".
            if let Some(b) = tokens.get(f.last + 1)
                && b.joined
                && text[tokens[f.last].end..b.start].contains('-')
                && let Some(y) =
                    found.get(k + 1).filter(|y| y.first > f.last + 1 && y.first <= f.last + 3)
            {
                match &*lower(text, b) {
                    "backed" | "supported" | "sponsored" | "funded" => {
                        push("backs", f, y, f.byte_start, y.byte_end)
                    }
                    // "the YPG-led SDF": the leader is a member of what it leads.
                    "led" => push("member_of", f, y, f.byte_start, y.byte_end),
                    _ => {}
                }
            }
            // "Y, supported by X" / "Y backed by X" / "with the support of X" (Y: the actor
            // before, in the same sentence).
            // The words before X, skipping an article ("supported by the United States").
            // (Compared in place: this runs for every mention, and most have none of these
            // words before them.)
            // (An Arabic word may carry "و", and: "وبمساندة".)
            let is = |j: usize, w: &str| {
                let word = &text[tokens[j].start..tokens[j].end];
                word.eq_ignore_ascii_case(w)
                    || tokens[j].arabic && word.strip_prefix('و').is_some_and(|rest| rest == w)
            };
            let skip = usize::from(f.first > 0 && is(f.first - 1, "the"));
            let before = |n: usize, words: &[&str]| {
                f.first.checked_sub(n + skip).is_some_and(|j| words.iter().any(|w| is(j, w)))
            };
            let by = before(1, &["by"])
                && before(2, &["supported", "backed", "sponsored", "funded", "armed"])
                || before(1, &["من"]) && before(2, ARABIC_BACKED);
            let support_of = before(1, &["of"]) && before(2, &["support"])
                || before(1, &["بدعم", "بمساندة"])
                || before(1, &["من"]) && before(2, &["بدعم", "بمساندة"]);
            if !(by || support_of) {
                continue;
            }
            let sentence_start =
                (0..=f.first).rev().find(|&j| tokens[j].sentence_start).unwrap_or(0);
            let backed = found[..k]
                .iter()
                .rev()
                .take_while(|y| y.first >= sentence_start)
                .find(|y| y.last + 6 >= f.first.saturating_sub(2) || by);
            if let Some(y) = backed {
                push("backs", f, y, y.byte_start, f.byte_end);
                // "supported by the United States and Britain": the second backer too (in
                // Arabic "و" is written onto it: "الولايات المتحدة وبريطانيا").
                if let Some(z) = found.get(k + 1)
                    && (z.first == f.last + 2 && lower(text, &tokens[f.last + 1]) == "and"
                        || z.first == f.last + 1
                            && tokens[z.first].arabic
                            && text[tokens[z.first].start..].starts_with('و'))
                {
                    push("backs", z, y, y.byte_start, z.byte_end);
                }
            }
        }
    }

    /// Groups mentions by actor and flags validity.
    fn collect(
        &self,
        text: &str,
        found: Vec<Found>,
        relations: Vec<Relation>,
        published: Option<&str>,
    ) -> ActorMentions {
        let mut out = ActorMentions { relations, ..ActorMentions::default() };
        // Where each actor is in `out.actors`: dictionary records by number, pattern-only
        // actors by id.
        let mut known: FxHashMap<u32, usize> = FxHashMap::default();
        let mut generic: FxHashMap<String, usize> = FxHashMap::default();
        for f in found {
            out.spans.push((f.start, f.end));
            let mention = ActorMentionOut {
                start: f.start,
                end: f.end,
                text: text[f.byte_start..f.byte_end].to_owned(),
            };
            // Build the actor only at its first mention.
            let seen = match &f.target {
                Target::Known(id) => known.get(id),
                Target::Generic(id, ..) => generic.get(id.as_str()),
            };
            if let Some(&k) = seen {
                out.actors[k].mentions.push(mention);
                continue;
            }
            let actor = match &f.target {
                Target::Known(id) => {
                    let r = self.record(*id);
                    let mut flags = Vec::new();
                    if let Some(p) = published
                        && !within(r, p)
                    {
                        let mut flag = format!(
                            "named outside its validity period ({} to {})",
                            if r.valid_from.is_empty() { "?" } else { &r.valid_from },
                            if r.valid_to.is_empty() { "now" } else { &r.valid_to }
                        );
                        if let Some(s) = r.successor {
                            flag.push_str(&format!("; became {}", self.record(s).name));
                        }
                        flags.push(flag);
                    }
                    Actor {
                        id: r.id.clone(),
                        name: r.name.clone(),
                        wiki: (!r.wiki.is_empty()).then(|| r.wiki.clone()),
                        kind: r.kind.clone(),
                        country: (!r.country.is_empty()).then(|| r.country.clone()),
                        mentions: vec![mention],
                        flags,
                    }
                }
                Target::Generic(id, name, kind, country) => Actor {
                    id: id.clone(),
                    name: name.clone(),
                    wiki: None,
                    kind: (*kind).to_owned(),
                    country: (!country.is_empty()).then(|| country.clone()),
                    mentions: vec![mention],
                    flags: Vec::new(),
                },
            };
            match f.target {
                Target::Known(id) => known.insert(id, out.actors.len()),
                Target::Generic(id, ..) => generic.insert(id, out.actors.len()),
            };
            out.actors.push(actor);
        }
        for a in &out.actors {
            for flag in &a.flags {
                out.diagnostics.push(Diagnostic::info(format!("actor {} {flag}", a.name)));
            }
        }
        out
    }
}

#[allow(clippy::too_many_arguments)]
fn push_relation(
    dict: &Dictionary,
    text: &str,
    relations: &mut Vec<Relation>,
    kind: &str,
    from: &Found,
    to: &Found,
    byte_start: usize,
    byte_end: usize,
) {
    let id = |f: &Found| match &f.target {
        Target::Known(i) => dict.record(*i).id.clone(),
        Target::Generic(id, ..) => id.clone(),
    };
    let (lo, hi) = (byte_start.min(byte_end), byte_start.max(byte_end));
    let start = text[..lo].chars().count();
    let evidence = ActorMentionOut {
        start,
        end: start + text[lo..hi].chars().count(),
        text: text[lo..hi].to_owned(),
    };
    let r = Relation { kind: kind.to_owned(), from: id(from), to: id(to), evidence };
    if r.from != r.to
        && !relations.iter().any(|o| o.kind == r.kind && o.from == r.from && o.to == r.to)
    {
        relations.push(r);
    }
}

/// The organ named right after token `last`, and its last token.
fn organ_after(text: &str, tokens: &[Token], last: usize) -> Option<(Organ, usize)> {
    // Most words begin no organ's words: one probe turns them away.
    static FIRST_WORDS: LazyLock<WordTable> = LazyLock::new(|| {
        let first: Vec<&str> = ORGAN_WORDS.iter().map(|(words, _)| words[0]).collect();
        WordTable::of(&first, 1)
    });
    let next = tokens.get(last + 1)?;
    if !FIRST_WORDS.is(&text[next.start..next.end], 1) {
        return None;
    }
    for (words, organ) in ORGAN_WORDS {
        let ok = words.iter().enumerate().all(|(k, w)| {
            tokens
                .get(last + 1 + k)
                .is_some_and(|t| t.joined && text[t.start..t.end].eq_ignore_ascii_case(w))
        });
        if ok {
            return Some((*organ, last + words.len()));
        }
    }
    None
}

/// Bits of the marks (see [`mark`]): a word the organ pass looks at (capitalised, Arabic, "regime",
/// "police", "soldiers", a generic word).
const MARK_ORGAN: u16 = 1;
/// A hedge ("likely") that may attribute the organ noun before it.
const MARK_HEDGE: u16 = 2;
/// A word that, after "the", refers back to an actor ("the organization").
const MARK_REFERENCE: u16 = 4;
/// A title before a capitalised word ("Colonel Muhannad").
const MARK_TITLE: u16 = 8;
/// An opening quote after the word.
const MARK_QUOTE_AFTER: u16 = 16;
/// "regime", "police", "soldiers", or a common word for a catch-all actor ("rebels"): the
/// words [`W_REGIME`], [`W_POLICE`], [`W_SOLDIER`] and [`W_GENERIC`] of the word table, kept
/// for the organ pass.
const MARK_REGIME: u16 = 32;
const MARK_POLICE: u16 = 64;
const MARK_SOLDIER: u16 = 128;
const MARK_GENERIC: u16 = 256;

/// Word-list bits of [`Dictionary::word_classes`].
const W_REGIME: u32 = 1;
const W_POLICE: u32 = 2;
const W_SOLDIER: u32 = 4;
const W_HEDGE: u32 = 8;
const W_REFERENCE: u32 = 16;
const W_TITLE: u32 = 32;
const W_THE: u32 = 64;
const W_GENERIC: u32 = 128;
/// The first word of a name written in lower case ("popular" of "popular crowd").
const W_LOWERCASE_START: u32 = 256;

/// The table of the word lists the marking pass tests every word against.
pub(super) fn word_classes(
    generic_words: &[(String, String, u32)],
    lowercase_starts: &[String],
) -> WordTable {
    // "government" marks like "regime", but only with an organ or a military noun after it
    // ("government forces", "government troops"): bare, it may be any country's.
    let mut t = WordTable::of(&["regime", "government"], W_REGIME);
    t.add(POLICE_WORDS, W_POLICE);
    t.add(SOLDIER_WORDS, W_SOLDIER);
    t.add(HEDGES, W_HEDGE);
    t.add(REFERENCES, W_REFERENCE);
    t.add(crate::text::tokens::TITLES, W_TITLE);
    t.add(&["the", "these", "those"], W_THE);
    let generic: Vec<&str> = generic_words.iter().map(|(w, ..)| w.as_str()).collect();
    t.add(&generic, W_GENERIC);
    let lowercase: Vec<&str> = lowercase_starts.iter().map(String::as_str).collect();
    t.add(&lowercase, W_LOWERCASE_START);
    t
}

/// What the later passes look for at token `i`, whose word-list bits are `class`: each of them
/// then walks this byte per token and reads a token only where its bit is set. (The token
/// array of a long article outgrows the cache; streaming it once instead of five times is most
/// of what those passes cost.)
#[inline]
fn mark(text: &str, tokens: &[Token], i: usize, class: u32, after_the: bool) -> u16 {
    let t = &tokens[i];
    let next = tokens.get(i + 1);
    let mut m = 0;
    if t.cap || t.all_caps || t.arabic || class & (W_REGIME | W_POLICE | W_SOLDIER | W_GENERIC) != 0
    {
        m |= MARK_ORGAN;
    }
    for (word, bit) in [
        (W_REGIME, MARK_REGIME),
        (W_POLICE, MARK_POLICE),
        (W_SOLDIER, MARK_SOLDIER),
        (W_GENERIC, MARK_GENERIC),
        (W_HEDGE, MARK_HEDGE),
    ] {
        if class & word != 0 {
            m |= bit;
        }
    }
    if after_the && class & W_REFERENCE != 0 {
        m |= MARK_REFERENCE;
    }
    if class & W_TITLE != 0
        && next.is_some_and(|n| n.cap || n.all_caps)
        && crate::text::tokens::is_title_before_name(text, tokens, i)
    {
        m |= MARK_TITLE;
    }
    // (A one-byte gap is a quote only if it is '"': most gaps are one space.)
    let quote_between = |n: &Token| {
        (n.start - t.end > 1 || text.as_bytes().get(t.end) == Some(&b'"'))
            && text[t.end..n.start].contains(QUOTES)
    };
    if next.is_some_and(quote_between) {
        m |= MARK_QUOTE_AFTER;
    }
    m
}

/// Adds a find to `extra` and marks its words taken, so that a word inside it ("soldiers" in
/// "Iraqi soldiers") is not read again on its own.
fn claim(extra: &mut Vec<Found>, claimed: &mut [bool], f: Found) {
    claimed[f.first..=f.last].fill(true);
    extra.push(f);
}

/// Drops the finds that one of `extra` covers whole. (A scan of `extra` per find grew with
/// the square of a long article's actors.)
fn drop_covered(found: &mut Vec<Found>, extra: &[Found]) {
    if extra.is_empty() {
        return;
    }
    // The extra spans by first token, with the furthest last token reached so far.
    let mut spans: Vec<(usize, usize)> = extra.iter().map(|e| (e.first, e.last)).collect();
    spans.sort_unstable();
    let mut reach = 0;
    for s in &mut spans {
        reach = reach.max(s.1);
        s.1 = reach;
    }
    found.retain(|f| {
        // Of the spans starting at or before the find, one reaches past its end.
        let n = spans.partition_point(|s| s.0 <= f.first);
        !(n > 0 && spans[n - 1].1 >= f.last)
    });
}

/// The tokens whose mark has `bit`.
fn marked(marks: &[u16], bit: u16) -> impl Iterator<Item = usize> + '_ {
    marks.iter().enumerate().filter(move |(_, m)| *m & bit != 0).map(|(i, _)| i)
}

const HEDGES: &[&str] =
    &["likely", "possibly", "probably", "reportedly", "presumably", "apparently"];

/// "police" alone: the police of the country in context.
const POLICE_WORDS: &[&str] = &["police", "policeman", "policemen"];
/// "soldiers" alone: the armed forces of the country in context.
const SOLDIER_WORDS: &[&str] =
    &["soldier", "soldiers", "troops", "column", "security", "military", "units"];

/// Words before "column" that make it a body of troops.
const COLUMN_KINDS: &[&str] = &["armoured", "armored", "military", "army", "tank"];

/// Whether token `i` is "regime" with no name before it ("Regime forces", "the regime"; not
/// "the Iranian regime", "the Assad regime", where the name says whose).
fn is_bare_regime(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if !text[t.start..t.end].eq_ignore_ascii_case("regime") {
        return false;
    }
    i.checked_sub(1).map(|p| &tokens[p]).is_none_or(|p| {
        !(t.joined && (p.cap || p.all_caps))
            || is_one_of(&text[p.start..p.end], &["the", "a", "this"])
    })
}

/// Whether `word` is one of `words`, ASCII case ignored.
fn is_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Words that, after "the", stand for an actor named before.
const REFERENCES: &[&str] = &[
    "organization",
    "organisation",
    "group",
    "regime",
    "army",
    "coalition",
    "militia",
    "militias",
];

/// Arabic nouns for militias and factions ("ميليشيات", "الفصائل"), with the conjunctions and
/// prepositions of [`ARABIC_CLITICS`] written onto them.
fn is_arabic_militia_noun(word: &str) -> bool {
    const NOUNS: &[&str] = &["ميليشيات", "ميليشيا", "مليشيات", "مليشيا", "فصائل"];
    // (Every Arabic word is asked: the readings without clitics are made only for a word that
    // could be one.)
    if !NOUNS.iter().any(|n| word.ends_with(n)) {
        return false;
    }
    let noun = |w: &str| NOUNS.contains(&w.strip_prefix("ال").unwrap_or(w));
    noun(word) || clitic_readings(word, ARABIC_CLITICS).any(|r| noun(&r.word))
}

/// An Arabic word that refers back to an actor named before, as "the organization" and "the
/// regime" do in English: "التنظيم" (the organization: the Islamic State, in the region's
/// press), "النظام" (the regime), "التحالف" (the coalition), with the conjunctions and
/// prepositions of [`ARABIC_CLITICS`] written onto it. Gives the bytes of those letters and
/// the kinds of actor it stands for.
fn arabic_reference(word: &str) -> Option<(usize, &'static [&'static str])> {
    const NOUNS: &[(&str, &[&str])] =
        &[("تنظيم", &["jihadist group"]), ("نظام", &["government"]), ("تحالف", &["coalition"])];
    // (Asked of every Arabic word of a text: the readings without clitics are made only for
    // a word that could be one.)
    let &(noun, kinds) = NOUNS.iter().find(|(n, _)| word.ends_with(n))?;
    let bare = |w: &str| w.strip_prefix("ال") == Some(noun);
    if bare(word) {
        return Some((0, kinds));
    }
    clitic_readings(word, ARABIC_CLITICS).find(|r| bare(&r.word)).map(|r| (r.skip_bytes, kinds))
}

const QUOTES: &[char] = &['"', '\u{201c}', '\u{201d}', '\u{ab}', '\u{bb}'];

/// Nouns of soldiering and its gear: after "regime" they make it the regime's armed forces
/// rather than its government ("a regime sniper", "regime positions", "a regime tank").
const MILITARY_NOUNS: &[&str] = &[
    "fighter",
    "fighters",
    "sniper",
    "snipers",
    "position",
    "positions",
    "tank",
    "tanks",
    "artillery",
    "shelling",
    "shells",
    "rockets",
    "assault",
    "offensive",
    "attack",
    "attacks",
    "checkpoint",
    "checkpoints",
    "convoy",
    "unit",
    "units",
    "officer",
    "officers",
    "personnel",
    "bmp",
    "vehicle",
    "vehicles",
    "headquarters",
    "barracks",
    "base",
    "outpost",
    "outposts",
    "reinforcements",
    "gunboat",
    "gunboats",
    "bombardment",
    "mortar",
    "mortars",
];

/// Whether the word after token `i` is one of [`MILITARY_NOUNS`] ("Syrian positions"; not
/// "Syrian rebel fighters", whose noun is another's).
fn military_noun_after(text: &str, tokens: &[Token], i: usize) -> bool {
    word_after_is(text, tokens, i, MILITARY_NOUNS)
}

/// Whether one of [`MILITARY_NOUNS`], or an aircraft, follows "regime" at token `i` within
/// three words of one phrase: "a regime tank", "a regime T-55 tank", "regime heavy armored
/// vehicles", "a regime reconnaissance drone". (Not for a demonym: in "Syrian rebel fighters"
/// and "Iraqi Popular Mobilization units" the noun is another actor's.)
fn military_phrase_after(text: &str, tokens: &[Token], i: usize) -> bool {
    const AIRCRAFT: &[&str] = &["drone", "drones", "aircraft", "helicopter", "helicopters", "jet"];
    for k in i + 1..tokens.len().min(i + 4) {
        let t = &tokens[k];
        let word = &text[t.start..t.end];
        if !t.joined || text[tokens[k - 1].end..t.start].contains(',') {
            return false;
        }
        if is_one_of(word, MILITARY_NOUNS) || is_one_of(word, AIRCRAFT) {
            return true;
        }
        // Modifiers stand between, not a function word ("the regime and its tanks").
        if is_function_word(word) {
            return false;
        }
    }
    false
}

/// Whether the word after token `i` is one of `words` (ASCII case ignored).
fn word_after_is(text: &str, tokens: &[Token], i: usize, words: &[&str]) -> bool {
    tokens.get(i + 1).is_some_and(|t| is_one_of(&text[t.start..t.end], words))
}

/// Whether the adjective at token `i` is coordinated ("and", a comma) with other armed actors
/// whose noun of force follows within the clause: "Turkish and allied JSH Olive Branch forces",
/// "Turkish, rebel, and Islamist fighters".
fn coordinated_with_forces(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(next) = tokens.get(i + 1) else { return false };
    let gap = &text[tokens[i].end..next.start];
    if !(gap.trim() == "," || text[next.start..next.end].eq_ignore_ascii_case("and")) {
        return false;
    }
    for k in i + 2..tokens.len().min(i + 10) {
        if text[tokens[k - 1].end..tokens[k].start].contains(['.', ';', '(', ':']) {
            return false;
        }
        let w = &text[tokens[k].start..tokens[k].end];
        if is_one_of(w, &["forces", "fighters", "factions", "troops", "units", "militiamen"]) {
            return true;
        }
    }
    false
}

/// The organ named by the last words of a match ending at token `last` ("... forces").
fn organ_ending_at(text: &str, tokens: &[Token], last: usize) -> Option<Organ> {
    ORGAN_WORDS.iter().find_map(|(words, organ)| {
        let first = (last + 1).checked_sub(words.len())?;
        let ok = words.iter().enumerate().all(|(k, w)| {
            text[tokens[first + k].start..tokens[first + k].end].eq_ignore_ascii_case(w)
        });
        ok.then_some(*organ)
    })
}

/// Whether an actor exists at a date: `valid_from <= date <= valid_to` on as many digits as both
/// give (a year, or a year and month).
fn within(r: &sitrep_lexicon::actor::ActorRecord, date: &str) -> bool {
    let cmp_len = |bound: &str| bound.len().min(date.len());
    let after_start = r.valid_from.is_empty()
        || date[..cmp_len(&r.valid_from)] >= r.valid_from[..cmp_len(&r.valid_from)];
    let before_end =
        r.valid_to.is_empty() || date[..cmp_len(&r.valid_to)] <= r.valid_to[..cmp_len(&r.valid_to)];
    after_start && before_end
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Arabic for "backed" before "من" (by): "قوات سوريا الديمقراطية المدعومة من الولايات المتحدة".
const ARABIC_BACKED: &[&str] =
    &["المدعوم", "المدعومة", "المدعومين", "المدعومون", "مدعوم", "مدعومة", "مدعومين", "مدعومون"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    /// Recognition in a text about Syria.
    fn check(text: &str, published: Option<&str>) -> ActorMentions {
        recognize_in(text, published, Some("SY"))
    }

    fn recognize_in(text: &str, published: Option<&str>, country: Option<&str>) -> ActorMentions {
        let dict = Dictionary::embedded();
        let tokens = tokenize(text);
        let mut folds = Folds::new(text, &tokens);
        dict.recognize(text, &tokens, &mut folds, published, country)
    }

    fn ids(m: &ActorMentions) -> Vec<&str> {
        m.actors.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn caps_forms_allow_a_plural_s() {
        for (surface, caps) in [
            ("PMUs", true),
            ("IS", true),
            ("SDF's", true),
            ("Is", false),
            ("Sdf", false),
            ("s", false),
        ] {
            assert_eq!(is_caps_form(surface), caps, "{surface}");
        }
    }

    #[test]
    fn abbreviations_only_in_capitals() {
        let m = check("IS fighters attacked. This is where it is.", None);
        assert_eq!(ids(&m), ["islamic-state"]);
        // ACLED's abbreviation of the National Defence Forces' Arabic name (an ACLED note).
        let m = check("QDW militiamen repelled an attempt by rebel forces.", None);
        assert_eq!(ids(&m)[0], "ndf");
        // The coalition by its strike or its forces (an ACLED note, a re3d sentence).
        let m = check("Another coalition strike has reportedly killed the head.", None);
        assert_eq!(ids(&m), ["cjtf-oir"]);
        let m = check("Coalition military forces conducted 12 strikes.", None);
        assert_eq!(ids(&m), ["cjtf-oir"]);
    }

    /// A title before a capitalised name makes a person, unless the title is an adjective
    /// there: "the only major Syrian city" names no one. See: #3
    #[test]
    fn titles_before_names_and_adjectives() {
        let persons = |text: &str| -> Vec<String> {
            let m = check(text, None);
            m.actors.iter().filter(|a| a.kind == "person").map(|a| a.name.clone()).collect()
        };
        assert_eq!(
            persons("Senior Russian general Viktor Poznikhir stated that"),
            ["Viktor Poznikhir"]
        );
        assert_eq!(
            persons("ISIL's local Hisba police chief Abu Hayjaa was killed."),
            ["Abu Hayjaa"]
        );
        assert!(persons("Raqqa remained the only major Syrian city under IS control.").is_empty());
        assert!(persons("3 fatalities were allocated to the general Damascus event.").is_empty());
    }

    /// An abbreviation matches only as spelled, not by the folded key it shares with other
    /// capitals: "AH-64" is no AAH, the "SAA" no SAS, "USS" not the US. See: #3
    #[test]
    fn abbreviations_match_letter_for_letter() {
        let m = check(
            "The Apaches were US Boeing AH-64 helicopters; the SAA's tanks and USS Cole.",
            None,
        );
        assert_eq!(ids(&m), ["us"]);
        let m = check("AAH and PMUs fighters advanced.", None);
        assert_eq!(ids(&m), ["aah", "pmf"]);
    }

    #[test]
    fn demonym_organs() {
        let m =
            check("Russian warplanes and the Iraqi army struck; Iranian militias advanced.", None);
        assert_eq!(ids(&m), ["russian-aerospace-forces", "iraqi-army", "generic:iran-militias"]);
    }

    #[test]
    fn a_leader_named_for_his_forces() {
        // "the Assad and Iraqi army forces": Assad's are the Syrian armed forces.
        let m = check("An operation with the Assad and Iraqi army forces will begin.", None);
        assert_eq!(ids(&m), ["syria-armed-forces", "iraqi-army"]);
        // Without a forces' word after the phrase, Assad is the man.
        let m = check("Assad and Iraqi officials met in Damascus.", None);
        assert_eq!(ids(&m), ["bashar-al-assad", "iraq-government"]);
    }

    #[test]
    fn backing_is_read() {
        let m = check(
            "The US-backed SDF moved. The New Syria Army, supported by the United States and Britain, attacked.",
            None,
        );
        let rel: Vec<(&str, &str)> =
            m.relations.iter().map(|r| (r.from.as_str(), r.to.as_str())).collect();
        assert_eq!(rel, [("us", "sdf"), ("us", "new-syrian-army"), ("uk", "new-syrian-army")]);
    }

    #[test]
    fn validity_is_flagged() {
        let m = check("The New Syrian Army attacked.", Some("2018-03-01"));
        assert_eq!(m.actors[0].flags.len(), 1, "{:?}", m.actors[0]);
        assert!(m.actors[0].flags[0].contains("became"));
    }

    #[test]
    fn regime_is_the_government_of_the_country_in_context() {
        let m = check(
            "Regime forces shelled Duma while regime helicopters dropped barrel bombs; a regime sniper fired.",
            None,
        );
        assert_eq!(ids(&m), ["syria-armed-forces", "syrian-arab-air-force"]);
        // Without military words "regime" stays the government.
        let m = check("The regime announced an amnesty in Duma.", None);
        assert_eq!(ids(&m), ["syria-government"]);
        // "Government forces" are the forces of the country in context; a bare "government"
        // may be any country's and is left alone.
        let m = check("Government troops advanced on Duma.", None);
        assert_eq!(ids(&m), ["syria-armed-forces"]);
        let m = check("The government said it would rebuild Duma.", None);
        assert!(ids(&m).is_empty(), "{:?}", ids(&m));
        // Bare troops too, but not another's named just before them.
        let m = check("Troops entered Duma after ISIS shock troops left it.", None);
        assert_eq!(ids(&m), ["syria-armed-forces", "islamic-state"]);
        // The regime joined to other armed men, and a single helicopter.
        let m = check("Regime and loyalist militiamen looted homes in Duma.", None);
        assert_eq!(ids(&m), ["syria-armed-forces", "syria-pro-government-militias"]);
        let m = check("A man died of wounds from a regime helicopter barrel bomb in Duma.", None);
        assert_eq!(ids(&m), ["syrian-arab-air-force"]);
        // Security forces are the forces of the country in context, unless a word before says
        // whose.
        let m = check("Security forces opened fire on protesters in Duma.", None);
        assert_eq!(ids(&m), ["syria-armed-forces"]);
        // So are "military forces"; "military" alone is no actor.
        let m = recognize_in("Military forces killed a suicide bomber.", None, Some("IQ"));
        assert_eq!(ids(&m), ["iraq-armed-forces"]);
        let m = recognize_in("The military situation in Anbar is calm.", None, Some("IQ"));
        assert!(ids(&m).is_empty(), "{:?}", ids(&m));
        // Modifiers may stand between the regime and its gear.
        let m =
            check("Rebels destroyed a regime T-72 tank and regime heavy armored vehicles.", None);
        assert!(ids(&m).contains(&"syria-armed-forces"), "{:?}", ids(&m));
        assert!(!ids(&m).contains(&"syria-government"), "{:?}", ids(&m));
        // A demonym is not read through another actor's noun: "Syrian Kurdish fighters".
        let m = check("The US armed Syrian Kurdish fighters near Kobani.", None);
        assert!(!ids(&m).contains(&"syria-armed-forces"), "{:?}", ids(&m));
        // "Units" only as "other units": not "housing units".
        let m = check("Shells destroyed housing units in Duma.", None);
        assert!(ids(&m).is_empty(), "{:?}", ids(&m));
        let m = check("Kurdish security forces arrested two men in Qamishli.", None);
        assert!(!ids(&m).contains(&"syria-armed-forces"), "{:?}", ids(&m));
        // The soldiers of "Turkish soldiers" are the Turkish ones, not also, read alone, those of
        // the country in context.
        let m = check("Turkish soldiers shelled Jinderes.", None);
        assert_eq!(ids(&m), ["turkey-armed-forces"]);
        // ... but "and" starts another: the police and the soldiers of the country in context.
        let m = recognize_in("Iraqi police and soldiers raided a house.", None, Some("IQ"));
        assert_eq!(ids(&m), ["iraq-police", "iraq-armed-forces"]);
    }

    #[test]
    fn regime_with_no_country_in_the_text_is_the_dictionarys_default() {
        // An ACLED note naming only a village the gazetteer lacks.
        let text = "Regime helicopters dropped barrel bombs on Sayad with no injuries reported.";
        let m = recognize_in(text, Some("2018-03-26"), None);
        assert_eq!(ids(&m), ["syrian-arab-air-force"]);
        // A country in context still decides; other words ("government") do not default.
        let m = recognize_in("Government soldiers captured an outpost near Pailin.", None, None);
        assert!(ids(&m).is_empty(), "{:?}", ids(&m));
    }

    #[test]
    fn newspapers_named_in_quotes() {
        let m = check(
            "وقال القيادي في الحشد الشعبي كريم النوري لصحيفة \"الحياة\" إن المعركة ستتركز قبالة البوكمال.",
            None,
        );
        assert!(ids(&m).contains(&"al-hayat"), "{:?}", ids(&m));
        // Quoted words that name no media record are left alone.
        let m = check("He told the newspaper \"Life\" that the battle was near.", None);
        assert!(ids(&m).is_empty(), "{:?}", ids(&m));
    }

    fn check_in(text: &str, country: Option<&str>) -> ActorMentions {
        recognize_in(text, None, country)
    }

    /// Phrasings of ACLED's Syria notes (March 2018) whose actors are named by adjectives and
    /// common words: the catch-all records (`generic_words`), "regime" with a military noun,
    /// a demonym coordinated with other forces.
    #[test]
    fn common_words_name_the_actors_of_the_country_in_context() {
        let m = check_in(
            "Regime forces advanced against rebels to control the farm area between Beit Sawa \
             and Misraba towns in the Eastern Ghota.",
            Some("SY"),
        );
        assert_eq!(ids(&m), ["syria-armed-forces", "syria-opposition-rebels"]);
        // No place: the country comes from the other actors.
        let m = check_in(
            "Islamist faction fighters responded to regime shelling of the town by shelling \
             regime positions in the vicinity of the town.",
            None,
        );
        assert_eq!(ids(&m), ["syria-islamist-factions", "syria-armed-forces"]);
        // An organ after the whole coordination: both words are forces.
        let m = check_in(
            "Regime and loyalist militias forces clashed with rebel and Islamist faction fighters \
             in Najih.",
            Some("SY"),
        );
        assert_eq!(
            ids(&m),
            [
                "syria-armed-forces",
                "syria-pro-government-militias",
                "syria-opposition-rebels",
                "syria-islamist-factions"
            ]
        );
        let m = check_in(
            "Turkish and JSH Olive Branch forces took control over Ali Bak village in northern \
             Afrin, Aleppo.",
            Some("SY"),
        );
        assert_eq!(ids(&m), ["turkey-armed-forces", "fsa", "operation-olive-branch"]);
        let m =
            check_in("Areas to the west of Tal Refaat were subjected to Turkish shelling.", None);
        assert_eq!(ids(&m), ["turkey-armed-forces"]);
        // From the Wikipedia article on the Ramadi campaign.
        let m = check_in(
            "Fighting continued the next day, while Iraqi reinforcements were sent to secure the \
             recaptured parts of Ramadi.",
            Some("IQ"),
        );
        assert!(ids(&m).contains(&"iraq-armed-forces"), "{:?}", ids(&m));
        // The catch-alls belong to their country: Yemen's rebels are not Syria's.
        let m = check_in("Rebels and loyalists clashed in Taiz.", Some("YE"));
        assert!(ids(&m).is_empty(), "{:?}", ids(&m));
        // "Turkish and Russian officials": no force follows.
        let m = check_in("Turkish and Russian officials met in Ankara.", None);
        assert!(!ids(&m).contains(&"turkey-armed-forces"), "{:?}", ids(&m));
    }

    #[test]
    fn coordinated_modifiers_share_their_head() {
        let m = check(
            "Regime and/or Russian warplanes struck while rebel and Islamist factions clashed.",
            None,
        );
        assert_eq!(
            ids(&m),
            [
                "syrian-arab-air-force",
                "russian-aerospace-forces",
                "syria-opposition-rebels",
                "syria-islamist-factions"
            ]
        );
    }

    #[test]
    fn hedged_attribution() {
        let m =
            check("Warplanes, likely regime and/or Russian, carried out strikes on Sfuhen.", None);
        assert_eq!(ids(&m), ["syrian-arab-air-force", "russian-aerospace-forces"]);
    }

    #[test]
    fn references_follow_the_named_actor() {
        let m = check("IS fighters left Raqqa. Later the organization moved its offices.", None);
        assert_eq!(m.actors[0].mentions.len(), 2);
    }

    #[test]
    fn states_a_road_or_border_joins_are_places() {
        let m = check(
            "The operation aims to cut the road between Iraq and Syria. Iraq denied the report.",
            None,
        );
        let iraq = m.actors.iter().find(|a| a.id == "iraq");
        let iraq = iraq.unwrap_or_else(|| panic!("no Iraq in {:?}", ids(&m)));
        assert_eq!(iraq.mentions.len(), 1, "{:?}", iraq.mentions);
        assert!(!m.actors.iter().any(|a| a.id == "syria"), "{:?}", ids(&m));
    }

    #[test]
    fn these_militias_are_the_militias_named_before() {
        // A militia known only by its backer is referred to like a named one.
        let m = check(
            "Hezbollah is allied to Damascus. The Iran-backed militias crossed the desert, and \
             later these militias moved east of the triangle.",
            None,
        );
        let backed = m.actors.iter().find(|a| a.id == "generic:iran-backed-militias");
        let texts: Vec<&str> = backed
            .map(|a| a.mentions.iter().map(|x| x.text.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(texts, ["militias", "these militias"], "{:?}", ids(&m));
    }

    #[test]
    fn arabic_references_follow_the_named_actor() {
        // "the organization" and "for the organization" after the Islamic State is named; "the
        // regime" after the Syrian regime; not "the electoral system" (النظام الانتخابي).
        let m = check(
            "سيطر تنظيم الدولة على الرقة، ثم نقل التنظيم مكاتبه. وقال النظام السوري إن \
             النظام الانتخابي تغير، وإن النظام لن يسمح للتنظيم بالبقاء.",
            None,
        );
        let texts = |id: &str| -> Vec<&str> {
            let a = m.actors.iter().find(|a| a.id == id).expect(id);
            a.mentions.iter().map(|x| x.text.as_str()).collect()
        };
        assert_eq!(texts("islamic-state"), ["تنظيم الدولة", "التنظيم", "لتنظيم"]);
        assert_eq!(texts("syria-government"), ["النظام السوري", "النظام"]);
        // Before any actor of its kind is named, the word refers to nothing.
        let m = check("نقل التنظيم مكاتبه إلى الميادين.", None);
        assert!(m.actors.is_empty(), "{:?}", ids(&m));
    }

    #[test]
    fn arabic_militias_take_their_demonym_after_them() {
        // "The Iranian and Iraqi militias advanced, and Iraqi factions took up positions."
        let m =
            check("تقدمت الميليشيات الإيرانية والعراقية، وتمركزت فصائل عراقية في البادية.", None);
        assert_eq!(ids(&m), ["generic:iran-militias", "generic:iraq-militias"]);
        let iraqi = &m.actors[1];
        let texts: Vec<&str> = iraqi.mentions.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["والعراقية", "فصائل عراقية"]);
        // Named with the noun the two demonyms share, not with the conjunction.
        assert_eq!(iraqi.name, "الميليشيات العراقية");
        // A noun with no demonym after it is no actor.
        assert!(check("تقدمت الفصائل في البادية.", None).actors.is_empty());
    }

    /// "these forces" and "هذه القوات" are the armed actor named last before them; a
    /// demonstrative with no armed actor before it refers to nothing.
    #[test]
    fn these_forces_are_the_armed_actor_named_last() {
        let texts = |m: &ActorMentions, id: &str| -> Vec<String> {
            m.actors
                .iter()
                .filter(|a| a.id == id)
                .flat_map(|a| a.mentions.iter().map(|x| x.text.clone()))
                .collect()
        };
        let m = check("سيطرت قوات النظام على قرى. وتتقدم هذه القوات نحو الرصافة.", None);
        assert_eq!(texts(&m, "syria-armed-forces"), ["قوات النظام", "هذه القوات"]);
        let m = check("The SDF entered the city. These forces then took the stadium.", None);
        assert_eq!(texts(&m, "sdf"), ["SDF", "These forces"]);
        assert!(check("These forces then took the stadium.", None).actors.is_empty());
    }

    #[test]
    fn arabic_names_with_clitics() {
        let m = check("وقالت قسد إن مقاتلي داعش انسحبوا، بدعم من التحالف الدولي", None);
        assert_eq!(ids(&m), ["sdf", "islamic-state", "cjtf-oir"]);
    }
}
