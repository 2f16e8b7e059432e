import Testing
import TextpipeText

/// The conventions of biographies, encyclopedias and academic prose, written for this project:
/// initials and name sequences, "b."/"d."/"c."/"fl." before years, parenthesised dates, regnal
/// numbers, and the citation and reference abbreviations of scholarly text ("et al.", "pp.",
/// "vol.", "cf.", "Fig.", "Eq.").
@Suite("Sentence splitter: biographies and academic text")
struct SentenceSplitterReferenceTests {
    static let biographies: [SplitCase] = [
        SplitCase("J. R. R. Tolkien wrote The Hobbit. It was published in 1937.",
                  ["J. R. R. Tolkien wrote The Hobbit.", "It was published in 1937."]),
        SplitCase("John Ronald Reuel Tolkien (3 January 1892 – 2 September 1973) was an English writer. He was born in Bloemfontein.",
                  ["John Ronald Reuel Tolkien (3 January 1892 – 2 September 1973) was an English writer.",
                   "He was born in Bloemfontein."]),
        SplitCase("Rembrandt (b. 1606, d. 1669) was a Dutch painter. He lived in Amsterdam.",
                  ["Rembrandt (b. 1606, d. 1669) was a Dutch painter.", "He lived in Amsterdam."]),
        SplitCase("The poet Sappho (fl. c. 600 BC) wrote lyric verse. Little of it survives.",
                  ["The poet Sappho (fl. c. 600 BC) wrote lyric verse.", "Little of it survives."]),
        SplitCase("He married Mary Smith (d. 1901) in 1850. They had four children.",
                  ["He married Mary Smith (d. 1901) in 1850.", "They had four children."]),
        SplitCase("Her brother, the painter Hans Holbein (c. 1497–1543), joined her. Both worked in Basel.",
                  ["Her brother, the painter Hans Holbein (c. 1497–1543), joined her.", "Both worked in Basel."]),
        SplitCase("Walter Smith (fl. 1440s) was a mason. His work survives in York.",
                  ["Walter Smith (fl. 1440s) was a mason.", "His work survives in York."]),
        SplitCase("The building was designed by I. M. Pei. It opened in 1978.",
                  ["The building was designed by I. M. Pei.", "It opened in 1978."]),
        SplitCase("Martin Luther King Jr. was born in Atlanta. He studied at Boston University.",
                  ["Martin Luther King Jr. was born in Atlanta.", "He studied at Boston University."]),
        SplitCase("She was born in St. Petersburg on 12 Nov. 1890. Her father was a doctor.",
                  ["She was born in St. Petersburg on 12 Nov. 1890.", "Her father was a doctor."]),
        SplitCase("Henry VIII. He married six times.", ["Henry VIII.", "He married six times."]),
        SplitCase("He was crowned as Louis XIV. The court moved to Versailles.",
                  ["He was crowned as Louis XIV.", "The court moved to Versailles."]),
        SplitCase("Caesar was killed in 44 B.C. The republic did not survive him.",
                  ["Caesar was killed in 44 B.C.", "The republic did not survive him."]),
        SplitCase("In 1066 A.D. the Normans landed at Pevensey.", ["In 1066 A.D. the Normans landed at Pevensey."]),
        SplitCase("He took his D.Phil. at Oxford in 1950. He then taught in Leeds.",
                  ["He took his D.Phil. at Oxford in 1950.", "He then taught in Leeds."]),
        SplitCase("The poems of E. E. Cummings and T. S. Eliot differ. Both wrote in the 1920s.",
                  ["The poems of E. E. Cummings and T. S. Eliot differ.", "Both wrote in the 1920s."]),
        SplitCase("Pope Gregory XIII (1502–1585) reformed the calendar in 1582. Ten days were dropped.",
                  ["Pope Gregory XIII (1502–1585) reformed the calendar in 1582.", "Ten days were dropped."]),
        SplitCase("He was elected in 1884. In 1890 he became mayor.", ["He was elected in 1884.", "In 1890 he became mayor."]),
    ]

    static let academic: [SplitCase] = [
        SplitCase("Smith et al. (2003) found the opposite. We return to this below.",
                  ["Smith et al. (2003) found the opposite.", "We return to this below."]),
        SplitCase("This was shown before (Smith et al., 2003). We extend it.",
                  ["This was shown before (Smith et al., 2003).", "We extend it."]),
        SplitCase("The results are shown in Fig. 3 and Table 2. They agree with Eq. (4).",
                  ["The results are shown in Fig. 3 and Table 2.", "They agree with Eq. (4)."]),
        SplitCase("See Jones (1998, pp. 12–15) and vol. 3 of the series. Cf. also Brown.",
                  ["See Jones (1998, pp. 12–15) and vol. 3 of the series.", "Cf. also Brown."]),
        SplitCase("Several species (e.g. wolves and foxes) were counted. Sect. 4 gives the totals.",
                  ["Several species (e.g. wolves and foxes) were counted.", "Sect. 4 gives the totals."]),
        SplitCase("The effect was small (cf. Table 1). No. 12 was the outlier.",
                  ["The effect was small (cf. Table 1).", "No. 12 was the outlier."]),
        SplitCase("The data came from the U.S. Census Bureau. They cover 2010 to 2020.",
                  ["The data came from the U.S. Census Bureau.", "They cover 2010 to 2020."]),
        SplitCase("Values were measured at approx. 20 °C. Each run took ca. 3 min. The error was below 2%.",
                  ["Values were measured at approx. 20 °C.", "Each run took ca. 3 min.", "The error was below 2%."]),
        SplitCase("As noted in Sec. 2.1, the model is linear. Figs. 5 and 6 show why.",
                  ["As noted in Sec. 2.1, the model is linear.", "Figs. 5 and 6 show why."]),
        SplitCase("The sample was small (n = 42). Results are preliminary.",
                  ["The sample was small (n = 42).", "Results are preliminary."]),
    ]

    @Test(arguments: biographies)
    func biography(_ c: SplitCase) {
        #expect(sentenceTexts(c.text, language: c.language) == c.sentences)
    }

    @Test(arguments: academic)
    func academicText(_ c: SplitCase) {
        #expect(sentenceTexts(c.text, language: c.language) == c.sentences)
    }
}
