// German word lists (Duden abbreviations common in news). Nouns are capitalized in German, so
// the opener list matters more here than anywhere: "5 Mio. Euro" goes on, "2019 Mio. Die" ends.

extension LanguageLists {
    static let german = LanguageLists(
        code: "de",
        titles: [
            "Hr", "Hrn", "Fr", "Frl", "Dipl", "Ing", "Mag", "Pfr", "Dr.-Ing", "Dipl.-Ing", "z.B", "d.h",
            "u.a", "v.a", "z.T", "o.ä", "u.U", "i.d.R", "bzw", "vgl", "sog", "ggf", "evtl", "inkl",
            "exkl", "zzgl", "bspw", "insb", "einschl", "allg", "ehem", "geb", "gest", "verh", "o.g",
            "s.o", "s.u", "lt", "gem", "bzgl", "ggü", "z.Zt", "i.A", "i.V", "a.D", "St", "Sankt",
            "Gebr", "Pkt", "zit", "sen", "jun",
        ],
        beforeNumber: [
            "Nr", "Abs", "Art", "Bd", "Kap", "Tel", "Abb", "Anm", "Ziff", "Str", "Jan", "Feb", "Mär",
            "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Okt", "Nov", "Dez", "rd", "max", "min", "Aufl",
            "Jg", "Hbf", "Tab", "Bl", "Anl", "Fn",
        ],
        ambiguous: [
            "usw", "u.ä", "u.v.m", "Mio", "Mrd", "Tsd", "Jh", "Jhd", "Jhs", "Chr", "v.Chr", "n.Chr",
            "Std", "Min", "Sek", "Hrsg", "Verf", "ff", "e.V", "u.Ä", "o.Ä", "Co", "Mrd", "Bio",
            "Bhf", "Abt", "Dt", "dt", "engl", "franz", "lat", "europ", "dgl", "od", "Ges", "Inh",
            "Stk", "Zi", "Wo", "ca",
        ],
        starters: [
            "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einen", "Einem", "Einer", "Er",
            "Sie", "Es", "Wir", "Ich", "Ihr", "Man", "Dies", "Diese", "Dieser", "Dieses", "Dass",
            "Doch", "Aber", "Und", "Oder", "Denn", "Auch", "So", "Nun", "Jetzt", "Heute", "Gestern",
            "Morgen", "Dann", "Da", "Dort", "Hier", "Im", "In", "Am", "An", "Auf", "Aus", "Bei",
            "Mit", "Nach", "Seit", "Von", "Vom", "Vor", "Zum", "Zur", "Zu", "Für", "Um", "Über",
            "Unter", "Durch", "Gegen", "Ohne", "Als", "Wenn", "Weil", "Ob", "Wie", "Was", "Wer", "Wo",
            "Warum", "Welche", "Welcher", "Laut", "Noch", "Nicht", "Kein", "Keine", "Alle", "Viele",
            "Mehr", "Sein", "Seine", "Ihre", "Unser", "Unsere", "Mein", "Meine", "Trotz", "Während",
            "Zudem", "Außerdem", "Allerdings", "Deshalb", "Daher", "Damit", "Dabei", "Darüber",
            "Dazu", "Jedoch", "Zwar", "Bereits", "Schon", "Nur", "Zunächst", "Inzwischen",
            "Mittlerweile", "Bislang", "Bisher", "Ja", "Nein", "Wegen", "Beim", "Ins", "Ab", "Bis",
            "Sowohl", "Weder", "Obwohl", "Zugleich", "Gleichzeitig", "Dennoch", "Trotzdem",
            "Hierbei", "Hierzu", "Demnach", "Somit", "Also", "Immer", "Wer", "Wann", "Jede", "Jeder",
            "Jedes", "Beide", "Einige", "Manche", "Andere", "Sei", "War", "Ist", "Sind", "Hat",
            "Haben", "Wird", "Werden", "Kann", "Soll", "Muss", "Herr", "Frau",
        ],
        phraseOpeners: ["Am", "Um", "Bis", "Ab", "Seit", "Im", "Gegen", "Vor", "Nach", "Bei"],
        ordinalNumbers: true)
}
