/// A limit, checked by a linear pre-scan, that keeps libxml2 2.9 out of its quadratic attribute parsing.
///
/// libxml2 2.9 checks every attribute of a start tag against all earlier ones of the same tag
/// (HTML and XML alike), so one element with n attributes costs n(n-1)/2 comparisons before any
/// SAX callback runs: an element with 20,000 attributes (200 KB) takes 10 s here, one with the
/// 1,500,000 a 10 MB page can hold would take hours, and no deadline can interrupt it because
/// control never comes back to Swift. Stray end tags and deep stacks cost at most
/// depth × bytes, which the depth limit bounds; attributes are the one unbounded case.
///
/// So before parsing, `MarkupPrescan` adds up the comparisons libxml2 would make. Past
/// `budget` (50 million, about three seconds of libxml2's time; a large real page needs a few
/// million at most) the page is refused as over a limit.
enum AttributeBudget {
    static let budget = 50_000_000

    struct Count: Equatable {
        /// Pairwise comparisons libxml2 would make, summed over start tags.
        var comparisons: Int
        /// Attributes of the element that has the most.
        var largest: Int
    }
}
