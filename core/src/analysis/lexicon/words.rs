//! Function words: what tells the languages apart, what negates, what intensifies,
//! what turns a sentence around. Lower-case, exact words (not stems).

/// Frequent Finnish words that are not English words. Language detection counts them,
/// and the classifier ignores them (they say nothing about a label).
pub(crate) const STOPWORDS_FI: &[&str] = &[
    "ja",
    "ei",
    "että",
    "oli",
    "ole",
    "olla",
    "ovat",
    "olemme",
    "olen",
    "olet",
    "olette",
    "ollut",
    "olleet",
    "olisi",
    "olisimme",
    "mutta",
    "kun",
    "myös",
    "niin",
    "kuin",
    "tai",
    "jos",
    "nyt",
    "vain",
    "vielä",
    "meidän",
    "meille",
    "meitä",
    "meillä",
    "teidän",
    "teille",
    "teitä",
    "teillä",
    "he",
    "hän",
    "häntä",
    "hänen",
    "se",
    "sen",
    "sitä",
    "siitä",
    "siinä",
    "sekä",
    "ne",
    "niitä",
    "niiden",
    "tämä",
    "tässä",
    "tätä",
    "tähän",
    "mitä",
    "mikä",
    "mistä",
    "joka",
    "jotka",
    "jonka",
    "joita",
    "kaikki",
    "kaikkea",
    "aina",
    "paljon",
    "kanssa",
    "koska",
    "eikä",
    "emme",
    "en",
    "eivät",
    "et",
    "ette",
    "jo",
    "vähän",
    "ihan",
    "kyllä",
    "sillä",
    "siis",
    "eli",
    "ettei",
    "itse",
    "joten",
    "jotta",
    "kuten",
    "vaikka",
    "sitten",
    "vasta",
    "enää",
    "koko",
    "juuri",
    "mukaan",
    "ennen",
    "jälkeen",
    "aikana",
    "asti",
    "kuitenkin",
    "myöskään",
    "mikään",
    "kukaan",
    "mitään",
    "ketään",
    "minä",
    "minulle",
    "minusta",
    "meistä",
    "teistä",
    "on",
    "taas",
    "yhä",
    "edelleen",
    "vieläkään",
    "kaksi",
    "yksi",
    "kolme",
    "eri",
    "oma",
    "omaa",
    "omat",
];

/// Frequent English words that are not Finnish words.
pub(crate) const STOPWORDS_EN: &[&str] = &[
    "the", "a", "an", "and", "is", "are", "was", "were", "be", "been", "being", "of", "to", "in", "for", "with", "we",
    "you", "our", "your", "it", "its", "this", "that", "these", "those", "they", "them", "their", "have", "has", "had",
    "not", "but", "or", "at", "by", "from", "as", "so", "very", "what", "which", "who", "whom", "i", "my", "us",
    "there", "would", "could", "should", "will", "can", "do", "does", "did", "don't", "didn't", "doesn't", "no", "all",
    "more", "about", "than", "just", "also", "only", "any", "when", "if", "how", "were", "we're", "it's", "i'm",
    "we've", "we'd", "you're", "haven't", "hasn't", "isn't", "wasn't", "won't", "can't", "up", "out", "into", "over",
    "after", "before", "again", "then", "once", "here", "why", "where", "both", "each", "some", "such", "own", "same",
    "too", "now", "get", "got", "really", "much", "every", "other", "on", "one", "two", "three", "four", "like",
    "what's", "there's", "since", "still", "even", "ever", "never", "nothing", "anyone",
];

/// Finnish negation: the negative verb in all persons, with the clitics -kä and the
/// conjunctions "ettei"/"ellei", and "ilman" (without).
pub(crate) const NEGATORS_FI: &[&str] = &[
    "ei",
    "en",
    "et",
    "emme",
    "ette",
    "eivät",
    "eikä",
    "enkä",
    "etkä",
    "emmekä",
    "ettekä",
    "eivätkä",
    "ettei",
    "ellei",
    "ilman",
    "vailla",
    "muttei",
    "harvoin",
];

/// English negation. Any word ending in "n't" (or "nt" for the usual contractions
/// typed without an apostrophe) negates too; see `sentiment::is_negator`.
pub(crate) const NEGATORS_EN: &[&str] = &[
    "not", "no", "never", "nothing", "none", "neither", "nor", "nobody", "cannot", "without", "hardly", "barely",
    "rarely", "seldom", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "couldnt", "wouldnt",
    "shouldnt", "wont", "havent", "hasnt", "hadnt",
];

/// How many words after a negation word it reaches ("en ole ollut kovin tyytyväinen").
/// Finnish puts the negative verb first and may say a lot before the word it negates
/// ("emme ole olleet koko syksynä tyytyväisiä"); the clause still ends at a comma.
pub(crate) const NEGATION_REACH_FI: usize = 10;
pub(crate) const NEGATION_REACH_EN: usize = 4;
/// With a negative-polarity word between ("not a *single* report on time", "ei
/// *kertaakaan* ajoissa") a negation reaches this far in its clause.
pub(crate) const NEGATION_CLAUSE_REACH: usize = 12;
pub(crate) const NEGATIVE_POLARITY_FI: &[&str] = &[
    "yhtään",
    "yhtäkään",
    "yhdenkään",
    "kertaakaan",
    "mitään",
    "lainkaan",
    "ollenkaan",
    "koskaan",
    "ikinä",
];
pub(crate) const NEGATIVE_POLARITY_EN: &[&str] = &["single", "once", "any", "ever", "anything"];
/// Words joining two clauses or phrases: a negation before one does not reach past it
/// ("ei ongelmia ja kaikki sujui", "no delays and a great result").
pub(crate) const COORDINATORS_FI: &[&str] = &["ja", "sekä", "tai", "vaan"];
pub(crate) const COORDINATORS_EN: &[&str] = &["and", "or"];

/// Verbs of thinking and saying (word beginnings) that pass their negation on to the
/// clause they introduce: "en usko, että…", "I don't think…", "I can't say that…".
pub(crate) const RAISERS_FI: &[&str] = &["usko", "sano", "väitä", "väittä", "ajattel"];
pub(crate) const RAISERS_EN: &[&str] = &["think", "say", "believe", "feel"];
pub(crate) const THAT_FI: &[&str] = &["että"];
pub(crate) const THAT_EN: &[&str] = &["that"];

/// "Never": with a degree word right before a good word it is praise, not negation
/// ("never had a site this good", "ei ole koskaan ollut näin hyviä").
pub(crate) const NEVER_FI: &[&str] = &["koskaan", "ikinä", "milloinkaan", "harvoin"];
pub(crate) const NEVER_EN: &[&str] = &["never", "ever", "rarely", "seldom"];
pub(crate) const DEGREE_FI: &[&str] = &["näin", "noin", "yhtä", "tällaista", "tällaisen", "tämän"];
pub(crate) const DEGREE_EN: &[&str] = &["this", "such", "as", "so"];

/// Words opening an embedded clause: a negation before one does not reach the words
/// after it ("did not explain what went wrong" does not make "wrong" good).
pub(crate) const CLAUSE_OPENERS_FI: &[&str] = &[
    "mikä", "mitä", "miten", "miksi", "kuka", "ketkä", "joka", "jotka", "jonka", "joita", "mistä", "mihin", "kun",
    "että", "jos", "kuin",
];
pub(crate) const CLAUSE_OPENERS_EN: &[&str] = &["what", "which", "who", "how", "why", "where", "when", "whether", "if"];

/// Words closing a "not X, but not Y either" sentence: neither half outweighs the other.
pub(crate) const EITHER_EN: &[&str] = &["either"];
pub(crate) const EITHER_FI: &[&str] = &["myöskään", "kumpikaan"];
/// Beginnings of the Finnish words that end in -kään/-kaan without meaning "either".
pub(crate) const NOT_EITHER_FI: &[&str] = &[
    "koskaan",
    "milloinkaan",
    "vieläkään",
    "edelleenkään",
    "kenen",
    "kenel",
    "mihin",
    "missä",
    "mistä",
    "kukaan",
    "mikään",
    "minkään",
    "mitkään",
    "ikinä",
    "lainkaan",
    "ollenkaan",
    "tuskin",
    "aina",
];

/// Words that strengthen the sentiment word right after them (up to two words later).
pub(crate) const INTENSIFIERS_FI: &[&str] = &[
    "todella",
    "erittäin",
    "tosi",
    "aivan",
    "täysin",
    "äärimmäisen",
    "erityisen",
    "aidosti",
    "selvästi",
    "huomattavasti",
    "uskomattoman",
    "kovin",
    "niin",
    "super",
    "todellakin",
    "aina",
    "jatkuvasti",
    "yhä",
];
pub(crate) const INTENSIFIERS_EN: &[&str] = &[
    "very",
    "really",
    "extremely",
    "truly",
    "so",
    "highly",
    "super",
    "incredibly",
    "unbelievably",
    "particularly",
    "absolutely",
    "totally",
    "completely",
    "genuinely",
    "clearly",
    "far",
    "much",
    "always",
    "constantly",
    "consistently",
];

/// A strengthened sentiment word counts this much more.
pub(crate) const INTENSIFIER_FACTOR: f64 = 1.5;

/// "…, but …": what follows the turn is what the writer means (it counts more, what
/// precedes it less).
pub(crate) const CONTRAST_FI: &[&str] = &["mutta", "muttei", "kuitenkin", "silti"];
pub(crate) const CONTRAST_EN: &[&str] = &["but", "however", "though", "nevertheless"];
pub(crate) const BEFORE_CONTRAST_FACTOR: f64 = 0.5;
pub(crate) const AFTER_CONTRAST_FACTOR: f64 = 1.5;

/// Words after which a full stop does not end a sentence.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "esim", "mm", "ns", "jne", "yms", "tms", "ks", "vrt", "ts", "eg", "e.g", "i.e", "ie", "etc", "vs", "mr", "mrs",
    "ms", "dr", "ca", "approx", "nro", "klo", "n",
];

/// Words that open an English yes/no question ("Was the update successful?"): good
/// words in it are asked about, not said. A Finnish one opens with a word in -ko/-kö
/// ("Onnistuiko päivitys?").
pub(crate) const QUESTION_OPENERS_EN: &[&str] = &[
    "is", "was", "are", "were", "did", "does", "do", "has", "have", "will", "can", "could", "should", "would",
];

/// Words that open an email's closing line ("Thanks, Laura", "Best, Anna", "Kiitos!",
/// "T. Pekka"): a closing thanks is politeness, not praise, after a complaint.
pub(crate) const SIGN_OFFS_FI: &[&str] = &[
    "kiitos",
    "kiitti",
    "kiitoksin",
    "terveisin",
    "terv",
    "t",
    "ystävällisin",
    "parhain",
    "parhaat",
    "hyvää",
];
pub(crate) const SIGN_OFFS_EN: &[&str] = &[
    "thanks", "thank", "thx", "cheers", "best", "regards", "br", "kind", "warm", "warmest",
];
/// A closing line is at most this many words long.
pub(crate) const SIGN_OFF_MAX_WORDS: usize = 4;

/// Prefixes that turn a word around ("unhelpful", "epäkäytännöllinen"), and English
/// words that only look prefixed so ("invaluable" is praise).
pub(crate) const NEGATIVE_PREFIXES_FI: &[&str] = &["epä"];
pub(crate) const NEGATIVE_PREFIXES_EN: &[&str] = &["un", "in", "im", "dis", "non"];
pub(crate) const NOT_NEGATIVE_PREFIXED_EN: &[&str] = &["invaluable", "unbeatable", "unmatched", "unrivalled"];
