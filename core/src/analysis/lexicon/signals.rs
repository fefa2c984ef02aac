//! Signals beyond sentiment: the six churn causes, upsell hints and requests for change.
//! Each entry is a rule (notation: `lexicon/mod.rs`); a rule fires when one sentence
//! holds every `+` group of it.

use crate::ChurnCause::{self, *};

pub(crate) const CHURN_FI: &[(ChurnCause, &str)] = &[
    // 1: what was promised is not what came
    (PromiseVsDelivery, "luvat*|lupas*|lupail*|lupau*|luvan*"),
    (PromiseVsDelivery, "taattiin|taattu*|taattua"),
    (
        PromiseVsDelivery,
        "myyntivaihee*|myyntiesity*|myyntineuvottel*|tarjouksessa|tarjouksen mukaan + mutta|~not",
    ),
    (PromiseVsDelivery, "piti olla|pitänyt olla|oli tarkoitus"),
    (
        PromiseVsDelivery,
        "~not vastannut odotu*|~not vastaa odotu*|~not vastanneet odotu*|~not täyttänyt odotu*",
    ),
    (PromiseVsDelivery, "meille myytiin|myyntipuhe ja"),
    (
        PromiseVsDelivery,
        "~not + =vastaa|=vastanneet|=vastannut|täsmää*|täsmänn* + sovit*|arvio*|tarjou*|sopimu*",
    ),
    (PromiseVsDelivery, "puhuttiin|sovittiin + mutta"),
    // 2: the customer's voice is lost inside the firm
    (VoiceLost, "~not kuunnel*|~not kuuntel*|kuuntelematt*"),
    (
        VoiceLost,
        "~not mene perille|~not men* perille|~not tunnu menevän perille",
    ),
    (VoiceLost, "toista* + sama*|uudelleen"),
    (
        VoiceLost,
        "sanoneet|kertoneet|kerroimme|sanoimme + kahdesti|monesti|monta kertaa|useasti|useaan otteeseen|uudelleen|taas",
    ),
    (
        VoiceLost,
        "palaute* + kadon*|kadonn*|hävi*|~not muuttu*|mikään ei muuttunut|unoht*",
    ),
    (VoiceLost, "kukaan ei tunne|~not tiedä mitä|~not tunne meidän"),
    (VoiceLost, "sisäviestin* + ~not|huono*|puuttu*|kata*"),
    (VoiceLost, "myynti* + ~not tiedä|~not tiennyt"),
    // feedback that does not get through
    (
        VoiceLost,
        "palaute*|palautt*|kommentt*|huole*|toivee*|pyyn* + ~not välity*|~not välitetä|~not kulje|~not päädy|~not otettu huomioon|~not huomioida|~not huomioitu|katoa*|mikään ei muuttunut|~not mitään tapahdu|~not mikään muuttunut",
    ),
    (
        VoiceLost,
        "~not välity*|~not välitetä|~not päädy* + asti|eteenpäin|tekijöille|kehittäj*|tiimille|toimitu*",
    ),
    (
        VoiceLost,
        "esiin|sanoneet|sanomamme|kertoneet + mikään ei muuttunut|~not mitään tapahdu|~not mikään muuttunut|~not muuttunut mitään",
    ),
    (VoiceLost, "puhuisi seinälle|puhua seinälle|tikettinumero*|~not muista*"),
    (
        VoiceLost,
        "sanomamme|kertomamme|palautteemme + ~not päädy*|tunnu päätyvän|~not välity*",
    ),
    (
        VoiceLost,
        "sama*|samoja + joka kerta|joka katsaukse*|jokaisessa|uudelleen|uudestaan|taas",
    ),
    // changing contacts, re-onboarding
    (
        VoiceLost,
        "yhteyshenkilö*|asiakkuuspäällik*|projektipäällik*|kehittäj*|konsult*|asiantuntij*|kaveri* + vaihtu*|vaihdo*|vaihtaa|kolmas|neljäs|viides|jokainen uusi|jokaiselle uudelle|taas uusi|jälleen uusi|kolme eri|neljä eri|viisi eri|monta eri",
    ),
    (
        VoiceLost,
        "perehdyttä*|selittä*|opettele* + uudelleen|uudestaan|alusta|nollasta|jokaise*|uude*|taas",
    ),
    (VoiceLost, "aloit* + alusta|nollasta"),
    (
        VoiceLost,
        "kerroimme|sanoimme|ilmoitimme + ~not tiennyt|~not tienneet|~not tiedä|ei ollut tietoa|tietämätön",
    ),
    // nobody owns the whole
    (
        VoiceLost,
        "kokonaisuu*|kokonaiskuva*|kokonaisvastuu* + kukaan|kenelläkään|keneltäkään|~not ole",
    ),
    // a new person who knows nothing, explaining it all again to each
    (
        VoiceLost,
        "uusi|uuden|uudet|uudelle + ~not tiennyt|~not tienneet|~not tiedä|~not ollut tietoa|tietämätön",
    ),
    (
        VoiceLost,
        "kerto*|selittä*|selitin|selitimme|toista* + =alusta|koko tarinan|kaiken uudelleen|eri ihmiselle|eri ihmisille|eri henkilölle|eri henkilöille",
    ),
    (
        VoiceLost,
        "joku uusi|uusi ihminen|uusi henkilö|uudet kasvot + joka kerta|aina|taas|jälleen|jokaisella",
    ),
    (
        VoiceLost,
        "nost*|esiin|palaute*|kommentt*|pyyntö* + ~not men* mihinkään|~not johda mihinkään|~not tunnu menevän mihinkään|katoa*",
    ),
    (VoiceLost, "tuolien väliin|kukin erikseen|rakoihin|väliinputoa*"),
    // 3: complaints and errors handled poorly
    (
        ComplaintHandling,
        "reklamaatio*|reklamoi*|valitukse*|valitus + ~not|vieläkään|yhä|edelleen|odota*|kesti",
    ),
    (
        ComplaintHandling,
        "virhe*|bugi*|vika*|vian|ongelm*|virheilmoitu* + ~not korjat*|~not korjattu|~not ole korjattu|vieläkään|korjaamatta|edelleenkään",
    ),
    (ComplaintHandling, "kuitan*|kuitattu|kuittaa* + ~not"),
    (ComplaintHandling, "mustaan aukkoon|black hole"),
    (ComplaintHandling, "suljettiin + ilman|~not"),
    (
        ComplaintHandling,
        "~not ketään ottamaan vastuu*|~not kukaan ota vastuu*|vaikea saada ketään|kukaan ei ota vastuuta + virhe*|vika*|vian|ongelm*|reklamaatio*|katko*",
    ),
    (
        ComplaintHandling,
        "käyttökatko*|häiriö*|katko* + kestämät*|huono*|~not soitto*|~not selity*",
    ),
    (
        ComplaintHandling,
        "vieläkään|edelleenkään + tiedä*|tietoa|vastaus*|korja*",
    ),
    (ComplaintHandling, "korjat* + kesti|viikko*|kuukau*"),
    (ComplaintHandling, "eskaloi*|korjattiin vasta|korjaantui vasta"),
    (
        ComplaintHandling,
        "odotamme yhä|odotamme edelleen|odotamme vieläkin + korja*",
    ),
    (
        ComplaintHandling,
        "~not kertonut|~not selittänyt + vikaan|pieleen|virhe*|syy*",
    ),
    (
        ComplaintHandling,
        "syytitte|syyttivät|syytettiin|väärinkäsitykse*|ominaisuus|vikamme|syymme + reklamaatio*|reklamoi*|ilmoit*|huomaut*|virhe*|ongelm*|valit*|vika*",
    ),
    (
        ComplaintHandling,
        "auki|avoinna + tiketti*|tukipyyn*|vikailmoitu*|pyyntö*|tiketit",
    ),
    // how the answer to a complaint sounded
    (
        ComplaintHandling,
        "vähättel*|vähätel*|puolustel*|väistel*|syytti* meitä|syytettiin meitä|~not pahoiteltu|~not pahoitellut|~not pyytänyt anteeksi|~not pyydetty anteeksi|~not meidän ongelma*",
    ),
    (ComplaintHandling, "hyvity*|korvau* + evättiin|~not|kieltäy*|torjut*"),
    // 4: the offering does not engage
    (
        NotEngaging,
        "tylsä*|puuduttav*|pitkäveteis*|mielikuvitukset*|geneeri*|passiivi*|ylläpitomood*",
    ),
    (
        NotEngaging,
        "~not tuo* lisäarvo*|~not tuo* mitään uutta|lisäarvo* + ~not|puuttu*|vähäi*",
    ),
    (NotEngaging, "rutiini* + samat|sama|vuodesta"),
    (NotEngaging, "ideat + loppu*|~not"),
    (NotEngaging, "myyntipuhe*"),
    (NotEngaging, "~not haasta*|ennalta arvattav*"),
    (
        NotEngaging,
        "väljähty*|rastien ruksi*|strategista ajattelua ei|vain toteutatte|~not mitään uutta|kuulemme teistä vain",
    ),
    (
        NotEngaging,
        "aloitteellisuu*|proaktiivi*|sparrau*|ideoi*|luovuu* + ~not|puuttu*|enemmän|kaipa*|odotimme|odotin",
    ),
    (
        NotEngaging,
        "tilausten vastaanottaja*|vain sen mitä pyydetään|vain sen mitä pyydämme|ideat tulevat meiltä|autopilot*|mekaanis*|samaa vanhaa",
    ),
    (NotEngaging, "ehdotu*|ehdota* + ~not|koskaan|harvoin|puuttu*"),
    (NotEngaging, "visio*|strategi* + puuttu*|~not|kaipaisimme"),
    // 5: needs have changed
    (NeedsChanged, "tarpee*|tarpei* + muuttu*|muuttune*|enää|toiset|uude*"),
    (
        NeedsChanged,
        "emme enää tarvitse|~not enää tarvitse|budjettileikkau*|kevennämme|supistamme",
    ),
    (NeedsChanged, "prioriteet*|painopist* + toiset|muuttu*|siirty*|siirtyy"),
    (
        NeedsChanged,
        "uusi strategia*|uuden strategia*|strategiamme*|strategiamuuto*",
    ),
    (
        NeedsChanged,
        "fuusio*|yrityskaup*|yritysosto*|organisaatiomuuto*|uudelleenjärjeste*",
    ),
    (NeedsChanged, "talon sisälle|omaksi työksi|sisäistä*|in-house"),
    (
        NeedsChanged,
        "leikat* kulu*|leikkaa* kulu*|säästö* + ~not|pienennä*|pienennämme|vähennä*",
    ),
    (NeedsChanged, "~not enää vasta*"),
    (NeedsChanged, "tarvitsemme teitä|tarvitsemme teiltä + vähemmän"),
    (
        NeedsChanged,
        "olemme kasvaneet|kasvaneet paljon|kasvanut paljon + tarvits*|tarvitaan",
    ),
    (NeedsChanged, "alustanvaihdo*|vaihdoimme alusta*|tarpeettom*"),
    (NeedsChanged, "palkkaamme omia|omia kehittäjiä|oma tiimimme"),
    (NeedsChanged, "oma|omat|oma henkilöstö* + hoitaa|hoitavat + joten|nyt"),
    (NeedsChanged, "uusi|uuden + johtaja|johto"),
    // 6: competitors ahead
    (CompetitorsAhead, "kilpailij*|kilpailut*|kilpaileva*"),
    (
        CompetitorsAhead,
        "halvemmalla|edullisemmin|edullisempi|halvempi|halvempaa",
    ),
    (
        CompetitorsAhead,
        "tarjou* + muualta|toiselta|toinen|toiselta toimistolta",
    ),
    (
        CompetitorsAhead,
        "toinen talo|toinen toimisto|toinen toimittaja|toiset toimijat|muut toimijat",
    ),
    (CompetitorsAhead, "ajaneet ohi|menneet ohi|edellä meitä"),
    (
        CompetitorsAhead,
        "muilla palveluntarjoaj*|muut palveluntarjoaj*|muilla toimittaj*|muut toimittaj*|muilla toimistoilla|muut toimistot",
    ),
    (CompetitorsAhead, "muualta + halvemmalla|edullisemmin|paremp*|nopeammin"),
];

pub(crate) const CHURN_EN: &[(ChurnCause, &str)] = &[
    (PromiseVsDelivery, "=promised|=promise|=promises"),
    (PromiseVsDelivery, "guaranteed|guarantee"),
    (
        PromiseVsDelivery,
        "~not match|never match + estimate|quote|agreed|offer|contract",
    ),
    (
        PromiseVsDelivery,
        "pitch|proposal|sales process|sales phase|statement of work + ~not|never|but|nothing like",
    ),
    (
        PromiseVsDelivery,
        "supposed to|told to expect|were told + but|~not|never",
    ),
    (PromiseVsDelivery, "overpromised|under-delivered|underdelivered"),
    (
        PromiseVsDelivery,
        "~not meet our expectations|~not meet expectations|~not live up|fell short of what",
    ),
    (
        PromiseVsDelivery,
        "we were sold|were sold a|sales pitch and|pitch and the reality",
    ),
    (VoiceLost, "nobody listen*|no one listen*|~not listening|~not listen"),
    (
        VoiceLost,
        "keep repeating|repeat ourselves|repeating ourselves|explain everything again|again and again",
    ),
    (
        VoiceLost,
        "told|mentioned|said|raised|explained + twice|several times|repeatedly|many times|more than once|again",
    ),
    (
        VoiceLost,
        "feedback + disappear*|ignored|lost|nothing changed|~not acted|went nowhere",
    ),
    (
        VoiceLost,
        "~not seem to know|~not know what we|nobody knows what|no one knows what",
    ),
    (VoiceLost, "~not get through|falls on deaf ears|not heard"),
    (
        VoiceLost,
        "feedback|input|comments|concerns|what we say|what we tell|what we agree|what we said + never reach*|~not reach*|~not seem to reach|~not passed on|never passed on|~not get passed|vanish*|black hole|~not taken into account|nothing changed|nothing happens|gets lost|get lost",
    ),
    (
        VoiceLost,
        "never reaches|never reach|~not reach + developers|team|delivery|people",
    ),
    (
        VoiceLost,
        "nothing we say|nothing we tell|none of our|nothing we said + reach*|get through|passed on|arrive*",
    ),
    (
        VoiceLost,
        "raised|pointed out|flagged|asked for|written|requested + twice|three times|several times|every review|each review|repeatedly|in every|nothing changed",
    ),
    (
        VoiceLost,
        "same concern|same issues|same request|same questions|same things + again|every|twice|nothing|over and over",
    ),
    (
        VoiceLost,
        "talking to a wall|ticket number|nobody remembers|no one remembers|~not remember",
    ),
    // changing contacts, re-onboarding
    (
        VoiceLost,
        "contact person|contact|account manager|project manager|developer|consultant|specialist|point of contact|contacts|managers|consultants + changed|changes|changing|keeps changing|third|fourth|fifth|yet another|another new|every new|each new|different",
    ),
    (
        VoiceLost,
        "re-explain|re-onboard|re-brief|from scratch|from zero|all over again|over again",
    ),
    (
        VoiceLost,
        "explain|brief|onboard|onboarded|repeat + every new|each new|yet another|another new|new guy|new person|someone new|again",
    ),
    // nobody owns the whole
    (
        VoiceLost,
        "nobody|no one|no single|no one person + owns|whole|joins the dots|entire|overall|big picture|full picture|complete picture|overview",
    ),
    // a new person who knows nothing, explaining it all again to each
    (VoiceLost, "new + ~not know|had no idea|no idea|unaware"),
    (
        VoiceLost,
        "tell|told|explain*|repeat* + from the beginning|from the start|whole story|different people|different persons",
    ),
    (
        VoiceLost,
        "someone new|somebody new|a new person|new face* + every time|each time|again|always",
    ),
    (
        VoiceLost,
        "raise*|feedback|comment*|request*|point* + ~not go anywhere|~not seem to go anywhere|go nowhere|goes nowhere|went nowhere|get lost|gets lost|never makes it|~not make it|stops at",
    ),
    (VoiceLost, "between the chairs|through the cracks|talk to us separately"),
    (VoiceLost, "start from zero|start from scratch|start over|starting over"),
    (
        VoiceLost,
        "we told|we said|we informed|we mentioned + had no idea|no idea|~not know|never heard",
    ),
    (
        ComplaintHandling,
        "complaint|complained|complaints + still|ignored|waiting|no reply|no answer|took weeks|~not answered|~not handled|~not resolved|~not acknowledged|generic|template|our fault|without any",
    ),
    (
        ComplaintHandling,
        "ticket + closed without|closed + without|~not fix*|nothing",
    ),
    (
        ComplaintHandling,
        "still not fixed|still ~not know|still waiting|still no|still broken|still open",
    ),
    (
        ComplaintHandling,
        "bug|error|defect|issue|problem + ~not fixed|unfixed|still|won't fix",
    ),
    (ComplaintHandling, "won't fix|black hole"),
    (
        ComplaintHandling,
        "~not even acknowledged|never acknowledged|no acknowledgement",
    ),
    (
        ComplaintHandling,
        "take responsibility|points to someone else|blame + hard|nobody|no one|refuse*|everyone",
    ),
    (
        ComplaintHandling,
        "outage|incident + unacceptable|poorly|badly|no call|no explanation",
    ),
    (ComplaintHandling, "took weeks|took months + correct*|fix*"),
    (ComplaintHandling, "escalat*|only fixed|only got fixed|fixed only"),
    (
        ComplaintHandling,
        "~not explain|never explained + went wrong|happened|caused|cause",
    ),
    (
        ComplaintHandling,
        "blamed|brushed off|dismissed|is a feature|our fault|misunderstanding on our side + complaint*|report|reported|pointed out|error|problem|issue|bug|raised",
    ),
    (
        ComplaintHandling,
        "open since|been open|still open|open for + ticket|issue|bug|request",
    ),
    // how the answer to a complaint sounded
    (
        ComplaintHandling,
        "downplayed|played down|defensive|brushed aside|shrugged|blamed us|no apology|never apologi*|~not apologi*|not our problem|your problem",
    ),
    (
        ComplaintHandling,
        "refund|credit|compensation + refused|denied|~not|rejected",
    ),
    (
        NotEngaging,
        "boring|tedious|uninspired|uninspiring|generic|passive|dull|maintenance mode",
    ),
    (
        NotEngaging,
        "~not add any value|~not add value|no added value|~not add much",
    ),
    (NotEngaging, "routine + slides|same|last year"),
    (NotEngaging, "ideas + dried up|run out|no new|no fresh|never any"),
    (NotEngaging, "sales pitch"),
    (NotEngaging, "~not challenge|never challenge|predictable"),
    (
        NotEngaging,
        "stale|box-ticking|box ticking|no strategic|just execute|simply execute|nothing new|only hear from you",
    ),
    (
        NotEngaging,
        "initiative|proactive|creativity|new ideas|fresh ideas + rarely|~not|lack|expected more|more",
    ),
    (
        NotEngaging,
        "order taker|only what we ask|just what we ask|exactly what we ask and nothing|ideas come from us|autopilot|going through the motions|same old",
    ),
    (NotEngaging, "suggestions|suggest + ~not|never|rarely|no"),
    (
        NotEngaging,
        "vision|strategic input|strategic thinking + ~not|lack*|missing|no",
    ),
    (NeedsChanged, "needs + changed|have changed|different|shifted|moved on"),
    (
        NeedsChanged,
        "no longer need|~not need you|budget cuts|cutting back|scaling back",
    ),
    (NeedsChanged, "priorities|focus + different|changed|shifted|moved"),
    (NeedsChanged, "new strategy|strategy has changed|change of strategy"),
    (
        NeedsChanged,
        "merger|acquisition|reorganisation|reorganization|restructuring",
    ),
    (NeedsChanged, "in-house|in house"),
    (NeedsChanged, "cut costs|cutting costs|scale down|scaling down|downsize"),
    (
        NeedsChanged,
        "new ceo|new cfo|new cto|new =management|new leadership|new director|new owner|new owners",
    ),
    (
        NeedsChanged,
        "no longer fits|no longer need|no longer matches|no longer relevant",
    ),
    (NeedsChanged, "need you less|need less from you|need less of"),
    (NeedsChanged, "we have grown|we've grown|grown a lot + need|needs"),
    (
        NeedsChanged,
        "switched platforms|changed platforms|irrelevant for us|irrelevant to us",
    ),
    (NeedsChanged, "hiring our own|our own developers"),
    (
        NeedsChanged,
        "our own staff|our own team|our own it + now|handle|handles|does",
    ),
    (CompetitorsAhead, "competitor|competitors|competition|rival"),
    (
        CompetitorsAhead,
        "another agency|another firm|another vendor|other vendors|other agencies|other firms",
    ),
    (CompetitorsAhead, "cheaper|for less|half the price"),
    (
        CompetitorsAhead,
        "other providers|other suppliers|other studios|other consultancies",
    ),
    (CompetitorsAhead, "elsewhere + less|cheaper|better|faster"),
    (CompetitorsAhead, "evaluating other|looking at other|tendering|tender"),
];

/// A customer asking for more: new needs, another service, a wider scope.
pub(crate) const UPSELL_FI: &[&str] = &[
    "voisitteko|pystyisittekö|voisitko|voitteko|onnistuisiko + myös|lisäksi|saman|toisen|uuden|tarjou*",
    "tarvitsisimme|tarvitsemme|haluaisimme|haluamme + myös|lisäksi|lisää",
    "olisi kiinnostusta|kiinnostaisi|kiinnostunei*",
    "laajenta*|laajennu*|laajennamme|laajennus*",
    "jatkoprojekti*|seuraava* vaihe*|jatkovaihe*",
    "uusi tarve|uusia tarpeita|uudesta tarpeesta",
    "tarjous* + pyyd*|pyytäisimme|lähettä*|saada",
    // future needs: "tarvitsemme isomman tiimin"
    "tarvits*|tarvita*|tarvitt*|tarvitaan + myös|lisäksi|lisää|isomma*|suuremma*|lisäkä*|kapasitee*|uude*|toisen|saman|sinne",
    "tarjous|tarjouksen|offeri* + vaihee*|vaiheeseen|laita*|lähettä*|haluaisimme|tarvitaan",
    "toista vaihetta|toinen vaihe|laajempi* käyttöön*|laajemma* käyttöön*",
    "teettekö|tarjoatteko|onko teillä myös",
    "teidät mukaan|jatkaa teidän kanssanne",
];

pub(crate) const UPSELL_EN: &[&str] = &[
    "could you also|would you also|can you also|could you help us with|would you be able to + also|same|another|additional|too|as well|help",
    "also need|also help|we'd also|would also need|also like",
    "interested in|interest in|keen to",
    "expand|extend|extending|expanding|scale up",
    "next phase|phase two|follow-up project",
    "we have new needs|new needs for|a new need|new need for",
    "offer|quote|proposal + send|could you|would you|please",
    // future needs: "will need a bigger team"
    "will need|we'll need|i'll need|they'll need|will be needing|going to need|may need|might need|will require|expect to need|would need|'d need + more|bigger|larger|extra|additional|help|support|capacity|another|also|too|you|hands|second|same|new",
    "need a quote|need an offer|like an offer|like a quote|want an offer",
    "phase 2|second phase|phase ii|full rollout|roll it out|roll out to",
    "do you do|do you offer|do you also",
    "you to be involved|continue with you|continuing with you",
];

/// Sentences that hold an upsell cue but are something else: thanks, a copy of a
/// document, a "why", a rhetorical "ever", a scope grown without asking.
pub(crate) const NOT_UPSELL_FI: &[&str] =
    &["kiitos|kiittää|kiitämme|sanoa|kopio*|miksi|ikinä|koskaan|ilman|vähemmän|päätetty"];

pub(crate) const NOT_UPSELL_EN: &[&str] = &["thank*|say|copy|why|ever|without|less|decided"];

/// A sentence asking for change: a request, a wish, a "should".
pub(crate) const DEVELOPMENT_FI: &[&str] = &[
    "toivoisin|toivoisimme|toivomme|toivon|toiveena|toive*",
    "pitäisi*|tulisi*|kannattaisi|=kannattaa|täytyisi|täytyy|pitää",
    "voisitte|voisitteko|voisitko|voisi olla|voisi|voisimme",
    "olisi hyvä|olisi hienoa|olisi kiva|olisi syytä|olisi parempi|olisi tärkeää",
    "pyydän|pyytäisin|pyydämme|pyytäisimme|ehdotan|ehdottaisin|ehdotamme",
    "haluaisin|haluaisimme|olisimme halunneet|olisin halunnut",
    "kaipaisin|kaipaisimme|kaipaamme",
    "parantamisen vara*|parannettava*|kehitettävä*|toivomisen vara*",
    "jatkossa|vastedes|ensi kerralla|seuraavalla kerralla",
];

pub(crate) const DEVELOPMENT_EN: &[&str] = &[
    "please",
    "should|ought to|you must|you have to|=has to|need to|=needs to",
    "would like|i'd like|we'd like|wish|hope you|would prefer|i'd prefer|we'd prefer",
    "could you|would you|can you|would it be possible",
    "would be great|would be nice|would be good|would be helpful|would help|it would be",
    "i suggest|we suggest|i'd suggest|we'd suggest|suggest that|my suggestion|our suggestion|recommend that",
    "could be better|could be more|could be shorter|could be clearer|could improve|room for improvement|needs work|needs a lot of work",
    "might be worth|worth considering|worth thinking",
    "we need more|we need clearer|we need better",
    "in future|in the future|going forward|next time",
];

/// Complaints by situation, not by vocabulary: messages left unanswered, waiting for
/// days, having to chase or re-explain, being passed around, leaving. Each counts for
/// sentiment as a complaint; none points to a churn cause by itself.
pub(crate) const SITUATIONS_FI: &[&str] = &[
    // asked, reminded, called again and again
    "pyyd*|pyys*|pyytä*|kysy*|muistut*|soiti*|soitt*|kirjoit*|lähetti*|lähetim*|lähetin + kahdesti|kolmesti|neljästi|kolme kertaa|neljä kertaa|viisi kertaa|useasti|monta kertaa|moneen kertaan|useaan otteeseen|toistuvasti",
    // still not: the -kään of "vieläkään" only comes with a negation
    "=vieläkään|=edelleenkään|=yhäkään",
    "~not taas|taas ~not|~not jälleen|jälleen ~not|~not yhä|yhä ~not|edelleen ~not",
    "kukaan ei|eikä kukaan|yhdestäkään|kukaan + vastannut|vastaa|vastattu|reagoinut|palannut|soittanut",
    "onko|kuuluuko + mitään uutta|uutisia|mitään kuulunut",
    "~not + sitä mitä tilasimme|mitä tilasimme|sitä mitä pyysimme|mitä pyysimme|mitä sovittiin|tästä maksaneet",
    "tästä emme maksaneet|emme maksaneet tästä",
    "saimme tietää|saatiin tietää|selvisi meille + vasta|laskusta|omilta",
    "kolmelle eri|neljälle eri|viidelle eri|usealle eri|monelle eri",
    "~not vastattu|~not ole vastattu|~not vastannut|~not vastaa|vastaamatta|~not vastausta|~not kuulunut|~not kuullut|~not palannut|~not soita takaisin|~not ole ollut yhteydessä",
    "odot* + päiv*|viiko*|viikon|viikkoa|kuukau*|ikuisuu*|edelleen|vieläkään|yhä",
    "kesti + viiko*|viikon|päiv*|kuukau*|ikuisuu*",
    "~not kertonut|~not kerrottu|~not kerro|~not tiedotettu|kuulimme + vasta|ellemme kysy",
    "jouduimme|joudumme|jouduttiin|joutuu + selittä*|kysy*|karhua*|perehdyttä*|kuulemaan|tekemään|testaamaan|muistutta*|odotta*|selvittä*",
    "pompot*|pomppi*|siirretty henkilöltä|siirrettiin henkilöltä|makasi jonossa",
    "~not jatka* + sopimu*|päättä* sopimu*|sopimuksen päättä*|irtisano*|harkitsemme vaihta*|vaihtamista",
    "~not kukaan + tarttu*|ota hoitaakseen|ottanut hoitaakseen",
    "pyysimme|pyysin + saimme|mutta saimme",
    "~not enää vasta*|~not enää sovi",
    "katsel* muualle|katsoa muualle|katsomaan muualle|katsella muita|muita vaihtoehtoja",
    "harkits* + uudelleen|toista toimittaja*|toista kumppani*",
    "kolmatta kertaa|toista kertaa|neljättä kertaa|taas kerran + kirjoitan|kysyn|kysymme|pyydän|pyydämme|muistutan|muistutamme",
    "tekeekö kukaan|onko kukaan|välittääkö kukaan + oikeasti|ollenkaan|edes",
    "maksamme|maksetaan + saamme|saadaan",
    "liikaa pyydetty|liikaa vaadittu",
    "itse + päädyimme|jouduimme|päädyttiin|jouduttiin",
    "siivoa*|paikkail*|korjail* + jälkeen|jäljiltä|jäljiltänne|viikko*|päiv*",
    "kuulimme|saimme tietää + ensimmäisen kerran|omilta|asiakkailtamme|käyttäjiltämme",
    "laskutettiin|laskutitte + jota ei|joita ei|~not tehty",
    "kukaan ei kerro|kukaan ei tiedä|kukaan ei vastaa|kukaan ei palannut",
    // not told, not warned, the last to know
    "kukaan ei kertonut|kukaan ei varoittanut|~not varoittanut|~not varoitettu|~not ilmoitettu|viimeisenä tietoon",
    "viimeisi*|viimeisenä + tietä*|tiedä|kuule*|kuulimme|tietoon",
    // the customer carrying what the firm should
    "jää|jäävät|jäi + meidän harteillemme|meidän vastuullemme|meille hoidettavaksi",
    "~not koskaan saaneet|~not saaneet|~not saatu|~not koskaan saatu + joka|jotka|vaikka|luvattu*|sovittu*|kuului",
    "taas|jälleen|kolmannen kerran|toistamiseen + rikki|nurin|alhaalla",
    "miksi maksamme|miksi maksaisimme|mistä oikein maksamme",
    // expected one thing, got another
    "odotimme|odotin|odotettiin + saimme|sainkin|saimmekin|tilalle",
    // the customer made to do it
    "jouduimme|jouduin|jouduttiin|joudumme|joudun",
    // nobody cares, checks or follows
    "kukaan ei|~not kukaan + välitä|tunnu|näytä|tarkista*|seuraa|tiennyt|ottanut|ota|huomannut|huolehdi*",
    // why-questions of the tired
    "miksi meidän|miksi aina|miksi taas|miksi joudumme|miksi ette|miksei",
    // dragging on, too late
    "liian kauan|liian myöhään|liian hitaasti|turhan kauan|kohtuuttoman*",
    // questions nobody should have to ask
    "kuka vastaa|mitä tapahtui|eikö teillä|eikö kukaan|miten on mahdollista",
    // time and business lost
    "vie* aikaa*|vie* aikaamme|ajanhukka*|hukkaan|menetimme",
    // not what was hoped for, a surprise on the bill, not sure they understood
    "~not + mitä toivoimme|mitä odotimme|sitä mitä toivoimme|sitä mitä odotimme",
    "yllät* + lasku*|hinta|hinna*|kustannu*|summa*|suuruus",
    "en ole varma|emme ole varmoja|epävarmo* + ymmärs*|ymmärt*|ymmärrä*",
    "nousi|nousivat|nostettiin|korotettiin + ilman|taas|jälleen|varoitu*",
    // nobody could explain it
    "kukaan ei|~not kukaan + osannut|osaa|pystynyt|pysty|voinut",
    // the level dropping
    "laatu|taso|tasoa|laadu* + laskenut|laski|heikenty*|huononty*|romahta*",
    "~not kerrottu mitään|~not kertonut mitään|eikä kerrottu|~not saaneet tietoa|~not saatu tietoa",
    "muistutu*|muistutuks* + lähettä*|kolme|neljä|useita|monta|toisen|kolmannen",
    "premium*|senior*|seniori* + junior*|harjoittelij*",
    "merkitse* + mitään",
    "miksi + vielä|edelleen|yhä|ylipäätään",
    "peru*|peruttiin|perutaan + viime hetke*|taas|jälleen|ilman",
    "vaikka pyysimme|vaikka pyysin|vaikka olemme pyytäneet|pyynnöistämme huolimatta",
    "~not mitään kuulunut|~not kuulleet mitään|~not kuullut mitään|~not ole kuulleet",
    "~not + kuulleet mitään|kuullut mitään|kuulunut mitään|mitään kuulunut",
    // time passing on something still open, unanswered or overdue
    "päivää|päiviä|päiväkausia|viikkoa|viikkoja|viikon|viikkoon|viikkokausia|kuukautta|kuukausia|kuukauden|kuukausikaupalla|ikuisuu* + vieläkään|edelleen|yhä|~not|auki|kulunut|mennyt|makaa*|makasi|jonossa|odot*|myöhässä",
    "auki|avoinna|jonossa + asti|lähtien|vieläkään|edelleen|yhä",
    // not a word, not a line
    "sanaakaan|riviäkään|viestiäkään|pihaustakaan",
    // the same thing moved or changed over and over
    "vaihtu*|vaihtun*|vaihde*|muuttu*|muutett*|karhu* + kahdesti|kolmesti|neljästi|kolme kertaa|neljä kertaa|viisi kertaa|useasti|monta kertaa|moneen kertaan|useaan otteeseen|toistuvasti|jatkuvasti|taas|jälleen",
];

pub(crate) const SITUATIONS_EN: &[&str] = &[
    // asked, reminded, called again and again
    "asked|requested|reminded|emailed|called|wrote|chased|followed up|pinged|contacted + twice|three times|four times|five times|several times|many times|multiple times|repeatedly|again and again",
    // still not, yet to
    "still ~not",
    "yet to|have yet|has yet",
    "nobody|no one|not one|none + replied|answered|responded|reacted|got back|called back",
    "any news",
    "~not what we paid for|~not what we ordered|~not what we asked for|~not what we agreed",
    "learned about|learnt about|heard about|found out about + from the invoice|from the bill|from our own|only when|only after|only from",
    "no reply|no answer|no response|unanswered|~not replied|~not answered|~not responded|~not heard back|no word|radio silence|~not got back|~not get back|~not calls back|~not call back|~not been in touch|nobody answers|no one answers|~not answer",
    "waiting|waited|wait + days|weeks|week|forever|months|still|again|hours",
    "took|takes|took you + days|weeks|a week|a month|months|forever",
    "nobody told|no one told|nobody tells|no one tells|~not told|~not informed|found out + only|when|from",
    "had to|have to|having to + re-explain|chase|remind|find out|brief|redo|explain|ask again",
    "bounce*|passed from|passed between|reassigned|sat in the queue",
    "~not renew|won't be renewing|end the contract|ending the contract|terminate|switching|considering switching",
    "~not anyone picking|without anyone|with neither taking|nobody picking",
    "we asked for|i asked for + got|instead got|but got",
    "no longer fits|no longer matches|no longer meets",
    "look elsewhere|looking elsewhere|reconsider*|rethink* the partnership|other options",
    "third time|second time|fourth time + writing|asking|asked|reminding|telling",
    "is anyone|does anyone|is somebody + actually|even|really",
    "paying for|pay for + getting|get|got",
    "too much to ask",
    "ourselves + ended up|had to|spent|doing",
    "spent|spend + cleaning up|clean up|sorting out|redoing",
    "first we heard|heard from our own|found out from our|learned from our own",
    "billed for|charged for|invoiced for + never|not done|wasn't done|weren't done",
    // not told, not warned, the last to know
    "nobody told us|no one told us|nobody warned|no one warned|~not warned|without warning|last to know|last to hear",
    // the customer carrying what the firm should
    "falls on us|fall on us|up to us to|left to us|on our shoulders",
    "never got|never received|~not receive|~not get + that|which|promised|agreed|part of",
    "again|yet again|third time|once more + down|broken|crashed",
    "why we are still paying|why are we paying|why we pay|what are we paying",
    // expected one thing, got another
    "we expected|i expected|we were expecting + got|instead|ended up with",
    // the customer made to do it
    "we had to|i had to|we've had to|we have had to|we ended up|we keep having to",
    // nobody cares, checks or follows
    "nobody|no one + cares|care|seems|seemed|bothered|checks|checked|follows|followed|noticed|knows|knew|took|takes|attended|showed up|turned up|came|joined",
    // why-questions of the tired
    "why do we|why did we|why is it always|why are we|why does it|why can't you|why didn't you|why don't you",
    // dragging on, too late
    "too long|too late|far too slow|way too slow|took ages|takes ages|unreasonabl*",
    // questions nobody should have to ask
    "how come|what happened to|who is responsible|isn't anyone|how is it possible",
    // time and business lost
    "eats our time|eats up our time|takes up our time|costs us time|waste of time|wasted|we lost",
    // not what was hoped for, a surprise on the bill, not sure they understood
    "~not + what we hoped|what we had hoped|what we expected|what we had expected",
    "surprise*|surprising* + invoice|bill|price|cost|costs|amount|size",
    "not sure|not convinced|unsure + understood|understand|grasped|got",
    "went up|increased|raised + without|again|no warning|no explanation",
    // nobody could explain it
    "nobody|no one + could|can|was able",
    // the level dropping
    "quality|standard|level + dropped|declined|slipped|gone down|deteriorat*|worse",
    "reminder|reminders + sent|three|four|several|many|second|third",
    "premium|senior + junior|trainee|intern",
    "why we still|why are we still|why do we still|why we even",
    "cancel*|called off + last minute|again|without",
    "as asked in|as requested in|although we asked|despite asking|even though we asked|despite our requests",
    "no one picks up|nobody picks up|heard nothing|nothing back|haven't heard|not heard anything",
    // time passing on something still open, unanswered or overdue
    "=days|=weeks|=week|=months|=month|ages|forever + still|yet|~not|nothing|open|past|overdue|sit|sits|sat|sitting|pending|unanswered|queue",
    "open|pending|in the queue + since",
    // not a word, not a line
    "not a word|not one word|not a single word|not a peep|not a line",
    // the same thing moved or changed over and over
    "changed|switched|replaced|chase*|chasing + twice|three times|four times|five times|several times|many times|multiple times|repeatedly|again and again|constantly|yet again",
];

/// Situations that also show a theme by themselves, per theme key: a date moved again
/// and again, work stalled is schedule, whether or not a schedule word was written.
/// Sentiment counts them as complaints like the rest (`SITUATIONS_*`). (Unanswered
/// messages, waiting and chasing are no theme by themselves: tried as responsiveness,
/// they added false positives on the tuning and independent sets.)
pub(crate) const THEMED_SITUATIONS_FI: &[(&str, &str)] = &[
    ("schedule", "ohite*|ohitti* + määräai*|deadline*|aikatau*|takaraja*"),
    ("schedule", "~not ole edennyt|~not ole edistynyt|pysähdyksissä|jumissa"),
    (
        "schedule",
        "taas|jälleen|kolmannen kerran|toistamiseen + siirty*|siirretty|siirtyi|myöhäs*",
    ),
    (
        "schedule",
        "siirty*|siirre*|siirtyn*|lykä*|lykkä* + kahdesti|kolmesti|neljästi|kolme kertaa|neljä kertaa|viisi kertaa|useasti|monta kertaa|moneen kertaan|useaan otteeseen|toistuvasti|jatkuvasti|taas|jälleen",
    ),
];
pub(crate) const THEMED_SITUATIONS_EN: &[(&str, &str)] = &[
    (
        "schedule",
        "nothing has moved|no progress|nothing has happened|stalled|standstill",
    ),
    (
        "schedule",
        "again|yet again|third time|once more + slipped|late|postponed|delayed",
    ),
    (
        "schedule",
        "moved|shifted|slipped|postponed|rescheduled + twice|three times|four times|five times|several times|many times|multiple times|repeatedly|again and again|constantly|yet again",
    ),
];

/// What a customer expects of the firm as a matter of course: understanding, answering,
/// delivering, telling, fixing. Said to have happened it is no praise; said not to have
/// happened ("eivät he ole koskaan oikein ymmärtäneet", "never got back to us") it is a
/// complaint, however far the negation stands before the verb (see
/// `grammar::negated_by`). Phrases, not rules.
pub(crate) const EXPECTED_DEEDS_FI: &[&str] = &[
    "ymmärtä*",
    "ymmärrä*",
    "ymmärsi*",
    "vastanne*",
    "vastattu",
    "vastannut",
    "toimittane*",
    "toimitettu",
    "kertone*",
    "kerrottu",
    "ilmoittane*",
    "ilmoitettu",
    "palanne*",
    "soittane*",
    "korjanne*",
    "korjattu",
    "reagoine*",
    "kuunnelle*",
    "kuunnellut",
    "saane*",
    "saatu",
];
pub(crate) const EXPECTED_DEEDS_EN: &[&str] = &[
    "understand*",
    "understood",
    "answer*",
    "repl*",
    "respond*",
    "deliver*",
    "told",
    "inform*",
    "fixed",
    "fix",
    "get back",
    "got back",
    "call back",
    "called back",
    "listen*",
    "receive*",
    "heard back",
    "followed up",
    "follow up",
];
/// Words right after a negation that make it no denial of a deed: "not only delivered
/// but…", "ei vain toimittanut vaan…".
pub(crate) const NOT_ONLY: &[&str] = &["only", "just", "merely", "vain", "pelkästään", "ainoastaan"];

/// Sentences in which a cause's cue says the opposite, unless a negation stands in the
/// sentence too: a promise kept, delivered as promised.
pub(crate) const CHURN_EXCEPTIONS_FI: &[(ChurnCause, &str)] = &[(
    PromiseVsDelivery,
    "piti* lupaukse*|pitäneet lupaukse*|kuten luvattiin|niin kuin luvattiin|kuten lupasitte|niin kuin lupasitte|kuten sovittiin",
)];
pub(crate) const CHURN_EXCEPTIONS_EN: &[(ChurnCause, &str)] = &[
    (
        PromiseVsDelivery,
        "kept promise|keeps promise|keep promise|as promised|as you promised",
    ),
    (
        PromiseVsDelivery,
        "what was promised|what you promised + delivered|exactly",
    ),
];
