"""Which language a reflection is written in: Swedish, Norwegian, English or something else.

Pure: no ORM, no I/O, nothing logged. Reflections are short (often one to five words) and sloppy,
so detectors trained on long texts guess. This one adds up evidence from the words students
actually write, listed by hand below, and falls back to letters, word endings and compound heads
for words it does not know. The languages immigrant students write besides ours (German, Danish,
Finnish, Polish, Somali, Turkish ...) have small word lists of their own, and a text made of words
none of our lists know leans "other", so "other" rests on evidence.

Nynorsk and Norwegian dialect spellings count as "nb": the Norwegian analyser reads them.

This module is longer than the house's ~400 lines because most of it is word lists; they stay beside the
scoring that weighs them so a reviewer sees both.
"""

import unicodedata

from .tokens import normalise, words

LANGUAGES = ("sv", "nb", "en")
OTHER = "other"

# Every language the tables mention; all but the first three are reported as "other".
# "xx" collects evidence for languages we do not model (ð, þ, rare diacritics).
_MODELLED = (
    *("sv", "nb", "en"),
    *("da", "de", "fi", "es", "pl", "tr", "so", "bs", "sq", "fr", "nl", "pt", "it", "et", "ku", "tl", "fa", "ar"),
    *("lt", "hu", "ro", "vi", "xx"),
)
_INDEX = {code: i for i, code in enumerate(_MODELLED)}
_SV, _NB, _EN, _DA = 0, 1, 2, _INDEX["da"]
_FOREIGN = tuple(i for i in range(3, len(_MODELLED)) if i != _DA)

# Words of each language, by how much one occurrence says. A key naming several languages lists
# words they share: each of them gets the evidence, so only the words they do not share decide
# between them. Spellings without å ä ö ø æ and accents are derived, not listed.
_LEXICON: dict[str, dict[float, str]] = {
    "sv": {
        2.0: """
            najs medel kass kasst segt
            jag inte och är också mycket mycke mkt någon något några nån nåt nåra hur vad varför när från hon mej dej
            sej bara kanske varit hade gick fick tycker tyckte känner kände känns kändes mår mådde orkar orkade ork
            vecka veckan veckor veckorna skolan skola läxor läxorna läxa läxan läxförhör prov provet proven lärare
            läraren lärarna lärarn kompisar kompisarna kompisen bästis bästisen vänner vännerna vän bästa tråkigt tråkig
            roligt roliga jobbigt jobbiga jobbig skönt trött trötta ledsen ledsna rädd orolig oroligt sjuk sjukt sjuka
            ont huvudet hemma igår ikväll inatt imorse rast rasten raster rasterna lektion lektionen lektioner
            lektionerna idrotten idrott gympa syster systern syrra storasyster lillasyster brorsa brorsan morsan farsan
            moster faster bebis till att ett jätte asså inget inga allt alla hela ganska väldigt verkligen faktiskt
            sedan här där deras mina dina sina våra gillar gillade gilla hatar älskar saknar längtar behöver vill kunde
            måste gör göra säga sade sovit somnade somnar äta ätit äter åt träna tränar tränade träning träningen
            fotboll innebandy handboll matchen tävling tävlingen förlorade förlust svenska svenskan engelska engelskan
            spanska franska tyska frukost familjen föräldrar föräldrarna bråkar bråkade grälade tjej tjejer tjejerna
            kille killar killarna dålig dåligt bättre sämre bäst svårt svår svåra lätt stressad stressade stressig
            stressigt pressad nervös pirrig nöjd ensam själv lugnt mysigt mysig skoj härligt trevligt trevlig spännande
            intressant konstigt konstig sådär skapligt hyfsat halvbra lagom sisådär mja tack hej mobbad mobbade mobbning
            kränkt otrygg besviken frustrerad avundsjuk tacksam utmattad uttråkad lycklig deppig deppad fattar förstår
            förstod hinner hann klarade klarar kommit började börjar slutar slutade plugga pluggar pluggat pluggade läsa
            läser läste skriva lyssnar lyssnade skriker snälla snäll elaka elak läskigt pinsamt jävligt jävla sämst
            värsta värst måndag tisdag lördag söndag måndagar dagar timmar timme gånger gång ggr sommarlovet sportlovet
            jullovet höstlovet påsklovet lovet huvudvärk halsont magont förkyld sömn sömnig somna vaknade datorn häst
            djur valpen bio pojkvän flickvän kär tillsammans utanför känslor upp borta över genom mellan utan innan
            medan eftersom därför ofta ibland ännu redan tillbaka hemskt himla pga iaf iallafall sån sådan vara blivit
            tagit hänt hände händer kolla kollar kollade tittade titta såg hörde morgon morgonen kvällen kväll längesen
            förra nästa sista första dom skitbra skittrött arbete uppgifter uppgiften uppsats redovisning grupparbete
            prata pratar pratade pratat spela spelar spelade spelat sova äntligen fortfarande igenom jobbar jobbade
            flyttar flyttade flytta mobbar retas retade slog grejer saker tjata tjatar glömde glömt vann vinna lärt lära
            lärde tappade undrar ångest ångestig oroar arg arga irriterad irriterande meningslöst underbart gött
            jättekul betyg betygen termin terminen klassrummet matsalen skolgården skolmaten kurator skolsköterska
            vikarie schema klockan sommar höst påsk väder vädret regnar regnade snö snöar snöade soligt mörkt ljust
            affären köpte köpa pengar böcker boken ritade rita sjöng sjunga gitarr godis fika kvällsmat hungrig mätt
            törstig gott fysik historia slöjd hemkunskap teknik eleverna sjukhus sjukhuset läkare läkaren tandläkaren
            medicin gav frågade fråga svarade hjälpte hjälpa träffade träffa träffas hänga hängde umgås umgicks chillade
            verkar stannade stanna vänta väntade missade missa minns ihåg tänker tänkte önskar vågar vågade försöker
            försökte lyckades grät gråter gråta skrattade skratta knuffade ljög drack duschade åkte åka åker cykla
            cyklade simma springa sprang dansa dansade vila vilade ledigt gänget gäng nere slut stressen jobbet nya
            gamla
        """,
        1.0: """
            idag imorgon hem för då sen nu ju väl nog alltså lixom ba okej ska fått hoppas musik musiken bild riktigt
            grym grymt skit skitkul just japp nä näe nää ni lov lugn kul fan fest less gymmet jaja tjena tja
        """,
        0.5: "typ in hit fast ner va stressa tre e o",
    },
    "nb": {
        2.0: """
            toppers konge rått elendig lei supert flott drittlei skuffa skuffet irritert frustrert
            ikkje ittj itj ikkj også mye mykje noen noe nokon noko nokre korleis hva kva kvifor kven korfor meg deg seg
            mæ dæ sæ berre kanskje vært vore hadde ble blei gikk gjekk fikk fekk syns føler følte uke uka uken veke veka
            skulen skule lekser leksene lekse prøven prøvene heldagsprøve kjedelig kjedeleg kjekt gøy morsomt morsom
            slitsomt slitsom trøtt trøytt sint redd bekymret syk vondt hodet hodepine heime heim friminutt friminuttet
            friminuttene timene kroppsøving søster søstera søstra søsteren lillesøster storesøster bestemor bestefar
            kusine tante mora moren faren eit eg dei oss våre veldig ganske skikkelig kjempe kjempebra kjempegøy
            kjempefint dritt drit dritbra dritkjedelig dritgøy jævlig jækla faen kjipt koselig deilig greit grei ålreit
            takk hei nei nå opp inn gjennom mellom uten før aldri igjen tilbake sjøl måtte gjør gjøre gjer gjere seie
            sier veit håper snakker snakket snakka prater spilte sovet sovnet sovna trene trening treningen trente
            fotball håndball kamp kampen kamper vant vinne tapte norsk norsken lunsj matpakke matpakka foreldre
            foreldrene krangler krangel kranglet krangling jente jenter jentene gutt gutter guttene gutta dårlig dårleg
            dårligere verre vanskelig vanskeleg kaldt stresset nervøs fornøyd ensom teit ekkel flaut pinlig skummelt
            helga kvelden kveld natta helse bakte dager ganger høstferie vinterferie juleferie søvn våken våknet spill
            spillet kino kjæreste forelska forelsket utenfor følelser heilt dykk hjå vener lærar saman sjølv vere være
            blitt hatt tatt sånn litt enn glemte glemt gruer gruet savnet liker likte trenger orker orket gidder gadd
            klarte jobber jobbet leste skjønner skjønte venninne bestevenn bestevennen bestevenninne søsken gymtøy
            gymtøyet leirskole leirskolen hytta hytte egentlig innlevering innleveringer koss åssen korsn kossen kossn
            ka kordan tirsdag kosa koste mobbet mobba tenker tenkte erting ertet bursdag karakter karakterer karakteren
            matteprøve matteprøven vikar kompiser bråket gjeng gjengen utslitt utmattet kjeder kjedet lykkelig deppa
            deprimert nedfor forkjølet hoste skadet hvile dro kjørte syklet sykle løpe svømme svømming danse
            klasserommet kantina kantinen skolegården fremføring presentasjon gruppearbeid prosjekt prosjektet naturfag
            samfunnsfag krle håndverk musikk historie fysikk elevene helsesøster helsesykepleier kontaktlærer timeplan
            klokka høst påske regner regnet snø snødde sola mørkt butikken kjøpte kjøpe penger boka bøker tegnet tegne
            synge sykkel godteri snop smågodt kveldsmat sulten mett tørst spennende interessant merkelig passe middels
            utestengt krenket utrygg takknemlig sjalu misunnelig presset utbrent motivasjon umotivert konsentrere kneet
            sykehus sykehuset sjukehus sjukehuset legen lege tannlegen medisin skjedde skjer burde spurte spørre svarte
            hjalp hjelpe hjelp traff treffe henge chille gamet hørte virker begynne begynte slutte sluttet holde holdt
            vente ventet rakk huske husker husket tør turte prøvde gråt gråter gråte smilte skreik slo sparket dyttet
            jukset løy lyver drakk dusjet sjukt sjuk sykt syke snill snille slem urolig stressa mamman pappan øve øvde
            øving kjempesnill dårlige
        """,
        1.0: """
            rolig stille rart trist digg å ei ein æ ho mens iblant enda skal kunne må si kje sku vel okei timen klasse
            gym lyst dine tung tungt
        """,
        0.5: "time e me vart ska va no at dyr",
    },
    "sv nb": {
        1.0: """
            toppen topp kanon perfekt tungt tung
            sliten stress chill normal matte mobilen telefonen ja jo liksom helg helgen digg fett kompis katten hunden
            mormor farmor morfar farfar mamma pappa bror brorsan lillebror storebror kusin kusiner glad trist fin fint
            bra kul kult sur dum snart alltid mens feber valp kanin trygg stolt pigg energi panik elev elever rektor
            mentor vinter vår jul regn sol tid tiden minuter serie serier laget lag match cup testen testet korridoren
            ryggen halsen piano pizza taco tacos glass ledig promenad dans tur onkel skrev biologi geografi religion nja
            ville ler hang gymmet
        """,
    },
    "sv nb da": {
        1.0: """
            det den de dem som en har var med på av om men så eller ingen ingenting lite vi han min mitt din ditt sin
            sitt hans hennes kan skulle får gjorde gjort vet visste tror trodde sa sagt sover sov kom kommer går gå ut
            inne ute mat lunch middag hund katt dag dagen natt natten år folk spel film ha bli blir mange mer mest ser
            se tog ta tar klass klassen fri fredag torsdag onsdag mor far i fått gått sett sånt bror vinter lillebror
            hoster
        """,
    },
    "sv da": {
        1.5: "mig dig sig efter blev aldrig igen haft nej hej nu",
    },
    "nb da": {
        2.0: "jeg ikke og er",
        1.0: """
            når fra til også bare fordi derfor hun hjem hjemme alene sammen selv skole skolen lærer læreren lærerne
            venner venn hyggelig godt god synes tror hvordan hvorfor hvor da nok et at spise spiste sove ofte ned over
            allerede ting ferie prøve prøver eksamen vil skal kunne må mandag tirsdag lørdag søndag helt mange mine sine
            alle hele morgen weekend sommerferie skrive lese leser spille spiller snakke elsker hater savner hører høre
            forstår glad best bedre lett her der ut familien tysk fransk spansk semester sommer gangen dyr rektor elev
            elever
        """,
    },
    "da": {
        2.0: """
            hvad nogen nogle noget lidt meget uge ugen ugens ugerne været havde af sjov sjovt træt træls ked ud op hende
            os vores måske altid sådan gør gøre tænker tænke lektier fodbold frikvarter frikvarteret kammerater syg
            hovedet ondt dejlig sød rigtig rigtigt vildt sgu tit derhjemme næste sidst købe ved bliver blive tager siger
            mit dit sit kedelig forældre mere hygget hyggede fik gik vennerne pige piger dreng drenge igennem spørge
            glæder hjælpe gider gad kedeligt søde sødt
        """,
        0.5: "kun",
    },
    "sv nb en": {
        0.5: "ok lol haha hehe xd nice cool wow omg meh hmm mm eh ehh ugh okay test gym youtube tiktok snap",
    },
    "en": {
        2.0: """
            i'm im i've ive i'll i'd don't dont didn't didnt can't cant it's that's doesn't doesnt wasn't wasnt isn't
            isnt won't the and is was my you they she this that what when how why with have has been are did got went
            feel feeling feels felt really very much many of about because cuz bc nothing something everything anything
            everyone someone nobody yes yeah yea tbh there our their your him them us if than then too also still again
            always never sometimes these those will would could should maybe kinda pretty lot lots which who where while
            off out up down into from by some any every doing going gonna wanna gotta getting ur u lmao ngl bruh
            literally honestly actually basically
        """,
        1.5: """
            fantastic wonderful lit solid hectic rough brilliant lovely dreadful crap spent
            not to a me he it be am do get go day little bit but or now all can well mad good bad tired sad happy great
            boring fun school week today tomorrow yesterday tonight weekend friends friend family home mom mum dad
            parents teacher teachers homework tests exam exams math maths stressed stressful worried lonely alone angry
            bored excited proud nervous anxious sick hurts hurt headache sleep slept sleepy sleeping night days morning
            evening better worse worst love miss want need think thought know knew made make having play played playing
            football practice party birthday last next guess tough easy difficult annoying mean funny awesome amazing
            terrible awful horrible sucks sucked new old other kids people break classroom noise trip holiday summer
            christmas monday tuesday wednesday thursday friday saturday sunday brother sister grandma grandpa dog cat
            puppy phone grade grades swedish norwegian english exhausted hungry scared afraid upset calm relaxed busy
            chaos substitute presentation class fight fighting fought ignoring ignored bullied bully laughed laughing
            deadlines deadline cinema movie movies basketball hospital understand yet becouse knee learn learning
            country thanks thank failed fail passed lately drained overwhelmed depressed down frustrated disappointed
            jealous embarrassed safe unsafe confused motivated unmotivated lazy peaceful cozy cold flu fever cough sore
            throat injured rest travelled drove rode bike walk walked ran run swim swimming dance dancing training match
            tournament won lost team bestie bff squad cousin aunt uncle stepdad stepmom pet pets horse classmates
            canteen cafeteria hallway playground essay project science biology history geography music art principal
            nurse counselor schedule time hour hours minutes term spring autumn fall winter easter weather rain raining
            snow snowed sun sunny dark shop bought buy money computer games series show book books read drew draw sing
            sang guitar candy snacks dinner breakfast food full thirsty yummy exciting interesting weird strange alright
            decent average mid lowkey fr happened happen gave give asked answered helped help met meet hanging watched
            watching watch heard seems started start stopped stop keep kept wait waited remember forgot forget wish hope
            try tried trying managed cried cry crying smiled screamed yelled kicked pushed cheated lied argued argue
            drank showered sis bro mates stuff things thing wanted needed liked hated loved missed physics chemistry
            lesson lessons sport sports pain tummy stomach period cramps anxiety panic
        """,
        1.0: "so in on at for like kind no fine idk hate hard best her here less nice okay cool",
        0.5: "over sad his men fan asf",
    },
    "de": {
        2.0: """
            ich bin nicht und ist eine einen einer sehr gut müde schule heute woche habe hatte hab auch aber mir mich zu
            wir sie mein meine meiner schön schon schlecht spaß freunde freundin kein keine viel noch immer weil dass
            wenn oder jetzt gestern hause zuhause geht gehen gemacht traurig glücklich froh langweilig auf von für nach
            um alles nichts streit wieder gehts bisschen ganz echt nervig anstrengend waren haben hat oma opa bruder
            schwester mama papa
        """,
        1.0: "das die der ein mit lust es im so war",
        0.5: "den dem morgen am kind",
    },
    "fi": {
        2.0: """
            minä mä olen oon oli olin ollut väsynyt väsyny väsyttää hyvä hyvin koulu koulussa koulun viikko viikon
            tänään kiva kivaa tosi paljon kaikki mutta kun että myös vähän ihan mulla minulla sulla meni huono huonosti
            tylsää tylsä kaverit kavereiden kotona nukuin jotain mitään vaan sitten niin koska mun mua jaksa tämä
            läksyjä ärsyttää hauskaa surullinen iloinen stressaa mikään ole ei eilen
        """,
        1.0: "ja mut on",
        0.5: "en se",
    },
    "es": {
        2.0: """
            yo estoy soy muy bien cansado cansada que el los las pero con para por escuela colegio semana hoy feliz
            triste amigos mucho tengo una todo esta está fue porque también nada casa quiero siento gracias difícil del
            ayer fuimos mi hermano
        """,
        1.0: "la y es mi un al clase examen",
        0.5: "de en no me",
    },
    "pl": {
        2.0: """
            jestem nie się że jest mam bardzo dobrze źle zmęczony zmęczona szkoła szkole tydzień dzisiaj dziś był była
            było ale jak mnie fajnie smutny smutna trochę też czuję wszystko dużo pracy domowej wiem nudno wczoraj mój
            moja
        """,
        1.0: "w z co tak na",
        0.5: "to do mi",
    },
    "tr": {
        2.0: """
            ben çok iyi kötü yorgun yorgunum okul okulda okulu bugün hafta ve bir bu ama değil yok ile için mutlu üzgün
            ders sınav evde biraz hiç gibi nasıl güzel iyiyim benim geçti sevmiyorum vakit geçirdim arkadaşlarımla
            arkadaşlarım dün
        """,
        0.5: "ne var de da",
    },
    "so": {
        2.0: """
            waan waxaan ahay aad iyo waa wax maanta dugsiga iskuul fiican wanaagsan daalan daalanahay faraxsan
            faraxsanahay murugsan aan ayaan toddobaad toddobaadkan aniga waxay badan hooyo aabo wuu yahay fiicnaa shalay
            wuxuu
        """,
        1.0: "ku",
        0.5: "ka ma la si",
    },
    "bs": {
        2.0: """
            sam nisam dobro loše umoran umorna škola školi danas sedmica tjedan bio bila bilo smo jako puno malo sretan
            sretna tužan tužna prijatelji hvala mnogo nije sve baš jučer moj ima
        """,
        1.0: "je u ne mi ali",
        0.5: "ja i na se da sa",
    },
    "sq": {
        2.0: "unë jam shumë mirë keq në dhe nuk është sot shkollë shkolla lodhur javë për që jemi kam",
        0.5: "i e por me",
    },
    "fr": {
        2.0: """
            je suis très fatigué fatiguée école le les pas mais c'est c'était avec semaine aujourd'hui une bonne j'ai ça
            amis hier
        """,
        1.0: "et bien la un est mes bon",
    },
    "nl": {
        2.0: """
            ik moe het een niet goed heel leuk vandaag naar maar ook mijn veel erg zijn heb van met voor gisteren gingen
        """,
        1.0: "ben dat op",
        0.5: "en de was week school we",
    },
    "pt": {
        2.0: "estou eu muito bem cansada não escola hoje com mas meu minha boa legal ontem fomos",
        1.0: "cansado foi uma semana feliz triste que",
    },
    "it": {
        2.0: "sono stanca stanco molto bene non oggi scuola settimana ho che il felice tutto anche ieri siamo",
        0.5: "mi ma e triste",
    },
    "et": {
        2.0: "väsinud hea kool täna väga aga päev nädal mul koolis tore eile",
        1.0: "olen oli",
        0.5: "ma ja ei on",
    },
    "ku": {
        2.0: "ez pir westiyayî îro dibistan dibistanê hefte gelek kêfxweş xweş bû",
        1.0: "û di",
        0.5: "me im min ne de",
    },
    "tl": {
        2.0: "ako ang ng pagod masaya hindi naman mga talaga malungkot kami",
        1.5: "po ko ay lang",
        0.5: "sa na mo",
    },
    "fa": {
        2.0: """
            kheili khili khaste khastam hastam khoobam khubam khoob khub madrese emruz emrooz nist dustam doostam mersi
            baraye bud bood khob vali halam khoshhalam narahat nemidoonam nemidunam dirooz
        """,
        1.0: "ast az chon merci",
        0.5: "man va ba ham",
    },
    "ar": {
        2.0: "ana mnih kwayes t3ban ta3ban ktir kteer",
        0.5: "ya bas",
    },
    "lt": {
        2.0: "aš esu labai gerai pavargęs pavargusi mokykla mokykloje šiandien nėra savaitė buvo linksma vakar",
        1.0: "ir bet",
    },
    "hu": {
        2.0: "nagyon fáradt vagyok jó jól iskola iskolában hét volt nem és egy kicsit rossz tegnap",
        1.0: "az",
    },
    "ro": {
        2.0: "sunt obosit obosită foarte bine școală azi astăzi săptămână și dar fost",
        0.5: "nu eu mai la am",
    },
}

# Letter groups that point to a language, used only for words not in the lexicon.
# ^ marks the start of a word, $ its end.
_MARKERS: dict[str, str] = {
    # Swedish against Norwegian
    "igt$": "sv:1.5 da:0.5",
    "skt$": "sv:1",
    "amt$": "sv:1.5",
    "omt$": "nb:1.5 da:0.5",
    "rna$": "sv:2",
    "ade$": "sv:1.5 en:0.3",
    "are$": "sv:1",
    "aste": "sv:1",
    "ar$": "sv:0.7 nb:0.2",
    "ck": "sv:0.7 en:0.7 de:0.7",
    "^tj": "sv:1",
    "ej": "sv:0.5",
    "kk": "nb:1 fi:1",
    "^kj": "nb:1.5",
    "^gj": "nb:1.5",
    "^hv": "nb:1 da:1.5",
    "sjon": "nb:2",
    "jon$": "nb:1",
    "ene$": "nb:1 da:0.3",
    "ere$": "nb:1 da:1",
    "et$": "nb:0.5 da:0.5",
    "lig$": "nb:1 da:1 sv:0.3",
    "som$": "nb:1 da:1",
    "rne$": "da:1.5",
    "ede$": "da:1.5",
    "ei": "nb:0.7 de:1.5 nl:0.7",
    "tion": "sv:0.7 en:1 fr:0.7 de:0.7",
    # English
    "th": "en:1.5",
    "^wh": "en:2",
    "w": "en:0.7 de:0.7 pl:0.7 nl:0.7",
    "ing$": "en:1 sv:0.3 nb:0.3",
    "ly$": "en:1.5",
    "ed$": "en:1",
    "ght": "en:2",
    "ou": "en:1 fr:1",
    "ea": "en:1",
    "ee": "en:0.7 so:1 nl:1",
    "oo": "en:0.7 so:1 nl:1",
    "sh": "en:1 so:1 sq:1",
    "ph": "en:1",
    "y$": "en:0.7",
    # Finnish and Somali: doubled vowels, case endings
    "aa": "so:1.5 fi:1.5 nl:1",
    "uu": "fi:1.5 so:1",
    "ii": "fi:1 so:1",
    "yy": "fi:2",
    "ää": "fi:2",
    "öö": "fi:1.5",
    "ä$": "fi:1.5",
    "yt$": "fi:1",
    "nen$": "fi:1.5",
    "ssa$": "fi:1.5",
    "ssä$": "fi:2",
    "llä$": "fi:2",
    "stä$": "fi:2",
    "dh": "so:1.5 sq:1.5",
    "kh": "so:1 fa:1.5",
    "x": "so:1 en:0.5 ku:0.7",
    "q": "so:1 sq:1 es:0.5 fr:0.5 en:0.3",
    "ay$": "so:1 tl:1 en:0.3",
    # German, Polish, Dutch, Romance, Bosnian
    "sch": "de:2",
    "tz": "de:1.5",
    "ie": "de:1 pl:1 nl:0.7 en:0.3",
    "ung$": "de:1.5",
    "eit$": "de:1.5 nb:0.5",
    "lich": "de:2",
    "chen": "de:2",
    "cht": "de:2",
    "sz": "pl:2",
    "cz": "pl:2",
    "rz": "pl:2",
    "dz": "pl:1.5",
    "ij": "nl:2",
    "cion": "es:2",
    "ente": "es:0.7 it:0.7",
    "ado$": "es:1 pt:1",
    "qu": "es:1 fr:1 it:1 pt:1 en:0.5",
    "nj": "bs:1.5",
    "gli": "it:1.5",
    "zz": "it:1.5",
    "eau": "fr:2",
}

# Letters outside a-z, used only for words not in the lexicon.
_LETTERS: dict[str, str] = {
    "ä": "sv:1.5 fi:1.5 de:1 et:1",
    "ö": "sv:1.5 fi:1 de:1 tr:1 et:0.5 hu:0.5",
    "å": "sv:1 nb:1 da:1",
    "ø": "nb:2 da:1.5",
    "æ": "nb:2 da:1.5",
    "ü": "de:2 tr:2 et:1 hu:0.5",
    "õ": "et:2 pt:1.5",
    "ñ": "es:3",
    "é": "fr:1.5 es:1 pt:1 hu:1 it:0.5 sv:0.3",
    "è": "fr:2 it:1.5",
    "ê": "fr:1.5 pt:1 ku:1.5",
    "à": "fr:1.5 it:1",
    "â": "fr:1.5 ro:1 tr:0.5",
    "î": "fr:1 ku:2 ro:1.5",
    "ô": "fr:1.5 pt:1.5",
    "û": "fr:1 ku:2",
    "ë": "sq:3",
    "ï": "fr:1.5",
    "ç": "fr:1.5 pt:1.5 tr:2 sq:2 ku:2",
    "á": "es:1.5 pt:1.5 hu:1.5",
    "í": "es:1.5 pt:1 hu:1.5",
    "ó": "es:1.5 pt:1 hu:1 pl:1.5",
    "ú": "es:1.5 pt:1 hu:1",
    "ã": "pt:3",
    "ć": "pl:2 bs:2",
    "č": "bs:2 lt:1",
    "š": "bs:2 lt:1",
    "ž": "bs:2 lt:1",
    "đ": "bs:3 vi:1",
    "ơ": "vi:3",
    "ư": "vi:3",
    **dict.fromkeys("łąęśźżń", "pl:3"),
    **dict.fromkeys("ışğ", "tr:3"),
    **dict.fromkeys("ėųūį", "lt:3"),
    **dict.fromkeys("őű", "hu:3"),
    **dict.fromkeys("țșă", "ro:3"),
    **dict.fromkeys("ðþ", "xx:3"),
}

# Intensifier prefixes of compounds ("jättebra", "kjempegøy", "dritkjedelig", "superbra"): the prefix's
# own evidence, plus the rest of the word's when the rest is a listed word.
_PREFIXES: dict[str, str] = {
    "jätte": "sv:2",
    "jatte": "sv:2",
    "skit": "sv:1.5",
    "sjukt": "sv:1",
    "as": "sv:0.5",
    "svin": "sv:1",
    "kjempe": "nb:2",
    "drit": "nb:2",
    "sykt": "nb:1",
    "kanon": "nb:1",
    "super": "",
    "mega": "",
    "halv": "sv:0.5 nb:0.5",
}

_HEAD_SHARE = 0.6  # a compound's known last part ("matte|provet") says a little less than a listed word
_MIN_HEAD = 4
_GUESS_CAP = 2.0  # letters and endings of one unknown word give a language at most this much
_LOOKS_OURS = 1.0  # an unknown word whose letters and endings give sv, nb or en this much is not foreign

# Decision thresholds, in units of the weights above.
_UNKNOWN = 0.7  # each word of 3+ letters that none of sv/nb/en explains counts this much towards "other"
_OTHER_LEAD = 1.5  # "other" must lead the best of sv/nb/en by this much
_DANISH_LEAD = 3.5  # and Danish must lead Bokmål by this much: about two words only Danish has
_MIN_EVIDENCE = 1.0  # below this for all of sv/nb/en the text says nothing of its own
_HINT_TIE = 1.0  # the hint wins when its language is this close to the best
_MAX_WORDS = 100  # evidence has long settled by then; keeps a 2,000-character text cheap

Evidence = tuple[tuple[int, float], ...]


def _parse(spec: str) -> Evidence:
    return tuple((_INDEX[code], float(weight)) for code, weight in (part.split(":") for part in spec.split()))


_FOLD = str.maketrans({"ø": "o", "æ": "a", "ł": "l", "ß": "ss", "ı": "i", "đ": "d"})


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _build_lexicon() -> dict[str, Evidence]:
    weights: dict[str, dict[int, float]] = {}
    for codes, by_weight in _LEXICON.items():
        for weight, text in by_weight.items():
            for word in text.split():
                for code in codes.split():
                    slot = weights.setdefault(word, {})
                    slot[_INDEX[code]] = max(slot.get(_INDEX[code], 0.0), weight)
    # Students often type without å ä ö ø æ or accents. A stripped spelling gets the evidence of every
    # word it could stand for, unless it is itself a listed word ("här" does not add to "har").
    variants: dict[str, dict[int, float]] = {}
    for word, slot in weights.items():
        for plain in {_strip_accents(word), word.replace("æ", "ae")}:
            if plain != word and plain not in weights:
                target = variants.setdefault(plain, {})
                for index, weight in slot.items():
                    target[index] = max(target.get(index, 0.0), weight)
    weights.update(variants)
    return {word: tuple(sorted(slot.items())) for word, slot in weights.items()}


_WORDS = _build_lexicon()
# Compound heads: words that say something about one or two languages, not function words all share.
_HEADS = {
    word: tuple((i, w * _HEAD_SHARE) for i, w in evidence)
    for word, evidence in _WORDS.items()
    if len(word) >= _MIN_HEAD and len(evidence) <= 2
}
_MARKS = {pattern: _parse(spec) for pattern, spec in _MARKERS.items()}
_MARK_SIZES = sorted({len(pattern) for pattern in _MARKERS})
_LETTER_EVIDENCE = {letter: _parse(spec) for letter, spec in _LETTERS.items()}
_PREFIX_EVIDENCE = tuple((prefix, _parse(spec)) for prefix, spec in _PREFIXES.items())
_UNMODELLED_LETTER = ((_INDEX["xx"], 1.0),)
_VIETNAMESE_LETTER = ((_INDEX["vi"], 3.0),)  # Latin Extended Additional is almost only Vietnamese


def _is_latin(letter: str) -> bool:
    return letter <= "\u024f" or "\u1e00" <= letter <= "\u1eff"


def _add(totals: list[float], evidence: Evidence) -> None:
    for index, weight in evidence:
        totals[index] += weight


def _guess(word: str, totals: list[float]) -> bool:
    """Add the evidence of a word not in the lexicon; True if it looks like a word of sv, nb or en."""
    for prefix, evidence in _PREFIX_EVIDENCE:
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            rest = _WORDS.get(word[len(prefix) :])
            if rest is not None:
                _add(totals, evidence)
                _add(totals, rest)
                return True
    for start in range(1, len(word) - _MIN_HEAD + 1):
        head = _HEADS.get(word[start:])
        if head is not None:
            _add(totals, head)
            return True
    found: dict[int, float] = {}
    padded = f"^{word}$"
    for size in _MARK_SIZES:
        for start in range(len(padded) - size + 1):
            mark = _MARKS.get(padded[start : start + size])
            if mark is not None:
                for index, weight in mark:
                    found[index] = found.get(index, 0.0) + weight
    if not word.isascii():
        for letter in word:
            if letter.isascii():
                continue
            evidence = _LETTER_EVIDENCE.get(letter)
            if evidence is None:
                evidence = _VIETNAMESE_LETTER if "\u1e00" <= letter <= "\u1eff" else _UNMODELLED_LETTER
            for index, weight in evidence:
                found[index] = found.get(index, 0.0) + weight
    for index, weight in found.items():
        totals[index] += min(weight, _GUESS_CAP)
    return max(found.get(_SV, 0.0), found.get(_NB, 0.0), found.get(_EN, 0.0)) >= _LOOKS_OURS


def _collapse_doubles(word: str) -> str:
    return "".join(letter for i, letter in enumerate(word) if i == 0 or word[i - 1] != letter)


def _score(text: str) -> tuple[list[float], int, int]:
    """Evidence per modelled language, words nothing explained, and letters in non-Latin scripts minus Latin."""
    totals = [0.0] * len(_MODELLED)
    unknown = 0
    script_balance = 0
    for word in words(text)[:_MAX_WORDS]:
        if not _is_latin(word[0]):
            script_balance += len(word)
            continue
        script_balance -= len(word)
        evidence = _WORDS.get(word)
        if evidence is None and ("'" in word or "-" in word):
            for part in word.replace("'", "-").split("-"):
                evidence = _WORDS.get(part)
                if evidence is not None:
                    _add(totals, evidence)
                elif len(part) > 2 and not _guess(part, totals):
                    unknown += 1
            continue
        if evidence is None:
            evidence = _WORDS.get(_collapse_doubles(word))  # "sååå", "soooo" arrive as "såå", "soo"
        if evidence is not None:
            _add(totals, evidence)
        elif not _guess(word, totals) and len(word) > 2:
            unknown += 1
    return totals, unknown, script_balance


def detect_language(text: str, hint: str | None = None) -> str:
    """The language of a reflection: "sv", "nb", "en" or "other".

    `hint` is the student's UI language: it settles near-ties and texts with no evidence of their own.
    """
    hint = hint if hint in LANGUAGES else None
    totals, unknown, script_balance = _score(normalise(text))
    if script_balance > 0:
        return OTHER  # mostly Arabic, Cyrillic, Ethiopic, Persian ... letters
    if script_balance == 0:
        return hint or OTHER  # no letters at all
    ours = max(totals[_SV], totals[_NB], totals[_EN])
    if max(totals[i] for i in _FOREIGN) + _UNKNOWN * unknown - ours >= _OTHER_LEAD:
        return OTHER
    if totals[_DA] - totals[_NB] >= _DANISH_LEAD and totals[_DA] - ours >= _OTHER_LEAD:
        return OTHER
    totals[_NB] = max(totals[_NB], totals[_DA])  # Danish without strong evidence is read as Bokmål
    best = max(_SV, _NB, _EN, key=lambda i: (totals[i], -i))  # exact ties go sv, nb, en: the schools we serve
    if totals[best] < _MIN_EVIDENCE:
        if hint:
            return hint
        foreign = max(totals[i] for i in _FOREIGN) + _UNKNOWN * unknown
        return OTHER if foreign > totals[best] else LANGUAGES[best]
    if hint and totals[_INDEX[hint]] >= totals[best] - _HINT_TIE:
        return hint
    return LANGUAGES[best]
