// English word lists, after AP style as news uses it. Lower-case entries also match with a
// capital first letter ("co." and "Co."); capitalized ones only as written ("Ill." the state,
// not "ill." the word).

extension LanguageLists {
    /// Abbreviations and sentence openers that occur across languages in news text.
    static let common = LanguageLists(
        code: "",
        titles: [
            "Dr", "Prof", "St", "Mt", "vs", "v", "cf", "e.g", "i.e", "viz", "Mr", "Mrs", "Ms",
        ],
        beforeNumber: ["No", "Nos", "Nr", "Nº", "nº", "p", "pp", "vol", "vols", "art", "fig", "figs", "ca"],
        ambiguous: [
            "etc", "Inc", "Ltd", "Co", "Corp", "Cos", "Plc", "PLC", "Bros", "a.m", "p.m", "A.M", "P.M",
            "U.S", "U.K", "U.N", "E.U", "U.S.A", "D.C", "Jr", "Sr", "al", "ibid", "Ph.D", "S.A",
        ],
        starters: [])

    static let english = LanguageLists(
        code: "en",
        titles: [
            "Messrs", "Mmes", "Mx", "Drs", "Profs", "Rev", "Revs", "Hon", "Sen", "Sens", "Rep", "Reps",
            "Gov", "Govs", "Lt", "Gen", "Gens", "Col", "Capt", "Cmdr", "Cdr", "Cpl", "Sgt", "Pvt", "Pfc",
            "Spc", "Adm", "Maj", "Brig", "Lieut", "Ens", "Msgr", "Fr", "Supt", "Insp", "Det", "Atty",
            "Pres", "Amb", "Ald", "Ft", "Mme", "Mlle", "Sra",
        ],
        beforeNumber: [
            "no", "nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
            "Dec", "ch", "chap", "sec", "secs", "para", "paras", "approx", "est", "tel", "ext", "pg",
            "pt", "pts", "ed", "eds", "op", "Rt", "Rte", "Hwy", "Apt", "Bldg", "Ste", "Ps", "Mk", "Lk",
            "Jn", "Ex", "Matt", "Rom", "Cor", "Gal", "Eph", "Heb",
            // Scholarly references and biographies: "Eq. (4)", "Sect. 2", "Ref. 12", "fl. 1440s".
            "eq", "eqs", "sect", "sects", "ref", "refs", "fn", "suppl", "ser", "fl",
        ],
        ambiguous: [
            "co", "corp", "inc", "ltd", "Esq", "Dept", "dept", "Univ", "Assn", "Assoc", "Govt", "Mfg",
            "Intl", "Natl", "Ave", "Blvd", "Rd", "Ln", "Pl", "Pkwy", "Ct", "Sq", "Hts", "Jct",
            "yrs", "hrs", "mins", "secs", "oz", "lb", "lbs", "ft", "sq", "gal", "qt", "mos",
            "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
            "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan",
            "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nebr",
            "Nev", "N.H", "N.J", "N.M", "N.Y", "N.C", "N.D", "Okla", "Ore", "Pa", "R.I", "S.C", "S.D",
            "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wisc", "Wyo", "Alta", "Ont", "Que", "Sask",
            "B.C", "N.S", "Nfld", "L.A", "N.Z", "U.S.S.R", "U.A.E",
            "B.A", "M.A", "M.S", "M.D", "B.S", "D.D.S", "R.N", "J.D", "LL.B", "LL.M", "M.B.A",
            "misc", "esp", "incl", "resp", "cit", "tsp", "tbsp",
        ],
        starters: [
            "A", "An", "The", "This", "That", "These", "Those", "There", "Here", "Then", "Now", "It",
            "Its", "It's", "He", "She", "We", "They", "You", "I", "His", "Her", "Their", "Our", "My",
            "Your", "But", "And", "Or", "So", "Yet", "Nor", "If", "When", "While", "Whilst", "After",
            "Before", "As", "Because", "Although", "Though", "Since", "Until", "Unless", "Once",
            "Whether", "In", "On", "At", "For", "With", "Without", "By", "From", "To", "Of", "Into",
            "Over", "Under", "During", "Despite", "According", "Among", "Between", "Through",
            "About", "Against", "Amid", "Also", "Still", "Meanwhile", "However", "Moreover",
            "Furthermore", "Instead", "Indeed", "Nevertheless", "Nonetheless", "Therefore",
            "Thus", "Today", "Yesterday", "Tomorrow", "Last", "Next", "Earlier", "Later", "What",
            "Who", "Whom", "Whose", "Why", "How", "Where", "Which", "Some", "Many", "Most", "Much",
            "More", "All", "Any", "Each", "Every", "Both", "Few", "Several", "No", "Not", "None",
            "Nothing", "One", "Such", "Other", "Another", "Only", "Even", "Just", "Yes", "Please",
            "Let", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Will",
            "Would", "Can", "Could", "Should", "May", "Might", "Must", "Shall", "Don't", "Can't",
            "That's", "There's", "He's", "She's", "We're", "They're", "I'm", "I'd", "I've",
            "You're", "Let's", "Well", "Oh", "Perhaps", "Maybe", "Often", "Sometimes", "Already",
            "Again", "Asked", "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen",
            "Officials", "Police", "Authorities", "Analysts", "Critics", "Experts", "Researchers",
            "Residents", "Sources", "Shares", "Stocks", "Prices",
        ],
        phraseOpeners: [
            "At", "On", "In", "By", "Until", "Till", "Before", "After", "Since", "From", "Around",
            "About", "Through", "Beginning", "Starting", "Between", "Shortly", "Just", "Like",
        ],
        clitics: .english)
}
