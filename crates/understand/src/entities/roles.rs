//! Titles and roles from the words around a person's name: pre-name titles
//! ("Russian Deputy Prime Minister Alexander Novak", "Kremlin top spokesman
//! Dmitry Peskov") and appositives ("Nikolay Sukhov, senior researcher at the
//! Center for Middle East Studies,").

/// The sector a title's head word implies (PLOVER sector codes).
pub fn title_sector(word: &str) -> Option<&'static str> {
    let w = word.to_ascii_lowercase();
    Some(match w.as_str() {
        "president" | "minister" | "premier" | "chancellor" | "spokesman" | "spokeswoman" | "spokesperson"
        | "ambassador" | "envoy" | "diplomat" | "secretary" | "governor" | "mayor" | "king" | "queen" | "prince"
        | "emir" | "sultan" | "official" | "officials" | "negotiator" | "aide" | "adviser" | "advisor" | "ministry"
        | "government" | "cabinet" | "presidency" | "administration" => "GOV",
        "general" | "colonel" | "commander" | "admiral" | "lieutenant" | "sergeant" | "soldier" | "soldiers"
        | "troops" | "army" | "marshal" | "military" | "forces" | "navy" => "MIL",
        "senator" | "lawmaker" | "legislator" | "congressman" | "congresswoman" | "mp" | "parliamentarian"
        | "parliament" | "senate" | "congress" | "duma" | "assembly" | "speaker" => "LEG",
        "judge" | "justice" | "prosecutor" | "court" => "JUD",
        "police" | "policeman" | "sheriff" | "detective" | "inspector" => "COP",
        "journalist" | "reporter" | "correspondent" | "editor" | "columnist" | "anchor" | "agency" | "newspaper"
        | "broadcaster" | "television" | "outlet" => "JRN",
        "professor" | "scholar" | "academic" | "teacher" | "university" | "school" | "student" => "EDU",
        "researcher" | "analyst" | "expert" | "economist" | "activist" | "campaigner" | "fellow" => "SOC",
        "ceo" | "executive" | "chairman" | "chairwoman" | "businessman" | "businesswoman" | "founder" | "investor"
        | "company" | "bank" | "firm" => "BUS",
        "rebel" | "rebels" | "militant" | "militants" | "insurgent" | "insurgents" | "jihadist" => "REB",
        "cleric" | "imam" | "bishop" | "pope" | "priest" | "rabbi" | "patriarch" | "mufti" | "church" => "REL",
        "doctor" | "physician" | "nurse" | "surgeon" | "hospital" => "MED",
        "party" => "PTY",
        _ => return None,
    })
}

/// Words that may stand inside a title before its head ("Deputy Prime
/// Minister", "top spokesman", "Foreign Minister").
pub fn is_title_modifier(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "deputy" | "prime" | "vice" | "acting" | "former" | "top" | "senior" | "chief" | "foreign" | "defense"
            | "defence" | "interior" | "finance" | "economy" | "energy" | "health" | "justice" | "state" | "first"
            | "head" | "lead" | "supreme" | "interim" | "transitional" | "presidential" | "press" | "news"
            | "opposition" | "military" | "army" | "security" | "intelligence" | "trade" | "oil" | "lt" | "lt."
            | "gen" | "gen." | "maj" | "maj." | "col" | "col." | "sen" | "sen." | "rep" | "rep." | "gov" | "gov."
            | "dr" | "dr." | "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "general" | "attorney"
    )
}

/// Abbreviated titles and honorifics with the head word they stand for.
pub fn abbreviation(word: &str) -> Option<&'static str> {
    Some(match word.trim_end_matches('.').to_ascii_lowercase().as_str() {
        "gen" => "general",
        "lt" => "lieutenant",
        "col" => "colonel",
        "maj" => "major",
        "sen" => "senator",
        "rep" => "representative",
        "gov" => "governor",
        "pres" => "president",
        "adm" => "admiral",
        _ => return None,
    })
}
