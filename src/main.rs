//! The `lede` binary: parse arguments, dispatch, map errors to exit codes.
//!
//! Exit codes: 0 success; 1 a document could not be opened or another error; 2 a batch
//! command finished but some inputs failed (each reported on standard error), or the
//! arguments were wrong (clap's usage errors, with a message). A closed pipe is success.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used)]

use anyhow::{Context, Result};
use clap::{CommandFactory, Parser, Subcommand};
use lede::analysis::NaiveDate;
use lede::cli::compare::CompareFormat;
use lede::cli::{self, InputFormat, OutputFormat};
use lede::export::ExportFormat;
use std::io::Write;
use std::process::ExitCode;

/// The bundled sample article, opened by `lede` without arguments.
const SAMPLE: &str = include_str!("../assets/sample.txt");
/// The sample's source: a name of its own, so its notes never mix with a file called
/// `sample.txt` in the current directory.
const SAMPLE_NAME: &str = "lede://sample.txt";

#[derive(Parser)]
#[command(
    name = "lede",
    version,
    about = "Read news and opinion critically in a terminal: claims, actors and a timeline beside the text.",
    long_about = "Read news and opinion critically in a terminal.\n\n`lede ARTICLE` opens a full-screen reader: the article, with its check-worthy claims highlighted, \
and panels listing its claims, actors and timeline. ARTICLE is a plain-text, Markdown or HTML file, an http(s) URL, or `-` for standard input. \
Without ARTICLE, lede opens its bundled sample article. With standard output not a terminal, \
it prints the reading text instead, as less does.\n\nPress ? in the reader for its keys.",
    args_conflicts_with_subcommands = true
)]
struct Args {
    /// The article to read: a file (.txt, .md, .html), an http(s):// URL, or - for standard input.
    article: Option<String>,
    /// Publication date (YYYY-MM-DD): anchors relative dates such as "last week".
    #[arg(long, value_parser = parse_date_arg)]
    date: Option<NaiveDate>,
    /// Start at the top, not where the document was left last time.
    #[arg(long)]
    top: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the analysis of documents as JSON (see the JSON schema in README.md).
    Analyze {
        /// Documents (files, URLs, - for standard input); with --input jsonl, JSON-lines files.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Output layout: one JSON value, or one object per line.
        #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
        format: OutputFormat,
        /// Input kind: documents, or JSON lines of {"id", "text", "dct"}.
        #[arg(long, value_enum, default_value_t = InputFormat::Doc)]
        input: InputFormat,
        /// Publication date for every document (YYYY-MM-DD), overriding what they say.
        #[arg(long, value_parser = parse_date_arg)]
        date: Option<NaiveDate>,
    },
    /// Line up several articles on one story: actors across them, the claims they share
    /// (in different words), the claims only one makes, and who is quoted in which.
    #[command(
        long_about = "Line up several articles on one story: the actors across them (merged by \
name and alias, with a mention count per document), the claims they share (the same \
assertion in different words, matched by content, each document's wording kept), the claims \
only one of them makes, and the sources quoted in each.\n\nA document that cannot be loaded \
is reported on standard error and left out (exit status 2); the others are compared. The \
same file given twice counts once.\n\nExamples:\n  lede compare a.html b.html https://example.org/story --format md > story.md\n  \
lede compare *.txt | jq '.shared[] | .claims[] | .text'"
    )]
    Compare {
        /// Documents (files, URLs, - for standard input): two or more.
        #[arg(required = true, num_args = 2.., value_name = "DOCUMENT")]
        inputs: Vec<String>,
        /// json: one object (compare schema 1, see README.md); md: a Markdown memo with
        /// YAML front matter, an actors table and the claims as block quotes.
        #[arg(long, value_enum, default_value_t = CompareFormat::Json)]
        format: CompareFormat,
        /// Publication date for every document (YYYY-MM-DD), overriding what they say.
        #[arg(long, value_parser = parse_date_arg)]
        date: Option<NaiveDate>,
    },
    /// Export a document's analysis and notes as Markdown, JSON or W3C Web Annotations.
    Export {
        /// The document (file, URL or -); without it (or as lede://sample.txt), the
        /// bundled sample, with the notes made on it in the reader.
        input: Option<String>,
        /// md: a Markdown memo with YAML front matter; json: the analysis and notes as JSON;
        /// webanno: the notes as W3C Web Annotations (JSON-LD).
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
        /// Publication date (YYYY-MM-DD), overriding what the document says.
        #[arg(long, value_parser = parse_date_arg)]
        date: Option<NaiveDate>,
    },
    /// Look after the notes store ($LEDE_DATA_DIR/notes or the user's data directory).
    Notes(NotesArgs),
    /// Print a shell completion script: `lede completions bash > ~/.local/share/bash-completion/completions/lede`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `lede man > lede.1`, or `lede man | man -l -`.
    Man,
}

/// What `lede notes` does.
#[derive(clap::Args)]
#[group(required = true)]
struct NotesArgs {
    /// Merge the notes of every notes file set aside as unreadable (`*.corrupt-N`) back
    /// into the file it came from, printing one line per file.
    #[arg(long)]
    recover: bool,
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("lede: {}", lede::export::terminal_safe(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        Some(Command::Analyze {
            inputs,
            format,
            input,
            date,
        }) => analyze(inputs, format, input, date),
        Some(Command::Compare {
            inputs,
            format,
            date,
        }) => compare(inputs, format, date),
        Some(Command::Export {
            input,
            format,
            output,
            date,
        }) => export(input.as_deref(), format, output, date),
        Some(Command::Notes(n)) => notes(&n),
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Args::command(), "lede", &mut out);
            out.flush().context("writing the completions")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(Args::command())
                .render(&mut out)
                .and_then(|()| out.flush())
                .context("writing the manual page")?;
            Ok(ExitCode::SUCCESS)
        }
        None => read(args.article, args.date, args.top),
    }
}

fn open_doc(source: Option<&str>) -> Result<lede::document::Document> {
    match source {
        None | Some(SAMPLE_NAME) => Ok(lede::document::plain::parse(SAMPLE_NAME, SAMPLE)),
        Some(s) => Ok(lede::io::open(s)?),
    }
}

fn read(article: Option<String>, date: Option<NaiveDate>, top: bool) -> Result<ExitCode> {
    use lede::tui::Pending;
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        // As less does: into a pipe or a file goes the reading text, never the screen.
        let doc = open_doc(article.as_deref())?;
        let mut out = std::io::stdout().lock();
        // A page's title is metadata, not text: it heads the text, as on the screen.
        let in_text = doc
            .blocks
            .first()
            .is_some_and(|b| b.kind == lede::document::BlockKind::Title);
        if let Some(title) = doc.title.as_deref().filter(|_| !in_text) {
            out.write_all(title.as_bytes())
                .and_then(|()| out.write_all(b"\n\n"))
                .context("writing the text")?;
        }
        out.write_all(doc.text.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush())
            .context("writing the text")?;
        return Ok(ExitCode::SUCCESS);
    }
    // A large file: paint its start now, read the whole on a worker.
    let start = match article.as_deref() {
        Some(p) if !p.starts_with("http://") && !p.starts_with("https://") => {
            lede::io::open_start(p).map(|first| (first, p.to_string()))
        }
        _ => None,
    };
    if let Some((first, path)) = start {
        let pending = Pending::Partial {
            first,
            job: Box::new(move || {
                let mut d = lede::io::open(&path).map_err(|e| e.to_string())?;
                if let Some(date) = date {
                    d.set_date(date, lede::document::DateSource::Flag);
                }
                Ok(d)
            }),
        };
        lede::tui::run(pending, top)?;
        return Ok(ExitCode::SUCCESS);
    }
    let pending = match article.as_deref() {
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
            let owned = url.to_string();
            Pending::Loading {
                name: url.to_string(),
                job: Box::new(move || {
                    let mut d = lede::io::open(&owned).map_err(|e| e.to_string())?;
                    if let Some(date) = date {
                        d.set_date(date, lede::document::DateSource::Flag);
                    }
                    Ok(d)
                }),
            }
        }
        other => {
            let mut doc = open_doc(other)?;
            if let Some(date) = date {
                doc.set_date(date, lede::document::DateSource::Flag);
            }
            Pending::Ready(doc)
        }
    };
    lede::tui::run(pending, top)?;
    Ok(ExitCode::SUCCESS)
}

fn analyze(
    inputs: Vec<String>,
    format: OutputFormat,
    input: InputFormat,
    date: Option<NaiveDate>,
) -> Result<ExitCode> {
    let mut jobs = Vec::new();
    for src in &inputs {
        match input {
            InputFormat::Jsonl => {
                // A corpus file that cannot be read is one failed input; the others go on.
                match lede::io::read_source(src) {
                    Ok(raw) => {
                        let (text, _) = lede::io::decode_utf8(src, &raw.bytes);
                        jobs.extend(cli::jobs_from_jsonl(src, &text));
                    }
                    Err(e) => jobs.push(cli::Job {
                        id: src.clone(),
                        source: src.clone(),
                        doc: Err(e.to_string()),
                    }),
                }
            }
            InputFormat::Doc => jobs.push(cli::Job {
                id: src.clone(),
                source: src.clone(),
                doc: lede::io::open(src).map_err(|e| e.to_string()),
            }),
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    let failed =
        cli::run_analyze(jobs, format, date, &mut out, &mut err).context("writing the analysis")?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// `lede compare`: load every input (a file named twice once), compare, write.
fn compare(
    inputs: Vec<String>,
    format: CompareFormat,
    date: Option<NaiveDate>,
) -> Result<ExitCode> {
    let mut seen: Vec<String> = Vec::new();
    let mut jobs = Vec::new();
    for src in inputs {
        // The same file under two names (./a.txt, a.txt, a link) is one document.
        let key = if src.starts_with("http://") || src.starts_with("https://") || src == "-" {
            src.clone()
        } else {
            std::fs::canonicalize(&src)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| src.clone())
        };
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        jobs.push(cli::Job {
            id: src.clone(),
            source: src.clone(),
            doc: lede::io::open(&src).map_err(|e| e.to_string()),
        });
    }
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    let failed = cli::compare::run_compare(jobs, format, date, &today, &mut out, &mut err)
        .context("writing the comparison")?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn export(
    input: Option<&str>,
    format: ExportFormat,
    output: Option<std::path::PathBuf>,
    date: Option<NaiveDate>,
) -> Result<ExitCode> {
    let mut doc = open_doc(input)?;
    if let Some(date) = date {
        doc.set_date(date, lede::document::DateSource::Flag);
    }
    let dct = doc.date;
    let a = lede::analysis::analyze(&doc.text, dct);
    let notes = export_notes(&doc)?;
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let body = lede::export::render(format, &doc, &a, &notes, dct, &today);
    match output {
        Some(path) => {
            let (target, note) = lede::io::output_target(&path).map_err(anyhow::Error::msg)?;
            if let Some(note) = note {
                eprintln!("lede: {}", lede::export::terminal_safe(&note));
            }
            lede::io::write_atomic(&target, body.as_bytes())
                .with_context(|| format!("{}: cannot write the export", target.display()))?;
            eprintln!(
                "lede: wrote {}",
                lede::export::terminal_safe(&target.display().to_string())
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(body.as_bytes())
                .context("writing the export")?;
            out.flush().context("writing the export")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `lede notes --recover`: bring back the notes of set-aside files. Exit 2 when some
/// could not be brought back (each said on standard error).
fn notes(args: &NotesArgs) -> Result<ExitCode> {
    use lede::io::notes_store::NotesStore;
    debug_assert!(args.recover, "clap requires an action");
    let store = NotesStore::from_env()?;
    let done = store.recover().context("recovering the notes")?;
    if done.is_empty() {
        println!("no notes file set aside in {}", store.dir().display());
    }
    let mut failed = false;
    for r in &done {
        if r.problem.is_some() || r.lost > 0 {
            failed = true;
            eprintln!("lede: {r}");
        } else {
            println!("{r}");
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The notes stored for `doc` (in `$LEDE_DATA_DIR` or the user's data directory),
/// re-anchored to the document as it is now. Warnings go to standard error.
fn export_notes(doc: &lede::document::Document) -> Result<lede::notes::NoteSet> {
    use lede::io::notes_store::{self, NotesStore, StoreError};
    let key = notes_store::doc_key(&doc.source, &doc.text);
    let store = match NotesStore::from_env() {
        Ok(store) => store,
        Err(StoreError::NoDataDir) => {
            eprintln!(
                "lede: no data directory for notes; exporting without them (set LEDE_DATA_DIR)"
            );
            return Ok(lede::notes::NoteSet::new(key));
        }
        Err(e) => return Err(e.into()),
    };
    let loaded = store.load(&key, &doc.text).context("reading the notes")?;
    for w in &loaded.warnings {
        eprintln!("lede: {}", lede::export::terminal_safe(w));
    }
    if !loaded.summary.all_kept() {
        eprintln!(
            "lede: the document changed since its notes were written: {}",
            loaded.summary
        );
    }
    Ok(loaded.notes)
}
