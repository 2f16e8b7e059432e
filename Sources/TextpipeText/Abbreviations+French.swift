// French word lists. "M." (Monsieur) is a title, so "M. Macron" stays together; elided articles
// ("L'", "D'") open sentences; closing guillemets follow a space (« Oui. »).

extension LanguageLists {
    static let french = LanguageLists(
        code: "fr",
        titles: [
            "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Pr", "Ste", "Sts", "Stes", "Vve",
            "c.-à-d", "p.ex", "p. ex", "cf", "Cie", "Gal", "Col", "Cdt", "Lt", "Sgt", "Adj", "Pdt",
        ],
        beforeNumber: [
            "n", "no", "n°", "N°", "chap", "janv", "févr", "fév", "avr", "juil", "juill", "sept",
            "oct", "nov", "déc", "env", "bd", "boul", "éd", "t", "tél", "vol", "fasc", "al", "av",
            "ch", "pl",
        ],
        ambiguous: [
            "Ets", "apr", "J.-C", "J.C", "hab", "resp", "min", "max", "cad", "ex", "dir", "coll",
            "trad", "Dép", "dép", "S.A", "S.A.S", "H.T", "T.T.C",
        ],
        starters: [
            "Le", "La", "Les", "L'", "Un", "Une", "Des", "Du", "De", "D'", "Ce", "Cet", "Cette", "Ces",
            "Il", "Elle", "Ils", "Elles", "On", "Nous", "Vous", "Je", "J'", "Tu", "Mais", "Et", "Ou",
            "Donc", "Or", "Car", "Ni", "En", "Dans", "Pour", "Par", "Sur", "Sous", "Avec", "Sans",
            "Selon", "Depuis", "Pendant", "Après", "Avant", "Alors", "Puis", "Pourtant", "Cependant",
            "Toutefois", "Néanmoins", "Ainsi", "Enfin", "Aussi", "Quand", "Si", "S'il", "Lorsque",
            "Comme", "C'est", "C'", "Ça", "Cela", "Ceci", "Son", "Sa", "Ses", "Leur", "Leurs",
            "Notre", "Nos", "Votre", "Mon", "Ma", "Mes", "Qui", "Que", "Qu'", "Quoi", "Où",
            "Pourquoi", "Comment", "Quel", "Quelle", "Tout", "Tous", "Toute", "Toutes", "Plus",
            "Aujourd'hui", "Hier", "Demain", "Oui", "Non", "Ne", "N'", "Au", "Aux", "D'après", "À",
            "Y", "Voici", "Voilà", "Chaque", "Certains", "Plusieurs", "Parmi", "Malgré", "Entre",
            "Vers", "Contre", "Également", "Lors", "Dès", "Face", "Pas", "Rien", "Personne",
            "Est-ce", "Reste", "Mardi", "Lundi",
        ],
        phraseOpeners: ["À", "Vers", "Dès", "Depuis", "Avant", "Après", "Jusqu'à", "Entre"],
        clitics: .french,
        spacedClosingQuotes: true)
}
