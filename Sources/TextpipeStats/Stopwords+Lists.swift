/// Built-in stop-word lists: the function words of each language (articles, pronouns,
/// prepositions, conjunctions, auxiliaries and the commonest adverbs), written for textpipe
/// from the grammar of each language, plus the numerals up to ten, and the reporting verbs and
/// titles that crowd the top of any news vocabulary ("said", "sagte", "Mr."). Lower case, with "'" as the apostrophe; tokens the
/// tokenizer splits off ("'s", "n't", "l'", "d'") are listed as they come out of it.
extension Stopwords {
    static let builtIn: [String: String] = [
        "en": """
            a about above after again against all also although am among an and another any are aren't \
            around as at be because been before being below between both but by can can't cannot could \
            couldn't did didn't do does doesn't doing don't down during each either else ever every few \
            for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's \
            hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's \
            its itself just let's may me might more most much must mustn't my myself neither no nor not \
            now of off on once one only or other ought our ours ourselves out over own per same shall \
            shan't she she'd she'll she's should shouldn't since so some such than that that's the their \
            theirs them themselves then there there's these they they'd they'll they're they've this \
            those though through thus to too toward towards under until up upon us very via was wasn't we \
            we'd we'll we're we've were weren't what what's when when's where where's whether which while \
            who who's whom whose why why's will with within without won't would wouldn't yet you you'd \
            you'll you're you've your yours yourself yourselves 's n't 're 'll 've 'd 'm said says \
            mr mrs ms dr mr. mrs. ms. dr.
            two three four five six seven eight nine ten
            """,
        "de": """
            aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes \
            auch auf aus bei beim bin bis bist da damit dann das dass dein deine deinem deinen deiner dem \
            den denn der deren des dessen dich die dies diese diesem diesen dieser dieses dir doch dort du \
            durch ein eine einem einen einer eines er es etwa euch euer eure für gegen gewesen hab habe \
            haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im \
            in indem ins ist jede jedem jeden jeder jedes jetzt kann kein keine keinem keinen keiner könnte \
            man manche mehr mein meine meinem meinen meiner mich mir mit muss musste nach nicht nichts noch \
            nun nur ob oder ohne schon sehr sein seine seinem seinen seiner seit sich sie sind so solche \
            soll sollte sondern sonst über um und uns unser unsere unter viel vom von vor während war waren \
            warum was weil weiter welche welchem welchen welcher welches wenn wer werde werden wie wieder \
            will wir wird wo wollen wurde wurden zu zum zur zwar zwischen sagte sagt
            eins zwei drei vier fünf sechs sieben acht neun zehn
            """,
        "fr": """
            a à afin ai aie aient ainsi alors as au aucun aucune aujourd'hui aupres auquel aura aurait aussi \
            autre autres aux avaient avais avait avant avec avoir c' ça car ce ceci cela celle celles celui \
            cependant certains ces cet cette ceux chaque chez comme comment d' dans de des depuis deux doit \
            donc dont du elle elles en encore entre est et été étaient était être eu eux fait faire fois \
            font il ils j' je jusqu' l' la le les leur leurs lui m' ma mais me même mes moi mon n' ne ni \
            nos notre nous on ont ou où par parce pas pendant peu peut plus pour pourquoi qu' quand que \
            quel quelle quelles quels qui quoi s' sa sans se selon ses si sien son sont sous sur t' ta \
            tandis te tes toi ton tous tout toute toutes très tu un une vers vos votre vous y
            trois quatre cinq sept huit neuf dix
            """,
        "es": """
            a al algo algunos ante antes aquel aquella aquí así aunque bajo bien cada como con contra cual \
            cuando de del desde donde dos durante e el él ella ellas ellos en entre era eran es esa esas \
            ese eso esos esta está están estas este esto estos fue fueron ha habían había han hasta hay la \
            las le les lo los más me mi mientras muy nada ni no nos nosotros o otra otras otro otros para \
            pero poco por porque que qué quien se sea según ser si sí sido sin sobre son su sus también \
            tan tanto te tiene tienen todo todos tu tú un una uno unos y ya yo
            tres cuatro cinco seis siete ocho nueve diez
            """,
        "it": """
            a ad agli al alla alle allo anche ancora che chi ci come con cui da dal dalla dalle dei del \
            della delle dello di dove e è ed era erano essere fra gli ha hanno i il in io l' la le lei lo \
            loro lui ma mi mio molto ne negli nei nel nella nelle noi non o per perché più poi quale quando \
            quella quelle quello questa queste questo se sei si sia siamo sono su sua sue sui sul sulla \
            suo suoi tra tu tutti tutto un un' una uno vi voi
            tre quattro cinque sette otto nove dieci
            """,
        "pt": """
            a à ao aos as às até com como da das de dela dele deles depois do dos e é ela elas ele eles em \
            entre era eram essa esse esta este eu foi foram há isso isto já la lhe mais mas me mesmo meu \
            minha muito na nas nem no nos nós o os ou para pela pelas pelo pelos por qual quando que quem \
            se sem ser seu seus sua suas também te tem têm tu um uma umas uns você
            dois duas três quatro cinco sete oito nove dez
            """,
        "nl": """
            aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een \
            eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in \
            is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat \
            onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat \
            werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
            twee drie vier vijf zes zeven negen tien
            """,
        "ru": """
            а без более бы был была были было быть в вам вас весь во вот все всё всего всех вы где да даже \
            для до его ее её ей ему если есть еще ещё же за здесь и из или им их к как какой когда кто ли \
            либо между меня мне может мы на над нас не него нее неё нет ни них но ну о об однако он она \
            они оно от очень по под после потому при про с сам свой себя со так также такой там те тем то \
            того тоже только том ту тут у уже хотя чего чем что чтобы эта эти это этого этой этом этот я
            два две три четыре пять шесть семь восемь девять десять
            """,
    ]
}
