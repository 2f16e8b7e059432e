// Spanish word lists. "¿" and "¡" open sentences by themselves; "EE.UU." is a chain of
// two-letter parts.

extension LanguageLists {
    static let spanish = LanguageLists(
        code: "es",
        titles: [
            "Sr", "Sra", "Srta", "Sres", "Sras", "Dra", "Dres", "Lic", "Ing", "Arq", "Profa", "Gral",
            "Cnel", "Tte", "Cap", "Mons", "Sto", "Sta", "Fr", "Dña", "Da", "Ud", "Uds", "Vd", "Vds",
            "Excmo", "Excma", "Ilmo", "Ilma", "Av", "Avda", "Pza", "Cmdte", "Sgto", "Dip", "Pbro",
            "p.ej", "Mtro", "Mtra",
        ],
        beforeNumber: [
            "núm", "nro", "pág", "págs", "cap", "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago",
            "sep", "sept", "oct", "nov", "dic", "tel", "aprox", "inc", "tomo", "art", "arts",
        ],
        ambiguous: [
            "S.A", "S.L", "Cía", "Hnos", "EE.UU", "a.C", "d.C", "ej", "dcha", "izq", "Dpto", "Depto",
            "Univ", "Admón", "Bs", "ss", "sig", "Ltda", "C.V", "S.A.B", "mill", "km", "hs",
        ],
        starters: [
            "El", "La", "Los", "Las", "Lo", "Un", "Una", "Unos", "Unas", "Este", "Esta", "Estos",
            "Estas", "Esto", "Ese", "Esa", "Esos", "Esas", "Eso", "Aquel", "Él", "Ella", "Ellos",
            "Ellas", "Nosotros", "Yo", "Tú", "Usted", "Ustedes", "Pero", "Y", "O", "Sin", "Con",
            "En", "De", "Del", "Al", "Por", "Para", "Según", "Desde", "Tras", "Durante", "Además",
            "También", "Así", "Cuando", "Si", "Aunque", "Mientras", "No", "Se", "Le", "Les", "Su",
            "Sus", "Mi", "Hoy", "Ayer", "Mañana", "Ahora", "Entonces", "Ya", "Sobre", "Entre",
            "Hasta", "Hay", "Es", "Fue", "Era", "Son", "Qué", "Quién", "Cómo", "Dónde", "Cuándo",
            "Cada", "Todo", "Todos", "Toda", "Todas", "Otro", "Otra", "Muchos", "Sí", "Como", "Que",
            "Luego", "Después", "Antes", "Incluso", "Pues", "Sin embargo", "Nuestro", "Nuestra",
            "A", "Ante", "Bajo", "Contra", "Hacia", "Ni", "Tampoco", "Quizás", "Tal",
        ],
        phraseOpeners: ["A", "Hacia", "Desde", "Hasta", "Tras", "En", "Sobre"])
}
