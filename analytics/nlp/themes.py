"""Which topics a reflection touches, in Swedish, Norwegian Bokmål and English. Pure: no ORM, no I/O, nothing logged.

A teacher and the school nurse read counts of these codes per group and week, so a false hit costs as much as a
miss: every word is looked up whole, then as a compound (a known head at the end, a known modifier at the start),
and the few words that mean different things in different sentences ("prøve å" = try, "trött på" = fed up, "i
svenska" vs "på svenska") are decided by their neighbours. All tables are built once at import; each distinct word
is analysed once per language and remembered.

This module is longer than the house's ~400 lines because most of it is the vocabulary table; it stays
beside the code that reads it so a reviewer sees both.
"""

import re
from collections.abc import Callable
from itertools import product

from .tokens import normalise, words

THEMES: tuple[str, ...] = (
    "schoolwork",
    "exams",
    "teaching",
    "class_environment",
    "subject_math",
    "subject_swedish",
    "subject_norwegian",
    "subject_english",
    "subject_languages",
    "subject_science",
    "subject_social_studies",
    "subject_pe",
    "subject_arts",
    "sleep",
    "friends",
    "loneliness",
    "family",
    "bullying",
    "health",
    "mental_health",
    "free_time",
)

_BIT = {code: 1 << n for n, code in enumerate(THEMES)}
_ALL = (1 << len(THEMES)) - 1
# Flags kept next to the theme bits in the word cache: they say "look at the neighbours".
_RULE = 1 << 40
_PHRASE = 1 << 41
_TIRED = 1 << 42
_FLAGS = _RULE | _PHRASE | _TIRED
_KEYED = _RULE | _PHRASE  # flags that say "this very word has an entry in rules or phrases"
_GOT = 1 << 43  # "fick", "fikk", "got": look for a grade after it in the text
_SLEEP = _BIT["sleep"]
_MENTAL = _BIT["mental_health"]
# A sport named, or "spelade": free time, unless the text is about PE ("vi spelade innebandy på idrotten").
_SPORT = 1 << 39
_CODE_BITS = {**_BIT, "sport": _SPORT}

# (themes, languages, kind, forms). A language ending in "!" keeps the entry to texts in that language: the word
# means something else, or nothing, elsewhere ("lov" is a holiday in Swedish, permission in Norwegian). Other
# entries count in every language, since students mix them ("math testen", "chill weekend").
# Kinds: w whole word; h whole word or the end of a compound; e end of a compound only; t end of a compound whose
# start is a known modifier; m whole word or the start of a compound; n start of a compound only; s start of a
# compound whose end is a school word (lesson, test, teacher...); b both h and m; x a whole word that is none of
# these themes (stops the compound search); p phrases, separated by "|".
# "läx{a,an}" is läxa and läxan. Forms without å ä ö ø æ ("laxor", "trott", "provet") are added at import, except
# for forms marked "=".
_VOCAB: tuple[tuple[str, str, str, str], ...] = (
    # schoolwork
    ("schoolwork", "sv", "h", "läx{a,an,or,orna,orn} uppgift{,en,er,erna} inlämning{,en,ar,arna}"),
    ("schoolwork", "sv", "h", "skolarbete{,t} grupparbete{,t,n} projektarbete{,t} uppsats{,en,er,erna}"),
    ("schoolwork", "sv", "w", "essä{,n,er,erna}"),
    ("schoolwork", "sv", "h", "redovisning{,en,ar,arna} glos{or,orna} plugg{,et,andet}"),
    ("schoolwork", "sv", "n", "läx inlämnings"),
    ("schoolwork", "sv", "w", "plugg{a,ar,ade,at,ande} studera{,r,de,t} studier{,na} arbete{,t,n}"),
    ("schoolwork", "sv", "w", "redovisa{,r,de,t}"),
    ("schoolwork", "sv", "p", "{mycket,mkt,massa,mycke} att göra|{läsa,läser,läste,läst} på"),
    ("schoolwork", "nb", "h", "lekse{,n,r,ne} leksa lakse{,n,r,ne} oppgave{,n,r,ne} oppgava"),
    ("schoolwork", "nb", "h", "innlevering{,a,en,er,ene} skolearbeid{,et} gruppearbeid{,et}"),
    ("schoolwork", "nb", "h", "prosjekt{,et,er,ene,arbeid} arbeidsmengde{,n} presentasjon{,en,er,ene}"),
    ("schoolwork", "nb", "h", "fremføring{,a,en,er,ene} framføring{,a,en,er,ene} ukeplan{,en,a}"),
    ("schoolwork", "nb", "h", "arbeidsplan{,en,a} lesing{,a,en} leksehjelp{,a,en}"),
    ("schoolwork", "nb", "n", "lekse innleverings"),
    ("schoolwork", "nb", "w", "pugg{e,er,et,a} studere{,r} studerte"),
    ("schoolwork", "nb", "p", "{mye,masse,mykje} å {gjøre,gjere}|{lese,leser,leste,lest} {til,på}"),
    ("schoolwork", "nb", "p", "{ikke,ikkje} {lest,lese}"),
    ("schoolwork", "sv nb", "h", "projekt{,et,en} rapport{,en,er,ene,erna} presentation{,en,er,erna}"),
    ("schoolwork", "sv nb", "h", "deadline{,s,n}"),
    ("schoolwork", "en", "w", "homework{,s} hw assignment{,s} essay{,s} project{,s} deadline{,s}"),
    ("schoolwork", "en", "w", "workload coursework schoolwork revision revise revising studying studied"),
    ("schoolwork", "en", "w", "presentation{,s} worksheet{,s}"),
    ("schoolwork", "en", "p", "much to do|{lot,lots} to do|school work|{lot,lots} of work|study for"),
    # exams
    ("exams", "sv", "h", "prov{,et} betyg{,et,en} tent{a,an,or,orna,amen} förhör{,et,en}"),
    ("exams", "sv!", "h", "proven"),
    ("exams", "sv", "w", "provvecka{,n} provveckor{,na} provresultat{,et,en} provfrågor{,na} np"),
    ("exams", "sv", "w", "nationella godkänt godkänd underkänt underkänd"),
    ("exams", "sv", "n", "provs betygs"),
    ("exams", "nb!", "h", "prøven prøvene prøva"),
    ("exams", "nb!", "e", "prøve prøver"),
    ("exams", "nb", "h", "=prøven =prøvene =prøva"),  # "=": never unaccented, "proven" is English
    ("exams", "nb", "e", "=prøve =prøver"),
    ("exams", "nb", "h", "eksamen{,en,er,ene} tentamen{,en} karakter{,en,er,ene}"),
    ("exams", "nb", "h", "kartlegging{,en,a,sprøve}"),
    ("exams", "nb", "w", "prøveuk{e,a,en} standpunkt{,et} heldagsprøve{,n,r,ne} muntlig{,en}"),
    ("exams", "nb!", "w", "stryk strøk"),
    ("exams", "sv nb", "w", "testen tester testerna testene testet quiz{,en,et}"),
    ("exams", "sv nb", "t", "test{,et,en,er}"),
    ("exams", "en", "w", "exam{,s} quiz{,zes} quizz grades graded finals midterm{,s}"),
    # teaching
    ("teaching", "sv", "h", "lärare{,n,na} lärar{en,na,n,inna,innan} vikarie{,n,r,rna}"),
    ("teaching", "sv", "h", "genomgång{,en,ar,arna} undervisning{,en}"),
    ("teaching", "sv", "w", "utvecklingssamtal{,et} fröken mentor{,n,er,erna} förklar{a,ar,ade,at,ing,ingen,ingar}"),
    ("teaching", "nb", "h", "læreren lærerne lærere lærar{en,ane,ar,ne} lærerinne{,n,a} vikar{en,er,ene}"),
    ("teaching", "nb", "e", "lærer"),
    ("teaching", "nb", "w", "utviklingssamtale{,t,n} vikar forklar{e,er,te,t,ing,ingen,inger} gjennomgang{,en}"),
    ("teaching", "nb", "h", "undervisning{,a,en}"),
    ("teaching", "en", "w", "teacher{,s} teaching taught teach{,es} explain{,s,ed,ing} explanation{,s}"),
    ("teaching", "en", "w", "substitute parentteacher"),
    # class environment
    ("class_environment", "sv", "w", "stökig{,t,a} stök{,et} bråkig{,t,a} kaos{,et} kaotisk{,t,a}"),
    ("class_environment", "sv", "w", "högljudd{,a} högljutt oväsen{,det} störande ljudnivå{,n} stimmigt"),
    ("class_environment", "sv", "h", "arbetsro{,n} placering{,en,ar,arna} klassrumsmiljö{,n} klassmiljö{,n}"),
    ("class_environment", "sv", "p", "{byta,bytt,bytte,byter} plats|nya platser|ny plats|lugn och ro"),
    ("class_environment", "nb", "w", "uro{,en} støy{,en,ete,ende} bråkete kaotisk{,e}"),
    ("class_environment", "nb", "h", "studiero{,en} arbeidsro{,en} plassering{,a,en,er} klassemiljø{,et}"),
    ("class_environment", "nb", "p", "{bytte,byttet} plass|ny plass"),
    ("class_environment", "en", "w", "noisy noise chaos chaotic disrupt{,s,ed,ing,ive,ion} seating rowdy"),
    # subjects
    ("subject_math", "sv nb", "m", "matte matematik{,k} mattematik{,k}"),
    ("subject_math", "sv nb", "w", "matten matematiken matematikken"),
    ("subject_math", "sv", "h", "ekvation{,en,er,erna} geometri{,n} algebra{,n}"),
    ("subject_math", "nb", "h", "likning{,a,en,er,ene} geometrien"),
    ("subject_math", "en", "w", "math maths mathematics algebra geometry"),
    ("subject_swedish", "sv", "w", "svenskan sva"),
    ("subject_swedish", "sv", "s", "svensk svenska"),
    ("subject_norwegian", "nb", "m", "nynorsk"),
    ("subject_norwegian", "nb", "w", "norsken nynorsken sidemål{,et}"),
    ("subject_norwegian", "nb", "s", "norsk"),
    ("subject_english", "sv", "w", "engelskan"),
    ("subject_english", "nb", "w", "engelsken"),
    ("subject_english", "sv nb", "s", "engelsk engelska"),
    ("subject_languages", "sv", "w", "spanskan tyskan franskan språkval{,et}"),
    ("subject_languages", "sv", "p", "moderna {språk,språket}"),
    ("subject_languages", "nb", "w", "spansken tysken fransken fremmedspråk{,et} språkfag{,et} latin"),
    ("subject_languages", "sv nb", "s", "spansk spanska tysk tyska fransk franska"),
    ("subject_science", "sv nb", "m", "biologi kemi kjemi fysik fysikk naturfag naturkunskap labb"),
    ("subject_science", "sv nb", "w", "biologin biologien kemin kjemien fysiken fysikken naturfaget labben"),
    ("subject_science", "sv nb", "s", "bio"),
    ("subject_science", "sv!", "s", "no"),
    ("subject_science", "en", "w", "science biology chemistry physics lab"),
    ("subject_social_studies", "sv nb", "m", "geografi samhällskunskap samfunnsfag krle religion{,s}"),
    ("subject_social_studies", "sv nb", "w", "geografin geografien samhällskunskapen samfunnsfaget"),
    ("subject_social_studies", "sv nb", "w", "samf rle religionen"),
    ("subject_social_studies", "sv nb", "s", "historia historie histori samhälls"),
    ("subject_social_studies", "sv!", "s", "so"),
    ("subject_social_studies", "en", "w", "history geography"),
    ("subject_social_studies", "en", "p", "social studies"),
    ("subject_pe", "sv", "m", "gympa idrotts"),
    ("subject_pe", "sv", "w", "idrott{,en} gympan gymnastik{,en} idh"),
    ("subject_pe", "sv nb", "s", "idrott gym"),
    ("subject_pe", "nb", "m", "kroppsøving{,s}"),
    ("subject_pe", "nb", "w", "kroppsøvinga kroppsøvingen idrett{,en}"),
    ("subject_pe", "nb! en!", "w", "gym"),
    ("subject_pe", "en", "w", "pe"),
    ("subject_arts", "sv", "m", "slöjd hemkunskap{,s}"),
    ("subject_arts", "sv", "w", "slöjden hemkunskapen hkk"),
    ("subject_arts", "sv", "h", "träslöjd{,en} textilslöjd{,en}"),
    ("subject_arts", "sv!", "s", "bild"),
    ("subject_arts", "sv nb", "s", "musik musikk drama"),
    ("subject_arts", "nb", "w", "kunst{,en}"),
    ("subject_arts", "nb!", "w", "kh"),
    ("subject_arts", "nb", "p", "kunst og håndverk|mat og helse"),
    ("subject_arts", "en!", "w", "art"),
    ("subject_arts", "en", "w", "textiles woodwork"),
    ("subject_arts", "en", "p", "home economics|cooking class|home ec"),
    # sleep
    ("sleep", "sv", "h", "trött{,a,het}"),
    ("sleep", "sv", "w", "sov{,it,er,a,ande} somna{,r,de,t} sömnig{,a,t} sömnlös{,a,t} tupplur{,en}"),
    ("sleep", "sv", "w", "vak{en,na,nar,nade,nat} sliten slitna utmattad{,e} utvilad utsövd drömde försov{,it}"),
    ("sleep", "sv", "b", "sömn{,en}"),
    ("sleep", "sv", "n", "sov"),
    ("sleep", "sv", "h", "mardröm{,men,mar,marna}"),
    ("sleep", "sv", "p", "{la,lade,lägga,lägger} mig|gick och {la,lade}"),
    ("sleep", "nb", "h", "trøtt{,e,het} trett{,e,het} trøytt{,e}"),
    ("sleep", "nb", "w", "sove{,r,t} sovna{,r} sovnet søvnig{,e} søvnløs{,e} våken våkne{,r,t} våkna"),
    ("sleep", "nb", "w", "utslitt sliten slitne utmattet uthvilt utvilt drømte drømt forsov{,et} oversov"),
    ("sleep", "nb", "b", "søvn{,en} døgnrytme{,n}"),
    ("sleep", "nb", "h", "mareritt{,et}"),
    ("sleep", "nb", "p", "{legge,legger} meg|la meg {sent,seint,klokka,kl,tidlig,tidleg}|gikk og la"),
    ("sleep", "en", "w", "tired sleep{,s,ing,y,less} slept exhausted insomnia nap{,s} nightmare{,s}"),
    ("sleep", "en", "w", "asleep awake bedtime"),
    ("sleep", "en", "w", "rested dreamt dreamed overslept"),
    ("sleep", "en", "p", "{stayed,stay,staying} up|{woke,wake,waking} {up,me}"),
    # friends
    ("friends", "sv", "b", "kompis{,en,ar,arna,ens}"),
    ("friends", "sv", "h", "polar{e,en,na} vän{,nen,ner,nerna,nens} väninna{,n} bästis{,en,ar,arna}"),
    ("friends", "sv", "h", "kamrat{,en,er,erna} gänget vänskap{,en}"),
    ("friends", "sv", "w", "umgås umgicks umgåtts osams homies grabbarna"),
    ("friends", "sv!", "w", "gäng gang"),  # "gang" is Norwegian "once"
    ("friends", "nb", "h", "venn{,en,er,ene,ens} venninn{e,a,en,er,ene} kompiser kompisene gjeng{,en}"),
    ("friends", "nb", "h", "vennskap{,et} kamerat{,en,er,ene}"),
    ("friends", "nb", "w", "uvenner uvenn gutta jentene homies vener venene venane"),
    ("friends", "nb", "n", "venne"),
    ("friends", "en", "w", "friend{,s} friendship{,s} bff bestie{,s} buddies classmates homies"),
    ("friends", "en!", "w", "mates"),
    ("friends", "en", "p", "{hang,hung,hanging,hangs} out|best mate|my mate"),
    # loneliness
    ("loneliness", "sv", "h", "ensam{,t,ma,het,heten}"),
    ("loneliness", "sv", "w", "isolerad{,e}"),
    ("loneliness", "sv", "p", "ingen att|{inga,utan} {vänner,kompisar}|ingen {vän,kompis}|{satt,sitter,sitta} själv"),
    ("loneliness", "sv", "p", "ingen {bryr,pratar,gillar} {sig,med,mig}|ingen vill {vara,hänga} med"),
    ("loneliness", "nb", "h", "ensom{,t,me,het,heten}"),
    ("loneliness", "nb", "w", "alene åleine aleina isolert{,e}"),
    ("loneliness", "nb", "p", "ingen å|{ingen,uten} {venner,kompiser}|{ikke,ikkje} {noen,nokon} venner"),
    ("loneliness", "nb", "p", "ingen {bryr,snakker,liker} {seg,med,meg}|ingen vil {være,henge} med"),
    ("loneliness", "en", "w", "lonely loneliness isolated"),
    ("loneliness", "en", "p", "left out|no friends|{nobody,noone} to|no one to|by myself|on my own"),
    ("loneliness", "en", "p", "{nobody,noone} {talks,cares,likes,wants}|no one {talks,cares,likes,wants}"),
    ("loneliness", "en", "p", "{don't,dont,didn't,didnt} have {anyone,anybody}"),
    # family
    ("family", "sv", "h", "mamma{,n,s} pappa{,n,s} morsa{,n} farsa{,n} föräld{er,ern,rar,rarna,rars}"),
    ("family", "sv", "h", "syskon{,en} bror{,n,s} brorsa{,n} syster{,n,s} systrar{,na} syrra{,n} familj{,en,ens}"),
    ("family", "sv", "w", "mormor morfar farmor farfar kusin{,en,er,erna} släkt{,en} släktingar skiljas"),
    ("family", "sv", "w", "skilsmässa{,n} mor fadern"),
    ("family", "nb", "h", "foreldre{,ne} forelder søsken{,et,a} bror{,en} brødre{,ne} søster{,en,a}"),
    ("family", "nb", "h", "søstre{,ne} familie{,n,ns} bestemor{,a,en} bestefar{,en}"),
    ("family", "nb", "w", "mor{,a,en} faren onkel tante kusine fetter skilsmisse{,n} skilles"),
    ("family", "nb", "p", "{skille,skilt} seg"),
    ("family", "en", "w", "mom{,s} mum{,s} mother dad{,s} father parent{,s} brother{,s} sister{,s}"),
    ("family", "en", "w", "sibling{,s} family grandma grandpa grandmother grandfather granny cousin{,s}"),
    ("family", "en", "w", "aunt uncle divorce{,d} stepdad stepmom stepmum stepbrother stepsister"),
    # bullying
    ("bullying", "sv", "h", "mobb{a,ad,ade,ar,as,at,ning,ningen,are,aren}"),
    ("bullying", "sv", "w", "ret{as,ar,ade,at,ades} kränk{t,ta,a,er,te,ande,ning,ningar}"),
    ("bullying", "sv", "w", "trakasser{ad,ade,ar,ier} utfrys{t,ta,ning,ningen} utfrusen hotad{,e} hotar"),
    ("bullying", "sv", "w", "knuffade knuffar näthat{,et} utesluten uteslutna utesluter uteslöt utestängd"),
    ("bullying", "sv", "w", "hånar hånade baktalar baktalade"),
    ("bullying", "sv", "p", "{frysa,fryser,frös,fryst,frysta} ut|{sparkade,kallade,kallar} mig|{sprider,spred} rykten"),
    ("bullying", "sv", "p", "rykten om mig|{skrattar,skrattade} åt mig"),
    ("bullying", "sv", "p", "{elaka,elak,taskiga,taskig,dumma} mot {mig,oss}"),
    ("bullying", "sv", "p", "{snackar,snacka,snackade,pratar,pratade} skit"),
    ("bullying", "sv", "p", "elaka {kommentarer,saker,grejer,meddelanden}|{får,fick} inte vara med"),
    ("bullying", "sv", "p", "inte att jag ska vara med"),
    ("bullying", "nb", "h", "mobb{e,er,es,et,ing,inga,ingen,ere}"),
    ("bullying", "nb", "w", "ert{e,er,et,ing,es} utestengt{,e} utestenging{,a,en} utestenger"),
    ("bullying", "nb", "w", "trakasser{t,ing,er} truet truer plaget dyttet hetset baksnakk{er,et,ing}"),
    ("bullying", "nb", "p", "{frosset,fryser,frøs,frøys} ut|{sparket,kalte,kaller} meg|{sprer,spredte,spreier} rykter"),
    ("bullying", "nb", "p", "rykter om meg|{ler,lo} av meg|{slem,slemme} mot {meg,oss}"),
    ("bullying", "sv nb", "h", "hatmelding{,er,ene} hatkommentar{,er,ene,erna} hatmeddelande{,n} netthets{,en}"),
    ("bullying", "nb", "p", "{stygge,slemme} {ting,kommentarer,meldinger,ord,bilder}|stygt bilde"),
    ("bullying", "nb", "p", "{snakker,snakket,snakka} {dritt,stygt}|{får,fikk} ikke være med"),
    ("bullying", "nb", "p", "ikke at jeg skal være med|{ikke,ikkje} lov å være med"),
    ("bullying", "en", "w", "bull{ied,y,ies,ying} cyberbullying teas{e,ed,ing} harass{ed,ment,ing}"),
    ("bullying", "en", "w", "threatened threatens threat threats exclude{,s,d}"),
    ("bullying", "en", "p", "{picked,picking,pick} on|{made,makes,make,making} fun|called me|behind my back"),
    ("bullying", "en", "p", "mean {to,about} {me,us}|mean {messages,comments,things,stuff,pictures,picture}"),
    ("bullying", "en", "p", "{pushed,kicked} me|beat me up"),
    ("bullying", "en", "p", "{won't,wouldn't,don't,didn't,wont,wouldnt,dont,didnt} let me"),
    ("bullying", "en", "p", "spreading {rumours,rumors,lies}|talk shit|talking shit|{laugh,laughing,laughed} at me"),
    # health
    ("health", "sv", "h", "sjuk{,a,dom,domen,domar} feber{,n} huvudvärk{,en} värk{,en} förkylning{,en}"),
    ("health", "sv", "h", "läkare{,n} magsjuka{,n} blodprov{,et}"),
    ("health", "sv", "w", "förkyld{,a} host{a,ar,ade,ig} snuva{,n} magont halsont ryggont illamående"),
    ("health", "sv", "w", "spydde kräktes kräks migrän{,en} allergi{,sk,n} astma skadad{,e} skadan skador"),
    ("health", "sv", "w", "gips{,et} doktor{,n} vårdcentral{,en} sjukhus{,et} sjukskriven sjuksköterska{,n}"),
    ("health", "sv", "w", "skolsköterska{,n} svimmade hjärnskakning{,en} stukade opererad{,e} operation{,en}"),
    ("health", "sv!", "w", "mens mensen menssmärta{,n} menssmärtor mensvärk{,en}"),
    ("health", "sv", "p", "bröt {armen,benet,foten,handen,handleden,fingret}"),
    ("health", "nb", "h", "syk{,e,dom,dommen,dommer} feber{,en} hodepine{,n} smerter{,ne} forkjølelse{,n}"),
    ("health", "nb", "h", "blodprøve{,n,r}"),
    ("health", "nb", "w", "forkjøl{et,a} host{e,er,et,a} migrene{,n} skadet lege{,n} legevakt{,a,en}"),
    ("health", "nb", "w", "sykehus{,et} sykemeldt spydde mensen menssmerter helsesøster{,a,en}"),
    ("health", "nb", "w", "helsesykepleier{,en} magevondt omgangssyke{,n} hjernerystelse{,n}"),
    ("health", "nb!", "w", "kvalm{,e}"),
    ("health", "nb", "p", "{kastet,kasta} opp|brakk {armen,foten,beinet,hånda,handa}"),
    ("health", "sv nb", "w", "covid corona korona astma allergisk influensa"),
    ("health", "en", "w", "illness headache{,s} stomachache fever flu cough{,ing} injur{y,ed,ies}"),
    ("health", "en", "w", "doctor{,s} nurse hospital pain cramps migraine{,s} throat sore vomit{,ed,ing}"),
    ("health", "en", "w", "allerg{y,ies,ic} asthma concussion sprained hurts"),
    ("health", "en", "p", "a cold|period pain|my period|{threw,throw,throwing} up|stomach ache"),
    ("health", "en", "p", "{broke,hurt,twisted,sprained} my {arm,leg,wrist,ankle,finger,knee,back,foot,neck,hand}"),
    ("health", "en", "p", "{is,was,am,i'm,im,feel,felt,feeling,been,got,fell} ill"),
    # mental health
    ("mental_health", "sv", "b", "ångest{,en,ig,iga,attack,attacker} panik{,en,ångest,attack,attacker}"),
    ("mental_health", "sv", "h", "stress{,ad,ade,ar,ig,igt,en,at} ledsen{,t} ledsna nedstämd{,a,het}"),
    ("mental_health", "sv", "w", "orolig{,a} oroar deppig{,t,a} deppad{,e} deppar depp{,ad,ig} deprimerad{,e}"),
    ("mental_health", "sv", "w", "depression{,en} nervös{,a,t} psykisk{,a,t} psykiskt gråt{,er,it,a}"),
    ("mental_health", "sv", "w", "grät gruvar kurator{,n} psykolog{,en} bup pressad{,e}"),
    ("mental_health", "sv", "m", "självmord självskad"),
    ("mental_health", "sv", "w", "självskadade ätstörning{,en,ar} anorexi{,a} börda meningslös{,t,a} avskedsbrev"),
    ("mental_health", "sv", "w", "överdos{,en,erade,era}"),
    ("mental_health", "sv", "p", "ta livet av {mig,sig}|ta mitt liv|vill {dö,livet}|vill {bara,ba} dö|för att dö"),
    ("mental_health", "sv", "p", "vill inte {leva,finnas}|lust att leva|leva {längre,mer}|ingen mening med"),
    ("mental_health", "sv", "p", "inget att leva för|{hänga,bränner} mig|{skadar,skadat,skadade} {mig,sig} själv"),
    ("mental_health", "sv", "p", "tänker på att dö|inte fanns|var död"),
    ("mental_health", "sv", "p", "efter varje måltid|{hatar,hata} min kropp|bättre utan mig|trött på livet"),
    ("mental_health", "sv", "p", "{mår,mått,mådde} dåligt|mår skit|mår inte bra|skada mig själv"),
    ("mental_health", "sv", "p", "psykisk ohälsa|pallar inte|orkar inte mer|klarar inte mer|orkar ingenting"),
    ("mental_health", "nb", "b", "angst{,en,fylt,anfall} panikk{,en,anfall}"),
    ("mental_health", "nb", "w", "engstelig{,e} bekymr{et,a,ing,inger,er} nedfor deprimert{,e} depresjon{,en}"),
    ("mental_health", "nb", "w", "deppa deppet deppete nervøs{,e,t} psykisk{,e} psyken gråt{,er,e,it}"),
    ("mental_health", "nb", "w", "gråte gråter gru{er,et,a,ar,dde} psykolog{,en} bup presset"),
    ("mental_health", "nb", "h", "stress{,a,et,er,ende,en}"),
    ("mental_health", "nb", "m", "selvmord selvskad"),
    ("mental_health", "nb", "w", "overdose selvskading spiseforstyrrelse{,r,n} anoreksi byrde meningsløs{,t,e}"),
    ("mental_health", "nb", "w", "avskjedsbrev"),
    ("mental_health", "nb", "p", "ta livet {av,mitt,sitt}|vil {dø,livet}|vil {bare,ba} dø|for å dø|ikke fantes"),
    ("mental_health", "nb", "p", "vil ikke {leve,eksistere}|lyst {å,til} leve|leve {lenger,mer}|tenker på å dø"),
    ("mental_health", "nb", "p", "etter hvert måltid|hater kroppen|{brenner,risper,henge} meg|drepe meg selv"),
    ("mental_health", "nb", "p", "{skadet,skader,skada} {meg,seg} selv|kutter seg|aldri våknet|bedre uten meg"),
    ("mental_health", "nb", "p", "lei {meg,seg}|skade meg selv|kutter meg|har det dårlig|psykisk helse"),
    ("mental_health", "nb", "p", "{orker,orket} {ikke,ikkje} mer|{orker,orket} ikkje meir|orker ingenting"),
    ("mental_health", "en", "w", "anxiety anxious worried worry worrying worries panic{,ked,king} depressed"),
    ("mental_health", "en", "w", "depression stress{,ed,ful} overwhelmed nervous sad crying cried suicidal"),
    ("mental_health", "en", "w", "therapist counsellor counselor dreading dread upset suicide unalive kms"),
    ("mental_health", "en", "w", "selfharm pointless burden overdose"),
    ("mental_health", "en", "p", "{want,wanna} to die|wish i {was,were} dead|wish i {wasn't,wasnt} alive"),
    ("mental_health", "en", "p", "think about dying|point {of,in} {being,living}|after every meal|hate my body"),
    ("mental_health", "en", "p", "feel {awful,terrible,horrible}|feel like {shit,crap}|to live anymore|never wake up"),
    ("mental_health", "en", "p", "better without me|{can't,cant} take it|done with {life,everything}"),
    ("mental_health", "en", "p", "{want,wanna} to live"),
    ("mental_health", "en", "p", "mental health|self harm|panic attack|{can't,cant,cannot} cope|under pressure"),
    # free time
    ("free_time", "sv", "h", "träning{,en,ar,arna} match{,en,er,erna} helg{,en,er,erna,ens}"),
    ("free_time", "sv", "h", "tävling{,en,ar,arna} turnering{,en,ar}"),
    ("free_time", "sv", "w", "häst{,en,ar,arna} fest{,en,er,erna} födelsedagsfest{,en} klassfest{,en}"),
    ("free_time", "sv", "h", "stuga{,n} fritidsgård{,en} spel{,et}"),
    ("sport", "sv", "b", "fotboll{,en,s} hockey{,n} innebandy{,n} handboll{,en,s} simning{,en} ridning{,en}"),
    ("free_time", "sv", "w", "träna{,r,de,t} tränare{,n} dans{,en,a,ar,ade} simma{,r,de} klättring skidor"),
    ("free_time", "sv", "w", "skidåkning gymmet gymma{,r,de,t} gam{ea,ar,ade,at} gejm{a,ar,ade} weekend{,en}"),
    ("free_time", "sv", "w", "ledig{,t,a} extrajobb{,et} sommarjobb{,et} helgjobb{,et} deltidsjobb{,et}"),
    ("free_time", "sv", "w", "kalas{,et} konsert{,en} scout{,er,erna} fritid{,en} fritids fritis hobby{,n}"),
    ("free_time", "sv", "w", "netflix"),
    ("free_time", "sv!", "h", "lov{,et}"),
    ("free_time", "sv!", "w", "semester{,n} bio gym"),
    ("free_time", "sv", "p", "på jobbet"),
    ("free_time", "nb", "h", "trening{,a,en,er} helg{,a,en,ene,er} ferie{,n,r,ne} turnering{,a,en}"),
    ("free_time", "nb", "h", "hytt{a,e,en}"),
    ("free_time", "nb", "w", "fest{,en,er,ene}"),
    ("sport", "nb", "b", "fotball{,en} håndball{,en} svømming{,a,en}"),
    ("free_time", "nb", "n", "hytte"),
    ("free_time", "nb", "w", "trene{,r,t} trente trent trener{,en} korps{,et} speider{,en,ne} ski skitur{,en}"),
    ("free_time", "nb", "w", "langrenn kino{,en} fridag{,en,er} deltidsjobb{,en} sommerjobb{,en}"),
    ("free_time", "nb", "w", "ekstrajobb{,en} helgejobb{,en} hest{,en,er,ene} dans{,en,e,er,et} svømme{,r}"),
    ("free_time", "nb", "w", "game{,r,t} gamet gamer idrettslag{,et} fritid{,a,en} bursdag{,en,sfest}"),
    ("free_time", "nb!", "h", "kamp{,en,er,ene}"),
    ("sport", "sv! nb!", "w", "basket{,en}"),
    ("free_time", "sv! nb!", "w", "cup{,en}"),
    ("mental_health", "sv!", "w", "lessen"),
    ("free_time", "sv nb", "w", "gaming esport festen party{,t} band{,et} fortnite minecraft roblox"),
    ("free_time", "sv nb en", "w", "fifa valorant gta xbox playstation nintendo"),
    ("sport", "en", "w", "football soccer hockey handball basketball volleyball tennis swimming swim riding dodgeball"),
    ("free_time", "en", "w", "training dance{,s,d} dancing horse{,s} game{,s} gaming weekend{,s}"),
    ("free_time", "en", "w", "holiday{,s} vacation hobby hobbies concert{,s} party parties tournament{,s}"),
    ("free_time", "en", "w", "skiing scouts parttime"),
    ("free_time", "en", "p", "{summer,winter,spring,autumn,fall,easter,christmas} break|video games|part time"),
    ("free_time", "en", "p", "{free,spare} time"),
    # words that are none of the above, though they look like it
    ("", "sv nb en", "x", "matta mattan mattor mattorna matt mate mattered matters improv gymnasiet gymnasium"),
    ("", "sv nb en", "x", "sovrum{,met,men} sovjet sjukt sykt vänlig{,a,t} vennlig{,e} provade provar provat"),
    ("", "sv nb en", "x", "provning bilder bilden bildade betyder betydde flickvän{,nen,ner} pojkvän{,nen,ner}"),
    ("", "sv nb en", "x", "legende{,n} komplex prøvde prøvd testa testade testat bioscience helger modern moor"),
    ("", "sv nb en", "x", "grate grater gospel representation{,s,er} improve{,d,s,ment} approve{,d,s} disapprove"),
    ("", "sv nb en", "x", "mistress strangest sovereign{,s,ty}"),
)

# Words that make a subject word the school subject, not the language or a story: "prov i svenska", "vi har
# musik", "engelska är lätt". "på svenska" (in Swedish) is deliberately missing.
_SUBJECT_PREV = {
    "sv": "i har hade ha gillar älskar hatar avskyr läxa läxor prov",
    "nb": "i har hadde ha liker elsker hater lekse lekser prøve",
    "en": "have had has hate hated love loved like liked enjoy",
}
_COPULA = "är var e er va is was are"

# School words: the end of a subject compound ("mattelektionen", "norsktimen") or the word after a subject.
_SCHOOL = (
    "lektion{,en,er,erna} läx{a,an,or,orna} prov{,et,en} lärare{,n,na} lärar{en,na,n,inna,innan} uppgift{,en,er,erna} "
    "timme{,n} timmen timmar{,na} bok{,en} böcker{,na} sal{,en,arna} grupp{,en} förhör{,et} test{,et,en,er} "
    "inlämning{,en,ar} kurs{,en} betyg{,et} labb{,en} redovisning{,en} projekt{,et} arbete{,t} hall{,en} "
    "kläder{,na} time{,n,ne} timen timene lekse{,n,r,ne} leksa prøve{,n,r,ne} prøva oppgave{,n,r,ne} "
    "lærer{,en,e,ne} lærar{en,ane} boka bøker gruppe{,n} innlevering{,en,er} karakter{,en,er} eksamen fag{,et} "
    "prosjekt{,et} arbeid{,et} fremføring{,en} framføring{,en} klær{,ne} class{,es} lesson{,s} homework "
    "teacher{,s} test{,s} exam{,s} quiz project{,s} assignment{,s} book grade{,s} presentation{,s} essay{,s} "
    "sub substitute vikarie{,n} vikar{,en} uppsats{,en,er,erna} presentation{,en,er,erna} "
    "presentasjon{,en,er,ene} föredrag{,et} glosförhör{,et} skrivning{,en} novell{,en} tentamen"
)

# Places that make "lugnt", "bråk", "oro" about the class, not about home or one's mind.
_CLASS_PLACES = (
    "klass klassen klassrummet klassrum klassrummen lektionen lektionerna lektioner lektion timmen timen timene salen "
    "klasserommet klasserom klasse klassa class classroom classes lesson lessons"
)
_CLASS_ENDINGS = ("lektionen", "lektionerna", "timen", "timene", "timmen", "klassen", "rummet", "rommet")

_FOLD_SINGLE = str.maketrans({"å": "a", "ä": "a", "ö": "o", "ø": "o", "æ": "a", "é": "e"})
_FOLD_DOUBLE = str.maketrans({"å": "aa", "ä": "ae", "ö": "oe", "ø": "oe", "æ": "ae", "é": "e"})
_BRACES = re.compile(r"\{([^{}]*)\}")
_NO_SO = re.compile(r"(?<![^\W\d_])(?:NO|SO)(?![^\W\d_])")
_VOWEL_RUNS = re.compile(r"([aeiouyåäöøæ])\1+")
_GOT_WORDS = frozenset(("fick", "fått", "får", "fikk", "fatt", "far", "got", "get", "gets"))
# "fick A på", "fikk 6 i engelsk", "got a B on": a grade. Digits and one-letter grades are not in words().
_GRADE = re.compile(
    r"\b(?:fick|fått|får|fikk|fatt|far|got|get|gets)\s+(?:an?\s+|en\s+|ett\s+)?(?:[1-6]|[a-f]|ig|vg|mvg)"
    r"(?=\s*(?:$|[!.,?:)]|(?:i|på|pa|in|on|for|och|og|and)\b))"
)

_MIN_LEFT = 2  # the first part of a compound
_MIN_REST = 3  # what follows a modifier: "provade" is not prov + "ade"


def _expand(spec: str) -> list[str]:
    forms = []
    for token in spec.split():
        parts = _BRACES.split(token)  # literal, options, literal, options...
        choices = [[part] if n % 2 == 0 else part.split(",") for n, part in enumerate(parts)]
        forms.extend("".join(combo) for combo in product(*choices))
    return forms


# Unaccented, these are other words: "van" (used to), "gang" (once, in Norwegian).
_KEEP_ACCENTS = frozenset(("vän", "gäng"))


def _folds(form: str) -> set[str]:
    if form in _KEEP_ACCENTS:
        return {form}
    return {form, form.translate(_FOLD_SINGLE), form.translate(_FOLD_DOUBLE)}


def _word_set(spec: str) -> frozenset[str]:
    forms: set[str] = set()
    for form in _expand(spec):
        forms.update([form[1:]] if form.startswith("=") else _folds(form))
    return frozenset(forms)


_SCHOOL_WORDS = _word_set(_SCHOOL)
_CLASS_WORDS = _word_set(_CLASS_PLACES)
_COPULAS = _word_set(_COPULA)


def _at(ws: list[str], i: int) -> str:
    return ws[i] if 0 <= i < len(ws) else ""


def _near_class(ws: list[str], i: int, span: int = 5) -> bool:
    return any(w in _CLASS_WORDS or w.endswith(_CLASS_ENDINGS) for w in ws[max(0, i - span) : i + span + 1])


Rule = Callable[[list[str], int], int]


def _subject(bit: int, prev_words: frozenset[str], after_school_word: bool = False) -> Rule:
    def rule(ws: list[str], i: int) -> int:
        prev, nxt = _at(ws, i - 1), _at(ws, i + 1)
        if prev in prev_words or nxt in _SCHOOL_WORDS or nxt in _COPULAS:
            return bit
        # English "presentation in English": the language of a school task is the subject.
        if after_school_word and prev == "in" and any(w in _SCHOOL_WORDS for w in ws[max(0, i - 4) : i - 1]):
            return bit
        return 0

    return rule


def _unless_next(bit: int, stop: str) -> Rule:
    stop_words = _word_set(stop)

    def rule(ws: list[str], i: int) -> int:
        return 0 if _at(ws, i + 1) in stop_words else bit

    return rule


def _if_prev(bit: int, prev: str) -> Rule:
    prev_words = _word_set(prev)

    def rule(ws: list[str], i: int) -> int:
        return bit if _at(ws, i - 1) in prev_words else 0

    return rule


def _class_or(near: int, elsewhere: int) -> Rule:
    def rule(ws: list[str], i: int) -> int:
        return near if _near_class(ws, i) else elsewhere

    return rule


_PRONOUN_OR_MODAL_NB = _word_set(
    "jeg du han hun vi dere de man eg me dei ho det dem skal vil må kan kunne skulle ville burde bør får fikk måtte å"
)
_VERB_NEXT_NB = _word_set("å og meg deg seg oss litt mer noe det igjen hardt")
_LEARN_NEXT_NB = _word_set("om å mye mer masse lite noe")


def _prove(ws: list[str], i: int) -> int:
    # "prøve" is a test, or "try": "vi har prøve", "prøven" vs "jeg skal prøve å", "prøver meg".
    if _at(ws, i - 1) in _PRONOUN_OR_MODAL_NB or _at(ws, i + 1) in _VERB_NEXT_NB:
        return 0
    return _BIT["exams"]


def _laerer(ws: list[str], i: int) -> int:
    # "lærer" is a teacher, or "learns": "en lærer sa" vs "vi lærer om".
    if _at(ws, i - 1) in _PRONOUN_OR_MODAL_NB or _at(ws, i + 1) in _LEARN_NEXT_NB:
        return 0
    return _BIT["teaching"]


_SV_SUBJECT_PREV = _word_set("i på har hade ha till med om")


def _no_so(bit: int, other: str) -> Rule:
    # Lower-case "no"/"so" in Swedish text: the subjects NO and SO after "i", "har"..., or as "no och so".
    def rule(ws: list[str], i: int) -> int:
        if _at(ws, i - 1) in _SV_SUBJECT_PREV or _at(ws, i + 1) in _SCHOOL_WORDS:
            return bit
        pair = (_at(ws, i + 1) == "och" and _at(ws, i + 2) == other) or (
            _at(ws, i - 1) == "och" and _at(ws, i - 2) == other
        )
        return bit if pair else 0

    return rule


_MEDICAL_TESTS = _word_set("blood covid corona eye hearing allergy pregnancy drug blod syn")


def _test(ws: list[str], i: int) -> int:
    return _BIT["health"] if _at(ws, i - 1) in _MEDICAL_TESTS else _BIT["exams"]


_MOVED_AWAY = _word_set("mig mej meg oss dig deg honom ham henne dem fram plats platsen platser bänk bänken bord")


def _moving(ws: list[str], i: int) -> int:
    # Moving house, not "flytta mig" (change my seat) or "flytta provet" (postpone the test).
    nxt = _at(ws, i + 1)
    return 0 if nxt in _MOVED_AWAY or nxt in _SCHOOL_WORDS else _BIT["family"]


_MOVED_EN = _word_set("to here house houses from away abroad out in")


def _moved(ws: list[str], i: int) -> int:
    return _BIT["family"] if _at(ws, i + 1) in _MOVED_EN else 0


_FEEL_PREV = _word_set(
    "mig mej meg sig seg lite litt helt så jätte ganska väldigt veldig hålls hölls holdt holdes blir blev ble føler "
    "varit vært känner kände følte känns kändes står sto stod lämnad lämnas lämnades stängd"
)


def _outside(ws: list[str], i: int) -> int:
    # "utanför" is lonely in "känner mig utanför", a preposition in "utanför skolan".
    return _BIT["loneliness"] if _at(ws, i - 1) in _FEEL_PREV or i == len(ws) - 1 else 0


def _alone(ws: list[str], i: int) -> int:
    # "leave me alone" is not loneliness.
    return 0 if _at(ws, i - 1) == "me" and _at(ws, i - 2) in {"leave", "left", "leaves"} else _BIT["loneliness"]


_PRAISE = _word_set("good great nice bad amazing awesome well")


def _job(ws: list[str], i: int) -> int:
    return 0 if _at(ws, i - 1) in _PRAISE else _BIT["free_time"]


def _play(ws: list[str], i: int) -> int:
    # "det spelar ingen roll" = it doesn't matter.
    after = ws[i + 1 : i + 3]
    return 0 if "roll" in after or "rolle" in after else _SPORT


_NOT_SPORT_PRACTICE = _word_set("for test tests exam exams questions problems paper papers on sheet")


def _practice(ws: list[str], i: int) -> int:
    return 0 if _at(ws, i + 1) in _NOT_SPORT_PRACTICE else _BIT["free_time"]


# Home as a topic ("jobbigt hemma", "hemma är det kaos", "problems at home"), not as a place ("var hemma").
_HOME_TROUBLE = _word_set(
    "jobbigt tufft svårt bråk bråkigt kaos problem stökigt dåligt skit jobbig tråkigt konflikter gräl tjafs hände "
    "slagen slår slog slått skjedde happened juling stryk calm cozy cosy nice good fine chill lugnt mysigt bra fint "
    "koselig "
    "vanskelig vanskeleg tøft tungt krangel krangling trøbbel problemer bråket ille "
    "problems hard tough fights fighting stuff things trouble issues rough bad"
)


def _home(ws: list[str], i: int) -> int:
    prev = _at(ws, i - 1)
    if prev == "at":
        prev = _at(ws, i - 2)
    return _BIT["family"] if prev in _HOME_TROUBLE or _at(ws, i + 1) in _COPULAS else 0


def _vondt(ws: list[str], i: int) -> int:
    # "vondt i hodet" hurts; "har det vondt" is feeling bad; "synes vondt av" is pity.
    if _at(ws, i - 1) == "det":
        return _BIT["mental_health"]
    return 0 if _at(ws, i + 1) == "av" else _BIT["health"]


_HARM = _word_set("cut cutting cuts hurt hurting hurts burn burning burned burnt kill killing harm harming unalive")
_ACCIDENT = _word_set("on playing at while during in")


def _myself(ws: list[str], i: int) -> int:
    # "i cut myself" is self-harm; "hurt myself playing football" is an injury.
    if _at(ws, i - 1) not in _HARM:
        return 0
    if _at(ws, i + 1) in _ACCIDENT and _at(ws, i + 2) != "purpose":
        return _BIT["health"]
    return _BIT["mental_health"]


_NOT_SELF_HARM = _word_set("på mellan")


def _cut(ws: list[str], i: int) -> int:
    # "jag skär mig", "skar mig i armarna" is self-harm; "skar mig på kniven" is not, nor "det skar sig mellan oss".
    if _at(ws, i + 1) in {"mig", "mej", "sig"} and _at(ws, i + 2) not in _NOT_SELF_HARM:
        return _MENTAL
    return 0


def _up(ws: list[str], i: int) -> int:
    # "up late", "up all night" is sleep; "threw up all night" is not.
    if _at(ws, i - 1) in {"threw", "throw", "throwing", "throws", "puked", "sick"}:
        return 0
    nxt = _at(ws, i + 1)
    return _SLEEP if nxt == "late" or (nxt == "all" and _at(ws, i + 2) == "night") else 0


_DOWN_PREV = "feel feeling felt feels so kinda of bit pretty really very mig mej meg lite litt ganska langt väldigt"
_ANY = _word_set("noe något nåt any much")
_NEGATORS = _word_set("no not nothing never ingen inget ingenting inte aldrig ikke ikkje aldri")


def _rules() -> dict[str, list[tuple[str, Rule]]]:
    b = _BIT
    prev = {lang: _word_set(spec) for lang, spec in _SUBJECT_PREV.items()}
    nordic = prev["sv"] | prev["nb"]
    env, mental = b["class_environment"], b["mental_health"]
    pairs: list[tuple[str, str, Rule]] = [  # (languages, forms, rule)
        ("sv", "svenska", _subject(b["subject_swedish"], nordic)),
        ("sv", "engelska", _subject(b["subject_english"], nordic)),
        ("nb", "engelsk", _subject(b["subject_english"], nordic)),
        ("nb", "norsk", _subject(b["subject_norwegian"], nordic)),
        ("sv", "spanska tyska franska moderna", _subject(b["subject_languages"], nordic)),
        ("nb", "spansk tysk fransk", _subject(b["subject_languages"], nordic)),
        ("sv!", "bild", _subject(b["subject_arts"], nordic)),
        ("sv nb", "musik musikk drama", _subject(b["subject_arts"], nordic)),
        ("sv", "historia historien", _subject(b["subject_social_studies"], nordic)),
        ("nb", "historie historien", _subject(b["subject_social_studies"], nordic)),
        ("en", "english", _subject(b["subject_english"], prev["en"], True)),
        ("en", "swedish", _subject(b["subject_swedish"], prev["en"], True)),
        ("en", "norwegian", _subject(b["subject_norwegian"], prev["en"], True)),
        ("en", "spanish german french", _subject(b["subject_languages"], prev["en"], True)),
        ("en", "music drama", _subject(b["subject_arts"], prev["en"])),
        ("nb!", "prøve prøver", _prove),
        ("nb", "=prøve =prøver", _prove),
        ("nb!", "lærer", _laerer),
        ("sv!", "no", _no_so(b["subject_science"], "so")),
        ("sv!", "so", _no_so(b["subject_social_studies"], "no")),
        ("sv nb en", "test tests", _test),
        ("sv", "ont", _unless_next(b["health"], "om")),
        ("nb", "vondt", _vondt),
        ("en", "sick", _unless_next(b["health"], "of af and")),
        ("sv nb", "far", _if_prev(b["family"], "min mi din hans hennes vår deras mor och og")),
        ("sv", "flytta flyttar flyttade flyttat", _moving),
        ("nb", "flytte flytter flyttet flytta", _moving),
        ("en", "moved moving", _moved),
        ("sv", "hemma", _home),
        ("nb", "hjemme heime", _home),
        ("en", "home", _home),
        ("sv", "utanför", _outside),
        ("nb", "utenfor", _outside),
        ("en", "alone", _alone),
        ("en", "job jobs", _job),
        ("en", "practice", _practice),
        ("en!", "mate", _if_prev(b["friends"], "my best a his her")),
        ("sv", "spela spelar spelade spelat", _play),
        ("nb", "spill spille spiller spilte spillet", _play),
        ("sv", "nere låg", _if_prev(mental, _DOWN_PREV)),
        ("nb", "nede", _if_prev(mental, _DOWN_PREV)),
        ("sv nb en", "down low", _if_prev(mental, _DOWN_PREV)),
        ("en", "myself", _myself),
        ("en", "up", _up),
        ("sv", "skär skurit", _cut),
        ("sv", "trivs trivdes", _class_or(env, 0)),
        ("nb", "trives trivdes trivst", _class_or(env, 0)),
        ("en", "sub", _if_prev(b["teaching"], "a the had have our new")),
        ("en", "grade", _if_prev(b["exams"], "bad good low high better worse my an best top final failing")),
        ("sv", "oro oroligt", _class_or(env, mental)),
        ("nb", "urolig urolige", _class_or(env, mental)),
        ("sv", "bråk bråket bråkar bråkade lugnt lugn tyst stämning stämningen", _class_or(env, 0)),
        ("sv", "prat pratet ljud ljudet stör störde störs störa störig störigt livat rörigt", _class_or(env, 0)),
        ("nb", "bråk bråket bråker bråka bråkte stille stemning stemninga stemningen prat tull", _class_or(env, 0)),
        ("nb", "tuller tulla tullet forstyrrer forstyrret forstyrrende", _class_or(env, 0)),
        ("nb!", "rolig rolige", _class_or(env, 0)),
        ("en", "loud calm quiet talking distracting disturbing messing mess messy", _class_or(env, 0)),
    ]
    table: dict[str, list[tuple[str, Rule]]] = {}
    for langs, forms, rule in pairs:
        for form in _word_set(forms):
            table.setdefault(form, []).append((langs, rule))
    return table


_RULES = _rules()
_TIRED_ENDINGS = tuple(sorted(_word_set("trött trötta trøtt trøtte trett trette trøytt trøytte tired")))
_FED_UP = _word_set("på av of")
_SLEEPY_TIMES = _word_set(
    "morgonen morgnarna morgnar morron morronen kvällen kvällarna eftermiddagen dagen dagarna lektionerna lektionen "
    "lektioner morgenen morgningen kvelden kveldene timene timen"
)


class _Language:
    """The tables for texts in one language, and the words already analysed."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        # Compounds are Swedish and Norwegian; an English text only looks its words up whole.
        nordic = set() if lang == "en" else {"sv", "nb"}
        self.exact: dict[str, int] = {}
        self.blocked: dict[str, int] = {}  # a dict only so that every table is filled the same way
        self.tails: dict[str, int] = {}
        self.tails_after_mod: dict[str, int] = {}
        self.mods: dict[str, int] = {}
        self.subject_mods: dict[str, int] = {}
        self.phrases: dict[str, list[tuple[list[str], int]]] = {}
        self.rules: dict[str, list[Rule]] = {}
        for codes, langs, kind, spec in _VOCAB:
            if not self._applies(langs):
                continue
            compounds = bool(nordic & set(langs.replace("!", "").split()))
            mask = 0
            for code in codes.split():
                mask |= _CODE_BITS[code]
            if kind == "p":
                for phrase in spec.split("|"):
                    for combo in product(*(sorted(_word_set(word)) for word in phrase.split())):
                        self.phrases.setdefault(combo[0], []).append((list(combo[1:]), mask))
                continue
            tables = [
                (self.blocked, kind == "x"),
                (self.exact, kind in "whmb"),
                (self.tails, compounds and kind in "hbe"),
                (self.tails_after_mod, compounds and kind == "t"),
                (self.mods, compounds and kind in "mbn"),
                (self.subject_mods, compounds and kind == "s"),
            ]
            for form in _word_set(spec):
                for table, wanted in tables:
                    if wanted:
                        table[form] = table.get(form, 0) | mask
        for word, entries in _RULES.items():
            for langs, rule in entries:
                if self._applies(langs) and rule not in self.rules.get(word, ()):
                    self.rules.setdefault(word, []).append(rule)
        self.cache: dict[str, int] = {}

    def _applies(self, langs: str) -> bool:
        if self.lang == "other":
            return "!" not in langs
        return any(lang.rstrip("!") == self.lang or not lang.endswith("!") for lang in langs.split())

    def word(self, w: str) -> int:
        mask = self.cache.get(w)
        if mask is None:
            if len(self.cache) > 200_000:  # a bound on memory; real reflections use far fewer distinct words
                self.cache.clear()
            mask = self.cache[w] = self._analyse(w)
        return mask

    def _analyse(self, w: str) -> int:
        flags = (_RULE if w in self.rules else 0) | (_PHRASE if w in self.phrases else 0)
        if w in _GOT_WORDS:
            flags |= _GOT
        # A rule or phrase is keyed by the whole word, so the part's own flags must not travel with it: "mate's"
        # is "mate" for its themes, but it has no rule of its own to run.
        if "'" in w:  # "friend's", "cousin's"
            return flags | (self._analyse(w.split("'", 1)[0]) & ~_KEYED)
        if "-" in w:  # "matte-provet", "NO-lektionen"
            return flags | (self._analyse(w.replace("-", "")) & ~_KEYED)
        mask = self._lookup(w)
        if mask is None and _VOWEL_RUNS.search(w):
            # "tröött", "sjuuk": a stretched vowel that normalise() left at two letters.
            mask = self._lookup(_VOWEL_RUNS.sub(r"\1", w))
        if mask and mask & _SLEEP and w.endswith(_TIRED_ENDINGS):
            flags |= _TIRED
        return flags | (mask or 0)

    def _lookup(self, w: str) -> int | None:
        if w in self.blocked:
            return 0
        if w in self.exact:
            return self.exact[w]
        if w in self.rules:
            return None  # decided by its neighbours, never as a compound
        mask = 0
        for i in range(_MIN_LEFT, len(w) - _MIN_LEFT + 1):
            left, rest = w[:i], w[i:]
            mask |= self.tails.get(rest, 0)
            if len(rest) < _MIN_REST or rest in self.blocked:
                continue
            mask |= self.mods.get(left, 0)
            subject = self.subject_mods.get(left)
            if subject and (rest in _SCHOOL_WORDS or (rest[0] == "s" and rest[1:] in _SCHOOL_WORDS)):
                mask |= subject  # "svenskläraren", "idrottslektionen"
            after_mod = self.tails_after_mod.get(rest)
            if after_mod and (left in self.mods or left in self.subject_mods):
                mask |= after_mod  # "mattetestet", but not "greatest"
        return mask or None


_LANGUAGES = {lang: _Language(lang) for lang in ("sv", "nb", "en", "other")}
_CODES: dict[int, tuple[str, ...]] = {}


def _codes(mask: int) -> tuple[str, ...]:
    codes = _CODES.get(mask)
    if codes is None:
        codes = _CODES[mask] = tuple(sorted(code for code in THEMES if mask & _BIT[code]))
    return codes


def themes(text: str, language: str) -> tuple[str, ...]:
    if not text:
        return ()
    table = _LANGUAGES.get(language) or _LANGUAGES["other"]
    norm = normalise(text)
    ws = words(norm)
    found = 0
    cache = table.cache
    for i, w in enumerate(ws):
        mask = cache.get(w)
        if mask is None:
            mask = table.word(w)
        if mask & _FLAGS:
            if mask & _RULE:
                for rule in table.rules[w]:
                    mask |= rule(ws, i)
            if mask & _PHRASE:
                for rest, bits in table.phrases[w]:
                    if ws[i + 1 : i + 1 + len(rest)] == rest:
                        mask |= bits
            # "trött på skolan", "tired of it": fed up, not sleepy; "trött på morgonen" is sleepy.
            if mask & _TIRED and _at(ws, i + 1) in _FED_UP and _at(ws, i + 2) not in _SLEEPY_TIMES:
                mask &= ~_SLEEP
        if mask & _MENTAL and i and (ws[i - 1] in _NEGATORS or (ws[i - 1] in _ANY and _at(ws, i - 2) in _NEGATORS)):
            mask &= ~_MENTAL  # "ingen stress", "not sad", "ikke noe stress"
        found |= mask
    if found & _SPORT and not found & _BIT["subject_pe"]:
        found |= _BIT["free_time"]
    if found & _GOT and _GRADE.search(norm):
        found |= _BIT["exams"]
    if language == "sv" and ("NO" in text or "SO" in text):
        for match in _NO_SO.finditer(text):
            found |= _BIT["subject_science"] if match.group() == "NO" else _BIT["subject_social_studies"]
    return _codes(found & _ALL)
