"""The report's words, in Swedish and English: every sentence of ``kramp explain`` is here, in
both languages, with the same placeholders."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "What causes muscle spasms?",
        "lede": (
            "kramp ran every cause of muscle spasms that it can simulate on its default virtual "
            "person, a healthy adult, and let the spasm detector — which sees only force, EMG, "
            "spikes and the recorded commands — judge each run. Each cause changes physiological "
            "parameters only; no spasm is scripted."),
        "settings": "kramp {version}, {mode}; {runs} runs on {workers} cores in {seconds:.0f} s.",
        "mode_full": "full protocols", "mode_quick": "quick versions (`--quick`)",
        "answer": "The answer, ranked",
        "ranking": (
            "Causes that produced a spasm come first, the strongest (peak involuntary force × "
            "duration) at the top; then those that did not. The healthy control is the last "
            "row."),
        "col_rank": "#", "col_cause": "cause", "col_rows": "article",
        "col_class": "verdict", "col_onset": "onset (ms)", "col_duration": "duration (s)",
        "col_force": "involuntary force (% of max)", "col_emg": "EMG (mV RMS)",
        "col_pain": "pain index (× threshold)",
        "col_mechanism": "mechanism", "col_relief": "stretching", "col_care": "seek care",
        "short_onset": "onset ms", "short_duration": "lasts s", "short_force": "force % max",
        "no_spasm": "no spasm", "yes": "yes", "no": "no", "control": "control",
        "per_cause": "Cause by cause",
        "what_changed": "What was changed in the person",
        "nothing_changed": "Nothing in the person: the cause is what the person did (the "
                           "protocol).",
        "changed_item": "`{path}` = {value} (healthy {default}): {meaning}",
        "plasma": "The plasma this leaves (kramp's fluid compartments and blood chemistry): "
                  "Na⁺ {sodium:.1f} mmol/L, K⁺ {potassium:.2f} mmol/L, ionised Ca²⁺ "
                  "{calcium:.2f} mmol/L, ionised Mg²⁺ {magnesium:.2f} mmol/L, arterial pH "
                  "{ph:.2f}, osmolality {osmolality:.0f} mOsm/kg; body water {water:+.1f} L. "
                  "The membranes of the run feel these ions.",
        "verdict": "Verdict",
        "verdict_none": "The detector found no spasm.",
        "verdict_weak": "The detector found no spasm, but weakness: a held command moved almost "
                        "no force.",
        "verdict_weakened": "The detector found no spasm, but weakness: a maximal effort reached "
                            "only {strength:.0f} % of the muscle's maximal force.",
        "weakness": "weakness",
        "verdict_spasm": "The detector found **{kind}** in {count} episode(s).",
        "episode": (
            "{muscle}: from {start:.2f} s for {duration:.1f} s, onset {onset} ms after the last "
            "command or stimulus, rise {rise} ms, peak involuntary force {force:.1f} % of "
            "maximum, EMG {emg:.3f} mV, units at {rate:.1f} Hz (CV {cv:.2f}, steadiness: force "
            "CV {force_cv:.2f}), recovered {recovery}."),
        "recovery_ms": "{value:.0f} ms after it ended", "recovery_none": "not by the run's end",
        "mechanism": "Mechanism",
        "mech_axon": "born in the motor axons (ectopic discharge: {share:.0f} % of the spikes)",
        "mech_cord": "born in the spinal cord's motoneurones ({share:.0f} % ectopic)",
        "mech_cord_only": "born in the spinal cord's motoneurones",
        "mech_root": "driven by a compressed nerve root's afferents, firing {rate:.1f} Hz "
                     "each around its onset",
        "mech_afferents": "before onset the {muscle}'s afferents fired {rates}",
        "mech_rate": "{kind} {rest:.1f}→{lead:.1f} pps",
        "mech_short": "{origin}", "mech_none": "–",
        "relief": "Relief by stretching",
        "relief_item": "{name}: longest episode {before:.1f} s without the stretch, {after:.1f} s "
                       "with it ({kind_after}).",
        "relief_none": "–",
        "care": "Seek care", "care_no": "The report does not advise seeking care for this cause.",
        "quick_note": "Quick version: {note}.",
        "figure_alt": "commands, force, EMG and spikes of {name}",
        "control_title": "The healthy control",
        "control_text": "The same default person with nothing changed, relaxed, pushing the foot "
                        "down and letting go, then stretched at an examiner's pace: {verdict}",
        "causes_title": "The article's causes, and what kramp can show of them",
        "cause_shown": "shown by: {scenarios}",
        "cause_missing": "not yet simulated (see the open issues)",
        "evidence_title": "Where the evidence disagrees with the article",
        "evidence_text": (
            "The article blames salts, water and too little stretching. Experiments on people "
            "find otherwise: the electrically induced cramp threshold is unchanged after one bout "
            "of static stretching (Panza et al. 2017) and after hypohydration alone (Miller et "
            "al. 2010; Braulick et al. 2013), and serum electrolytes did not tell which of 210 "
            "Ironman triathletes cramped (Schwellnus et al. 2011). "
            "kramp's versions of the first two (validation targets G8 and G9: a group of six "
            "virtual people, each condition on a visit of its own) do not settle them: its "
            "thresholds move more between two visits with nothing changed than people's do "
            "(G12), so the small changes it finds cannot be told from none (`kramp validate "
            "--only G8 --only G9 --only G12`). A virtual race field asks the third question (G10, "
            "`kramp validate --only G10`), but its answer needs racers who cramp, and kramp's "
            "exercise cramp does not arise yet. "
            "Training too hard is another of the article's causes. Right after local fatigue the "
            "threshold of the electrically induced cramp rose in people, from 20 to 33 Hz "
            "(Stone et al.), where the account of exercise cramps that kramp follows (fatigue "
            "raises the spindles' drive and lowers the tendon organs') expects it to fall; "
            "kramp's falls, from 18.7 to 5.0 Hz in six virtual people after a minute's maximal "
            "contraction of the calf (target G13, `kramp validate --only G13`): on this point "
            "kramp sides with the article, and the experiment with neither. Nor do people's "
            "spindles: through a minute's weak contraction their discharge falls to half "
            "(Macefield et al. 1991), where kramp's rises by a sixth (target D16). "
            "The article also reads a sharp back or neck spasm as a sign of a disc. A reflex "
            "from the disc to the paraspinal muscles exists (Indahl et al. 1995, 1997, in pigs), "
            "and kramp's guarding spasm follows it; but in people with back pain the trunk "
            "muscles' activity is not consistently raised (van Dieën, Selen & Cholewicki 2003, "
            "a review), and pain tends to lower the activity of the muscle that moves, not to "
            "raise it (Lund et al. 1991, the pain-adaptation model). kramp's spasm is what the "
            "reflex would do at the strength it assumes, not evidence that disc pain causes "
            "spasm."),
        "limits_title": "What this report does not show yet",
        "limits": (
            "- The pain index is the discharge of a compressed nerve root's nociceptive "
            "afferents over the discharge at which pain begins (0.5 Hz; Tillman et al. 1995), "
            "not a rating: kramp has no other nociceptors yet, so every other cause reads 0.\n"
            "- No fit-against-unfit prevention cohort yet: there is no exercise cramp to "
            "prevent.\n"
            "- The exercise-associated cramp does not arise in the model yet: after the "
            "minute's effort the calf falls silent, as nothing in the model's cord or "
            "motoneurones keeps them firing once the command stops. With the foot pointed the "
            "model's calf fascicles shorten in the effort to about two thirds of their optimal "
            "length, more than ultrasound shows, and at that length its spindles send almost "
            "nothing, their fusimotor drive notwithstanding, in the effort and after it "
            "(validation target C8 fails): the "
            "first link of the proposed chain is missing. Held in moderate dorsiflexion "
            "instead (5–10°), the model's calf does fire on for seconds after an effort, "
            "fatigued or not, and a stretch ends it: the model's after-discharge needs "
            "stretched spindles, where people cramp with the muscle shortened. Where a "
            "cause shows no "
            "spasm, that is what the model produced, not what the article claims.\n"
            "- kramp's motor axons do not tolerate raised potassium: from 5.0 mM, the top of "
            "the normal plasma range, a train of impulses sets them firing on their own, where "
            "human axons in hyperkalaemia grow less excitable (validation target A10 fails). "
            "Where the sensitivity screening spans such potassium, its ranking of potassium "
            "shows that flaw, not physiology."),
        "prevention_title": "What prevents spasms",
        "prevention_intro": (
            "**{name}** (`{scenario}`): {people} virtual people, alike but for "
            "`{column}`, run as one cohort."),
        "prevention_header": "person|verdict|plasma Na⁺ mmol/L|extracellular fluid L|"
                             "sodium balance over the days mmol",
        "prevention_same": (
            "In kramp's physiology this makes no difference to spasms: every person gets "
            "the same verdict, whatever else differs."),
        "prevention_differs": "In kramp's physiology the verdicts differ.",
        "prevention_missing": "- **{name}**: {reason}",
        "prevention_quick": "Compared in cohorts in the full report (`kramp explain`): {names}.",
        "sensitivity_title": "Which factors matter most",
        "sensitivity_intro": (
            "A Morris screening of **{name}** (`{id}`): {people} virtual people in one batch "
            "({trajectories} trajectories over {factors} factors on {levels} levels), each judged "
            "by the detector alone; {share:.0f} % of them had a spasm. Factors are ranked by "
            "μ*, the mean absolute change of the spasm's severity (peak involuntary force in % "
            "of maximum × duration in s) for one step of the factor across its range."),
        "sens_rank": "#", "sens_factor": "factor", "sens_range": "range",
        "sens_mu_severity": "μ* severity (%·s)", "sens_sigma_severity": "σ severity (%·s)",
        "sens_mu_occurrence": "μ* occurrence",
        "sensitivity_reading": (
            "A large σ beside μ* means the factor's effect depends on where the others stand "
            "(interaction or a threshold); μ* occurrence is the mean absolute change of the "
            "chance of a spasm at all."),
        "sensitivity_quick": "The screening runs in the full report (without `--quick`).",
        "sensitivity_none": "No cause scenario asks for a screening (`[sensitivity]`).",
        "figures_title": "Overview",
        "overview_force": "peak involuntary force (% of max)",
        "overview_duration": "duration of the strongest episode (s)",
    },
    "sv": {
        "title": "Vad orsakar muskelspasmer?",
        "lede": (
            "kramp har kört varje orsak till muskelspasmer som programmet kan simulera på sin "
            "virtuella standardperson, en frisk vuxen, och låtit spasmdetektorn — som bara ser "
            "kraft, EMG, aktionspotentialer och de registrerade kommandona — bedöma varje "
            "körning. Varje orsak ändrar bara fysiologiska parametrar; ingen spasm är inskriven."),
        "settings": "kramp {version}, {mode}; {runs} körningar på {workers} kärnor på "
                    "{seconds:.0f} s.",
        "mode_full": "fullständiga protokoll", "mode_quick": "snabbversioner (`--quick`)",
        "answer": "Svaret, rangordnat",
        "ranking": (
            "Orsaker som gav en spasm kommer först, den starkaste (högsta ofrivilliga kraft × "
            "varaktighet) överst; sedan de som inte gjorde det. Den friska kontrollpersonen är "
            "sista raden."),
        "col_rank": "#", "col_cause": "orsak", "col_rows": "artikeln",
        "col_class": "bedömning", "col_onset": "debut (ms)", "col_duration": "varaktighet (s)",
        "col_force": "ofrivillig kraft (% av max)", "col_emg": "EMG (mV RMS)",
        "col_pain": "smärtindex (× tröskeln)",
        "col_mechanism": "mekanism", "col_relief": "töjning", "col_care": "sök vård",
        "short_onset": "debut ms", "short_duration": "varar s", "short_force": "kraft % max",
        "no_spasm": "ingen spasm", "yes": "ja", "no": "nej", "control": "kontroll",
        "per_cause": "Orsak för orsak",
        "what_changed": "Vad som ändrades hos personen",
        "nothing_changed": "Inget hos personen: orsaken är vad personen gjorde (protokollet).",
        # the parameter tables describe each parameter in English only, so the Swedish line
        # names the parameter by its path and leaves the English description out
        "changed_item": "`{path}` = {value} (frisk {default})",
        "plasma": "Plasman som blir kvar (kramps vätskerum och blodkemi): Na⁺ {sodium:.1f} "
                  "mmol/L, K⁺ {potassium:.2f} mmol/L, joniserat Ca²⁺ {calcium:.2f} mmol/L, "
                  "joniserat Mg²⁺ {magnesium:.2f} mmol/L, pH i artärblodet {ph:.2f}, "
                  "osmolalitet {osmolality:.0f} mOsm/kg; kroppsvatten {water:+.1f} L. "
                  "Membranerna i körningen känner dessa joner.",
        "verdict": "Bedömning",
        "verdict_none": "Detektorn fann ingen spasm.",
        "verdict_weak": "Detektorn fann ingen spasm, men svaghet: ett hållet kommando gav nästan "
                        "ingen kraft.",
        "verdict_weakened": "Detektorn fann ingen spasm, men svaghet: en maximal viljeansträngning "
                            "nådde bara {strength:.0f} % av muskelns maximala kraft.",
        "weakness": "svaghet",
        "verdict_spasm": "Detektorn fann **{kind}** i {count} episod(er).",
        "episode": (
            "{muscle}: från {start:.2f} s i {duration:.1f} s, debut {onset} ms efter senaste "
            "kommando eller retning, stigtid {rise} ms, högsta ofrivilliga kraft {force:.1f} % "
            "av max, EMG {emg:.3f} mV, enheterna på {rate:.1f} Hz (CV {cv:.2f}, stadga: "
            "kraftens CV {force_cv:.2f}), återhämtad {recovery}."),
        "recovery_ms": "{value:.0f} ms efter slutet", "recovery_none": "inte före körningens slut",
        "mechanism": "Mekanism",
        "mech_axon": "uppstod i de motoriska axonen (ektopisk urladdning: {share:.0f} % av "
                     "aktionspotentialerna)",
        "mech_cord": "uppstod i ryggmärgens motorneuron ({share:.0f} % ektopiska)",
        "mech_cord_only": "uppstod i ryggmärgens motorneuron",
        "mech_root": "driven av en klämd nervrots afferenter, som sköt {rate:.1f} Hz var "
                     "kring debuten",
        "mech_afferents": "före debuten sköt afferenterna från {muscle} {rates}",
        "mech_rate": "{kind} {rest:.1f}→{lead:.1f} imp/s",
        "mech_short": "{origin}", "mech_none": "–",
        "relief": "Lindring genom töjning",
        "relief_item": "{name}: längsta episoden {before:.1f} s utan töjning, {after:.1f} s med "
                       "den ({kind_after}).",
        "relief_none": "–",
        "care": "Sök vård", "care_no": "Rapporten råder inte till vård för den här orsaken.",
        "quick_note": "Snabbversion: {note}.",
        "figure_alt": "kommandon, kraft, EMG och aktionspotentialer för {name}",
        "control_title": "Den friska kontrollpersonen",
        "control_text": "Samma standardperson utan några ändringar, avslappnad, som trycker ned "
                        "foten och släpper, och sedan töjs i undersökningstakt: {verdict}",
        "causes_title": "Artikelns orsaker, och vad kramp kan visa av dem",
        "cause_shown": "visas av: {scenarios}",
        "cause_missing": "simuleras ännu inte (se de öppna ärendena)",
        "evidence_title": "Där forskningen säger emot artikeln",
        "evidence_text": (
            "Artikeln skyller på salter, vatten och för lite töjning. Försök på människor visar "
            "annat: tröskelfrekvensen för elektriskt framkallad kramp är oförändrad efter en "
            "omgång statisk töjning (Panza m.fl. 2017) och efter enbart vätskebrist (Miller m.fl. "
            "2010; Braulick m.fl. 2013), och elektrolyterna i blodet avslöjade inte vilka av 210 "
            "Ironmantriathleter som fick kramp (Schwellnus m.fl. 2011). Modellens versioner av "
            "de två första (valideringsmål G8 och G9: en grupp om sex virtuella personer, varje "
            "villkor vid ett eget besök) avgör dem inte: dess trösklar flyttar sig mer mellan två "
            "besök där inget ändrats än människors gör (G12), så de små förändringar den finner "
            "går inte att skilja från ingen (`kramp validate --only G8 --only G9 --only G12`); "
            "ett virtuellt tävlingsfält ställer den tredje frågan (G10, `kramp validate "
            "--only G10`), men svaret kräver tävlande som får kramp, och modellens "
            "träningskramp uppstår ännu inte. "
            "För hård träning är en annan av artikelns orsaker. Direkt efter lokal uttröttning "
            "steg tröskelfrekvensen för elektriskt framkallad kramp hos människor, från 20 till "
            "33 Hz "
            "(Stone m.fl.), där den förklaring av träningskramp som modellen följer "
            "(uttröttningen höjer muskelspolarnas drivning och sänker senorganens) väntar sig att "
            "den ska sjunka; modellens sjunker, från 18,7 till 5,0 Hz hos sex virtuella personer "
            "efter en minuts maximal kontraktion av vaden (valideringsmål G13, `kramp validate "
            "--only G13`): här står modellen på artikelns sida, och försöket på ingenderas. "
            "Inte heller människors muskelspolar gör det: under en minuts svag kontraktion "
            "sjunker deras urladdning till hälften (Macefield m.fl. 1991), där modellens ökar "
            "med en sjättedel (valideringsmål D16). "
            "Artikeln läser också en skarp kramp i rygg eller nacke som ett tecken på diskbråck. "
            "En reflex från disken till ryggmusklerna finns (Indahl m.fl. 1995, 1997, hos gris), "
            "och modellens skyddsspasm följer den; men hos människor med ryggsmärta är "
            "bålmusklernas aktivitet inte genomgående förhöjd (van Dieën, Selen & Cholewicki "
            "2003, en översikt), och smärta brukar sänka aktiviteten i den muskel som rör sig, "
            "inte höja den (Lund m.fl. 1991, smärtanpassningsmodellen). Modellens spasm visar "
            "vad reflexen skulle göra vid den styrka modellen antar, inte att smärta från disken "
            "orsakar spasm."),
        "limits_title": "Vad rapporten ännu inte visar",
        "limits": (
            "- Smärtindexet är urladdningen i en klämd nervrots smärtfibrer delad med den "
            "urladdning där smärta börjar (0,5 Hz; Tillman m.fl. 1995), ingen skattning: kramp "
            "har ännu inga andra nociceptorer, så alla andra orsaker får 0.\n"
            "- Ingen kohort som jämför vältränad med otränad ännu: det finns ingen "
            "träningskramp att förebygga.\n"
            "- Träningskrampen uppstår ännu inte i modellen: efter minutens ansträngning "
            "tystnar vaden, eftersom ingenting i modellens ryggmärg eller motorneuron håller "
            "dem igång när viljan släpper. Med foten sträckt förkortas modellens muskelknippen "
            "i vaden under ansträngningen till ungefär två tredjedelar av sin optimala längd, "
            "mer än ultraljud visar, och vid den längden tystnar muskelspolarna nästan helt "
            "trots sin fusimotoriska drivning, både under och efter ansträngningen "
            "(valideringsmålet C8 underkänns): den första "
            "länken i den föreslagna kedjan saknas. Hålls foten i stället lätt uppåtböjd "
            "(dorsalflekterad 5–10°) fortsätter modellens vad att avfyra i flera sekunder "
            "efter en ansträngning, uttröttad eller inte, och en töjning stoppar det: "
            "modellens efterurladdning kräver sträckta muskelspolar, medan människor får "
            "kramp med muskeln förkortad. Där en orsak inte ger någon spasm är det vad "
            "modellen gav, inte vad artikeln påstår.\n"
            "- Modellens motoriska axon tål inte förhöjt kalium: från 5,0 mmol/L, den övre "
            "gränsen för normalt plasmakalium, får en serie impulser dem att fortsätta avfyra "
            "av sig själva, medan människans axon blir mindre retbara vid hyperkalemi "
            "(valideringsmålet A10 underkänns). Där känslighetsanalysen spänner över sådana "
            "kaliumnivåer visar dess rangordning av kalium den bristen, inte fysiologi."),
        "prevention_title": "Vad som förebygger spasmer",
        "prevention_intro": (
            "**{name}** (`{scenario}`): {people} virtuella personer, lika utom i "
            "`{column}`, körda som en kohort."),
        "prevention_header": "person|bedömning|Na⁺ i plasma mmol/L|extracellulärvätska L|"
                             "natriumbalans under dagarna mmol",
        "prevention_same": (
            "I kramps fysiologi gör detta ingen skillnad för spasmer: alla får samma "
            "bedömning, vad som än skiljer sig i övrigt."),
        "prevention_differs": "I kramps fysiologi skiljer sig bedömningarna.",
        "prevention_missing": "- **{name}**: {reason}",
        "prevention_quick": (
            "Jämförs i kohorter i den fullständiga rapporten (`kramp explain`): {names}."),
        "sensitivity_title": "Vilka faktorer betyder mest",
        "sensitivity_intro": (
            "En Morris-screening av **{name}** (`{id}`): {people} virtuella personer i en "
            "körning ({trajectories} banor över {factors} faktorer på {levels} nivåer), var och "
            "en bedömd enbart av detektorn; {share:.0f} % av dem fick en spasm. Faktorerna "
            "rangordnas efter μ*, den genomsnittliga absoluta ändringen av spasmens svårighet "
            "(högsta ofrivilliga kraft i % av max × varaktighet i s) för ett steg av faktorn "
            "över dess intervall."),
        "sens_rank": "#", "sens_factor": "faktor", "sens_range": "intervall",
        "sens_mu_severity": "μ* svårighet (%·s)", "sens_sigma_severity": "σ svårighet (%·s)",
        "sens_mu_occurrence": "μ* förekomst",
        "sensitivity_reading": (
            "Ett stort σ bredvid μ* betyder att faktorns effekt beror på var de andra står "
            "(samverkan eller en tröskel); μ* förekomst är den genomsnittliga absoluta "
            "ändringen av sannolikheten för en spasm över huvud taget."),
        "sensitivity_quick": "Screeningen körs i den fullständiga rapporten (utan `--quick`).",
        "sensitivity_none": "Inget orsaksscenario ber om en screening (`[sensitivity]`).",
        "figures_title": "Översikt",
        "overview_force": "högsta ofrivilliga kraft (% av max)",
        "overview_duration": "den starkaste episodens längd (s)",
    },
}
