/// The closed word lists that the value rules read: numbers in words, months, weekdays, units,
/// currencies. Looked up by the hash of a token's lower-case bytes, so the rules stay byte-level.
struct ValueWords: Sendable {
    enum Kind: UInt8, Sendable {
        case numberWord, scale, month, ambiguousMonth, weekday, ordinalWord, currencySymbol, currencyWord
        case currencyCode, percentWord, unit, dateUnit, relative, dayWord, timeWord, timeZone, meridiem
        case approximator, rangeWord, decadeWord, plural
    }

    private let table: HashIndex
    /// Value of number words ("six" → 6), to tell "one" the pronoun from small counts.
    private(set) var values: [UInt64: Int] = [:]

    static let shared = ValueWords()

    private init() {
        var table = HashIndex.Builder(capacity: 512)
        func add(_ kind: Kind, _ words: String) {
            for w in words.split(separator: " ") { table.set(ByteText.hash(String(w)), Int32(kind.rawValue)) }
        }
        let units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                     "nineteen", "twenty"]
        for (v, w) in units.enumerated() { values[ByteText.hash(w)] = v }
        for (v, w) in ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"].enumerated() {
            values[ByteText.hash(w)] = 30 + 10 * v
        }
        add(.numberWord, units.joined(separator: " ") + " thirty forty fifty sixty seventy eighty ninety dozen")
        add(.plural, "dozens hundreds thousands millions billions tens scores")
        add(.scale, "hundred thousand million billion trillion mln bln bn m k")
        add(.month, "january february april june july august september october november december jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. dec dec.")
        add(.ambiguousMonth, "may march")
        add(.weekday, "monday tuesday wednesday thursday friday saturday sunday mon. tue. tues. wed. thu. thurs. fri. sat. sun.")
        add(.ordinalWord, "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth hundredth thousandth millionth")
        add(.currencySymbol, "$ £ € ¥ us$ c$ a$ hk$ nz$ s$ r$ ₹ ₽")
        add(.currencyWord, "dollar dollars euro euros pound pounds sterling yen franc francs mark marks rupee rupees yuan renminbi cent cents pence penny rouble roubles ruble rubles lira lire peso pesos crown crowns kronor kroner krona shekel shekels dinar dinars riyal riyals won rand baht ringgit zloty forint")
        add(.currencyCode, "usd eur gbp jpy chf cny rmb cad aud inr rub dm dem frf")
        add(.percentWord, "percent pct % per-cent percentage")
        add(.unit, "km kilometres kilometers kilometre kilometer miles mile metres meters metre meter feet foot ft inches inch cm mm kg kilograms kilogram kilos grams gram tonnes tonne tons ton barrels barrel bpd gallons gallon litres liters litre liter acres acre hectares hectare sq square cubic degrees degree mph km/h knots mw gw kw kwh megawatts gigawatts ounces ounce oz carats lbs lb points")
        add(.dateUnit, "day days week weeks weekend weekends month months year years decade decades century centuries quarter quarters season seasons summer winter spring autumn fall")
        add(.relative, "last next this past coming previous recent early late mid end")
        add(.dayWord, "today yesterday tomorrow")
        add(.timeWord, "noon midnight tonight morning afternoon evening overnight")
        add(.timeZone, "gmt utc est edt pst pdt cet cest bst msk")
        add(.meridiem, "am pm a.m. p.m. a.m p.m")
        add(.approximator, "about around nearly almost approximately roughly some over under")
        add(.rangeWord, "- – — to and")
        add(.decadeWord, "1960s 1970s 1980s 1990s 2000s 2010s 2020s 1950s 1940s 1930s 1920s 1900s")
        self.table = table.index()
    }

    @inline(__always)
    func kind(_ lowerHash: UInt64) -> Kind? {
        let v = table.get(lowerHash)
        return v < 0 ? nil : Kind(rawValue: UInt8(v))
    }

    func value(_ lowerHash: UInt64) -> Int? { values[lowerHash] }
}
