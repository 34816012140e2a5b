//! robots.txt (RFC 9309): the group for our user agent (or `*`), and its
//! Allow/Disallow rules, the longest match winning, Allow on a tie; `*`
//! matches any run of characters and a final `$` anchors the end.

/// The rules of one site for one user agent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Robots {
    /// (allow, pattern), in file order.
    rules: Vec<(bool, String)>,
}

impl Robots {
    /// Everything allowed (no robots.txt, or a 4xx for it).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Everything disallowed (robots.txt unreachable: a 5xx or no answer).
    pub fn disallow_all() -> Robots {
        Robots { rules: vec![(false, "/".into())] }
    }

    /// The rules that apply to `agent` (a User-Agent; its product token,
    /// e.g. `newsgraph` of `newsgraph/0.1 (+https://…)`, is what counts):
    /// every group naming it (case-insensitively), else every `*` group.
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.split(['/', ' ']).next().unwrap_or("").to_ascii_lowercase();
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else { continue };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new()));
                        in_agents = true;
                    }
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        if !value.is_empty() {
                            g.1.push((key == "allow", value.to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
        let named = |g: &&Group| g.0.contains(&agent);
        let mine: Vec<_> = groups.iter().filter(named).collect();
        let chosen: Vec<_> = if mine.is_empty() { groups.iter().filter(|g| g.0.iter().any(|a| a == "*")).collect() } else { mine };
        Robots { rules: chosen.into_iter().flat_map(|g| g.1.iter().cloned()).collect() }
    }

    /// Whether `path` (with its query, e.g. `/a/b?x=1`) may be fetched.
    pub fn allowed(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pat) in &self.rules {
            if matches(pat, path) {
                let len = pat.len();
                if best.is_none_or(|(l, a)| len > l || (len == l && *allow && !a)) {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, a)| a)
    }
}

/// A group: its user agents (lowercase) and its rules (allow, pattern).
type Group = (Vec<String>, Vec<(bool, String)>);

/// Whether a robots.txt pattern matches the start of `path`.
fn matches(pat: &str, path: &str) -> bool {
    let (pat, anchored) = match pat.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pat, false),
    };
    let pat = percent_upper(pat);
    let path = percent_upper(path);
    let parts: Vec<&str> = pat.split('*').collect();
    let mut pos = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            pos = part.len();
            continue;
        }
        let last = i == parts.len() - 1;
        if last && anchored {
            // The last part must end the path, after `pos`.
            return path.len() >= pos + part.len() && path.ends_with(part);
        }
        match path[pos..].find(part) {
            Some(j) => pos += j + part.len(),
            None => return false,
        }
    }
    !anchored || pos == path.len()
}

/// Percent escapes compare case-insensitively: `%2f` is `%2F`.
fn percent_upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '%' {
            for _ in 0..2 {
                if let Some(h) = chars.next() {
                    out.push(h.to_ascii_uppercase());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TXT: &str = "# example\nUser-agent: *\nDisallow: /private/\nAllow: /private/open\nDisallow: /*.pdf$\n\n\
User-agent: OtherBot\nUser-agent: newsgraph\nDisallow: /drafts\nAllow: /drafts/public\nDisallow: /*?session=\n\n\
User-agent: badbot\nDisallow: /\n";

    #[test]
    fn our_group_longest_match_wildcards_and_anchors() {
        let r = Robots::parse(TXT, "newsgraph");
        assert!(!r.allowed("/drafts/x"));
        assert!(r.allowed("/drafts/public/y"), "the longer Allow wins");
        assert!(!r.allowed("/news?session=abc"));
        assert!(r.allowed("/news?id=1&session=abc"), "the pattern needs ?session=");
        assert!(r.allowed("/private/x"), "our own group replaces the * group");
        assert!(r.allowed("/report.pdf"));
        let any = Robots::parse(TXT, "somebot");
        assert!(!any.allowed("/private/x"));
        assert!(any.allowed("/private/open/1"));
        assert!(!any.allowed("/files/report.pdf"));
        assert!(any.allowed("/files/report.pdf?x=1"), "$ anchors the end");
        assert!(any.allowed("/"));
        assert!(!Robots::parse(TXT, "BadBot/2.0").allowed("/anything"));
        assert!(Robots::allow_all().allowed("/x") && !Robots::disallow_all().allowed("/x"));
    }

    #[test]
    fn ties_and_edge_cases() {
        let r = Robots::parse("User-agent: *\nDisallow: /page\nAllow: /page\nDisallow:\n", "newsgraph");
        assert!(r.allowed("/page"), "Allow wins a tie");
        let r = Robots::parse("User-agent: *\nDisallow: /a%2fb\nDisallow: /exact$\n", "x");
        assert!(!r.allowed("/a%2Fb/c"));
        assert!(!r.allowed("/exact") && r.allowed("/exact/more"));
        assert!(Robots::parse("garbage\n\0\u{feff}:::\n", "x").allowed("/"));
    }
}
