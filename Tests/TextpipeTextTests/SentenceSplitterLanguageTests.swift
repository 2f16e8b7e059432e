import Testing
import TextpipeText

@Suite("Sentence splitter: German, French, Spanish, Russian")
struct SentenceSplitterLanguageTests {
    static let cases: [SplitCase] = [
        SplitCase("de", "Am 3. Oktober feiert Deutschland die Einheit. Die Feiern finden in Berlin statt.",
                  ["Am 3. Oktober feiert Deutschland die Einheit.", "Die Feiern finden in Berlin statt."]),
        SplitCase("de", "Die Firma, z. B. die Siemens AG, wächst. Sie hat 5 Mio. Euro investiert.",
                  ["Die Firma, z. B. die Siemens AG, wächst.", "Sie hat 5 Mio. Euro investiert."]),
        SplitCase("de", "Er belegte den 2. Platz. Danach fuhr er nach Hause.",
                  ["Er belegte den 2. Platz.", "Danach fuhr er nach Hause."]),
        SplitCase("de", "Prof. Dr. Müller sagte, das sei bzw. bleibe so. Das ist falsch.",
                  ["Prof. Dr. Müller sagte, das sei bzw. bleibe so.", "Das ist falsch."]),
        SplitCase("de", "Der Umsatz stieg 2019 um 5 Prozent. Im Jahr 2020 fiel er.",
                  ["Der Umsatz stieg 2019 um 5 Prozent.", "Im Jahr 2020 fiel er."]),
        SplitCase("de", "„Wir sind zufrieden.“ Das sagte der Chef.", ["„Wir sind zufrieden.“", "Das sagte der Chef."]),
        SplitCase("fr", "M. Macron a rencontré Mme Merkel à Paris. Ils ont parlé de l'Europe.",
                  ["M. Macron a rencontré Mme Merkel à Paris.", "Ils ont parlé de l'Europe."]),
        SplitCase("fr", "« C'est une victoire. » Le président a souri.", ["« C'est une victoire. »", "Le président a souri."]),
        SplitCase("fr", "Le prix est de 5,5 %. Les ventes ont augmenté.", ["Le prix est de 5,5 %.", "Les ventes ont augmenté."]),
        SplitCase("es", "El Sr. García llegó a EE.UU. el lunes. ¿Qué hará ahora?",
                  ["El Sr. García llegó a EE.UU. el lunes.", "¿Qué hará ahora?"]),
        SplitCase("es", "La Dra. López vive en la Avda. de la Constitución. Ella es médica.",
                  ["La Dra. López vive en la Avda. de la Constitución.", "Ella es médica."]),
        SplitCase("es", "Ganó el partido. ¡Qué alegría!", ["Ganó el partido.", "¡Qué alegría!"]),
        SplitCase("ru", "В 2019 г. в Москве прошел форум. Его посетили тысячи людей.",
                  ["В 2019 г. в Москве прошел форум.", "Его посетили тысячи людей."]),
        SplitCase("ru", "Президент В.В. Путин выступил с речью. Он говорил долго.",
                  ["Президент В.В. Путин выступил с речью.", "Он говорил долго."]),
        SplitCase("ru", "Это было в 1990 г. Он уехал.", ["Это было в 1990 г.", "Он уехал."]),
        SplitCase("ru", "Цена выросла на 5 тыс. руб. и т.д. Потом всё упало.",
                  ["Цена выросла на 5 тыс. руб. и т.д.", "Потом всё упало."]),
    ]

    @Test(arguments: cases)
    func splits(_ c: SplitCase) {
        #expect(sentenceTexts(c.text, language: c.language) == c.sentences)
    }

    @Test("German ordinals are a German rule")
    func ordinalsAreLanguageSpecific() {
        let text = "Es war der 3. Oktober."
        #expect(sentenceTexts(text, language: "de").count == 1)
        #expect(sentenceTexts("The score was 3. Oktober won.", language: "en").count == 2)
    }
}
