//! The words time expressions are built from, English and Arabic, each reduced to a [`Lex`]:
//! what the grammar needs to know about it.
//!
//! Written out here rather than loaded from a data file: the list is closed (months, weekdays,
//! units, a few dozen function words) and each entry carries grammar, not just a name.

use std::sync::LazyLock;

use sitrep_lexicon::normalize::spelling;

use crate::text::tokens::Token;
use crate::text::word_table::WordTable;

/// A calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// Minutes (durations only).
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks, Monday to Sunday.
    Week,
    /// Saturday and Sunday.
    Weekend,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
    /// Ten years (durations only).
    Decade,
}

/// A part of a month or year: the qualifiers "early", "mid" and "late".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Early, the beginning of, the start of.
    Early,
    /// Mid, the middle of.
    Mid,
    /// Late, the end of.
    Late,
}

/// What a word is to the time grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lex {
    /// Not a time word.
    Other,
    /// A month name (1–12) usable alone.
    Month(u8),
    /// A month name that is also a common word or an abbreviation ("May", "March", "Jan"):
    /// a month only next to a day, a year or a time word.
    WeakMonth(u8),
    /// The first word of a two-word Arabic month (كانون, تشرين); the next word says which.
    ArabicMonthHead(u8),
    /// A weekday, 0 = Monday.
    Weekday(u8),
    /// A season: 0 spring, 1 summer, 2 autumn, 3 winter.
    Season(u8),
    /// "fall": autumn only after last/this/next or before a year.
    Fall,
    /// A unit word, singular.
    Unit(Unit),
    /// A unit word, plural ("days").
    Units(Unit),
    /// An Arabic dual unit ("يومين", two days).
    UnitPair(Unit),
    /// A cardinal number, written in digits or words.
    Number(u32),
    /// An ordinal number ("6th", "first").
    Ordinal(u32),
    /// "few", "several", "couple".
    Few,
    /// "a", "an".
    A,
    /// A day named relative to publication: today 0, yesterday −1, tomorrow 1.
    Deictic(i8),
    /// "last", "previous", Arabic الماضي (after its noun).
    Last,
    /// "next", "coming", Arabic المقبل (after its noun).
    Next,
    /// "this", "current", Arabic هذا / الجاري.
    This,
    /// "past" ("the past two weeks").
    Past,
    /// "recent", Arabic الأخيرة.
    Recent,
    /// "ago".
    Ago,
    /// "later".
    Later,
    /// "earlier".
    Earlier,
    /// "since"; Arabic منذ (also "ago" before a count).
    Since,
    /// "before"; Arabic قبل (also "ago" before a count).
    Before,
    /// "after"; Arabic بعد.
    After,
    /// "same", Arabic نفس / نفسه.
    Same,
    /// "following", Arabic التالي.
    Following,
    /// "of", Arabic من.
    Of,
    /// "the".
    The,
    /// "early", "mid", "late" and their Arabic forms.
    Part(Part),
    /// "beginning", "start" (the beginning of).
    Beginning,
    /// "middle".
    Middle,
    /// "end".
    End,
    /// "nearly", "about", "around", "almost", "some", "roughly", "approximately".
    Approx,
    /// "more", "over", "less": "more than".
    More,
    /// "than".
    Than,
    /// "or", "to" in "six or seven hours".
    Or,
    /// "morning", "evening", "night", "afternoon".
    DayPeriod,
    /// "am", "pm", "a.m.".
    Meridiem,
    /// "long", "full", "consecutive", "straight" between a count and its unit.
    Filler,
    /// "plus" in "20-plus".
    Plus,
    /// A verb or phrase that puts what follows in the future ("will", "scheduled").
    Future,
    /// A preposition that puts what follows in time ("in", "during", "until", "by").
    TimePrep,
    /// "and" (between two years).
    And,
    /// Arabic "أول" of "أول أمس" (the day before yesterday).
    First,
    /// Arabic هذا / هذه before a noun.
    ThisBefore,
    /// The Arabic word يوم (day) before a weekday or date.
    DayWord,
}

/// Classifies every token of a text.
pub fn classify(text: &str, tokens: &[Token], out: &mut Vec<Lex>) {
    out.clear();
    out.reserve(tokens.len());
    for t in tokens {
        let word = &text[t.start..t.end];
        let lex = if t.arabic { arabic(&spelling(word)) } else { english(word) };
        out.push(lex);
    }
}

/// The English time words: each with its Lex, and whether it is one only with a capital
/// ("May" the month, "may" the verb).
const ENGLISH: &[(&str, Lex, bool)] = &[
    ("january", Lex::Month(1), false),
    ("february", Lex::Month(2), false),
    ("april", Lex::Month(4), false),
    ("june", Lex::Month(6), false),
    ("july", Lex::Month(7), false),
    ("august", Lex::Month(8), true),
    ("september", Lex::Month(9), false),
    ("october", Lex::Month(10), false),
    ("november", Lex::Month(11), false),
    ("december", Lex::Month(12), false),
    ("march", Lex::WeakMonth(3), true),
    ("may", Lex::WeakMonth(5), true),
    ("jan", Lex::WeakMonth(1), false),
    ("feb", Lex::WeakMonth(2), false),
    ("mar", Lex::WeakMonth(3), false),
    ("apr", Lex::WeakMonth(4), false),
    ("jun", Lex::WeakMonth(6), false),
    ("jul", Lex::WeakMonth(7), false),
    ("aug", Lex::WeakMonth(8), false),
    ("sep", Lex::WeakMonth(9), false),
    ("sept", Lex::WeakMonth(9), false),
    ("oct", Lex::WeakMonth(10), false),
    ("nov", Lex::WeakMonth(11), false),
    ("dec", Lex::WeakMonth(12), false),
    ("monday", Lex::Weekday(0), false),
    ("tuesday", Lex::Weekday(1), false),
    ("wednesday", Lex::Weekday(2), false),
    ("thursday", Lex::Weekday(3), false),
    ("friday", Lex::Weekday(4), false),
    ("saturday", Lex::Weekday(5), false),
    ("sunday", Lex::Weekday(6), false),
    ("spring", Lex::Season(0), false),
    ("summer", Lex::Season(1), false),
    ("autumn", Lex::Season(2), false),
    ("winter", Lex::Season(3), false),
    ("fall", Lex::Fall, false),
    ("minute", Lex::Unit(Unit::Minute), false),
    ("minutes", Lex::Units(Unit::Minute), false),
    ("hour", Lex::Unit(Unit::Hour), false),
    ("hours", Lex::Units(Unit::Hour), false),
    ("day", Lex::Unit(Unit::Day), false),
    ("days", Lex::Units(Unit::Day), false),
    ("week", Lex::Unit(Unit::Week), false),
    ("weeks", Lex::Units(Unit::Week), false),
    ("weekend", Lex::Unit(Unit::Weekend), false),
    ("month", Lex::Unit(Unit::Month), false),
    ("months", Lex::Units(Unit::Month), false),
    ("year", Lex::Unit(Unit::Year), false),
    ("years", Lex::Units(Unit::Year), false),
    ("decade", Lex::Unit(Unit::Decade), false),
    ("decades", Lex::Units(Unit::Decade), false),
    ("one", Lex::Number(1), false),
    ("two", Lex::Number(2), false),
    ("three", Lex::Number(3), false),
    ("four", Lex::Number(4), false),
    ("five", Lex::Number(5), false),
    ("six", Lex::Number(6), false),
    ("seven", Lex::Number(7), false),
    ("eight", Lex::Number(8), false),
    ("nine", Lex::Number(9), false),
    ("ten", Lex::Number(10), false),
    ("eleven", Lex::Number(11), false),
    ("twelve", Lex::Number(12), false),
    ("fifteen", Lex::Number(15), false),
    ("eighteen", Lex::Number(18), false),
    ("twenty", Lex::Number(20), false),
    ("thirty", Lex::Number(30), false),
    ("forty", Lex::Number(40), false),
    ("fifty", Lex::Number(50), false),
    ("first", Lex::Ordinal(1), false),
    ("second", Lex::Ordinal(2), false),
    ("third", Lex::Ordinal(3), false),
    ("fourth", Lex::Ordinal(4), false),
    ("fifth", Lex::Ordinal(5), false),
    ("few", Lex::Few, false),
    ("several", Lex::Few, false),
    ("couple", Lex::Few, false),
    ("a", Lex::A, false),
    ("an", Lex::A, false),
    ("today", Lex::Deictic(0), false),
    ("tonight", Lex::Deictic(0), false),
    ("yesterday", Lex::Deictic(-1), false),
    ("tomorrow", Lex::Deictic(1), false),
    ("last", Lex::Last, false),
    ("previous", Lex::Last, false),
    ("next", Lex::Next, false),
    ("coming", Lex::Next, false),
    ("upcoming", Lex::Next, false),
    ("this", Lex::This, false),
    ("current", Lex::This, false),
    ("past", Lex::Past, false),
    ("recent", Lex::Recent, false),
    ("ago", Lex::Ago, false),
    ("later", Lex::Later, false),
    ("earlier", Lex::Earlier, false),
    ("since", Lex::Since, false),
    ("before", Lex::Before, false),
    ("after", Lex::After, false),
    ("same", Lex::Same, false),
    ("following", Lex::Following, false),
    ("of", Lex::Of, false),
    ("the", Lex::The, false),
    ("early", Lex::Part(Part::Early), false),
    ("mid", Lex::Part(Part::Mid), false),
    ("late", Lex::Part(Part::Late), false),
    ("beginning", Lex::Beginning, false),
    ("start", Lex::Beginning, false),
    ("middle", Lex::Middle, false),
    ("end", Lex::End, false),
    ("nearly", Lex::Approx, false),
    ("about", Lex::Approx, false),
    ("around", Lex::Approx, false),
    ("almost", Lex::Approx, false),
    ("some", Lex::Approx, false),
    ("roughly", Lex::Approx, false),
    ("approximately", Lex::Approx, false),
    ("more", Lex::More, false),
    ("over", Lex::More, false),
    ("less", Lex::More, false),
    ("than", Lex::Than, false),
    ("or", Lex::Or, false),
    ("to", Lex::Or, false),
    ("morning", Lex::DayPeriod, false),
    ("evening", Lex::DayPeriod, false),
    ("night", Lex::DayPeriod, false),
    ("afternoon", Lex::DayPeriod, false),
    ("am", Lex::Meridiem, false),
    ("pm", Lex::Meridiem, false),
    ("long", Lex::Filler, false),
    ("full", Lex::Filler, false),
    ("consecutive", Lex::Filler, false),
    ("straight", Lex::Filler, false),
    ("plus", Lex::Plus, false),
    ("will", Lex::Future, false),
    ("shall", Lex::Future, false),
    ("scheduled", Lex::Future, false),
    ("expected", Lex::Future, false),
    ("plans", Lex::Future, false),
    ("planned", Lex::Future, false),
    ("intends", Lex::Future, false),
    ("in", Lex::TimePrep, false),
    ("on", Lex::TimePrep, false),
    ("during", Lex::TimePrep, false),
    ("until", Lex::TimePrep, false),
    ("till", Lex::TimePrep, false),
    ("by", Lex::TimePrep, false),
    ("from", Lex::TimePrep, false),
    ("through", Lex::TimePrep, false),
    ("between", Lex::TimePrep, false),
    ("at", Lex::TimePrep, false),
    ("and", Lex::And, false),
];

/// [`ENGLISH`] as a word table answering a word's index in it plus one: one probe per token of
/// running text, where a `match` on the word compared it with the entries one by one.
static ENGLISH_WORDS: LazyLock<WordTable> = LazyLock::new(|| {
    let mut table = WordTable::new();
    for (i, (word, _, _)) in ENGLISH.iter().enumerate() {
        table.insert(word, i as u32 + 1);
    }
    table
});

/// The Lex of one English word, in any case.
fn english(word: &str) -> Lex {
    let b = word.as_bytes();
    if b[0].is_ascii_digit() {
        return digits(word);
    }
    match ENGLISH_WORDS.get(word) {
        0 => Lex::Other,
        i => match ENGLISH[i as usize - 1] {
            (_, _, true) if !b[0].is_ascii_uppercase() => Lex::Other,
            (_, lex, _) => lex,
        },
    }
}

/// Digits, possibly with an ordinal suffix ("6th") or a meridiem ("11am", "11AM").
fn digits(w: &str) -> Lex {
    let n = w.bytes().take_while(u8::is_ascii_digit).count();
    let value = if n <= 9 { w[..n].parse::<u32>().ok() } else { None };
    let Some(value) = value else { return Lex::Other };
    let suffix = &w[n..];
    let is = |s: &[&str]| s.iter().any(|s| suffix.eq_ignore_ascii_case(s));
    if suffix.is_empty() {
        Lex::Number(value)
    } else if is(&["st", "nd", "rd", "th"]) {
        Lex::Ordinal(value)
    } else if is(&["am", "pm"]) && (1..=12).contains(&value) {
        Lex::Meridiem
    } else {
        Lex::Other
    }
}

/// The Lex of one folded Arabic word (see [`spelling`]: hamza seats, ta marbuta and alef
/// maqsura unified, Arabic-Indic digits as ASCII). A conjunction (و, ف) or a preposition (ب, ل)
/// fused to the word is tried off when the whole word is not known, then the article (ال).
fn arabic(w: &str) -> Lex {
    if w.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return digits(w);
    }
    let mut candidates = [w, "", "", ""];
    let mut n = 1;
    let mut rest = w;
    for prefix in ["و", "ف"] {
        if let Some(r) = rest.strip_prefix(prefix).filter(|r| r.chars().count() >= 2) {
            rest = r;
            candidates[n] = rest;
            n += 1;
            break;
        }
    }
    for prefix in ["ب", "ل"] {
        if let Some(r) = rest.strip_prefix(prefix).filter(|r| r.chars().count() >= 3) {
            candidates[n] = r;
            n += 1;
            break;
        }
    }
    for &c in &candidates[..n] {
        let lex = arabic_word(c);
        if lex != Lex::Other {
            return lex;
        }
        if let Some(bare) = c.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
            let lex = arabic_word(bare);
            // "الاثنين" is Monday, "اثنين" two; the article decides.
            if lex != Lex::Other && lex != Lex::Number(2) {
                return lex;
            }
            if lex == Lex::Number(2) {
                return Lex::Weekday(0);
            }
        }
    }
    Lex::Other
}

/// One folded Arabic word, without clitics (the article only where it is part of the word).
fn arabic_word(w: &str) -> Lex {
    match w {
        // Levantine (Syriac) month names; كانون and تشرين take الثاني / الاول after them.
        "كانون" => Lex::ArabicMonthHead(1),
        "تشرين" => Lex::ArabicMonthHead(10),
        "شباط" => Lex::Month(2),
        "اذار" => Lex::Month(3),
        "نيسان" => Lex::Month(4),
        "ايار" => Lex::Month(5),
        "حزيران" => Lex::Month(6),
        "تموز" => Lex::Month(7),
        "اب" => Lex::WeakMonth(8),
        "ايلول" => Lex::Month(9),
        // Egyptian and Gulf month names, from the European ones.
        "يناير" => Lex::Month(1),
        "فبراير" => Lex::Month(2),
        "مارس" => Lex::Month(3),
        "ابريل" => Lex::Month(4),
        "مايو" => Lex::Month(5),
        "يونيو" | "يونيه" => Lex::Month(6),
        "يوليو" | "يوليه" => Lex::Month(7),
        "اغسطس" => Lex::Month(8),
        "سبتمبر" => Lex::Month(9),
        "اكتوبر" => Lex::Month(10),
        "نوفمبر" => Lex::Month(11),
        "ديسمبر" => Lex::Month(12),
        "اثنين" | "اثنان" => Lex::Number(2),
        "ثلاثاء" | "ثلاثا" => Lex::Weekday(1),
        "اربعاء" | "اربعا" => Lex::Weekday(2),
        "خميس" => Lex::Weekday(3),
        "جمعه" => Lex::Weekday(4),
        "سبت" => Lex::Weekday(5),
        "احد" => Lex::Weekday(6),
        "ربيع" => Lex::Season(0),
        "صيف" => Lex::Season(1),
        "خريف" => Lex::Season(2),
        "شتاء" | "شتا" => Lex::Season(3),
        "دقيقه" => Lex::Unit(Unit::Minute),
        "دقائق" | "دقايق" => Lex::Units(Unit::Minute),
        "دقيقتين" => Lex::UnitPair(Unit::Minute),
        "ساعه" => Lex::Unit(Unit::Hour),
        "ساعات" => Lex::Units(Unit::Hour),
        "ساعتين" => Lex::UnitPair(Unit::Hour),
        "يوم" => Lex::DayWord,
        "ايام" => Lex::Units(Unit::Day),
        "يومين" => Lex::UnitPair(Unit::Day),
        "اسبوع" => Lex::Unit(Unit::Week),
        "اسابيع" => Lex::Units(Unit::Week),
        "اسبوعين" => Lex::UnitPair(Unit::Week),
        "شهر" => Lex::Unit(Unit::Month),
        "اشهر" | "شهور" => Lex::Units(Unit::Month),
        "شهرين" => Lex::UnitPair(Unit::Month),
        "عام" | "سنه" => Lex::Unit(Unit::Year),
        "اعوام" | "سنوات" | "سنين" => Lex::Units(Unit::Year),
        "عامين" | "سنتين" => Lex::UnitPair(Unit::Year),
        "عقد" => Lex::Unit(Unit::Decade),
        "واحد" => Lex::Number(1),
        "ثلاث" | "ثلاثه" => Lex::Number(3),
        "اربع" | "اربعه" => Lex::Number(4),
        "خمس" | "خمسه" => Lex::Number(5),
        "ست" | "سته" => Lex::Number(6),
        "سبع" | "سبعه" => Lex::Number(7),
        "ثمان" | "ثماني" | "ثمانيه" => Lex::Number(8),
        "تسع" | "تسعه" => Lex::Number(9),
        "عشر" | "عشره" => Lex::Number(10),
        "بضعه" | "بضع" | "عده" => Lex::Few,
        "اليوم" => Lex::Deictic(0),
        "امس" | "البارحه" => Lex::Deictic(-1),
        "غدا" => Lex::Deictic(1),
        "اول" => Lex::First,
        "الماضي" | "الماضيه" | "المنصرم" | "المنصرمه" | "الفايت" | "السابق" => {
            Lex::Last
        }
        "المقبل" | "المقبله" | "القادم" | "القادمه" => Lex::Next,
        "الجاري" | "الحالي" | "الحاليه" | "الجاريه" => Lex::This,
        "هذا" | "هذه" => Lex::ThisBefore,
        "الاخيره" | "الاخير" | "الماضيات" => Lex::Recent,
        "منذ" => Lex::Since,
        "قبل" => Lex::Before,
        "بعد" => Lex::After,
        "نفس" | "نفسه" | "ذاته" | "نفسها" | "ذاتها" => Lex::Same,
        "التالي" | "التاليه" | "اللاحق" => Lex::Following,
        "من" => Lex::Of,
        "اوايل" | "مطلع" | "بدايه" | "اوائل" => Lex::Part(Part::Early),
        "منتصف" | "اواسط" => Lex::Part(Part::Mid),
        "اواخر" | "نهايه" => Lex::Part(Part::Late),
        "الثاني" => Lex::Ordinal(2),
        "الاول" => Lex::Ordinal(1),
        // The day of a month: "في السادس من حزيران" (on the sixth of June).
        "الثالث" => Lex::Ordinal(3),
        "الرابع" => Lex::Ordinal(4),
        "الخامس" => Lex::Ordinal(5),
        "السادس" => Lex::Ordinal(6),
        "السابع" => Lex::Ordinal(7),
        "الثامن" => Lex::Ordinal(8),
        "التاسع" => Lex::Ordinal(9),
        "العاشر" => Lex::Ordinal(10),
        "العشرين" => Lex::Ordinal(20),
        "الثلاثين" => Lex::Ordinal(30),
        "نحو" | "قرابه" | "حوالي" => Lex::Approx,
        "خلال" | "في" => Lex::TimePrep,
        "سوف" => Lex::Future,
        _ => Lex::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex_of(text: &str) -> Vec<Lex> {
        let tokens = crate::text::tokens::tokenize(text);
        let mut out = Vec::new();
        classify(text, &tokens, &mut out);
        out
    }

    #[test]
    fn english_words() {
        assert_eq!(
            lex_of("late last month, April"),
            [Lex::Part(Part::Late), Lex::Last, Lex::Unit(Unit::Month), Lex::Month(4)]
        );
        assert_eq!(lex_of("they may march"), [Lex::Other, Lex::Other, Lex::Other]);
        assert_eq!(lex_of("Dec. 6th 11am"), [Lex::WeakMonth(12), Lex::Ordinal(6), Lex::Meridiem]);
    }

    #[test]
    fn arabic_words_with_clitics() {
        assert_eq!(
            lex_of("وأمس الأربعاء ١٩ أيار ٢٠١٧"),
            [Lex::Deictic(-1), Lex::Weekday(2), Lex::Number(19), Lex::Month(5), Lex::Number(2017)]
        );
        assert_eq!(lex_of("الاثنين اثنين"), [Lex::Weekday(0), Lex::Number(2)]);
        assert_eq!(
            lex_of("الشهر الماضي منذ يومين"),
            [Lex::Unit(Unit::Month), Lex::Last, Lex::Since, Lex::UnitPair(Unit::Day)]
        );
    }
}
