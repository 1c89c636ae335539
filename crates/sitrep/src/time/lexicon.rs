//! The words time expressions are built from, English and Arabic, each reduced to a [`Lex`]:
//! what the grammar needs to know about it.
//!
//! Written out here rather than loaded from a data file: the list is closed (months, weekdays,
//! units, a few dozen function words) and each entry carries grammar, not just a name.

use sitrep_lexicon::normalize::spelling;

use crate::text::tokens::Token;

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
    let mut buf = [0u8; 16];
    for t in tokens {
        let word = &text[t.start..t.end];
        let lex = if t.arabic {
            arabic(&spelling(word))
        } else if word.len() <= buf.len() {
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            match std::str::from_utf8(lower) {
                Ok(w) => english(w, word),
                Err(_) => Lex::Other,
            }
        } else {
            Lex::Other
        };
        out.push(lex);
    }
}

/// The Lex of one lower-cased English word; `original` is as written (for capitals and digits).
fn english(w: &str, original: &str) -> Lex {
    let b = w.as_bytes();
    if b[0].is_ascii_digit() {
        return digits(w);
    }
    let capital = original.as_bytes()[0].is_ascii_uppercase();
    match w {
        "january" => Lex::Month(1),
        "february" => Lex::Month(2),
        "april" => Lex::Month(4),
        "june" => Lex::Month(6),
        "july" => Lex::Month(7),
        "august" if capital => Lex::Month(8),
        "september" => Lex::Month(9),
        "october" => Lex::Month(10),
        "november" => Lex::Month(11),
        "december" => Lex::Month(12),
        "march" if capital => Lex::WeakMonth(3),
        "may" if capital => Lex::WeakMonth(5),
        "jan" => Lex::WeakMonth(1),
        "feb" => Lex::WeakMonth(2),
        "mar" => Lex::WeakMonth(3),
        "apr" => Lex::WeakMonth(4),
        "jun" => Lex::WeakMonth(6),
        "jul" => Lex::WeakMonth(7),
        "aug" => Lex::WeakMonth(8),
        "sep" | "sept" => Lex::WeakMonth(9),
        "oct" => Lex::WeakMonth(10),
        "nov" => Lex::WeakMonth(11),
        "dec" => Lex::WeakMonth(12),
        "monday" => Lex::Weekday(0),
        "tuesday" => Lex::Weekday(1),
        "wednesday" => Lex::Weekday(2),
        "thursday" => Lex::Weekday(3),
        "friday" => Lex::Weekday(4),
        "saturday" => Lex::Weekday(5),
        "sunday" => Lex::Weekday(6),
        "spring" => Lex::Season(0),
        "summer" => Lex::Season(1),
        "autumn" => Lex::Season(2),
        "winter" => Lex::Season(3),
        "fall" => Lex::Fall,
        "minute" => Lex::Unit(Unit::Minute),
        "minutes" => Lex::Units(Unit::Minute),
        "hour" => Lex::Unit(Unit::Hour),
        "hours" => Lex::Units(Unit::Hour),
        "day" => Lex::Unit(Unit::Day),
        "days" => Lex::Units(Unit::Day),
        "week" => Lex::Unit(Unit::Week),
        "weeks" => Lex::Units(Unit::Week),
        "weekend" => Lex::Unit(Unit::Weekend),
        "month" => Lex::Unit(Unit::Month),
        "months" => Lex::Units(Unit::Month),
        "year" => Lex::Unit(Unit::Year),
        "years" => Lex::Units(Unit::Year),
        "decade" => Lex::Unit(Unit::Decade),
        "decades" => Lex::Units(Unit::Decade),
        "one" => Lex::Number(1),
        "two" => Lex::Number(2),
        "three" => Lex::Number(3),
        "four" => Lex::Number(4),
        "five" => Lex::Number(5),
        "six" => Lex::Number(6),
        "seven" => Lex::Number(7),
        "eight" => Lex::Number(8),
        "nine" => Lex::Number(9),
        "ten" => Lex::Number(10),
        "eleven" => Lex::Number(11),
        "twelve" => Lex::Number(12),
        "fifteen" => Lex::Number(15),
        "eighteen" => Lex::Number(18),
        "twenty" => Lex::Number(20),
        "thirty" => Lex::Number(30),
        "forty" => Lex::Number(40),
        "fifty" => Lex::Number(50),
        "first" => Lex::Ordinal(1),
        "second" => Lex::Ordinal(2),
        "third" => Lex::Ordinal(3),
        "fourth" => Lex::Ordinal(4),
        "fifth" => Lex::Ordinal(5),
        "few" | "several" | "couple" => Lex::Few,
        "a" | "an" => Lex::A,
        "today" | "tonight" => Lex::Deictic(0),
        "yesterday" => Lex::Deictic(-1),
        "tomorrow" => Lex::Deictic(1),
        "last" | "previous" => Lex::Last,
        "next" | "coming" | "upcoming" => Lex::Next,
        "this" | "current" => Lex::This,
        "past" => Lex::Past,
        "recent" => Lex::Recent,
        "ago" => Lex::Ago,
        "later" => Lex::Later,
        "earlier" => Lex::Earlier,
        "since" => Lex::Since,
        "before" => Lex::Before,
        "after" => Lex::After,
        "same" => Lex::Same,
        "following" => Lex::Following,
        "of" => Lex::Of,
        "the" => Lex::The,
        "early" => Lex::Part(Part::Early),
        "mid" => Lex::Part(Part::Mid),
        "late" => Lex::Part(Part::Late),
        "beginning" | "start" => Lex::Beginning,
        "middle" => Lex::Middle,
        "end" => Lex::End,
        "nearly" | "about" | "around" | "almost" | "some" | "roughly" | "approximately" => {
            Lex::Approx
        }
        "more" | "over" | "less" => Lex::More,
        "than" => Lex::Than,
        "or" | "to" => Lex::Or,
        "morning" | "evening" | "night" | "afternoon" => Lex::DayPeriod,
        "am" | "pm" => Lex::Meridiem,
        "long" | "full" | "consecutive" | "straight" => Lex::Filler,
        "plus" => Lex::Plus,
        "will" | "shall" | "scheduled" | "expected" | "plans" | "planned" | "intends" => {
            Lex::Future
        }
        "in" | "on" | "during" | "until" | "till" | "by" | "from" | "through" | "between"
        | "at" => Lex::TimePrep,
        "and" => Lex::And,
        _ => Lex::Other,
    }
}

/// Digits, possibly with an ordinal suffix ("6th") or a meridiem ("11am").
fn digits(w: &str) -> Lex {
    let n = w.bytes().take_while(u8::is_ascii_digit).count();
    let value = if n <= 9 { w[..n].parse::<u32>().ok() } else { None };
    let Some(value) = value else { return Lex::Other };
    match &w[n..] {
        "" => Lex::Number(value),
        "st" | "nd" | "rd" | "th" => Lex::Ordinal(value),
        "am" | "pm" if (1..=12).contains(&value) => Lex::Meridiem,
        _ => Lex::Other,
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
