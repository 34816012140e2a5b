//! The `newsgraph` command line.

mod cmd;
mod output;
mod pipeline;

use clap::{Parser, Subcommand};
use newsgraph_store::Filter;
use output::Format;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit statuses scripts can rely on.
pub mod exit {
    /// Everything read and written.
    pub const OK: u8 = 0;
    /// Some input was bad (reported on stderr); all good input was processed.
    pub const BAD_INPUT: u8 = 1;
    /// The command line was wrong.
    pub const USAGE: u8 = 2;
    /// Nothing more could be done: the database or output failed.
    pub const FATAL: u8 = 3;
    /// The thing asked for (a document id) is not there.
    pub const NOT_FOUND: u8 = 4;
}

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "News in, a database of evidence-linked facts out: who said what, who did what to whom, when, according to whom.",
    after_help = "Examples:\n  newsgraph ingest examples/          # read the bundled articles into newsgraph.db\n  newsgraph articles                  # list what is stored\n  newsgraph extract story.txt --published 2025-10-16 > story.jsonl\n\nExit status: 0 success; 1 some input was bad (the rest was processed); 2 usage error;\n3 fatal error (database, output); 4 not found."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone, Debug)]
pub struct InputArgs {
    /// Files or directories to read: .txt (one article a file), .jsonl/.ndjson
    /// (one article a line: id, text, url, title, published, site, authors),
    /// .html/.htm/.html.gz (one page, main text and metadata extracted),
    /// .warc/.warc.gz (every HTML response), .rss/.atom/.xml feeds (one
    /// article an item). `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Publication date of plain-text articles (YYYY-MM-DD or RFC 3339); also
    /// fills JSONL articles that have none.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<String>,
    /// Title of plain-text articles.
    #[arg(long)]
    pub title: Option<String>,
    /// URL of plain-text articles.
    #[arg(long)]
    pub url: Option<String>,
    /// Site (outlet) name of plain-text articles.
    #[arg(long)]
    pub site: Option<String>,
    /// An actor file (CSV: name,aliases,type,country,sector,valid_from,valid_to)
    /// that extends and overrides the bundled actors.
    #[arg(long, env = "NEWSGRAPH_ACTORS")]
    pub actors: Option<PathBuf>,
}

#[derive(clap::Args, Clone, Debug)]
pub struct DbArg {
    /// The database file.
    #[arg(long, env = "NEWSGRAPH_DB", default_value = "newsgraph.db")]
    pub db: PathBuf,
}

/// The filters every query command takes (one flag set, one meaning);
/// each command's help says which of them it uses.
#[derive(clap::Args, Clone, Debug, Default)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Event actor: a code (RUSGOV, or a prefix such as RUS) or a name.
    #[arg(long)]
    pub actor: Option<String>,
    /// Event recipient: a code or a name.
    #[arg(long)]
    pub recipient: Option<String>,
    /// Statement speaker (name, alias, or the words the text uses); for events, who asserts the event.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Event type (CONSULT, ASSAULT, ...), statement kind (direct, indirect, mixed) or entity type (PERSON, ORG, LOC, NORP, MISC).
    #[arg(long = "type")]
    pub r#type: Option<String>,
    /// Place of an event (name contains).
    #[arg(long)]
    pub place: Option<String>,
    /// Outlet: the site that published the article, or the outlet that relayed a statement.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only the outlet or channel that relayed a statement.
    #[arg(long)]
    pub via: Option<String>,
    /// Entity name or alias contains this (entities; articles that mention one).
    #[arg(long)]
    pub name: Option<String>,
    /// Entity country code (ISO 3166 alpha-3, or UNO, EUR, IGO, NGO, ...).
    #[arg(long)]
    pub country: Option<String>,
    /// One document (its id): its statements, entities, the events it reports.
    #[arg(long)]
    pub document: Option<String>,
    /// From this date on (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = parse_filter_date)]
    pub since: Option<String>,
    /// Up to this date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = parse_filter_date)]
    pub until: Option<String>,
    /// Full-text query on the article or statement (words, "a phrase", prefix*, AND, OR, NOT).
    #[arg(long)]
    pub text: Option<String>,
}

impl FilterArgs {
    /// The store filter, if every flag given applies to this command
    /// (`applies`: one of `newsgraph_store::applies`); else a usage error.
    pub fn only(self, command: &str, applies: &[&str]) -> anyhow::Result<Filter> {
        let f = self.into_filter();
        let wrong = f.not_applying(applies);
        if !wrong.is_empty() {
            let flags = |names: &[&str]| names.iter().map(|n| format!("--{n}")).collect::<Vec<_>>().join(" ");
            return Err(Usage(format!("{command}: {} does not apply here (filters of {command}: {})", flags(&wrong), flags(applies))).into());
        }
        Ok(f)
    }

    pub fn into_filter(self) -> Filter {
        Filter {
            actor: self.actor,
            recipient: self.recipient,
            speaker: self.speaker,
            r#type: self.r#type,
            place: self.place,
            outlet: self.outlet,
            via: self.via,
            name: self.name,
            country: self.country,
            document: self.document,
            since: self.since,
            until: self.until,
            text: self.text,
            scope: Default::default(),
        }
    }
}

/// A mistake on the command line found after parsing (exit status 2).
#[derive(Debug)]
pub struct Usage(pub String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

#[derive(clap::Args, Clone, Copy, Debug)]
pub struct Page {
    /// At most this many rows.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Skip this many rows first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

impl From<Page> for newsgraph_store::Page {
    fn from(p: Page) -> Self {
        newsgraph_store::Page { limit: p.limit, offset: p.offset }
    }
}

#[derive(clap::Args, Clone, Copy, Debug)]
pub struct FormatArg {
    /// Output format (default: a table on a terminal, JSONL otherwise).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the pipeline and print one newsgraph/1 record a line (JSONL).
    #[command(after_help = "Examples:\n  newsgraph extract examples/\n  newsgraph extract story.txt --published 2025-10-16 --title 'Talks in Moscow'\n  cat articles.jsonl | newsgraph extract -")]
    Extract {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Run the pipeline and store the records in the database.
    #[command(after_help = "Examples:\n  newsgraph ingest examples/\n  newsgraph ingest --db news.db crawl/*.jsonl\n  NEWSGRAPH_DB=news.db newsgraph ingest story.txt --published 2025-10-16\n\nA document already stored (same id) is skipped. Interrupted runs resume: run the same command again.")]
    Ingest {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        db: DbArg,
    },
    /// Cluster worker: read input paths on stdin (one a line), write one
    /// shard of records per input, print each shard's path.
    #[command(after_help = "Examples:\n  ls crawl/*.jsonl | newsgraph worker --out shards/\n  # under Spark: rdd.pipe(\"newsgraph worker --out /shared/shards\")\n  newsgraph load shards/*.jsonl\n\nEach output line: SHARD_PATH<TAB>DOCUMENTS<TAB>ERRORS. A shard is written under a temporary\nname and renamed when complete; an input whose shard exists is skipped.")]
    Worker {
        /// Directory for the shards.
        #[arg(long)]
        out: PathBuf,
        /// Publication date for plain-text inputs.
        #[arg(long, value_parser = parse_date)]
        published: Option<String>,
        /// Actor file (see `ingest --help`).
        #[arg(long, env = "NEWSGRAPH_ACTORS")]
        actors: Option<PathBuf>,
    },
    /// Merge record shards (from `worker` or `extract`) into the database.
    #[command(after_help = "Examples:\n  newsgraph load shards/*.jsonl\n  newsgraph load --db news.db part-0001.jsonl\n\nIdempotent: records already stored are skipped.")]
    Load {
        /// Shard files: JSONL of newsgraph/1 records.
        #[arg(required = true)]
        shards: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArg,
    },
    /// List stored articles, newest first.
    #[command(after_help = "Filters: --outlet --name --document --since --until --text\n\nExamples:\n  newsgraph articles\n  newsgraph articles --outlet 'Example Wire' --since 2025-10 --format csv > articles.csv\n  newsgraph articles --text 'sanctions NOT russia' --name Sharaa")]
    Articles {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        page: Page,
    },
    /// Print one stored record (exactly what `extract` printed for it).
    #[command(after_help = "Examples:\n  newsgraph show visit-1\n  newsgraph show visit-1 | jq '.sentences | length'")]
    Show {
        /// The document id.
        id: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// List entities stored across documents.
    #[command(after_help = "Filters: --name --country --type --document\n\nExamples:\n  newsgraph entities --name sharaa\n  newsgraph entities --country RUS --type PERSON --format csv\n  newsgraph entities --document visit-moscow")]
    Entities {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        page: Page,
    },
    /// Show one stored entity: aliases, roles and mentions across articles.
    #[command(after_help = "Examples:\n  newsgraph entity 12\n  newsgraph entity 12 --format json")]
    Entity {
        /// The entity id (from `newsgraph entities`).
        id: i64,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
    },
    /// List stored statements (quotes and reported speech).
    #[command(after_help = "Filters: --speaker --type (direct, indirect, mixed) --outlet --via --document --since --until --text\n\nExamples:\n  newsgraph quotes --speaker Peskov\n  newsgraph quotes --via Tass --since 2025-10-01 --until 2025-10-31 --format csv\n  newsgraph quotes --outlet 'Example Wire' --text 'agenda OR bases'")]
    Quotes {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        page: Page,
    },
    /// List stored events, each once, with the sentences that report it.
    #[command(after_help = "Filters: --actor --recipient --type --place --since --until (the event); --outlet --speaker --document --text (a report of it)\n\nExamples:\n  newsgraph events --actor RUS --recipient SYR --since 2025-10\n  newsgraph events --actor Putin --type CONSULT --format json\n  newsgraph events --document visit-moscow --outlet 'Example Wire'")]
    Events {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        page: Page,
    },
    /// Download pages or feeds over HTTP(S) and store their articles.
    Fetch(cmd::fetch::FetchArgs),
    /// Poll feeds over HTTP(S) and store new items as they appear.
    Watch(cmd::fetch::WatchArgs),
    /// Full-text search over stored articles and statements.
    Search(cmd::search::SearchArgs),
    /// Export stored facts: GDELT, PLOVER, JSONL, CSV or Parquet.
    Export(cmd::export::ExportArgs),
    /// Serve the JSON API and the web interface.
    Serve(cmd::serve::ServeArgs),
    /// Count what the database holds.
    #[command(after_help = "Examples:\n  newsgraph stats\n  newsgraph stats --format json")]
    Stats {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Measure the speed of each pipeline stage on one core.
    #[command(after_help = "Examples:\n  newsgraph bench --input ../shared/data/quotes/polnear_train.jsonl\n  newsgraph bench --input articles.jsonl --limit 200 --format json")]
    Bench {
        /// JSONL articles (a `text` field each) or text files.
        #[arg(long, required = true)]
        input: Vec<PathBuf>,
        /// Use at most this many articles.
        #[arg(long)]
        limit: Option<usize>,
        /// Run the whole set this many times and keep the fastest run of each stage.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Score a pipeline stage against gold data.
    #[command(subcommand)]
    Eval(cmd::eval::EvalCommand),
    /// Train a model from gold data and write the model file.
    #[command(after_help = "Examples:\n  newsgraph train pos --train ../shared/data/ud/en_ewt-ud-train.conllu --dev ../shared/data/ud/en_ewt-ud-dev.conllu --out crates/annotate/models/pos.bin\n  newsgraph train ner --train ../shared/data/ner/conll2003.train.txt --dev ../shared/data/ner/conll2003.dev.txt --out crates/annotate/models/ner.bin\n  newsgraph train quotes --train ../shared/data/quotes/polnear_train.jsonl --dev ../shared/data/quotes/polnear_dev.jsonl --out crates/understand/models/quotes.bin")]
    Train {
        /// Which model.
        #[arg(value_enum)]
        model: cmd::models::Model,
        /// Training file (CoNLL-U for pos and parse, CoNLL-2003 for ner, PolNeAR JSONL for quotes).
        #[arg(long)]
        train: PathBuf,
        /// Development file, for the scores printed at the end.
        #[arg(long)]
        dev: PathBuf,
        /// Where to write the model.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Tag and parse the sentences of a CoNLL-U file; write CoNLL-U.
    #[command(after_help = "Example:\n  newsgraph parse --conllu ../shared/data/ud/en_ewt-ud-dev.conllu > predicted.conllu")]
    Parse {
        #[arg(long)]
        conllu: PathBuf,
    },
    /// Add a predicted IOB2 entity column to a CoNLL-2003 file.
    #[command(after_help = "Example:\n  newsgraph tag --conll ../shared/data/ner/conll2003.dev.txt > tagged.txt")]
    Tag {
        #[arg(long)]
        conll: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { exit::USAGE } else { exit::OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Extract { input } => cmd::run::extract(&input),
        Command::Ingest { input, db } => cmd::run::ingest(&input, &db.db),
        Command::Worker { out, published, actors } => {
            let args = InputArgs { paths: Vec::new(), published, title: None, url: None, site: None, actors };
            cmd::run::worker(&args, &out)
        }
        Command::Load { shards, db } => cmd::run::load(&shards, &db.db),
        Command::Articles { db, format, filter, page } => cmd::query::articles(&db.db, format.format, filter, page),
        Command::Show { id, db } => cmd::query::show(&db.db, &id),
        Command::Entities { db, format, filter, page } => cmd::query::entities(&db.db, format.format, filter, page),
        Command::Entity { id, db, format } => cmd::query::entity(&db.db, id, format.format),
        Command::Quotes { db, format, filter, page } => cmd::query::quotes(&db.db, format.format, filter, page),
        Command::Events { db, format, filter, page } => cmd::query::events(&db.db, format.format, filter, page),
        Command::Fetch(a) => cmd::fetch::fetch(a),
        Command::Watch(a) => cmd::fetch::watch(a),
        Command::Search(a) => cmd::search::search(a),
        Command::Export(a) => cmd::export::export(a),
        Command::Serve(a) => cmd::serve::serve(a),
        Command::Stats { db, format } => cmd::query::stats(&db.db, format.format),
        Command::Bench { input, limit, repeat, format } => cmd::bench::run(&input, limit, repeat, format.format),
        Command::Eval(e) => cmd::eval::run(e),
        Command::Train { model, train, dev, out, format } => cmd::models::train(model, &train, &dev, &out, format),
        Command::Parse { conllu } => cmd::models::parse(&conllu),
        Command::Tag { conll } => cmd::models::tag(&conll),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(exit::OK);
            }
            if is_usage(&e) {
                eprintln!("newsgraph: error: {e:#}");
                return ExitCode::from(exit::USAGE);
            }
            eprintln!("newsgraph: error: {e:#}");
            ExitCode::from(exit::FATAL)
        }
    }
}

fn parse_date(s: &str) -> Result<String, String> {
    newsgraph_ingest::normalize_date(s).ok_or_else(|| format!("{s:?} is not a date (expected YYYY-MM-DD or RFC 3339)"))
}

fn parse_filter_date(s: &str) -> Result<String, String> {
    if newsgraph_store::is_filter_date(s) {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"))
    }
}

/// A usage mistake found after parsing: a flag that does not apply, bad
/// full-text syntax.
fn is_usage(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<Usage>().is_some() || matches!(c.downcast_ref::<newsgraph_store::StoreError>(), Some(newsgraph_store::StoreError::Query(_)))
    })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
